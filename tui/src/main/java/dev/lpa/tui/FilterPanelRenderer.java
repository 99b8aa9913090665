package dev.lpa.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import dev.lpa.tui.Theme.Role;
import dev.lpa.tui.Theme.Style;
import dev.lpa.tui.render.Text;
import java.util.EnumSet;
import java.util.List;

/**
 * Draws the managers' filter panel at the right edge, between the header and the status line,
 * over whatever is beneath (the list stays visible to its left, as the app's panel leaves it).
 */
final class FilterPanelRenderer {
  private final Console c;
  private final Paint p;

  FilterPanelRenderer(Console c, Paint p) {
    this.c = c;
    this.p = p;
  }

  /** The panel's width on a terminal this wide: a third of it, within 36 and 48 columns. */
  static int width(int cols) {
    return Math.min(cols, Math.max(36, Math.min(48, cols / 3 + 4)));
  }

  /** @param top the first row under the header and the banners (a ring stays in sight) */
  void draw(FilterPanel.View v, TerminalSize size, int top) {
    int cols = size.getColumns();
    int w = width(cols);
    int x0 = cols - w;
    int y0 = top;
    int h = size.getRows() - 1 - top;
    if (h < 3) {
      return;
    }
    Style menu = p.style(Role.MENU);
    Style bold = new Style(menu.fg(), menu.bg(), EnumSet.of(SGR.BOLD));
    Style dim = new Style(p.style(Role.DIM).fg(), menu.bg(), EnumSet.noneOf(SGR.class));
    p.fill(x0, y0, w, h, menu);
    for (int i = 0; i < h; i++) {
      p.put(x0, y0 + i, "│", menu);
    }
    int x = x0 + 2;
    int inner = w - 3;
    FilterPanel panel = c.filterPanel;
    String title = v.page() == FilterPanel.Page.MAIN ? panel.title(v.page()) : "‹ " + panel.title(v.page());
    p.put(x, y0, Text.fit(title, inner), bold);
    p.put(x0 + 1, y0 + 1, "─".repeat(w - 1), menu);
    List<FilterPanel.Row> rows = panel.rows(v.page());
    int rowsTop = y0 + 2;
    int room = h - 4; // title, rule, and the summary with a blank line above it
    if (rows.isEmpty()) {
      p.put(x, rowsTop, Text.fit(panel.emptyText(v.page()), inner), dim);
    }
    int first = Math.max(0, Math.min(v.row() - room + 1, rows.size() - room));
    for (int i = 0; i < room && first + i < rows.size(); i++) {
      int index = first + i;
      FilterPanel.Row r = rows.get(index);
      boolean sel = index == v.row();
      Style st = sel ? p.style(Role.MENU_SELECTED) : r.enabled() ? menu : dim;
      p.fill(x0 + 1, rowsTop + i, w - 1, 1, st);
      String key = index < 9 ? "[" + (index + 1) + "] " : "    ";
      String mark = switch (v.page()) {
        case MAIN -> r.chosen() ? "• " : "  ";
        case STATUS -> r.chosen() ? "● " : "○ ";
        default -> r.chosen() ? "✓ " : "  ";
      };
      String drill = v.page() == FilterPanel.Page.MAIN && index < 3 ? " ›" : "";
      String detail = r.detail() + drill;
      String label = key + mark + r.label();
      int dw = Text.width(detail);
      p.put(x, rowsTop + i, Text.fit(label, Math.max(0, inner - dw - 1)), st);
      if (dw > 0 && dw < inner - 6) {
        p.put(x0 + w - 1 - dw, rowsTop + i, detail, st);
      }
    }
    String summary = panel.summary();
    String line = summary.isEmpty() ? c.text.get("panel.none") : c.text.get("panel.showing", summary);
    p.put(x, y0 + h - 1, Text.fit(line, inner), dim);
  }
}
