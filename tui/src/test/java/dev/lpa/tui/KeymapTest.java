package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.lpa.core.testkit.ScriptedWorkspace;
import dev.lpa.tui.keys.Action;
import dev.lpa.tui.keys.Context;
import dev.lpa.tui.keys.Key;
import dev.lpa.tui.keys.KeyText;
import dev.lpa.tui.keys.Keymap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one key table: lookups, rebinding, and the texts written from it. */
class KeymapTest {
  private final MutableClock clock = new MutableClock(Harness.T0);

  @Test
  void readmeKeyTableIsTheKeymap() throws IOException {
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    String begin = "<!-- keys:begin (generated: KeyText.main prints it) -->\n";
    String end = "<!-- keys:end -->";
    assertThat(readme).contains(begin, end);
    String table = readme.substring(readme.indexOf(begin) + begin.length(), readme.indexOf(end));
    assertThat(table).as("README's key table; paste the output of dev.lpa.tui.keys.KeyText.main")
        .isEqualTo(KeyText.readmeTable(Keymap.defaults()));
  }

  @Test
  void keysNameTheirActionsPerContext() {
    Keymap k = Keymap.defaults();
    assertThat(k.action(Context.LIST, new KeyStroke('a', false, false))).isEqualTo(Action.ACCEPT);
    assertThat(k.action(Context.GLOBAL, new KeyStroke('R', true, false))).isEqualTo(Action.ACCEPT);
    assertThat(k.action(Context.CHAT, new KeyStroke(KeyType.Enter, false, true))).isEqualTo(Action.NEWLINE);
    // Alt+Enter as a terminal sends it: ESC, then Ctrl+J
    assertThat(k.action(Context.CHAT, new KeyStroke('j', true, true))).isEqualTo(Action.NEWLINE);
    assertThat(k.action(Context.CHAT, new KeyStroke(KeyType.ArrowUp, true, false))).isEqualTo(Action.UP);
    assertThat(k.action(Context.CHAT, new KeyStroke('a', false, true))).isNull();
    assertThat(k.action(Context.LIST, new KeyStroke('x', false, false))).isNull();
  }

