package dev.lpa.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.ANSITerminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * An ANSI terminal over a pair of streams whose size is told, not asked: the console a background
 * session runs for a client attached over its socket. The client's tty is in raw mode on its side
 * and its window size arrives through {@link #resized}; nothing here touches a tty of this process
 * (a session has none). Output goes through the same UTF-8 and wide-glyph fixes as the console's
 * own terminal ({@link ConsoleTerminal}).
 */
public final class StreamTerminal extends ANSITerminal {
  private final ConsoleTerminal.CharEncoder chars;
  private final ConsoleTerminal.Placement placement;
  private volatile TerminalSize size;

  public StreamTerminal(InputStream in, OutputStream out, int columns, int rows) {
    super(in, out, StandardCharsets.UTF_8);
    this.size = new TerminalSize(Math.max(1, columns), Math.max(1, rows));
    chars = new ConsoleTerminal.CharEncoder(StandardCharsets.UTF_8);
    placement = new ConsoleTerminal.Placement(new ConsoleTerminal.Output() {
      @Override
      public void put(char c) throws IOException {
        StreamTerminal.super.putCharacter(c);
      }

      @Override
      public void moveTo(int x, int y) throws IOException {
        StreamTerminal.super.setCursorPosition(x, y);
      }

      @Override
      public int columns() {
        return size.getColumns();
      }
    });
  }

  /** The client's window changed size (its SIGWINCH). */
  public void resized(int columns, int rows) {
    TerminalSize s = new TerminalSize(Math.max(1, columns), Math.max(1, rows));
    size = s;
    onResized(s);
  }

  /** Runs the console on this terminal until it quits; the workspace stays open (the session owns it). */
  public static int runConsole(Terminal t, Clock clock, ConsoleOptions opts, dev.lpa.core.workspace.Workspace ws)
      throws IOException {
    try (Console c = new Console(t, clock, opts, ws)) {
      c.start();
      return c.loop();
    }
  }

  @Override
  protected TerminalSize findTerminalSize() {
    return size;
  }

  @Override
  protected byte[] translateCharacter(char c) {
    return chars.next(c);
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
}
