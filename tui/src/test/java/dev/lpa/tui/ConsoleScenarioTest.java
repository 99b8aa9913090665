package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import dev.lpa.core.LpaException;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Role;
import dev.lpa.core.testkit.Await;
import dev.lpa.core.testkit.ScriptedWorkspace;
import dev.lpa.core.workspace.Workspace.ConversationWithMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Key-driven scenarios against core's scripted workspace (the real reducer), with a hand-moved
 * clock. Just over the ~400 lines aimed for: each test is one short journey over the same desk,
 * and splitting them by feature would only copy the desk and the harness set-up around.
 */
class ConsoleScenarioTest {
  private final MutableClock clock = new MutableClock(Harness.T0);
  private final ScriptedWorkspace ws = Fixtures.desk(clock);

  private Harness console(int cols, int rows) {
    return new Harness(cols, rows, ws, clock, Harness.options());
  }

  @Test
  void ring_counts_down_and_accept_opens_that_conversation() {
    try (Harness h = console(120, 40)) {
      assertThat(h.text()).contains("Lea Stein · Sales", "0:45");
      clock.advance(Duration.ofSeconds(15));
      h.tick();
      assertThat(h.text()).contains("0:30");
      h.key('a');
      assertThat(ws.calls).contains("acceptRing ring-c6");
      h.until(() -> "c6".equals(h.console.model().openId()));
      assertThat(h.console.model().focus()).isEqualTo(ConsoleModel.Pane.CHAT);
      assertThat(h.text()).doesNotContain("New conversation:").contains("Lea Stein · Sales", "Hi! Is the blue jacket");
    }
  }

  @Test
  void a_ring_shows_what_core_looked_up_for_it() {
    ScriptedWorkspace fresh = Fixtures.workspace(clock);
    String uuid = "5a70ea40-1111-2222-3333-444455556666";
    Fixtures.ringOnly(fresh, "c9", uuid, "11", clock.instant().plusSeconds(60), null);
    try (Harness h = new Harness(120, 40, fresh, clock, Harness.options())) {
      // nothing looked up: the banner keeps the short id
      assertThat(h.tick().text()).contains("New conversation: 5a70ea40… · Sales");
    }
    ScriptedWorkspace named = Fixtures.workspace(clock);
    Fixtures.ringOnly(named, "c9", uuid, "11", clock.instant().plusSeconds(60), new dev.lpa.core.model.RingDetails("c9",
        new dev.lpa.core.model.ConsumerProfile(uuid, "Zoe", "Zed", null, null, null, "WEB", java.util.Map.of()), null,
        null));
    try (Harness h = new Harness(120, 40, named, clock, Harness.options())) {
      h.until(() -> h.shows("New conversation: Zoe Zed · Sales"));
    }
    // the usual ring: its conversation is not in the lists, only core's look-up knows about it
    ScriptedWorkspace unseen = Fixtures.workspace(clock);
    Message last = new Message("c10", "c10", 2, clock.instant(), Message.Sender.CONSUMER, uuid, uuid, null,
        new Message.Text("my card was charged twice\u001b[2J"), Message.Delivery.DELIVERED, null);
    Fixtures.ringOnly(unseen, "c10", uuid, "10", clock.instant().plusSeconds(75), new dev.lpa.core.model.RingDetails("c10",
        new dev.lpa.core.model.ConsumerProfile(uuid, "Ivo", "Petrov", null, null, null, "WEB", java.util.Map.of()),
        "Billing", last));
    try (Harness h = new Harness(120, 40, unseen, clock, Harness.options())) {
      h.until(() -> h.shows("New conversation: Ivo Petrov · Billing · “my card was charged twice"));
      assertThat(h.text()).contains("1:15").doesNotContain("\u001b");
    }
  }

  @Test
  void ignoring_a_ring_lets_it_time_out() {
    try (Harness h = console(120, 40)) {
      clock.advance(Duration.ofSeconds(50));
      ws.ringEnds("ring-c6", "EXPIRED");
      h.tick();
      assertThat(h.text()).doesNotContain("Lea Stein");
      assertThat(ws.calls).noneMatch(c -> c.startsWith("acceptRing"));
    }
  }

