package dev.lpa.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import dev.lpa.tui.Theme.Role;
import dev.lpa.tui.Theme.Style;
import dev.lpa.tui.render.Text;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Draws the overlay on top (menu, prompt, help or info) and the login form.
 */
final class OverlayRenderer {
  private final Console c;
  private final Paint p;

  OverlayRenderer(Console c, Paint p) {
    this.c = c;
    this.p = p;
  }

  void drawOverlay(Overlay o, TerminalSize size) {
    int cols = size.getColumns();
    int rows = size.getRows();
    List<String> labels = new ArrayList<>();
    int w = Text.width(o.title) + 6;
    if (o instanceof Overlay.Menu m) {
      for (Overlay.Item i : m.visible()) {
        w = Math.max(w, Text.width(i.label()) + Text.width(i.detail()) + 10);
      }
      if (m.searchable) {
        w = Math.max(w, 36);
      }
    } else if (o instanceof Overlay.Prompt pr) {
      w = Math.max(w, Math.max(44, Text.width(pr.label) + 4));
    } else if (o instanceof Overlay.Info info) {
      for (String l : info.lines) {
        w = Math.max(w, Text.width(l) + 4);
      }
    }
    w = Math.min(w, cols - 2);
    int inner = w - 2;
    int contentH;
    if (o instanceof Overlay.Menu m) {
      contentH = Math.max(1, m.visible().size()) + (m.searchable ? 2 : 0);
    } else if (o instanceof Overlay.Info info) {
      contentH = Math.max(1, info.lines.size());
    } else {
      contentH = 3;
    }
    int h = Math.min(rows - 2, contentH + 2);
    int x0 = Math.max(0, (cols - w) / 2);
    int y0 = Math.max(0, (rows - h) / 2);
    Style menu = p.style(Role.MENU);
    p.fill(x0, y0, w, h, menu);
    p.put(x0, y0, "┌" + "─".repeat(w - 2) + "┐", menu);
    p.put(x0, y0 + h - 1, "└" + "─".repeat(w - 2) + "┘", menu);
    for (int i = 1; i < h - 1; i++) {
      p.put(x0, y0 + i, "│", menu);
      p.put(x0 + w - 1, y0 + i, "│", menu);
    }
    p.put(x0 + 2, y0, Text.fit(" " + o.title + " ", w - 4), new Style(menu.fg(), menu.bg(), EnumSet.of(SGR.BOLD)));
    int yy = y0 + 1;
    int room = h - 2;
    if (o instanceof Overlay.Menu m) {
      if (m.searchable) {
        String q = c.text.get("menu.search") + " " + m.query;
        p.put(x0 + 2, yy, Text.fit(q, inner - 2), p.style(Role.INPUT));
        p.cursor = new TerminalPosition(Math.min(x0 + w - 2, x0 + 2 + Text.width(q)), yy);
        yy += 2;
        room -= 2;
      }
      List<Overlay.Item> items = m.visible();
      if (items.isEmpty()) {
        p.put(x0 + 2, yy, Text.fit(c.text.get("menu.nothing"), inner - 2), p.style(Role.DIM));
      }
      int first = Math.max(0, Math.min(m.selected - room + 1, items.size() - room));
      first = Math.max(0, first);
      for (int i = 0; i < room && first + i < items.size(); i++) {
        Overlay.Item it = items.get(first + i);
        boolean sel = first + i == m.selected;
        Style st = sel ? p.style(Role.MENU_SELECTED) : it.enabled() ? menu : new Style(p.style(Role.DIM).fg(), menu.bg(), EnumSet.noneOf(SGR.class));
        p.fill(x0 + 1, yy + i, inner, 1, st);
        String key = it.hotkey() != 0 ? "[" + it.hotkey() + "] " : "    ";
        String label = key + it.label();
        p.put(x0 + 2, yy + i, Text.fit(label, inner - 2), st);
        if (!it.detail().isEmpty()) {
          String d = Text.fit(it.detail(), Math.max(0, inner - Text.width(label) - 4));
          p.put(x0 + w - 2 - Text.width(d), yy + i, d, st);
        }
      }
    } else if (o instanceof Overlay.Prompt pr) {
      p.put(x0 + 2, yy, Text.fit(pr.label, inner - 2), menu);
      Style in = p.style(Role.INPUT);
      p.fill(x0 + 2, yy + 1, inner - 2, 1, in);
      String v = pr.value.toString();
      int vw = Text.width(v);
      String shown = vw > inner - 3 ? v.substring(v.length() - (inner - 3)) : v;
      p.put(x0 + 2, yy + 1, shown, in);
      p.cursor = new TerminalPosition(x0 + 2 + Text.width(shown), yy + 1);
      p.put(x0 + 2, yy + 2, Text.fit(c.text.get("prompt.hint"), inner - 2), new Style(p.style(Role.DIM).fg(), menu.bg(), EnumSet.noneOf(SGR.class)));
    } else if (o instanceof Overlay.Info info) {
      int first = Math.max(0, Math.min(info.top, info.lines.size() - room));
      for (int i = 0; i < room && first + i < info.lines.size(); i++) {
        p.put(x0 + 2, yy + i, Text.fit(info.lines.get(first + i), inner - 2), menu);
      }
    }
  }

