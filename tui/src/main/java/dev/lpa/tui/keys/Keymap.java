package dev.lpa.tui.keys;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The one table of keys: for each context, which keys do which action, in the order the hint
 * line and the help show them (the first key is the one a hint names). The help overlay, the
 * hint line, the ring banner and README's key table are all generated from it.
 *
 * <p>A user rebinds an action in {@code console.properties} with
 * {@code key.<context>.<action> = <key>[, <key>...]} (for example {@code key.list.accept = a, F3}):
 * the listed keys replace that action's keys in that context, and a key taken from another action
 * of the same context leaves that action. Immutable.
 */
public final class Keymap {
  /** Bindings by context: action to its keys, in table order. */
  private final Map<Context, Map<Action, List<Key>>> table;
  private final List<String> problems;

  private Keymap(Map<Context, Map<Action, List<Key>>> table, List<String> problems) {
    this.table = table;
    this.problems = List.copyOf(problems);
  }

  /** The keys the console ships with. */
  public static Keymap defaults() {
    Builder b = new Builder();
    b.in(Context.GLOBAL)
        .bind(Action.HELP, Key.of(KeyType.F1))
        .bind(Action.SETTINGS, Key.of(KeyType.F2))
        .bind(Action.ACCEPT, Key.of(KeyType.F3), Key.ctrl('r'))
        .bind(Action.ACTIONS, Key.ctrl('k'), Key.of(KeyType.F4))
        .bind(Action.ATTACH, Key.ctrl('t'), Key.of(KeyType.F5))
        .bind(Action.GO_NOTIFIED, Key.ctrl('g'))
        .bind(Action.SWITCH_PANE, Key.of(KeyType.Tab), Key.of(KeyType.ReverseTab))
        .bind(Action.QUIT, Key.of(KeyType.F10), Key.ctrl('q'), Key.ctrl('c'));
    b.in(Context.LIST)
        .bind(Action.UP, Key.of(KeyType.ArrowUp), Key.of('k'))
        .bind(Action.DOWN, Key.of(KeyType.ArrowDown), Key.of('j'))
        .bind(Action.FIRST, Key.of(KeyType.Home), Key.of('g'))
        .bind(Action.LAST, Key.of(KeyType.End), Key.of('G'))
        .bind(Action.PAGE_UP, Key.of(KeyType.PageUp))
        .bind(Action.PAGE_DOWN, Key.of(KeyType.PageDown))
        .bind(Action.OPEN, Key.of(KeyType.Enter), Key.of(KeyType.ArrowRight), Key.of('l'))
        .bind(Action.FILTER, Key.of('/'))
        .bind(Action.NEXT_OVERDUE, Key.of('o'), Key.of('!'))
        .bind(Action.NEXT_UNREAD, Key.of('u'), Key.of('n'))
        .bind(Action.MARK, Key.of(' '))
        .bind(Action.MARK_ALL, Key.of('*'))
        .bind(Action.RETURN_MARKED, Key.of('R'))
        .bind(Action.CLEAR, Key.of(KeyType.Escape))
        .bind(Action.ACCEPT, Key.of('a'))
        .bind(Action.ACTIONS, Key.of('m'), Key.of('.'))
        .bind(Action.SETTINGS, Key.of('s'))
        .bind(Action.HELP, Key.of('?'))
        .bind(Action.SWITCH_TAB, Key.of('t'))
        .bind(Action.STATUS_FILTER, Key.of('f'))
        .bind(Action.TEAM_PANEL, Key.of('p'))
        .bind(Action.LOGOUT, Key.of('L'))
        .bind(Action.QUIT, Key.of('q'));
    b.in(Context.CHAT)
        .bind(Action.SEND, Key.of(KeyType.Enter))
        .bind(Action.NEWLINE, Key.alt(KeyType.Enter), Key.ctrl('n'), Key.ctrl(KeyType.Enter), Key.ctrl('j'))
        .bind(Action.PAGE_UP, Key.of(KeyType.PageUp))
        .bind(Action.PAGE_DOWN, Key.of(KeyType.PageDown))
        .bind(Action.UP, Key.of(KeyType.ArrowUp))
        .bind(Action.DOWN, Key.of(KeyType.ArrowDown))
        .bind(Action.LEFT, Key.of(KeyType.ArrowLeft))
        .bind(Action.RIGHT, Key.of(KeyType.ArrowRight))
        .bind(Action.HOME, Key.of(KeyType.Home))
        .bind(Action.END, Key.of(KeyType.End))
        .bind(Action.DELETE_BACK, Key.of(KeyType.Backspace))
        .bind(Action.DELETE, Key.of(KeyType.Delete))
        .bind(Action.OPEN_PHOTO, Key.ctrl('o'))
        .bind(Action.BACK, Key.of(KeyType.Escape))
        .bind(Action.ACCEPT, Key.of('a'));
    b.in(Context.FILTER)
        .bind(Action.KEEP_FILTER, Key.of(KeyType.Enter))
        .bind(Action.CLEAR, Key.of(KeyType.Escape))
        .bind(Action.DELETE_BACK, Key.of(KeyType.Backspace))
        .bind(Action.UP, Key.of(KeyType.ArrowUp))
        .bind(Action.DOWN, Key.of(KeyType.ArrowDown));
    b.in(Context.PANEL)
        .bind(Action.UP, Key.of(KeyType.ArrowUp), Key.of('k'))
        .bind(Action.DOWN, Key.of(KeyType.ArrowDown), Key.of('j'))
        .bind(Action.PICK, Key.of(KeyType.Enter), Key.of(' '), Key.of(KeyType.ArrowRight), Key.of('l'))
        .bind(Action.BACK, Key.of(KeyType.Escape), Key.of(KeyType.ArrowLeft), Key.of(KeyType.Backspace), Key.of('h'))
        .bind(Action.CLEAR, Key.of('x'))
        .bind(Action.CLOSE, Key.of('f'))
        .bind(Action.HELP, Key.of('?'));
    b.in(Context.MENU)
        .bind(Action.UP, Key.of(KeyType.ArrowUp))
        .bind(Action.DOWN, Key.of(KeyType.ArrowDown))
        .bind(Action.PICK, Key.of(KeyType.Enter))
        .bind(Action.DELETE_BACK, Key.of(KeyType.Backspace))
        .bind(Action.CLOSE, Key.of(KeyType.Escape));
    b.in(Context.INFO)
        .bind(Action.UP, Key.of(KeyType.ArrowUp))
        .bind(Action.DOWN, Key.of(KeyType.ArrowDown))
        .bind(Action.PAGE_UP, Key.of(KeyType.PageUp))
        .bind(Action.PAGE_DOWN, Key.of(KeyType.PageDown))
        .bind(Action.CLOSE, Key.of(KeyType.Escape), Key.of(KeyType.Enter), Key.of('q'));
    b.in(Context.LOGIN)
        .bind(Action.NEXT_FIELD, Key.of(KeyType.Tab), Key.of(KeyType.ArrowDown))
        .bind(Action.PREV_FIELD, Key.of(KeyType.ReverseTab), Key.of(KeyType.ArrowUp))
        .bind(Action.SUBMIT, Key.of(KeyType.Enter))
        .bind(Action.SSO, Key.of(KeyType.F2))
        .bind(Action.DELETE_BACK, Key.of(KeyType.Backspace))
        .bind(Action.QUIT, Key.of(KeyType.Escape), Key.of(KeyType.F10), Key.ctrl('q'), Key.ctrl('c'));
    return b.build();
  }