  @Test
  void reply_with_enter_and_multi_line_with_alt_enter() {
    try (Harness h = console(120, 40)) {
      h.key(KeyType.Enter); // open Dana Fox (top of the list: overdue)
      assertThat(h.console.model().openId()).isEqualTo("c1");
      assertThat(ws.calls).contains("markRead c1");
      h.type("Refund is on its way.").alt(KeyType.Enter).type("Anything else?");
      assertThat(h.console.model().composer().lines()).containsExactly("Refund is on its way.", "Anything else?");
      assertThat(ws.calls).contains("setTyping c1 true");
      h.key(KeyType.Enter);
      assertThat(ws.calls).contains("sendText c1 Refund is on its way.\nAnything else?");
      h.until(() -> h.shows("Alex Agent 10:00 ✓ sent"));
      assertThat(h.console.model().composer().text()).isEmpty();
      // answered: no longer overdue
      assertThat(h.text()).doesNotContain("-10m");
    }
  }

  @Test
  void a_transfer_note_shows_as_a_private_note_not_as_a_bubble() {
    ws.knownUser(Fixtures.ACCOUNT + ".7", "Sam Lee");
    ws.message("c1", ws.fromAgent(Fixtures.ACCOUNT + ".7").text("refund approved, ticket 4411").agentsOnly()
        .at(Fixtures.at("09:47")));
    ws.message("c1", ws.fromAgent(Fixtures.ACCOUNT + ".7").text("handing you over now").at(Fixtures.at("09:48")));
    try (Harness h = console(120, 40)) {
      h.key(KeyType.Enter);
      assertThat(h.console.model().openId()).isEqualTo("c1");
      String screen = h.text();
      assertThat(screen).contains("┆ Private note (agents and managers only) · Sam Lee 09:47",
          "┆ refund approved, ticket 4411");
      // the consumer-visible one stays a bubble with its ticks
      assertThat(screen).contains("handing you over now").doesNotContain("┆ handing you over now");
      assertThat(screen).contains("Sam Lee 09:48 ✓");
    }
  }

  @Test
  void a_private_note_as_newest_message_is_marked_in_the_list() {
    ws.knownUser(Fixtures.ACCOUNT + ".7", "Sam Lee");
    ws.message("c1", ws.fromAgent(Fixtures.ACCOUNT + ".7").text("refund approved, ticket 4411").agentsOnly()
        .at(Fixtures.at("09:47")));
    try (Harness h = console(120, 40)) {
      assertThat(h.text()).contains("┆ refund approved, ticket 4411");
    }
  }

  @Test
  void ctrl_n_inserts_a_newline_too() {
    try (Harness h = console(120, 40)) {
      h.key(KeyType.Enter).type("a").ctrl('n').type("b");
      assertThat(h.console.model().composer().text()).isEqualTo("a\nb");
    }
  }

  @Test
  void transfer_to_a_skill_shows_agents_online_and_sends_the_note() {
    try (Harness h = console(120, 40)) {
      h.key(KeyType.Enter).ctrl('k');
      assertThat(h.text()).contains("Actions · Dana Fox", "[t] Transfer");
      h.key('t').key('s');
      assertThat(h.text()).contains("Sales", "0 online", "Tech support", "2 online");
      assertThat(h.text()).doesNotContain("[1] Billing"); // its own skill is not offered
      h.key('2'); // Tech support
      h.type("double charge, see invoice").key(KeyType.Enter);
      h.until(() -> ws.calls.contains("transferToSkill c1 12 double charge, see invoice"));
      h.until(() -> h.console.model().openId() == null);
      assertThat(h.text()).contains("Please select a conversation").doesNotContain("Dana Fox");
    }
  }

  @Test
  void transfer_to_an_agent_by_search() {
    try (Harness h = console(120, 40)) {
      h.key(KeyType.Enter).ctrl('k').key('t').key('a');
      assertThat(h.text()).contains("Bea Berg", "online 1/5").doesNotContain("Alex Agent  ");
      h.type("bea").key(KeyType.Enter).key(KeyType.Enter);
      h.until(() -> ws.calls.contains("transferToAgent c1 2 null"));
    }
  }

