package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.testkit.ScriptedWorkspace;
import dev.lpa.core.workspace.ConnectionState;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Whole screens at the three reference sizes, compared with golden text files. */
class GoldenScreensTest {

  private static Harness desk(int cols, int rows) {
    MutableClock clock = new MutableClock(Harness.T0);
    return new Harness(cols, rows, Fixtures.desk(clock), clock, Harness.options());
  }

  @Test
  void list_on_a_narrow_terminal_shows_one_pane() {
    try (Harness h = desk(80, 24)) {
      h.assertGolden("list_80x24");
      assertThat(h.console.layout()).isEqualTo(LayoutMode.SINGLE);
    }
  }

  @Test
  void chat_on_a_narrow_terminal_replaces_the_list() {
    try (Harness h = desk(80, 24)) {
      h.key(KeyType.Enter);
      h.assertGolden("chat_80x24");
    }
  }

  @Test
  void split_view_at_120_columns() {
    try (Harness h = desk(120, 40)) {
      h.key(KeyType.Enter);
      h.assertGolden("split_120x40");
    }
  }

  @Test
  void split_view_at_200_columns() {
    try (Harness h = desk(200, 50)) {
      h.key(KeyType.Enter);
      h.assertGolden("split_200x50");
    }
  }

  @Test
  void please_select_a_conversation_and_the_no_network_banner() {
    MutableClock clock = new MutableClock(Harness.T0);
    ScriptedWorkspace ws = Fixtures.desk(clock);
    ws.connection(ConnectionState.OFFLINE, "");
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      h.assertGolden("select_offline_120x40");
      ws.connection(ConnectionState.CONNECTED, "");
      h.tick();
      assertThat(h.text()).doesNotContain("No network");
    }
  }

  @Test
  void empty_state() {
    MutableClock clock = new MutableClock(Harness.T0);
    try (Harness h = new Harness(120, 40, Fixtures.workspace(clock), clock, Harness.options())) {
      h.assertGolden("empty_120x40");
    }
  }

  @Test
  void settings_drawer_in_german() {
    MutableClock clock = new MutableClock(Harness.T0);
    try (Harness h = new Harness(120, 40, Fixtures.desk(clock), clock, Harness.options().withLocale(Locale.GERMAN))) {
      h.key(KeyType.F2);
      h.assertGolden("drawer_de_120x40");
    }
  }

  @Test
  void login_screen() {
    MutableClock clock = new MutableClock(Harness.T0);
    LoginHandler handler = new LoginHandler() {
      @Override public String rememberedAccount() { return "90233546"; }
      @Override public dev.lpa.core.workspace.Workspace login(String a, String u, char[] p, boolean r) { return null; }
      @Override public dev.lpa.core.workspace.Workspace loginSso(String a, boolean r) { return null; }
    };
    try (Harness h = new Harness(80, 24, null, clock, Harness.options().withLogin(handler))) {
      h.type("agent1").key(KeyType.Tab).type("secret");
      h.assertGolden("login_80x24");
      assertThat(h.text()).doesNotContain("secret");
    }
  }

  @Test
  void colours_carry_meaning() {
    try (Harness h = desk(120, 40)) {
      // overdue due-in text is red, and has the bell glyph beside it
      int[] due = h.find("-10m");
      assertThat(due).isNotNull();
      assertThat(h.fgAt(due[1], due[0])).isEqualTo(TextColor.ANSI.RED_BRIGHT);
      assertThat(h.text().split("\n")[due[0]]).contains("! -10m");
      // the state dot is green while online
      int[] dot = h.find("●");
      assertThat(h.fgAt(dot[1], dot[0])).isEqualTo(TextColor.ANSI.GREEN_BRIGHT);
      // the consumer's colour key paints the swatch in the list
      int[] name = h.find("Erik Olsen");
      assertThat(h.fgAt(name[1] - 2, name[0])).isEqualTo(Theme.DARK.consumerColour(Sla.colorKey("consumer-c3")));
      // due soon is yellow
      int[] soon = h.find(" 3m");
      assertThat(h.fgAt(soon[1] + 1, soon[0])).isEqualTo(TextColor.ANSI.YELLOW_BRIGHT);
    }
  }

  @Test
  void photo_preview_uses_256_colours_unless_the_terminal_has_truecolor() {
    for (String colorterm : new String[] {"", "truecolor"}) {
      MutableClock clock = new MutableClock(Harness.T0);
      try (Harness h = new Harness(120, 40, Fixtures.desk(clock), clock,
          Harness.options(Harness.env("COLORTERM", colorterm)))) {
        h.key(KeyType.Enter);
        int[] cell = h.find("▀▀▀▀");
        TextColor top = h.fgAt(cell[1], cell[0]);
        String[] lines = h.text().split("\n");
        int last = cell[0];
        while (last + 1 < lines.length && lines[last + 1].contains("▀▀▀▀")) {
          last++;
        }
        TextColor bottom = h.bgAt(cell[1], last);
        if (colorterm.isEmpty()) {
          assertThat(top).isInstanceOf(TextColor.Indexed.class);
        } else {
          assertThat(top).isEqualTo(new TextColor.RGB(40, 90, 220));
        }
        assertThat(top.getBlue()).isGreaterThan(top.getGreen());
        assertThat(bottom.getGreen()).isGreaterThan(bottom.getBlue());
      }
    }
  }

  @Test
  void state_dot_turns_red_when_away_and_yellow_when_back_soon() {
    MutableClock clock = new MutableClock(Harness.T0);
    ScriptedWorkspace ws = Fixtures.desk(clock);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      ws.setAgentState(dev.lpa.core.model.AgentState.AWAY);
      h.tick();
      int[] dot = h.find("●");
      assertThat(h.fgAt(dot[1], dot[0])).isEqualTo(TextColor.ANSI.RED_BRIGHT);
      ws.setAgentState(dev.lpa.core.model.AgentState.BACK_SOON);
      h.tick();
      assertThat(h.fgAt(dot[1], dot[0])).isEqualTo(TextColor.ANSI.YELLOW_BRIGHT);
    }
  }

  @Test
  void no_color_forces_monochrome() {
    MutableClock clock = new MutableClock(Harness.T0);
    try (Harness h = new Harness(120, 40, Fixtures.desk(clock), clock, Harness.options(Harness.env("NO_COLOR", "1")))) {
      // monochrome: every cell in the terminal's own colours
      for (int y = 0; y < 40; y++) {
        for (int x = 0; x < 120; x++) {
          assertThat(h.fgAt(x, y)).isEqualTo(TextColor.ANSI.DEFAULT);
          assertThat(h.bgAt(x, y)).isEqualTo(TextColor.ANSI.DEFAULT);
        }
      }
      assertThat(h.text()).contains("! -10m");
    }
  }
}
