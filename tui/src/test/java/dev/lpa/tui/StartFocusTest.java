package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.testkit.ScriptedWorkspace;
import org.junit.jupiter.api.Test;

/** The console opened after a desktop notification opens that conversation ("tapping" it). */
class StartFocusTest {
  private final MutableClock clock = new MutableClock(Harness.T0);

  @Test
  void opensTheConversationNamedAtStart() {
    ScriptedWorkspace ws = Fixtures.desk(clock);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options().withFocus("c2"))) {
      assertThat(h.console.model().openId()).isEqualTo("c2");
      // it counts as the notified one: after opening another, Ctrl+G goes back to it
      h.console.model().moveCursor("c1");
      h.key(com.googlecode.lanterna.input.KeyType.Escape).key(com.googlecode.lanterna.input.KeyType.Enter);
      h.until(() -> "c1".equals(h.console.model().openId()));
      h.ctrl('g');
      assertThat(h.console.model().openId()).isEqualTo("c2");
    }
  }

  @Test
  void aConversationNoLongerListedOrNoneOpensTheList() {
    try (Harness h = new Harness(120, 40, Fixtures.desk(clock), clock, Harness.options().withFocus("gone"))) {
      assertThat(h.console.model().openId()).isNull();
    }
    try (Harness h = new Harness(120, 40, Fixtures.desk(clock), clock, Harness.options())) {
      assertThat(h.console.model().openId()).isNull();
    }
  }
}
