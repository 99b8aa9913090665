package dev.lpa.tui.keys;

import dev.lpa.tui.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the console says about keys, written from the {@link Keymap} so it cannot drift
 * from what the keys do: the hint line, the ring banner's accept keys, the help overlay and
 * README's key table. Words come from the messages ({@code hint.<context>.<action>} or
 * {@code hint.<action>} for a hint, {@code keys.<context>.<action>} or {@code keys.<action>} for
 * the help and README, {@code keyname.<word>} for Ctrl, Space and friends).
 */
public final class KeyText {
  private static final String SEP = " · ";

  private final Keymap keys;
  private final Messages text;

  public KeyText(Keymap keys, Messages text) {
    this.keys = keys;
    this.text = text;
  }

  /** A key as this language writes it. */
  public String name(Key k) {
    return k.display(w -> {
      String t = text.get("keyname." + w);
      return t.startsWith("keyname.") ? w : t;
    });
  }

  /** The keys that do {@code a} in {@code context}: the context's own first, then the global ones. */
  public List<Key> keysFor(Context context, Action a) {
    List<Key> out = new ArrayList<>(keys.keys(context, a));
    if (context != Context.GLOBAL && context != Context.LOGIN) {
      for (Key k : keys.keys(Context.GLOBAL, a)) {
        if (!out.contains(k)) {
          out.add(k);
        }
      }
    }
    return out;
  }

  /** The first key of each action, arrows side by side, others split by a slash. */
  private String firstKeys(Context context, Action... actions) {
    StringBuilder sb = new StringBuilder();
    Key prev = null;
    for (Action a : actions) {
      List<Key> ks = keysFor(context, a);
      if (ks.isEmpty()) {
        continue;
      }
      Key k = ks.get(0);
      if (prev != null && !(prev.arrow() && k.arrow())) {
        sb.append('/');
      }
      sb.append(name(k));
      prev = k;
    }
    return sb.toString();
  }

  private String hint(Context context, String label, Action... actions) {
    String keysText = firstKeys(context, actions);
    return keysText.isEmpty() ? "" : keysText + " " + label;
  }

  private String label(Context context, Action a) {
    String k = "hint." + context.id() + "." + a.id();
    String t = text.get(k);
    return t.equals(k) ? text.get("hint." + a.id()) : t;
  }

  private String join(List<String> parts) {
    return String.join(SEP, parts.stream().filter(s -> !s.isEmpty()).toList());
  }

  private String entry(Context c, Action... as) {
    return hint(c, label(c, as[as.length - 1]), as);
  }

  /** The hint line of the list. */
  public String listHint() {
    Context c = Context.LIST;
    return join(List.of(entry(c, Action.UP, Action.DOWN), entry(c, Action.OPEN), entry(c, Action.FILTER),
        entry(c, Action.NEXT_OVERDUE), entry(c, Action.NEXT_UNREAD), entry(c, Action.MARK), entry(c, Action.ACTIONS),
        entry(c, Action.SETTINGS), entry(c, Action.HELP), entry(c, Action.QUIT)));
  }

  /** The managers' list hint: their tabs, the All filter and the team panel before the rest. */
  public String managerListHint() {
    Context c = Context.LIST;
    return join(List.of(entry(c, Action.UP, Action.DOWN), entry(c, Action.OPEN), entry(c, Action.SWITCH_TAB),
        entry(c, Action.STATUS_FILTER), entry(c, Action.TEAM_PANEL), entry(c, Action.FILTER), entry(c, Action.MARK),
        entry(c, Action.ACTIONS), entry(c, Action.HELP), entry(c, Action.QUIT)));
  }

  /** The hint line while the managers' filter panel is open. */
  public String panelHint() {
    Context c = Context.PANEL;
    return join(List.of(entry(c, Action.UP, Action.DOWN), entry(c, Action.PICK), entry(c, Action.BACK),
        entry(c, Action.CLEAR), entry(c, Action.CLOSE)));
  }

  /** The hint line while conversations are marked. */
  public String markedHint(int count) {
    Context c = Context.LIST;
    return join(List.of(text.get("hint.markedCount", count), entry(c, Action.RETURN_MARKED),
        entry(c, Action.MARK_ALL), entry(c, Action.CLEAR)));
  }

  /** The hint line of the chat. */
  public String chatHint() {
    Context c = Context.CHAT;
    return join(List.of(entry(c, Action.SEND), entry(c, Action.ATTACH), entry(c, Action.ACTIONS),
        entry(c, Action.PAGE_UP), entry(c, Action.SWITCH_PANE, Action.BACK), entry(c, Action.HELP)));
  }