  void drawLogin(TerminalSize size) {
    int cols = size.getColumns();
    int rows = size.getRows();
    LoginForm f = c.login;
    int w = Math.min(cols - 2, 60);
    int x0 = Math.max(0, (cols - w) / 2);
    int y0 = Math.max(0, (rows - 14) / 2);
    Style base = p.style(Role.BASE);
    Style header = p.style(Role.HEADER);
    p.fill(0, 0, cols, 1, header);
    p.put(1, 0, Text.fit(c.text.get("login.header"), cols - 2), header);
    p.put(x0, y0, Text.fit(c.text.get("login.title"), w), new Style(base.fg(), base.bg(), EnumSet.of(SGR.BOLD)));
    int labelW = 18;
    int fieldW = Math.max(8, w - labelW - 1);
    String[] labels = {c.text.get("login.account"), c.text.get("login.username"), c.text.get("login.password")};
    String[] values = {f.account.toString(), f.username.toString(), "•".repeat(f.password.length)};
    for (int i = 0; i < 3; i++) {
      int yy = y0 + 2 + i * 2;
      p.put(x0, yy, Text.fit(labels[i], labelW), base);
      Style in = f.field == i ? p.style(Role.CURSOR) : p.style(Role.INPUT);
      p.fill(x0 + labelW, yy, fieldW, 1, in);
      String v = values[i];
      String shown = Text.width(v) > fieldW - 1 ? v.substring(v.length() - (fieldW - 1)) : v;
      p.put(x0 + labelW, yy, shown, in);
      if (f.field == i && !f.busy) {
        p.cursor = new TerminalPosition(x0 + labelW + Text.width(shown), yy);
      }
    }
    int yy = y0 + 8;
    String remember = (f.remember ? "[x] " : "[ ] ") + c.text.get("login.remember");
    p.put(x0 + labelW, yy, remember, f.field == LoginForm.REMEMBER ? p.style(Role.CURSOR) : base);
    yy += 2;
    String loginBtn = "[ " + c.text.get("login.button") + " ]";
    String ssoBtn = "[ " + c.text.get("login.sso") + " ]";
    Style disabled = p.style(Role.DIM);
    Style btn = f.complete() ? base : disabled;
    p.put(x0 + labelW, yy, loginBtn, f.field == LoginForm.LOGIN ? p.style(Role.CURSOR) : btn);
    p.put(x0 + labelW + Text.width(loginBtn) + 2, yy, ssoBtn, f.field == LoginForm.SSO ? p.style(Role.CURSOR) : base);
    yy += 2;
    if (f.busy) {
      p.put(x0, yy, Text.fit(c.text.get("login.busy"), w), p.style(Role.DIM));
      if (f.address != null) {
        // the whole address, wrapped: a cut one cannot be typed or copied into a browser
        List<String> lines = Text.wrap(c.text.get("status.openManually", f.address), w);
        for (int i = 0; i < lines.size() && yy + 1 + i < rows - 1; i++) {
          p.put(x0, yy + 1 + i, lines.get(i), base);
        }
      }
    } else if (f.error != null) {
      Style alert = p.style(Role.BANNER_ALERT);
      List<String> lines = Text.wrap("⚠ " + f.error, w - 2);
      for (int i = 0; i < Math.min(3, lines.size()); i++) {
        p.fill(x0, yy + i, w, 1, alert);
        p.put(x0 + 1, yy + i, lines.get(i), alert);
      }
    }
    Style st = c.statusText() != null && c.model.statusError() ? p.style(Role.STATUS_ERROR) : p.style(Role.STATUS);
    p.fill(0, rows - 1, cols, 1, st);
    String msg = c.statusText();
    p.put(1, rows - 1, Text.fit(msg != null ? msg : c.keyText().loginHint(), cols - 2), st);
  }
}
