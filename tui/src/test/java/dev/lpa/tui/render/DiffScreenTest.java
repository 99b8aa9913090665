package dev.lpa.tui.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The screen that skips unchanged cells shows exactly what Lanterna's own screen shows. */
class DiffScreenTest {
  private static final TerminalSize SIZE = new TerminalSize(40, 6);
  private static final String[] CELLS = {"a", "b", " ", "─", "世", "😀", "é", "x"};
  private static final TextColor[] COLOURS = {TextColor.ANSI.DEFAULT, TextColor.ANSI.RED, TextColor.ANSI.BLUE};

  private static String text(DefaultVirtualTerminal t) {
    StringBuilder sb = new StringBuilder();
    for (int y = 0; y < SIZE.getRows(); y++) {
      for (int x = 0; x < SIZE.getColumns(); x++) {
        TextCharacter c = t.getCharacter(x, y);
        sb.append(c == null ? "?" : c.getCharacterString() + c.getForegroundColor() + c.getBackgroundColor());
      }
      sb.append('\n');
    }
    return sb.toString() + t.getCursorBufferPosition();
  }

  @Test
  void randomFramesReachTheTerminalAsWithLanternasScreen() throws IOException {
    DefaultVirtualTerminal plainTerm = new DefaultVirtualTerminal(SIZE);
    DefaultVirtualTerminal diffTerm = new DefaultVirtualTerminal(SIZE);
    Screen plain = new TerminalScreen(plainTerm);
    DiffScreen diff = new DiffScreen(diffTerm);
    plain.startScreen();
    diff.startScreen();
    Random r = new Random(7);
    for (int frame = 0; frame < 300; frame++) {
      // a whole-screen fill, then a few runs of text: how the console draws each frame
      TextColor bg = COLOURS[r.nextInt(2)];
      for (int y = 0; y < SIZE.getRows(); y++) {
        for (int x = 0; x < SIZE.getColumns(); x++) {
          TextCharacter blank = TextCharacter.fromCharacter(' ', TextColor.ANSI.DEFAULT, bg)[0];
          plain.setCharacter(x, y, blank);
          diff.setCharacter(x, y, blank);
        }
      }
      for (int run = 0; run < 6; run++) {
        int x = r.nextInt(SIZE.getColumns());
        int y = r.nextInt(SIZE.getRows());
        TextColor fg = COLOURS[r.nextInt(COLOURS.length)];
        for (int k = 0; k < 1 + r.nextInt(8) && x < SIZE.getColumns(); k++) {
          TextCharacter c = TextCharacter.fromString(CELLS[r.nextInt(CELLS.length)], fg, bg)[0];
          plain.setCharacter(x, y, c);
          diff.setCharacter(x, y, c);
          x += c.isDoubleWidth() ? 2 : r.nextInt(2) + 1;
        }
      }
      TerminalPosition cursor = r.nextInt(4) == 0 ? new TerminalPosition(r.nextInt(40), r.nextInt(6)) : null;
      plain.setCursorPosition(cursor);
      diff.setCursorPosition(cursor);
      plain.refresh();
      diff.refresh();
      assertThat(text(diffTerm)).as("frame %d", frame).isEqualTo(text(plainTerm));
    }
    assertThat(diff.skipped()).as("cells skipped as unchanged").isGreaterThan(diff.written() / 2);
  }

  @Test
  void aFrameLikeTheLastSendsNothing() throws IOException {
    DefaultVirtualTerminal t = new DefaultVirtualTerminal(SIZE);
    DiffScreen s = new DiffScreen(t);
    s.startScreen();
    TextCharacter a = TextCharacter.fromCharacter('a')[0];
    s.setCharacter(3, 2, a);
    s.refresh();
    assertThat(t.getCharacter(3, 2).getCharacterString()).isEqualTo("a");
    long written = s.written();
    // the terminal's cell changes behind the screen's back: a refresh that sent anything would restore it
    t.setCursorPosition(3, 2);
    t.putCharacter('z');
    s.setCharacter(3, 2, a);
    s.refresh();
    assertThat(s.written()).isEqualTo(written);
    assertThat(t.getCharacter(3, 2).getCharacterString()).isEqualTo("z");
    s.setCharacter(4, 2, a);
    s.refresh();
    assertThat(t.getCharacter(4, 2).getCharacterString()).isEqualTo("a");
  }
}
