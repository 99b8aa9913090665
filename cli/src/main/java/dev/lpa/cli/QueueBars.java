package dev.lpa.cli;

import dev.lpa.cli.support.Ansi;
import dev.lpa.core.model.QueueHealth;
import dev.lpa.tui.render.QueueBars.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Queue health as one bar per skill for a terminal: the console's bars ({@link
 * dev.lpa.tui.render.QueueBars}, one drawing for both faces) with SGR colour on the blocks.
 */
final class QueueBars {
  static final char OVERDUE = dev.lpa.tui.render.QueueBars.OVERDUE;
  static final char WAITING = dev.lpa.tui.render.QueueBars.WAITING;

  private QueueBars() {}

  /** One line per skill; bars share one scale so the longest queue fills {@code barWidth}. */
  static List<String> render(List<QueueHealth> health, int barWidth, Ansi a) {
    List<String> out = new ArrayList<>();
    for (List<Span> line : dev.lpa.tui.render.QueueBars.lines(health, barWidth)) {
      StringBuilder sb = new StringBuilder();
      for (Span s : line) {
        sb.append(switch (s.kind()) {
          case OVERDUE -> a.red(s.text());
          case WAITING -> a.yellow(s.text());
          case TEXT -> s.text();
        });
      }
      out.add(sb.toString());
    }
    return out;
  }
}
