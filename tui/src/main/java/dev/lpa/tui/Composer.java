package dev.lpa.tui;

import java.util.ArrayList;
import java.util.List;

/** The message being written: multi-line text with a cursor. Lives on the UI thread only. */
public final class Composer {
  private final StringBuilder text = new StringBuilder();
  private int cursor;

  public String text() {
    return text.toString();
  }

  public int cursor() {
    return cursor;
  }

  public boolean isBlank() {
    return text.toString().isBlank();
  }

  public void clear() {
    text.setLength(0);
    cursor = 0;
  }

  /** Replaces the whole text (predefined content fills the composer rather than sending). */
  public void set(String s) {
    text.setLength(0);
    text.append(s);
    cursor = text.length();
  }

  public void insert(char c) {
    text.insert(cursor, c);
    cursor++;
  }

  public void insert(String s) {
    text.insert(cursor, s);
    cursor += s.length();
  }

  public void newline() {
    insert('\n');
  }

  public void backspace() {
    if (cursor > 0) {
      text.deleteCharAt(cursor - 1);
      cursor--;
    }
  }

  public void delete() {
    if (cursor < text.length()) {
      text.deleteCharAt(cursor);
    }
  }

  public void left() {
    cursor = Math.max(0, cursor - 1);
  }

  public void right() {
    cursor = Math.min(text.length(), cursor + 1);
  }

  public void home() {
    cursor = lineStart(cursor);
  }

  public void end() {
    int i = text.indexOf("\n", cursor);
    cursor = i < 0 ? text.length() : i;
  }

  /** Moves up a line keeping the column where possible; false when already on the first line. */
  public boolean up() {
    int start = lineStart(cursor);
    if (start == 0) {
      return false;
    }
    int col = cursor - start;
    int prevStart = lineStart(start - 1);
    cursor = Math.min(prevStart + col, start - 1);
    return true;
  }

  public boolean down() {
    int start = lineStart(cursor);
    int nl = text.indexOf("\n", cursor);
    if (nl < 0) {
      return false;
    }
    int col = cursor - start;
    int nextEnd = text.indexOf("\n", nl + 1);
    if (nextEnd < 0) {
      nextEnd = text.length();
    }
    cursor = Math.min(nl + 1 + col, nextEnd);
    return true;
  }

  public List<String> lines() {
    List<String> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int nl = text.indexOf("\n", from);
      if (nl < 0) {
        out.add(text.substring(from));
        return out;
      }
      out.add(text.substring(from, nl));
      from = nl + 1;
    }
  }

  /** Line index and column of the cursor. */
  public int[] cursorPosition() {
    int line = 0;
    for (int i = 0; i < cursor; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return new int[] {line, cursor - lineStart(cursor)};
  }

  private int lineStart(int pos) {
    int i = text.lastIndexOf("\n", pos - 1);
    return i < 0 ? 0 : i + 1;
  }
}