  @Test
  void return_to_queue_from_the_list() {
    try (Harness h = console(120, 40)) {
      h.key('j').key('m').key('r');
      h.until(() -> ws.calls.contains("returnToQueue c2"));
      h.until(() -> h.shows("+1 555 0100 went back to the queue."));
      assertThat(h.text()).contains("Conversations (3)");
    }
  }

  @Test
  void close_asks_for_confirmation_then_shows_the_select_state() {
    try (Harness h = console(120, 40)) {
      h.key(KeyType.Enter).key(KeyType.F4).key('c');
      assertThat(h.text()).contains("Close the conversation with Dana Fox?");
      h.key('n');
      assertThat(ws.calls).noneMatch(c -> c.startsWith("close "));
      h.key(KeyType.F4).key('c').key('y');
      h.until(() -> ws.calls.contains("close c1"));
      h.until(() -> h.shows("Please select a conversation"));
      // it stays in the list under "closed" for a day
      assertThat(h.text()).contains("Closed (last 24 h)");
    }
  }

  @Test
  void closed_conversation_shows_a_banner_instead_of_the_composer() {
    try (Harness h = console(120, 40)) {
      h.key('G').key(KeyType.Enter);
      assertThat(h.console.model().openId()).isEqualTo("c5");
      assertThat(h.text()).contains("Conversation is closed").doesNotContain("Type a message");
    }
  }

  @Test
  void multi_select_returns_the_marked_and_failures_stay_marked_with_their_reason() {
    ws.failing("returnToQueue", "c3", new LpaException(LpaException.Kind.FORBIDDEN, "not assigned to you any more"));
    try (Harness h = console(120, 40)) {
      h.key(' ').key(KeyType.ArrowDown).key(' ');
      assertThat(h.console.model().marked()).containsExactly("c1", "c3");
      h.key('R');
      assertThat(h.text()).contains("Return 2 marked conversation(s) to the queue?");
      h.key('y');
      h.until(() -> ws.calls.contains("returnToQueue c1") && ws.calls.contains("returnToQueue c3"));
      h.until(() -> h.shows("1 returned, 1 failed"));
      assertThat(h.console.model().marked()).containsExactly("c3");
      assertThat(h.text()).contains("✗ not assigned to you any more").doesNotContain("Dana Fox");
    }
  }

  @Test
  void mark_all_marks_every_open_conversation() {
    try (Harness h = console(120, 40)) {
      h.key('*');
      assertThat(h.console.model().marked()).containsExactlyInAnyOrder("c1", "c2", "c3", "c4");
      h.key('*');
      assertThat(h.console.model().marked()).isEmpty();
    }
  }

  @Test
  void filter_as_you_type_and_jump_keys() {
    try (Harness h = console(120, 40)) {
      h.key('/').type("erik");
      assertThat(h.text()).contains("Erik Olsen").doesNotContain("Dana Fox", "Mia Wong");
      h.key(KeyType.Escape);
      assertThat(h.text()).contains("Dana Fox", "Mia Wong");
      h.key('G'); // last row, then jump to the next overdue wraps around to the top
      h.key('o');
      assertThat(h.console.model().cursorId()).isEqualTo("c1");
      h.key('u');
      assertThat(h.console.model().cursorId()).isEqualTo("c2");
    }
  }

  @Test
  void the_row_under_the_cursor_stays_put_when_the_list_resorts() {
    try (Harness h = console(80, 14)) {
      h.key('j').key('j').key('j'); // Mia Wong, fourth row
      int[] before = h.find("Mia Wong");
      // a new conversation arrives above her: the list scrolls instead of moving her row
      ws.conversation(Fixtures.conversation("c8", "Ivo Ilic", null, "Sales", clock.instant(), Fixtures.at("10:20"),
          Role.ASSIGNED_AGENT));
      h.tick();
      assertThat(h.console.model().cursorId()).isEqualTo("c4");
      assertThat(h.find("Mia Wong")).isEqualTo(before);
      assertThat(h.text()).contains("Ivo Ilic");
      assertThat(h.bgAt(before[1], before[0])).isEqualTo(Theme.DARK.style(Theme.Role.CURSOR).bg());
    }
  }

