package dev.lpa.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.lpa.tui.keys.Action;
import dev.lpa.tui.keys.Context;

/**
 * Keys for the overlay on top of the stack (menu, prompt, help or info); it takes every key.
 */
final class Overlays implements KeyHandler {
  private final Console ui;

  Overlays(Console ui) {
    this.ui = ui;
  }

  /** The overlay on top takes every key. */
  @Override
  public boolean handle(KeyStroke k) {
    overlayKey(ui.model.overlay(), k);
    return true;
  }

  void overlayKey(Overlay o, KeyStroke k) {
    if (o instanceof Overlay.Info info) {
      Action a = ui.keymap.action(Context.INFO, k);
      if (a == Action.UP || a == Action.PAGE_UP) {
        info.scroll(a == Action.UP ? -1 : -10);
      } else if (a == Action.DOWN || a == Action.PAGE_DOWN) {
        info.scroll(a == Action.DOWN ? 1 : 10);
      } else if (a == Action.CLOSE) {
        ui.model.pop();
      }
      return;
    }
    Action a = ui.keymap.action(Context.MENU, k);
    boolean typed = a == null && k.getKeyType() == KeyType.Character && !k.isCtrlDown();
    if (a == Action.CLOSE) {
      ui.model.pop();
    } else if (o instanceof Overlay.Menu m) {
      if (a == Action.DOWN) {
        m.move(1);
      } else if (a == Action.UP) {
        m.move(-1);
      } else if (a == Action.PICK) {
        pick(m, m.current());
      } else if (m.searchable && a == Action.DELETE_BACK) {
        if (m.query.length() > 0) {
          m.query.setLength(m.query.length() - 1);
          m.queryChanged();
        }
      } else if (typed) {
        if (m.searchable) {
          m.query.append(k.getCharacter());
          m.queryChanged();
        } else {
          Overlay.Item i = m.byHotkey(k.getCharacter());
          if (i != null) {
            pick(m, i);
          }
        }
      }
    } else if (o instanceof Overlay.Prompt p) {
      if (a == Action.PICK) {
        ui.model.dismiss(p);
        p.onSubmit.accept(p.value.toString());
      } else if (a == Action.DELETE_BACK) {
        if (p.value.length() > 0) {
          p.value.setLength(p.value.length() - 1);
        }
      } else if (typed) {
        p.value.append(k.getCharacter());
      }
    }
  }

  void pick(Overlay.Menu m, Overlay.Item i) {
    if (i == null || !i.enabled()) {
      return;
    }
    ui.model.dismiss(m);
    i.action().run();
  }
}