  /** The action {@code k} does in {@code context}, or null. */
  public Action action(Context context, KeyStroke k) {
    Key key = Key.of(k);
    Action a = lookup(context, key);
    if (a == null && key.type() != KeyType.Character && (key.ctrl() || key.alt())) {
      // a special key held with a modifier nobody bound does what the bare key does
      a = lookup(context, key.plain());
    } else if (a == null && key.ctrl() && key.alt()) {
      // Alt+Enter reaches Lanterna as ESC then Ctrl+J (or Ctrl+M): Ctrl+Alt+J, which is Ctrl+J's
      a = lookup(context, new Key(key.type(), key.ch(), true, false));
    }
    return a;
  }

  private Action lookup(Context context, Key key) {
    for (Map.Entry<Action, List<Key>> e : table.get(context).entrySet()) {
      if (e.getValue().contains(key)) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The keys of an action in a context, first the one hints name; empty when unbound there. */
  public List<Key> keys(Context context, Action a) {
    return table.get(context).getOrDefault(a, List.of());
  }

  /** A context's bindings in table order. */
  public Map<Action, List<Key>> bindings(Context context) {
    return Collections.unmodifiableMap(table.get(context));
  }

  /** Lines of {@code console.properties} that named no context, action or key. */
  public List<String> problems() {
    return problems;
  }

  /** This keymap with the {@code key.*} entries of a {@code console.properties} applied. */
  public Keymap rebind(Properties p) {
    Map<Context, Map<Action, List<Key>>> t = copy(table);
    List<String> bad = new ArrayList<>(problems);
    for (String name : new java.util.TreeSet<>(p.stringPropertyNames())) {
      if (!name.startsWith("key.")) {
        continue;
      }
      String[] parts = name.split("\\.");
      Context ctx = parts.length == 3 ? enumOf(Context.class, parts[1]) : null;
      Action act = parts.length == 3 ? enumOf(Action.class, parts[2]) : null;
      if (ctx == null || act == null) {
        bad.add(name + ": want key.<context>.<action>");
        continue;
      }
      List<Key> keys = new ArrayList<>();
      try {
        for (String s : p.getProperty(name).split(",")) {
          if (!s.isBlank()) {
            keys.add(Key.parse(s.equals(" ") ? "Space" : s));
          }
        }
      } catch (IllegalArgumentException e) {
        bad.add(name + ": " + e.getMessage());
        continue;
      }
      Map<Action, List<Key>> m = t.get(ctx);
      for (Map.Entry<Action, List<Key>> e : m.entrySet()) {
        List<Key> rest = new ArrayList<>(e.getValue());
        rest.removeAll(keys);
        e.setValue(List.copyOf(rest));
      }
      m.put(act, List.copyOf(keys));
    }
    return new Keymap(t, bad);
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String id) {
    try {
      return Enum.valueOf(type, id.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Map<Context, Map<Action, List<Key>>> copy(Map<Context, Map<Action, List<Key>>> t) {
    Map<Context, Map<Action, List<Key>>> out = new EnumMap<>(Context.class);
    t.forEach((c, m) -> out.put(c, new LinkedHashMap<>(m)));
    return out;
  }

  private static final class Builder {
    private final Map<Context, Map<Action, List<Key>>> table = new EnumMap<>(Context.class);
    private Context current;

    Builder in(Context c) {
      current = c;
      table.put(c, new LinkedHashMap<>());
      return this;
    }

    Builder bind(Action a, Key... keys) {
      table.get(current).put(a, List.of(keys));
      return this;
    }

    Keymap build() {
      return new Keymap(table, List.of());
    }
  }
}
