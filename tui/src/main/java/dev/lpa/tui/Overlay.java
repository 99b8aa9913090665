package dev.lpa.tui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** A modal box drawn over the screen: a menu, a one-line prompt, or read-only information. */
abstract sealed class Overlay permits Overlay.Menu, Overlay.Prompt, Overlay.Info {
  final String title;

  Overlay(String title) {
    this.title = title;
  }

  /** A pickable item; {@code hotkey} is a single character shown in brackets, or 0 for none. */
  record Item(char hotkey, String label, String detail, boolean enabled, Runnable action) {
    static Item of(char hotkey, String label, Runnable action) {
      return new Item(hotkey, label, "", true, action);
    }
  }

  static final class Menu extends Overlay {
    final List<Item> all;
    final boolean searchable;
    final StringBuilder query = new StringBuilder();
    int selected;

    Menu(String title, List<Item> items, boolean searchable) {
      super(title);
      this.all = List.copyOf(items);
      this.searchable = searchable;
      this.selected = firstEnabled(visible());
    }

    List<Item> visible() {
      if (query.length() == 0) {
        return all;
      }
      String q = query.toString().toLowerCase(Locale.ROOT);
      List<Item> out = new ArrayList<>();
      for (Item i : all) {
        if ((i.label() + " " + i.detail()).toLowerCase(Locale.ROOT).contains(q)) {
          out.add(i);
        }
      }
      return out;
    }

    void move(int delta) {
      List<Item> v = visible();
      if (v.isEmpty()) {
        return;
      }
      int s = selected;
      for (int k = 0; k < v.size(); k++) {
        s = Math.floorMod(s + delta, v.size());
        if (v.get(s).enabled()) {
          selected = s;
          return;
        }
      }
    }

    Item current() {
      List<Item> v = visible();
      return selected >= 0 && selected < v.size() ? v.get(selected) : null;
    }

    Item byHotkey(char c) {
      for (Item i : all) {
        if (i.hotkey() != 0 && Character.toLowerCase(i.hotkey()) == Character.toLowerCase(c) && i.enabled()) {
          return i;
        }
      }
      return null;
    }

    void queryChanged() {
      selected = firstEnabled(visible());
    }

    private static int firstEnabled(List<Item> items) {
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i).enabled()) {
          return i;
        }
      }
      return -1;
    }
  }

  static final class Prompt extends Overlay {
    final String label;
    final StringBuilder value = new StringBuilder();
    final Consumer<String> onSubmit;

    Prompt(String title, String label, String initial, Consumer<String> onSubmit) {
      super(title);
      this.label = label;
      this.value.append(initial == null ? "" : initial);
      this.onSubmit = onSubmit;
    }
  }

  static final class Info extends Overlay {
    final List<String> lines;
    /** The first line shown (the help is longer than a small terminal); the renderer clamps it. */
    int top;

    void scroll(int delta) {
      top = Math.max(0, Math.min(lines.size() - 1, top + delta));
    }

    Info(String title, List<String> lines) {
      super(title);
      this.lines = List.copyOf(lines);
    }
  }
}