  @Test
  void logout_with_open_conversations_offers_three_choices() {
    try (Harness h = console(120, 40)) {
      h.key('L');
      assertThat(h.text()).contains("You have 4 open conversation(s)", "Return all to the queue and log out",
          "Log out without returning them", "Cancel");
      h.key('c');
      assertThat(h.console.running()).isTrue();
      h.key('L').key('r');
      h.until(() -> !h.console.running());
      assertThat(ws.calls).contains("returnToQueue c1", "returnToQueue c2", "returnToQueue c3", "returnToQueue c4",
          "close-workspace");
    }
  }

  @Test
  void logout_stays_logged_in_when_one_cannot_go_back() {
    ws.failing("returnToQueue", "c3", new LpaException(LpaException.Kind.FORBIDDEN, "not assigned to you any more"));
    try (Harness h = console(120, 40)) {
      h.key('L').key('r');
      h.until(() -> h.shows("1 conversation(s) could not be returned; still logged in"));
      assertThat(h.console.running()).isTrue();
      assertThat(ws.calls).contains("returnToQueue c1", "returnToQueue c3").doesNotContain("close-workspace");
      assertThat(h.console.model().marked()).containsExactly("c3");
    }
  }

  @Test
  void logout_without_returning() {
    try (Harness h = console(120, 40)) {
      h.key('L').key('l');
      h.until(() -> !h.console.running());
      assertThat(ws.calls).noneMatch(c -> c.startsWith("returnToQueue")).contains("close-workspace");
    }
  }

  @Test
  void predefined_content_fills_the_composer_without_sending() {
    try (Harness h = console(120, 40)) {
      h.key(KeyType.Enter).ctrl('t').key('p');
      assertThat(h.text()).contains("Openers", "Closers");
      h.key('1').key('1');
      assertThat(h.console.model().composer().text()).isEqualTo("Hello Dana Fox, how can I help?");
      assertThat(ws.calls).noneMatch(c -> c.startsWith("sendText"));
      // search across categories
      h.ctrl('t').key('p').key('/').type("bye").key(KeyType.Enter);
      assertThat(h.console.model().composer().text()).isEqualTo("Thanks for writing, bye!");
    }
  }

  @Test
  void video_call_invitation_opens_the_browser_and_shows_its_state() {
    try (Harness h = console(120, 40)) {
      h.key(KeyType.Enter).ctrl('t').key('v');
      h.until(() -> !h.opened.isEmpty());
      assertThat(h.opened.get(0).toString()).isEqualTo("https://127.0.0.1/call/svc-1");
      assertThat(h.text()).contains("video call: INVITED");
    }
  }

  @Test
  void photo_errors_reach_the_status_line() {
    ws.failing("sendFile", null, new LpaException(LpaException.Kind.INVALID, "file sharing is off for this account"));
    try (Harness h = console(120, 40)) {
      h.key(KeyType.Enter).ctrl('t').key('f').type("/tmp/x.png").key(KeyType.Enter);
      h.until(() -> h.shows("Invalid: file sharing is off for this account"));
    }
  }

  @Test
  void open_photo_downloads_then_opens_the_file() {
    try (Harness h = console(120, 40)) {
      h.key(KeyType.Enter).ctrl('o');
      h.until(() -> !h.opened.isEmpty());
      assertThat(ws.calls).anyMatch(c -> c.startsWith("downloadFile /files/receipt.png"));
      assertThat(h.opened.get(0).toString()).endsWith("receipt.png");
    }
  }

