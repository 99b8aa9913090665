package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Role;
import dev.lpa.core.testkit.ScriptedWorkspace;
import dev.lpa.core.text.Width;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random consumer text (combining floods, zero-width characters, emoji sequences, CJK,
 * controls, random code points) in names and messages, drawn into list rows, the ring banner, chat
 * bubbles and the header at the three reference sizes. Every failure names its seed; rerun one
 * with {@code -Dlpa.hostile.seed=N}.
 */
class HostileTextPropertyTest {
  private static final int[][] SIZES = {{60, 20}, {120, 40}, {200, 50}};
  private static final int ROUNDS = Integer.getInteger("lpa.hostile.rounds", 4);

  /** A virtual terminal that keeps every string and character the screen sent it. */
  static final class RecordingTerminal extends DefaultVirtualTerminal {
    final StringBuilder written = new StringBuilder();

    RecordingTerminal(TerminalSize size) {
      super(size);
    }

    @Override
    public synchronized void putCharacter(char c) {
      written.append(c);
      super.putCharacter(c);
    }

    @Override
    public synchronized void putString(String s) {
      written.append(s);
      super.putString(s);
    }
  }

  @Test
  void hostileTextNeverBreaksTheLayout() {
    Long fixed = Long.getLong("lpa.hostile.seed");
    long base = fixed != null ? fixed : System.nanoTime();
    int rounds = fixed != null ? 1 : ROUNDS;
    for (int round = 0; round < rounds; round++) {
      long seed = base + round;
      for (int[] size : SIZES) {
        runOne(seed, size[0], size[1]);
      }
    }
  }

  private void runOne(long seed, int cols, int rows) {
    String what = "seed " + seed + " at " + cols + "x" + rows + " (rerun with -Dlpa.hostile.seed=" + seed + ")";
    Random r = new Random(seed);
    MutableClock clock = new MutableClock(Harness.T0);
    ScriptedWorkspace ws = Fixtures.workspace(clock, false, Hostile.text(r, 3));
    Instant t = Harness.T0.minusSeconds(600);
    for (int i = 0; i < 6; i++) {
      String id = "h" + i;
      ws.conversation(Fixtures.conversation(id, Hostile.text(r, 4) + " " + Hostile.text(r, 2), null, "Billing", t,
          t.plusSeconds(300 + 120L * i), Role.ASSIGNED_AGENT));
      for (int m = 0; m < 3; m++) {
        ws.consumerSays(id, Hostile.text(r, 8), t.plusSeconds(m));
      }
    }
    Fixtures.ring(ws, Fixtures.conversation("ring", Hostile.text(r, 3), null, "Sales", t, t.plusSeconds(3600), null),
        Harness.T0.plusSeconds(45), Hostile.text(r, 6));

    RecordingTerminal vt = new RecordingTerminal(new TerminalSize(cols, rows));
    try (Harness h = new Harness(vt, ws, clock, Harness.options())) {
      clock.advance(java.time.Duration.ofSeconds(3)); // past the ring's name wait
      h.tick();
      check(h, vt, what + ", list");
      h.key(KeyType.Enter);
      check(h, vt, what + ", chat");
      // the text changes under the open chat and the list: the redraw must leave nothing behind
      Conversation open = h.console.openConversation();
      String openId = open == null ? "h0" : open.id();
      ws.consumerSays(openId, Hostile.text(r, 10), Harness.T0);
      ws.conversation(Fixtures.conversation("h1", Hostile.text(r, 5), null, "Tech support", t, t.plusSeconds(200),
          Role.ASSIGNED_AGENT));
      ws.consumerSays("h2", Hostile.text(r, 4), Harness.T0);
      h.tick();
      check(h, vt, what + ", after the text changed");
      h.key(KeyType.Escape);
      check(h, vt, what + ", back to the list");
    }
  }

  private static void fail(Harness h, String what, int x, int y, String why) {
    throw new AssertionError(what + ": cell " + x + "," + y + " " + why + "; screen:\n" + h.text());
  }

  private static String describe(TextCharacter c) {
    StringBuilder b = new StringBuilder("[");
    c.getCharacterString().codePoints().forEach(cp -> b.append(String.format(" U+%04X", cp)));
    return b.append(c.isDoubleWidth() ? " wide ]" : " ]").toString();
  }

  /** What reached the terminal is what the screen holds, cell by cell, and nothing shifted. */
  private static void check(Harness h, RecordingTerminal vt, String what) {
    Screen screen = h.console.screen();
    TerminalSize size = vt.getTerminalSize();
    int cols = size.getColumns();
    for (int y = 0; y < size.getRows(); y++) {
      StringBuilder row = new StringBuilder();
      for (int x = 0; x < cols; x++) {
        TextCharacter onTerminal = vt.getCharacter(x, y);
        TextCharacter onScreen = screen.getFrontCharacter(x, y);
        String cell = onTerminal.getCharacterString();
        if (!cell.equals(onScreen.getCharacterString()) || onTerminal.isDoubleWidth() != onScreen.isDoubleWidth()) {
          fail(h, what, x, y, "the terminal holds " + describe(onTerminal) + ", the screen " + describe(onScreen));
        }
        for (int i = 0; i < cell.length(); i++) {
          char c = cell.charAt(i);
          if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
            fail(h, what, x, y, "holds " + describe(onTerminal));
          }
        }
        if (cell.codePoints().anyMatch(cp -> cp >= 0xd800 && cp <= 0xdfff)) {
          fail(h, what, x, y, "holds a lone surrogate");
        }
        row.append(cell);
        if (onTerminal.isDoubleWidth()) {
          if (x == cols - 1) {
            fail(h, what, x, y, "a wide cell in the last column");
          }
          x++;
        }
      }
      assertThat(Width.of(row.toString())).as(what + ": row " + y + " keeps its width\n" + h.text()).isEqualTo(cols);
    }
    if (h.console.layout() == LayoutMode.SPLIT) {
      int divider = Math.min(48, Math.max(34, cols * 2 / 5));
      int top = h.text().split("\n")[1].contains("New conversation") ? 2 : 1;
      for (int y = top; y < size.getRows() - 1; y++) {
        assertThat(vt.getCharacter(divider, y).getCharacterString()).as(what + ": divider on row " + y + "\n" + h.text())
            .isEqualTo("│");
        assertThat(vt.getCharacter(divider - 1, y).isDoubleWidth()).as(what + ": a cell straddles the divider").isFalse();
      }
    }
    String out = vt.written.toString();
    assertThat(out.indexOf('\0')).as(what + ": a NUL was written").isEqualTo(-1);
    assertThat(out.indexOf('\u001b')).as(what + ": an escape was written").isEqualTo(-1);
    assertThat(out.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c < 0xa0))).as(what + ": a control was written")
        .isFalse();
    byte[] bytes = ConsoleTerminal.encode(out, StandardCharsets.UTF_8);
    for (byte b : bytes) {
      assertThat(b).as(what + ": a NUL byte in the output").isNotEqualTo((byte) 0);
    }
    assertThat(new String(bytes, StandardCharsets.UTF_8)).as(what + ": the bytes are the text").isEqualTo(out);
  }
}
