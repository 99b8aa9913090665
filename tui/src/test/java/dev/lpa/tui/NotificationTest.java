package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
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
    FakeWorkspace ws = Fixtures.desk(clock);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      int start = h.bells.get();
      ws.put(FakeWorkspace.conversation("c7", "Ola Nor", null, "Sales", clock.instant(), null, null, 0));
      ws.ring("c7", clock.instant().plusSeconds(60));
      h.tick();
      assertThat(h.bells.get()).isEqualTo(start + 1);
      ws.becameOverdue("c2");
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
  void old_messages_arriving_with_history_do_not_notify() {
    FakeWorkspace ws = Fixtures.desk(clock);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      int start = h.bells.get();
      ws.consumerSays("c3", "from yesterday", clock.instant().minus(Duration.ofDays(1)));
      h.tick();
      assertThat(h.bells.get()).isEqualTo(start);
    }
  }

  @Test
  void console_osc_mode_writes_the_sequence() {
    FakeWorkspace ws = Fixtures.desk(clock);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options(Harness.env("TMUX", "x")).withNotify(NotifyMode.OSC))) {
      ws.consumerSays("c3", "router \u001b[2Jreset", clock.instant().plus(Duration.ofSeconds(1)));
      h.tick();
      assertThat(h.raw()).isEqualTo("\u001bPtmux;\u001b\u001b]9;New message: Erik Olsen: router reset\u0007\u001b\\");
    }
  }
}