  @Test
  void keyNamesRoundTrip() {
    for (String s : new String[] {"a", "?", "Space", "Ctrl+R", "Alt+Enter", "F3", "PgUp", "Shift+Tab", "Esc", "↑"}) {
      assertThat(Key.parse(s).toString()).isEqualTo(s);
    }
    assertThat(Key.parse("ctrl+r")).isEqualTo(Key.ctrl('r'));
    assertThatThrownBy(() -> Key.parse("Hyper+X")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRebindingReplacesTheActionsKeysAndTakesTheKeyFromAnotherAction() {
    Properties p = new Properties();
    p.setProperty("key.list.accept", "x, F6");
    p.setProperty("key.list.quit", "Ctrl+X");
    p.setProperty("key.list.mark", "q");
    p.setProperty("key.nowhere.accept", "a");
    p.setProperty("key.list.accept_all", "a");
    p.setProperty("key.chat.send", "Hyper+Q");
    Keymap k = Keymap.defaults().rebind(p);
    assertThat(k.action(Context.LIST, new KeyStroke('x', false, false))).isEqualTo(Action.ACCEPT);
    assertThat(k.action(Context.LIST, new KeyStroke(KeyType.F6))).isEqualTo(Action.ACCEPT);
    assertThat(k.action(Context.LIST, new KeyStroke('a', false, false))).isNull();
    assertThat(k.action(Context.LIST, new KeyStroke('q', false, false))).isEqualTo(Action.MARK);
    assertThat(k.keys(Context.LIST, Action.QUIT)).containsExactly(Key.ctrl('x'));
    assertThat(k.action(Context.CHAT, new KeyStroke(KeyType.Enter))).isEqualTo(Action.SEND);
    assertThat(k.problems()).hasSize(3);
    KeyText t = new KeyText(k, new Messages(Locale.ENGLISH));
    assertThat(t.listHint()).contains("q mark").contains("Ctrl+X quit");
    assertThat(t.ringHint(false, true)).isEqualTo("☎ x/F6 accept");
  }

  @Test
  void hintsSayWhichKeysAcceptWhere() {
    KeyText t = new KeyText(Keymap.defaults(), new Messages(Locale.ENGLISH));
    assertThat(t.ringHint(false, true)).isEqualTo("☎ a/F3 accept");
    assertThat(t.ringHint(true, true)).isEqualTo("☎ a/F3 accept (a types once you write)");
    assertThat(t.ringHint(true, false)).isEqualTo("☎ F3/Ctrl+R accept");
    KeyText de = new KeyText(Keymap.defaults(), new Messages(Locale.GERMAN));
    assertThat(de.chatHint()).isEqualTo("Enter senden · Strg+T anhängen · Strg+K Aktionen · Bild-auf Verlauf · Tab/Esc Liste · F1 Hilfe");
    assertThat(de.help(Context.CHAT)).contains("Strg+O  neuestes Foto öffnen");
  }

  @Test
  void aKeyReboundInConsolePropertiesWorksInTheConsoleAndItsHints(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("console.properties");
    Files.writeString(file, "theme=dark\nkey.list.accept=x\nkey.list.help=h\nkey.list.oops=z\n");
    try (Harness h = new Harness(120, 40, Fixtures.desk(clock), clock, Harness.options().withSettingsFile(file))) {
      assertThat(h.shows("[x/F3] accept")).isTrue();
      assertThat(h.shows("key.list.oops")).as("a bad binding is reported").isTrue();
      h.key('h');
      assertThat(h.console.model().overlay()).isInstanceOf(Overlay.Info.class);
      assertThat(h.shows("x  accept the ringing conversation")).isTrue();
      h.key(KeyType.Escape).key('a');
      assertThat(h.console.model().openId()).isNull();
      h.key('x');
      h.until(() -> "c6".equals(h.console.model().openId()));
    }
    // the drawer's save keeps the bindings
    ConsoleSettings.save(file, Theme.LIGHT, Locale.ENGLISH, NotifyMode.BELL);
    assertThat(Files.readString(file)).contains("key.list.accept=x").contains("theme=light");
  }

  @Test
  void helpLongerThanTheTerminalScrolls() {
    try (Harness h = new Harness(80, 24, Fixtures.desk(clock), clock, Harness.options())) {
      h.key('?');
      String last = "F10 Ctrl+Q Ctrl+C  quit and stay logged in";
      assertThat(h.shows("↑ k  move up")).isTrue();
      assertThat(h.shows(last)).isFalse();
      h.key(KeyType.PageDown).key(KeyType.PageDown);
      assertThat(h.shows(last)).isTrue();
      assertThat(h.shows("↑ k  move up")).isFalse();
      h.key(KeyType.PageUp).key(KeyType.PageUp).key(KeyType.PageUp);
      assertThat(h.shows("↑ k  move up")).isTrue();
      h.key('q');
      assertThat(h.console.model().hasOverlay()).isFalse();
    }
  }

  @Test
  void theAcceptKeyAnswersTheRingThatExpiresFirst() {
    ScriptedWorkspace ws = Fixtures.desk(clock);
    // c6 rings first but has 45 s left; c7 came later and has 20 s
    Fixtures.ring(ws, Fixtures.conversation("c7", "Omar Haddad", null, "Sales", Harness.T0, Harness.T0.plusSeconds(600),
        null), Harness.T0.plusSeconds(20), null);
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      assertThat(h.text().split("\n")[1]).contains("Omar Haddad");
      h.key('a');
      h.until(() -> ws.calls.contains("acceptRing ring-c7"));
      assertThat(ws.calls).doesNotContain("acceptRing ring-c6");
    }
  }
}
