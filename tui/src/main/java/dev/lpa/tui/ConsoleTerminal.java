package dev.lpa.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import dev.lpa.tui.render.Cells;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Lanterna's Unix terminal with two output faults fixed.
 *
 * <ul>
 *   <li>Lanterna 3.1.3 encodes each char with {@code Charset.encode(..).array()}, the whole backing
 *       array: a two-byte UTF-8 character ({@code ·}, {@code é}, most combining marks) is followed by
 *       a NUL byte, and the two halves of a surrogate pair are encoded apart, so every emoji prints
 *       as {@code ??}. Here a char becomes exactly its bytes, and a pair is encoded as one.
 *   <li>Terminals disagree on the width of emoji sequences (tmux draws a keycap or {@code ❤️} one
 *       cell wide, others two; a ZWJ family is one glyph in some, several in others). A two-cell
 *       glyph of more than one code point is written over two blanks, and the cursor is put back
 *       where the screen expects it, so a disagreement neither shifts the rest of the row nor
 *       leaves a stale character in the second cell.
 * </ul>
 */
final class ConsoleTerminal extends UnixTerminal {
  private final CharEncoder chars;
  private final Placement placement;
  private volatile int columns = -1;

  ConsoleTerminal(InputStream in, OutputStream out, Charset charset, CtrlCBehaviour ctrlC) throws IOException {
    super(in, out, charset, ctrlC);
    runSTTYCommand("-ixon"); // Lanterna's own start calls its acquire directly, not the override below
    chars = new CharEncoder(charset);
    placement = new Placement(new Output() {
      @Override
      public void put(char c) throws IOException {
        ConsoleTerminal.super.putCharacter(c);
      }

      @Override
      public void moveTo(int x, int y) throws IOException {
        ConsoleTerminal.super.setCursorPosition(x, y);
      }

      @Override
      public int columns() throws IOException {
        if (columns < 0) {
          columns = getTerminalSize().getColumns();
        }
        return columns;
      }
    });
    addResizeListener((t, size) -> columns = size.getColumns());
  }

  /**
   * Lanterna's raw mode leaves the terminal's flow control on, so Ctrl+Q and Ctrl+S never reach
   * the console (the tty keeps them as XON/XOFF): they are keys here. The settings Lanterna saved
   * before are restored on close, flow control with them. (Called again when the console is
   * brought back after a suspend.)
   */
  @Override
  protected void acquire() throws IOException {
    super.acquire();
    runSTTYCommand("-ixon");
  }

  @Override
  protected byte[] translateCharacter(char c) {
    if (!StandardCharsets.UTF_8.equals(getCharset())) {
      return super.translateCharacter(c); // keeps Lanterna's line-drawing fallbacks for old charsets
    }
    return chars.next(c);
  }

  /** Turns chars written one at a time into bytes, a surrogate pair as one code point. */
  static final class CharEncoder {
    private final Charset charset;
    private char pendingHigh;

    CharEncoder(Charset charset) {
      this.charset = charset;
    }

    byte[] next(char c) {
      if (Character.isHighSurrogate(c)) {
        byte[] orphan = pendingHigh != 0 ? encode("\uFFFD", charset) : new byte[0];
        pendingHigh = c;
        return orphan;
      }
      String s;
      if (Character.isLowSurrogate(c)) {
        s = pendingHigh != 0 ? new String(new char[] {pendingHigh, c}) : "\uFFFD";
      } else {
        s = (pendingHigh != 0 ? "\uFFFD" : "") + c;
      }
      pendingHigh = 0;
      return encode(s, charset);
    }
  }

  /** Exactly the encoded bytes of {@code s}; an unmappable character becomes {@code ?}. */
  static byte[] encode(String s, Charset charset) {
    CharsetEncoder enc = charset.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try {
      ByteBuffer b = enc.encode(CharBuffer.wrap(s));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      return new byte[] {'?'};
    }
  }

  @Override
  public void setCursorPosition(int x, int y) throws IOException {
    super.setCursorPosition(x, y);
    if (placement != null) { // null while Lanterna's constructor runs
      placement.movedTo(x, y);
    }
  }

  @Override
  public void setCursorPosition(TerminalPosition p) throws IOException {
    setCursorPosition(p.getColumn(), p.getRow());
  }

  @Override
  public void clearScreen() throws IOException {
    super.clearScreen();
    if (placement != null) {
      placement.lost();
    }
  }

  @Override
  public void putCharacter(char c) throws IOException {
    super.putCharacter(c);
    if (placement != null) {
      placement.wroteChar(c);
    }
  }

  @Override
  public void putString(String s) throws IOException {
    if (placement == null) {
      super.putString(s);
      return;
    }
    placement.write(s);
  }

  /** Where the terminal's cursor is as far as the screen knows, and how a cell is written there. */
  interface Output {
    void put(char c) throws IOException;

    void moveTo(int x, int y) throws IOException;

    int columns() throws IOException;
  }

  static final class Placement {
    private final Output out;
    /** Where the next character goes; col -1 when unknown. */
    private int col = -1;
    private int row;

    Placement(Output out) {
      this.out = out;
    }

    void movedTo(int x, int y) {
      col = x;
      row = y;
    }

    void lost() {
      col = -1;
    }

    void wroteChar(char c) {
      if (col >= 0 && !Character.isHighSurrogate(c)) {
        col++;
      }
    }

    /** Writes one cell as TerminalScreen sends it (a whole cell per string). */
    void write(String s) throws IOException {
      int start = col;
      // anything but one cell leaves the position unknown
      int width = s.isEmpty() ? 0 : Cells.lanternaWidth(s);
      boolean uncertain = start >= 0 && width == 2 && s.codePointCount(0, s.length()) > 1
          && start + 2 < out.columns();
      if (uncertain) {
        // blank both cells first: a terminal that draws the glyph one cell wide would otherwise
        // leave whatever the second cell showed before, and the screen never repaints it
        out.put(' ');
        out.put(' ');
        out.moveTo(start, row);
      }
      for (int i = 0; i < s.length(); i++) {
        out.put(s.charAt(i));
      }
      if (start < 0 || width == 0) {
        col = -1;
        return;
      }
      col = start + width;
      if (uncertain) {
        out.moveTo(col, row);
      }
    }
  }
}
