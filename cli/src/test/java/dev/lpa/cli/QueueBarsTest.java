package dev.lpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.cli.support.Ansi;
import dev.lpa.core.model.QueueHealth;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueBarsTest {
  static final List<QueueHealth> HEALTH = List.of(
      new QueueHealth("1001", "General", 10, 4, 0, Duration.ofMinutes(7), 2),
      new QueueHealth("1002", "Sales", 1, 0, 0, Duration.ofSeconds(30), 0),
      new QueueHealth("1003", "Billing", 0, -1, -1, Duration.ZERO, -1));

  @Test
  void monochromeBarsTellOverdueFromWaitingByShape() {
    List<String> lines = QueueBars.render(HEALTH, 20, new Ansi(false));
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("General │████████▒▒▒▒▒▒▒▒▒▒▒▒│ 10 waiting, 4 overdue, longest 7m")
        .endsWith("2 online").doesNotContain("\u001b");
    // every bar on the scale of the longest queue
    assertThat(lines.get(1)).startsWith("Sales   │▒▒" + " ".repeat(18) + "│ 1 waiting, 0 overdue");
    assertThat(lines.get(2)).contains("│" + " ".repeat(20) + "│ 0 waiting, ? overdue").endsWith("? online");
    assertThat(lines.get(3)).contains("█ overdue").contains("▒ waiting");
  }

  @Test
  void colourOnlyWrapsTheSameBlocks() {
    String coloured = QueueBars.render(HEALTH, 20, new Ansi(true)).get(0);
    assertThat(coloured).contains("\u001b[");
    assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(QueueBars.render(HEALTH, 20, new Ansi(false)).get(0));
  }

  @Test
  void aQueueOfOneNextToALongOneStillShowsABlock() {
    List<String> lines = QueueBars.render(List.of(
        new QueueHealth("1", "Big", 100, 0, 0, Duration.ZERO, 1),
        new QueueHealth("2", "One", 1, 1, 0, Duration.ZERO, 1)), 20, new Ansi(false));
    assertThat(lines.get(1)).startsWith("One   │█" + " ".repeat(19) + "│");
  }
}