  /** The line over the composer: its own keys, the newline's two commonest. */
  public String composerHint() {
    Context c = Context.CHAT;
    List<Key> nl = keysFor(c, Action.NEWLINE);
    String newline = nl.isEmpty() ? "" : slashed(nl.subList(0, Math.min(2, nl.size()))) + " " + label(c, Action.NEWLINE);
    return join(List.of(entry(c, Action.SEND), newline, entry(c, Action.ATTACH), entry(c, Action.ACTIONS),
        entry(c, Action.BACK)));
  }

  /** The hint line while the filter is typed. */
  public String filterHint() {
    Context c = Context.FILTER;
    return join(List.of(text.get("hint.typeToFilter"), entry(c, Action.KEEP_FILTER), entry(c, Action.CLEAR)));
  }

  /** The hint line of the login form. */
  public String loginHint() {
    Context c = Context.LOGIN;
    return join(List.of(entry(c, Action.NEXT_FIELD), entry(c, Action.SUBMIT), entry(c, Action.SSO),
        entry(c, Action.QUIT)));
  }

  /**
   * The keys that accept the waiting ring now, at most two: in the list its letter and F3; in a
   * chat only the non-letter keys, unless {@code letterAccepts} (the chat an accept just opened,
   * still empty).
   */
  public List<Key> acceptKeys(boolean chat, boolean letterAccepts) {
    List<Key> all = keysFor(chat ? Context.CHAT : Context.LIST, Action.ACCEPT);
    List<Key> out = new ArrayList<>();
    for (Key k : all) {
      if (out.size() < 2 && (!k.printable() || letterAccepts)) {
        out.add(k);
      }
    }
    return out;
  }

  private String slashed(List<Key> ks) {
    return String.join("/", ks.stream().map(this::name).toList());
  }

  /** The ring part of the hint line, with the rule for a letter that also types. */
  public String ringHint(boolean chat, boolean letterAccepts) {
    List<Key> ks = acceptKeys(chat, letterAccepts);
    String s = text.get("ring.icon") + " " + slashed(ks) + " " + text.get("hint.accept");
    Key letter = ks.stream().filter(Key::printable).findFirst().orElse(null);
    if (chat && letter != null) {
      s += " " + text.get("hint.letterTypes", name(letter));
    }
    return s;
  }

  /** The ring banner's accept keys: {@code [a/F3] accept}, or only the first when short. */
  public String ringBanner(boolean chat, boolean letterAccepts, boolean shortForm) {
    List<Key> ks = acceptKeys(chat, letterAccepts);
    if (shortForm) {
      return "[" + (ks.isEmpty() ? "" : name(ks.get(0))) + "]";
    }
    return "[" + slashed(ks) + "] " + text.get("hint.accept");
  }

  /** What an action does in a context, for the help and README. */
  public String does(Context context, Action a) {
    String k = "keys." + context.id() + "." + a.id();
    String t = text.get(k);
    return t.equals(k) ? text.get("keys." + a.id()) : t;
  }

  /** The help overlay's lines: where you are first, then the keys that work anywhere. */
  public List<String> help(Context where) {
    List<String> lines = new ArrayList<>();
    List<Context> order = where == Context.GLOBAL ? List.of(Context.GLOBAL) : List.of(where, Context.GLOBAL);
    for (Context c : order) {
      lines.add("── " + text.get("keys.where." + c.id()));
      for (Map.Entry<Action, List<Key>> e : keys.bindings(c).entrySet()) {
        if (!e.getValue().isEmpty()) {
          lines.add(String.join(" ", e.getValue().stream().map(this::name).toList()) + "  " + does(c, e.getKey()));
        }
      }
    }
    return lines;
  }

  /** README's key table (Markdown), in English whatever the messages' language. */
  public static String readmeTable(Keymap keys) {
    KeyText t = new KeyText(keys, new Messages(Locale.ENGLISH));
    StringBuilder sb = new StringBuilder("| Where | Key | Does | `console.properties` name |\n|---|---|---|---|\n");
    for (Context c : Context.values()) {
      for (Map.Entry<Action, List<Key>> e : keys.bindings(c).entrySet()) {
        if (e.getValue().isEmpty()) {
          continue;
        }
        String ks = String.join(" ", e.getValue().stream().map(k -> "`" + k + "`").toList());
        sb.append("| ").append(t.text.get("keys.where." + c.id())).append(" | ").append(ks).append(" | ")
            .append(t.does(c, e.getKey())).append(" | `key.").append(c.id()).append('.').append(e.getKey().id())
            .append("` |\n");
      }
    }
    return sb.toString();
  }

  /** Prints README's key table, to paste into the section "Keys". */
  public static void main(String[] args) {
    System.out.print(readmeTable(Keymap.defaults()));
  }
}
