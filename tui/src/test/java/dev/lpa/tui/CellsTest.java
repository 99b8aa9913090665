package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.lpa.core.text.Width;
import dev.lpa.tui.render.Cells;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** What the one cell writer puts into Lanterna's cells. */
class CellsTest {
  private static String[] draw(String s) throws Exception {
    DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(40, 2));
    TerminalScreen screen = new TerminalScreen(vt);
    screen.startScreen();
    int end = Cells.put(screen.newTextGraphics(), 0, 0, s, TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT,
        EnumSet.noneOf(SGR.class));
    screen.refresh();
    assertThat(end).as("cells used by %s", s).isEqualTo(Width.of(s));
    String[] cells = new String[end];
    for (int x = 0; x < end; x++) {
      cells[x] = vt.getCharacter(x, 0).getCharacterString();
      assertThat(screen.getFrontCharacter(x, 0).getCharacterString()).isEqualTo(cells[x]);
      if (vt.getCharacter(x, 0).isDoubleWidth()) {
        x++;
      }
    }
    screen.stopScreen();
    return java.util.Arrays.stream(cells).filter(java.util.Objects::nonNull).toArray(String[]::new);
  }

  @Test
  void oneClusterPerCell() throws Exception {
    assertThat(draw("e\u0301x")).containsExactly("\u00E9", "x");
    assertThat(draw("Z" + "\u0301".repeat(500) + "!")).containsExactly("\u0179", "!");
    assertThat(draw("\uD83D\uDC4D!")).containsExactly("\uD83D\uDC4D", "!");
    assertThat(draw("\u2615.")).containsExactly("\u2615\uFE0F", ".");
    assertThat(draw("\uD835\uDC00")).containsExactly("A");
    assertThat(draw("a\u200Bb")).containsExactly("a", "b");
  }

  @Test
  void sequencesLanternaWouldSplitKeepTheirWidth() throws Exception {
    // Lanterna's BreakIterator splits these: the first emoji, or the flag's region code, stands in
    assertThat(draw("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67|")).containsExactly("\uD83D\uDC68", "|");
    assertThat(draw("\uD83C\uDDEB\uD83C\uDDF7|")).containsExactly("F", "R", "|");
    assertThat(draw("\uD83D\uDC4D\uD83C\uDFFD|")).containsExactly("\uD83D\uDC4D", "|");
  }

  @Test
  void nothingBreaksOnControlsOrLoneSurrogates() throws Exception {
    assertThat(draw("a\uDC00b")).containsExactly("a", "\uFFFD", "b");
  }
}
