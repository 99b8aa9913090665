package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.RingDetails;
import dev.lpa.core.testkit.ScriptedWorkspace;
import dev.lpa.core.workspace.Reducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationTest {
  private final MutableClock clock = new MutableClock(Harness.T0);

  @Test
  void osc9_carries_consumer_and_safe_excerpt() {
    List<String> out = new ArrayList<>();
    Notifier n = new Notifier(NotifyMode.OSC, Map.of(), () -> {}, out::add);
    n.notify("New message: Dana", "evil \u001b]0;title\u0007 text\u0007");
    assertThat(out).containsExactly("\u001b]9;New message: Dana: evil  text�\u0007");
  }

  @Test
  void osc777_when_the_terminal_wants_it_and_tmux_passthrough() {
    List<String> out = new ArrayList<>();
    Notifier n = new Notifier(NotifyMode.OSC, Map.of("TERM", "rxvt-unicode", "TMUX", "/tmp/tmux-1/default,1,0"),
        () -> {}, out::add);
    n.notify("Ring; Dana", "hello");
    assertThat(out).containsExactly("\u001bPtmux;\u001b\u001b]777;notify;Ring, Dana;hello\u0007\u001b\\");
  }

  @Test
  void bell_and_none() {
    int[] bells = {0};
    List<String> out = new ArrayList<>();
    new Notifier(NotifyMode.BELL, Map.of(), () -> bells[0]++, out::add).notify("a", "b");
    new Notifier(NotifyMode.NONE, Map.of(), () -> bells[0]++, out::add).notify("a", "b");
    assertThat(bells[0]).isEqualTo(1);
    assertThat(out).isEmpty();
  }

  @Test
  void console_rings_on_new_ring_overdue_and_background_message_but_not_for_the_open_chat() {
    ScriptedWorkspace ws = Fixtures.desk(clock);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      int start = h.bells.get();
      Fixtures.ring(ws, Fixtures.conversation("c7", "Ola Nor", null, "Sales", clock.instant(), null, null),
          clock.instant().plusSeconds(60), null);
      h.tick();
      assertThat(h.bells.get()).isEqualTo(start + 1);
      // c2 is due at 10:03: the workspace's clock check after that raises BecameOverdue
      clock.advance(Duration.ofSeconds(181));
      ws.tick();
      h.tick();
      assertThat(h.bells.get()).isEqualTo(start + 2);
      h.key(KeyType.Enter); // open c1
      ws.consumerSays("c1", "still here", clock.instant());
      h.tick();
      assertThat(h.bells.get()).isEqualTo(start + 2);
      ws.consumerSays("c3", "hello?", clock.instant());
      h.tick();
      assertThat(h.bells.get()).isEqualTo(start + 3);
    }
  }

  @Test
  void a_manager_is_not_rung_for_the_teams_conversations_only_for_those_it_holds_or_joined() {
    ScriptedWorkspace ws = Fixtures.workspace(clock, true);
    ws.conversation(Fixtures.conversation("t1", "Team Case", null, "Sales", Harness.T0, Fixtures.at("10:02"), null)
        .assignedTo(Fixtures.ACCOUNT + ".2", "pid-2"));
    ws.conversation(Fixtures.conversation("j1", "Joined Case", null, "Sales", Harness.T0, Fixtures.at("10:50"), null)
        .assignedTo(Fixtures.ACCOUNT + ".3", "pid-3").participant("MANAGER", ws.me().userId(), ws.me().userPid()));
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      int start = h.bells.get();
      ws.consumerSays("t1", "anyone?", clock.instant());
      h.tick();
      clock.advance(Duration.ofSeconds(181)); // t1 was due at 10:02
      ws.tick();
      h.tick();
      assertThat(h.bells.get()).as("another agent's consumer, another agent's overdue").isEqualTo(start);
      ws.consumerSays("j1", "manager?", clock.instant());
      h.tick();
      assertThat(h.bells.get()).isEqualTo(start + 1);
    }
  }

  @Test
  void old_messages_arriving_with_history_do_not_notify() {
    ScriptedWorkspace ws = Fixtures.desk(clock);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      int start = h.bells.get();
      ws.consumerSays("c3", "from yesterday", clock.instant().minus(Duration.ofDays(1)));
      h.tick();
      assertThat(h.bells.get()).isEqualTo(start);
    }
  }

  static final String ANON = "5a70ea40-1111-2222-3333-444455556666";

  static RingDetails ivo(Message last) {
    return new RingDetails("c10", new ConsumerProfile(ANON, "Ivo", "Petrov", null, null, null, "WEB", Map.of()),
        "Billing", last);
  }

  @Test
  void a_ring_notification_waits_for_the_looked_up_name() {
    ScriptedWorkspace ws = Fixtures.desk(clock);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options().withNotify(NotifyMode.OSC))) {
      Fixtures.ringOnly(ws, "c10", ANON, "10", clock.instant().plusSeconds(60), null);
      h.tick();
      assertThat(h.raw()).as("nothing names the consumer yet").isEmpty();
      clock.advance(Duration.ofMillis(1500));
      h.tick();
      assertThat(h.raw()).isEmpty();
      Message last = new Message("c10", "c10", 2, clock.instant(), Message.Sender.CONSUMER, ANON, ANON, null,
          new Message.Text("charged twice\u001b[2J"), Message.Delivery.DELIVERED, null);
      ws.feed(new Reducer.RingDetailsKnown(ivo(last)));
      h.tick();
      assertThat(h.raw()).isEqualTo("\u001b]9;New conversation: Ivo Petrov: charged twice\u0007");
      // once is enough: neither later updates nor the deadline notify again
      clock.advance(Duration.ofSeconds(5));
      ws.feed(new Reducer.RingDetailsKnown(ivo(last)));
      h.tick();
      assertThat(h.raw()).isEqualTo("\u001b]9;New conversation: Ivo Petrov: charged twice\u0007");
    }
  }

  @Test
  void a_ring_nobody_names_is_notified_by_id_after_the_wait() {
    ScriptedWorkspace ws = Fixtures.desk(clock);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      int start = h.bells.get();
      Fixtures.ringOnly(ws, "c10", ANON, "10", clock.instant().plusSeconds(60), null);
      h.tick();
      clock.advance(RingDesk.RING_NAME_WAIT.minusMillis(1));
      h.tick();
      assertThat(h.bells.get()).isEqualTo(start);
      clock.advance(Duration.ofMillis(1));
      h.tick();
      assertThat(h.bells.get()).isEqualTo(start + 1);
      clock.advance(Duration.ofSeconds(5));
      h.tick();
      assertThat(h.bells.get()).isEqualTo(start + 1);
    }
    ScriptedWorkspace osc = Fixtures.desk(clock);
    try (Harness h = new Harness(120, 40, osc, clock, Harness.options().withNotify(NotifyMode.OSC))) {
      Fixtures.ringOnly(osc, "c10", ANON, "10", clock.instant().plusSeconds(60), null);
      h.tick();
      clock.advance(RingDesk.RING_NAME_WAIT);
      h.tick();
      assertThat(h.raw()).isEqualTo("\u001b]9;New conversation: 5a70ea40…: \u0007");
    }
  }

  @Test
  void a_ring_already_named_notifies_at_once_and_one_that_ends_unnamed_not_at_all() {
    ScriptedWorkspace ws = Fixtures.desk(clock);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options().withNotify(NotifyMode.OSC))) {
      Fixtures.ringOnly(ws, "c10", ANON, "10", clock.instant().plusSeconds(60), ivo(null));
      h.tick();
      assertThat(h.raw()).isEqualTo("\u001b]9;New conversation: Ivo Petrov: \u0007");
      Fixtures.ringOnly(ws, "c11", "0b0b0b0b-1111-2222-3333-444455556666", "10", clock.instant().plusSeconds(60), null);
      h.tick();
      ws.ringEnds("ring-c11", "CANCELLED");
      h.tick();
      clock.advance(Duration.ofSeconds(10));
      h.tick();
      assertThat(h.raw()).isEqualTo("\u001b]9;New conversation: Ivo Petrov: \u0007");
    }
  }

  @Test
  void console_osc_mode_writes_the_sequence() {
    ScriptedWorkspace ws = Fixtures.desk(clock);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options(Harness.env("TMUX", "x")).withNotify(NotifyMode.OSC))) {
      ws.consumerSays("c3", "router \u001b[2Jreset", clock.instant().plus(Duration.ofSeconds(1)));
      h.tick();
      assertThat(h.raw()).isEqualTo("\u001bPtmux;\u001b\u001b]9;New message: Erik Olsen: router reset\u0007\u001b\\");
    }
  }
}