  @Test
  void previous_conversations_load_when_scrolling_past_the_top() {
    Instant started = Fixtures.at("08:00").minus(Duration.ofDays(3));
    ConversationWithMessages old = ws.inHistory(Fixtures.conversation("old", "Dana Fox", null, "Billing", started, null,
        Role.ASSIGNED_AGENT).closed(started.plusSeconds(600), "AGENT"), started, "My address changed");
    ws.previous.put("c1", List.of(old));
    try (Harness h = console(120, 40)) {
      h.key(KeyType.Enter);
      for (int i = 0; i < 4; i++) {
        h.key(KeyType.PageUp);
      }
      h.until(() -> ws.calls.contains("previousConversations c1"));
      // loaded above what is shown: scrolling on up reaches it
      Await.until(() -> h.shows("Previous conversation · 2026-11-24 08:00"), Duration.ofSeconds(5),
          () -> h.key(KeyType.PageUp), h::text);
      assertThat(h.text()).contains("Previous conversation · 2026-11-24 08:00", "My address changed");
    }
  }

  @Test
  void a_conversation_that_vanishes_without_an_event_closes_its_chat() {
    try (Harness h = console(120, 40)) {
      h.key('G').key(KeyType.Enter); // Noah Park's, closed at 08:00
      assertThat(h.console.model().openId()).isEqualTo("c5");
      ws.ringEnds("ring-c6", "EXPIRED"); // unrelated change first: nothing happens to the open chat
      h.tick();
      assertThat(h.console.model().openId()).isEqualTo("c5");
      // a closed conversation is kept for a day, then the workspace's clock check drops it, with no event
      clock.advance(Duration.ofDays(1));
      ws.tick();
      h.tick();
      assertThat(h.console.model().openId()).isNull();
      assertThat(h.text()).contains("Please select a conversation");
    }
  }

  @Test
  void typing_indicator() {
    try (Harness h = console(120, 40)) {
      h.key(KeyType.Enter);
      ws.consumerTyping("c1", true);
      h.tick();
      assertThat(h.text()).contains("Dana Fox is typing…");
      ws.consumerTyping("c1", false);
      h.tick();
      assertThat(h.text()).doesNotContain("is typing");
    }
  }

  @Test
  void resize_relays_out_at_once() {
    try (Harness h = console(120, 40)) {
      h.key(KeyType.Enter);
      assertThat(h.text()).contains("│ █ Dana Fox · Billing");
      h.resize(80, 24);
      assertThat(h.console.layout()).isEqualTo(LayoutMode.SINGLE);
      assertThat(h.text()).doesNotContain("Conversations (4)").contains("Dana Fox · Billing");
      h.key(KeyType.Escape);
      assertThat(h.text()).contains("Conversations (4)");
      h.resize(200, 50);
      assertThat(h.text()).contains("Conversations (4)", "Dana Fox · Billing");
    }
  }

  @Test
  void settings_change_state_theme_and_language() {
    try (Harness h = console(120, 40)) {
      h.key('s').key('w');
      h.until(() -> ws.calls.contains("setAgentState AWAY"));
      h.key('s').key('t');
      int[] row = h.find("Erik Olsen");
      assertThat(h.bgAt(row[1], row[0])).isEqualTo(Theme.LIGHT.style(Theme.Role.BASE).bg())
          .isNotEqualTo(Theme.DARK.style(Theme.Role.BASE).bg());
      h.key('l');
      assertThat(h.text()).contains("Einstellungen");
      h.key(KeyType.Escape);
      assertThat(h.text()).contains("Konversationen (4)");
      h.key('s').key('f');
      assertThat(h.opened).contains(ConsoleOptions.FEEDBACK_URL);
    }
  }

  @Test
  void consumer_info_and_secure_form_values() {
    Fixtures.message(ws, "c1", Message.Sender.CONSUMER, null, new Message.FormSubmission("inv-1", "sub-1"),
        clock.instant(), Message.Delivery.READ);
    ws.forms.put("sub-1", java.util.Map.of("Card holder", "Ann Example"));
    try (Harness h = console(120, 40)) {
      h.key(KeyType.Enter).ctrl('k').key('i');
      h.until(() -> h.shows("Consumer info"));
      assertThat(h.text()).contains("Name: Dana Fox", "Source: WEB");
      h.key(KeyType.Escape).ctrl('k').key('f');
      h.until(() -> h.shows("Card holder: Ann Example"));
    }
  }
}
