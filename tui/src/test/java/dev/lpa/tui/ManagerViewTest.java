package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Participant;
import dev.lpa.core.model.Role;
import dev.lpa.core.testkit.ScriptedWorkspace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manager's My/All tabs and status filter, and the jump to the last notified conversation. */
class ManagerViewTest {
  private final MutableClock clock = new MutableClock(Harness.T0);

  @Test
  void my_and_all_tabs_with_status_filter() {
    ScriptedWorkspace ws = Fixtures.workspace(clock, true);
    ws.conversation(Fixtures.conversation("m1", "Mine Only", null, "Billing", Harness.T0, Fixtures.at("10:30"),
        Role.ASSIGNED_AGENT));
    ws.conversation(Fixtures.conversation("t1", "Team Case", null, "Sales", Harness.T0, Fixtures.at("10:20"), null)
        .assignedTo(Fixtures.ACCOUNT + ".2", "pid-2"));
    ws.conversation(Fixtures.conversation("q1", "Queued Person", null, "Sales", Harness.T0, Fixtures.at("10:10"), null));
    ws.conversation(Fixtures.conversation("j1", "Joined Case", null, "Sales", Harness.T0, Fixtures.at("10:50"), null)
        .assignedTo(Fixtures.ACCOUNT + ".3", "pid-3").participant("MANAGER", ws.me().userId(), ws.me().userPid()));
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      assertThat(h.text()).contains("[My 2]  All", "Mine Only", "Joined Case").doesNotContain("Team Case", "Queued Person");
      h.key('t');
      h.until(() -> h.shows("Bea Berg · "));
      assertThat(h.text()).contains("My  [All 4]", "Team Case", "Queued Person", "Unassigned · ", "⊕ joined Cem Cohen");
      h.key('f').key('1').key('2');
      assertThat(h.text()).contains("Open & unassigned", "Queued Person").doesNotContain("Team Case", "Mine Only");
      h.key('t');
      assertThat(h.text()).contains("[My 2]").doesNotContain("Queued Person");
    }
  }

  @Test
  void a_conversation_not_joined_reads_without_a_composer_and_says_how_to_join() {
    ScriptedWorkspace ws = Fixtures.workspace(clock, true);
    ws.conversation(Fixtures.conversation("q1", "Queued Person", null, "Sales", Harness.T0, Fixtures.at("10:10"), null));
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      h.key('t');
      h.until(() -> h.shows("Queued Person"));
      h.key(com.googlecode.lanterna.input.KeyType.Enter);
      h.until(() -> "q1".equals(h.console.model().openId()));
      assertThat(h.text()).contains("Not joined: reading only.").contains("then Join to write")
          .doesNotContain("Type a message");
      // no composer, so letters do what they do in the list (t switches back to My), but not q
      h.key('q');
      assertThat(h.console.running()).isTrue();
      assertThat(h.console.model().openId()).isEqualTo("q1");
      h.key('t');
      assertThat(h.text()).contains("[My 0]");
    }
  }

  @Test
  void ctrl_g_opens_the_last_notified_conversation() {
    ScriptedWorkspace ws = Fixtures.desk(clock);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      h.ctrl('g');
      assertThat(h.text()).contains("No notified conversation to go to.");
      ws.consumerSays("c3", "hello?", clock.instant());
      h.tick().ctrl('g');
      assertThat(h.console.model().openId()).isEqualTo("c3");
      assertThat(h.console.model().focus()).isEqualTo(ConsoleModel.Pane.CHAT);
    }
  }
}
