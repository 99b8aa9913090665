package dev.lpa.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.lpa.tui.Theme.Role;
import dev.lpa.tui.Theme.Style;
import dev.lpa.tui.render.Cells;
import java.util.EnumSet;

/**
 * One frame's drawing surface: the cell writer and fills in the theme's styles, the cursor
 * position the frame asks for, and the {@link Frame} it fitted. A new one per frame.
 */
final class Paint {
  private final Console c;
  final TextGraphics g;
  TerminalPosition cursor;
  Frame frame = Frame.NOTHING;

  Paint(Console c, TextGraphics g) {
    this.c = c;
    this.g = g;
  }

  Style style(Role r) {
    return c.theme.style(r);
  }

  void put(int x, int y, String s, Style st) {
    put(x, y, s, st.fg(), st.bg(), st.sgr());
  }

  void put(int x, int y, String s, TextColor fg, TextColor bg, EnumSet<SGR> sgr) {
    if (s.isEmpty()) {
      return;
    }
    // every string, consumer text or not, goes through the one cell writer (see Cells)
    Cells.put(g, x, y, s, fg == null ? TextColor.ANSI.DEFAULT : fg, bg == null ? TextColor.ANSI.DEFAULT : bg, sgr);
  }

  void fill(int x, int y, int w, int h, Style st) {
    if (w <= 0 || h <= 0) {
      return;
    }
    g.setForegroundColor(st.fg());
    g.setBackgroundColor(st.bg());
    g.clearModifiers();
    if (!st.sgr().isEmpty()) {
      g.enableModifiers(st.sgr().toArray(new SGR[0]));
    }
    g.fillRectangle(new TerminalPosition(x, y), new TerminalSize(w, h), ' ');
  }

  /** A style with another background (the cursor row keeps meaningful foregrounds). */
  static Style onBg(Style st, Style bgFrom) {
    return new Style(st.fg(), bgFrom.bg(), st.sgr());
  }
}
