package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.testkit.ScriptedWorkspace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's rough edges from issue 11, each as the user met it. */
class RoughEdgesTest {
  private final MutableClock clock = new MutableClock(Harness.T0);

  private static String row(Harness h, int y) {
    return h.text().split("\n", -1)[y];
  }

  @Test
  void at60x20TheRingBannerKeepsTheNameAndTheCountdownAndTheHeaderItsCounts() {
    ScriptedWorkspace ws = Fixtures.desk(clock);
    Fixtures.ring(ws, Fixtures.conversation("c7", "Maximiliane Wolkenstein-Trostburg", null, "Tech support",
        Harness.T0, Harness.T0.plusSeconds(600), null), Harness.T0.plusSeconds(90),
        "My router has been blinking red since the storm last night");
    try (Harness h = new Harness(60, 20, ws, clock, Harness.options())) {
      String banner = row(h, 1);
      assertThat(banner).contains("Lea Stein").contains("0:45");
      assertThat(row(h, 0)).contains("open 4").contains("ringing 2");
      ws.ringEnds("ring-c6", "CANCELLED");
      h.tick();
      assertThat(row(h, 1)).contains("Maximiliane").contains("1:30");
    }
    // a name that takes the whole width still leaves the countdown
    ScriptedWorkspace wide = Fixtures.workspace(clock);
    Fixtures.ring(wide, Fixtures.conversation("c8", "Bartholomew-Maximilian " + "Wolkenstein".repeat(6), null, "Sales",
        Harness.T0, Harness.T0.plusSeconds(600), null), Harness.T0.plusSeconds(59), null);
    try (Harness h = new Harness(60, 20, wide, clock, Harness.options())) {
      assertThat(row(h, 1)).contains("Bartholomew").contains("0:59");
    }
  }

  @Test
  void withTwoRingsTheSecondAAcceptsTheSecondRing() {
    ScriptedWorkspace ws = Fixtures.desk(clock);
    Fixtures.ring(ws, Fixtures.conversation("c7", "Omar Haddad", null, "Sales", Harness.T0, Harness.T0.plusSeconds(600),
        null), Harness.T0.plusSeconds(60), null);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      h.key('a');
      h.until(() -> "c6".equals(h.console.model().openId()));
      assertThat(h.console.model().focus()).isEqualTo(ConsoleModel.Pane.CHAT);
      assertThat(row(h, 1)).contains("Omar Haddad").contains("[a/F3] accept");
      h.key('a');
      assertThat(ws.calls).contains("acceptRing ring-c6", "acceptRing ring-c7");
      h.until(() -> "c7".equals(h.console.model().openId()));
      assertThat(h.console.model().composer().text()).isEmpty();
    }
  }

  @Test
  void onceTheAgentWritesALetterIsALetter() {
    ScriptedWorkspace ws = Fixtures.desk(clock);
    Fixtures.ring(ws, Fixtures.conversation("c7", "Omar Haddad", null, "Sales", Harness.T0, Harness.T0.plusSeconds(600),
        null), Harness.T0.plusSeconds(60), null);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      h.key('a');
      h.until(() -> "c6".equals(h.console.model().openId()));
      h.type("Hi, a moment");
      assertThat(h.console.model().composer().text()).isEqualTo("Hi, a moment");
      assertThat(ws.calls).doesNotContain("acceptRing ring-c7");
      assertThat(row(h, 1)).contains("[F3/Ctrl+R] accept");
    }
  }

  @Test
  void inAChatTheAgentOpenedALetterIsALetter() {
    ScriptedWorkspace ws = Fixtures.desk(clock);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      h.key(com.googlecode.lanterna.input.KeyType.Enter).type("and");
      assertThat(h.console.model().composer().text()).isEqualTo("and");
      assertThat(ws.calls).noneMatch(c -> c.startsWith("acceptRing"));
    }
  }

  @Test
  void theMenuOfAClosedConversationListsOnlyWhatApplies() {
    ScriptedWorkspace ws = Fixtures.desk(clock);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      h.console.model().moveCursor("c5"); // Noah Park, closed
      h.key('m');
      Overlay o = h.console.model().overlay();
      assertThat(o).isInstanceOf(Overlay.Menu.class);
      List<Overlay.Item> items = ((Overlay.Menu) o).visible();
      assertThat(items).extracting(Overlay.Item::hotkey).containsExactly('i');
      assertThat(items).allMatch(Overlay.Item::enabled);
    }
    // an open one keeps its actions
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      h.console.model().moveCursor("c1");
      h.key('m');
      assertThat(((Overlay.Menu) h.console.model().overlay()).visible()).extracting(Overlay.Item::hotkey)
          .contains('t', 'r', 'c', 'u', 'i');
    }
  }

  @Test
  void a_console_opened_while_the_account_loads_says_so_then_lists_what_arrives() {
    ScriptedWorkspace ws = ScriptedWorkspace.loading(Fixtures.workspace(clock).me(), clock);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      assertThat(h.text()).contains("Loading conversations…").doesNotContain("No conversations.");
      ws.snapshotArrives(dev.lpa.core.model.AgentState.ONLINE);
      ws.conversation(Fixtures.conversation("m1", "Mina Park", null, "Billing", Harness.T0, Fixtures.at("10:30"),
          dev.lpa.core.model.Role.ASSIGNED_AGENT));
      h.tick();
      assertThat(h.text()).contains("Mina Park").doesNotContain("Loading conversations");
    }
  }
}
