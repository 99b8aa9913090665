package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Participant;
import dev.lpa.core.model.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manager's My/All tabs and status filter, and the jump to the last notified conversation. */
class ManagerViewTest {
  private final MutableClock clock = new MutableClock(Harness.T0);

  private static Conversation assignedTo(Conversation c, String legacyId, Role myRole) {
    List<Participant> parts = new ArrayList<>(c.participants());
    parts.removeIf(p -> p.role() == Role.ASSIGNED_AGENT);
    if (legacyId != null) {
      parts.add(new Participant(legacyId, null, Role.ASSIGNED_AGENT, "ACTIVE"));
    }
    return new Conversation(c.id(), c.consumer(), c.skillId(), c.skillName(), c.state(), c.started(), c.ended(),
        c.ttr(), c.effectiveTtr(), c.manualDue(), parts, c.dialogs(), myRole, c.unread(), c.lastMessage(),
        c.lastAgentActivity(), c.lastUpdated(), c.closeReason());
  }

  @Test
  void my_and_all_tabs_with_status_filter() {
    FakeWorkspace ws = new FakeWorkspace(clock, true);
    ws.put(FakeWorkspace.conversation("m1", "Mine Only", null, "Billing", Harness.T0, Fixtures.at("10:30"), Role.ASSIGNED_AGENT, 0));
    ws.put(assignedTo(FakeWorkspace.conversation("t1", "Team Case", null, "Sales", Harness.T0, Fixtures.at("10:20"), null, 0),
        FakeWorkspace.ACCOUNT + ".2", null));
    ws.put(assignedTo(FakeWorkspace.conversation("q1", "Queued Person", null, "Sales", Harness.T0, Fixtures.at("10:10"), null, 0),
        null, null));
    ws.put(assignedTo(FakeWorkspace.conversation("j1", "Joined Case", null, "Sales", Harness.T0, Fixtures.at("10:50"), null, 0),
        FakeWorkspace.ACCOUNT + ".3", Role.MANAGER));
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
    FakeWorkspace ws = new FakeWorkspace(clock, true);
    ws.put(assignedTo(FakeWorkspace.conversation("q1", "Queued Person", null, "Sales", Harness.T0, Fixtures.at("10:10"), null, 0),
        null, null));
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      h.key('t');
      h.until(() -> h.shows("Queued Person"));
      h.key(com.googlecode.lanterna.input.KeyType.Enter);
      h.until(() -> "q1".equals(h.console.model().openId()));
      assertThat(h.text()).contains("Not joined: reading only.").contains("then Join to write")
          .doesNotContain("Type a message");
    }
  }

  @Test
  void ctrl_g_opens_the_last_notified_conversation() {
    FakeWorkspace ws = Fixtures.desk(clock);
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
