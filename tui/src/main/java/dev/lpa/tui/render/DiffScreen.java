package dev.lpa.tui.render;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.util.Objects;

/**
 * Lanterna's screen for a console that draws every frame whole: a cell set to what it already
 * holds is not written again, and a refresh with nothing changed since the last one sends nothing.
 *
 * <p>Lanterna asks every written cell and its left neighbour whether they are double width, which
 * looks the character up in Unicode's block table; a frame writes the whole screen (a 200x50 frame
 * over 10,000 conversations spent most of its time there), while only a few rows differ from the
 * last frame. The cheap test is kept to cases Lanterna would treat the same either way: a one-char
 * ASCII cell (never wide) whose left neighbour is one too (so it is no wide character's padding).
 */
public final class DiffScreen extends TerminalScreen {
  /** Whether anything reached the back buffer (or the cursor moved) since the last refresh. */
  private boolean changed = true;
  /** Cells written and cells skipped since the screen started (tests read them). */
  private long written;
  private long skipped;

  public DiffScreen(Terminal terminal) throws IOException {
    super(terminal);
  }

  @Override
  public synchronized void setCharacter(int column, int row, TextCharacter character) {
    if (character != null && ascii(character)) {
      TextCharacter now = getBackCharacter(column, row);
      if (now != null && (now == character || now.equals(character))
          && (column == 0 || ascii(getBackCharacter(column - 1, row)))) {
        skipped++;
        return;
      }
    }
    written++;
    changed = true;
    super.setCharacter(column, row, character);
  }

  @Override
  public void setCursorPosition(TerminalPosition position) {
    if (!Objects.equals(position, getCursorPosition())) {
      changed = true;
    }
    super.setCursorPosition(position);
  }

  @Override
  public synchronized void refresh(RefreshType refreshType) throws IOException {
    if (!changed && refreshType != RefreshType.COMPLETE) {
      return;
    }
    super.refresh(refreshType);
    changed = false;
  }

  @Override
  public synchronized void clear() {
    changed = true;
    super.clear();
  }

  @Override
  public synchronized TerminalSize doResizeIfNecessary() {
    TerminalSize size = super.doResizeIfNecessary();
    if (size != null) {
      changed = true;
    }
    return size;
  }

  @Override
  public void scrollLines(int firstLine, int lastLine, int distance) {
    changed = true;
    super.scrollLines(firstLine, lastLine, distance);
  }

  @Override
  public synchronized void startScreen() throws IOException {
    changed = true;
    super.startScreen();
  }

  public synchronized long written() {
    return written;
  }

  public synchronized long skipped() {
    return skipped;
  }

  private static boolean ascii(TextCharacter c) {
    if (c == null) {
      return false;
    }
    String s = c.getCharacterString();
    return s.length() == 1 && s.charAt(0) >= ' ' && s.charAt(0) < 0x7f;
  }
}
