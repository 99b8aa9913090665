package dev.lpa.tui.keys;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One key as a binding names it: a special key or a character, with Ctrl or Alt. A Ctrl letter
 * is kept in lower case (terminals differ in what case they report).
 */
public record Key(KeyType type, char ch, boolean ctrl, boolean alt) {
  private static final Map<String, KeyType> NAMES = Map.ofEntries(
      Map.entry("enter", KeyType.Enter), Map.entry("esc", KeyType.Escape), Map.entry("escape", KeyType.Escape),
      Map.entry("tab", KeyType.Tab), Map.entry("shift+tab", KeyType.ReverseTab),
      Map.entry("up", KeyType.ArrowUp), Map.entry("↑", KeyType.ArrowUp),
      Map.entry("down", KeyType.ArrowDown), Map.entry("↓", KeyType.ArrowDown),
      Map.entry("left", KeyType.ArrowLeft), Map.entry("←", KeyType.ArrowLeft),
      Map.entry("right", KeyType.ArrowRight), Map.entry("→", KeyType.ArrowRight),
      Map.entry("pgup", KeyType.PageUp), Map.entry("pgdn", KeyType.PageDown),
      Map.entry("home", KeyType.Home), Map.entry("end", KeyType.End),
      Map.entry("backspace", KeyType.Backspace), Map.entry("delete", KeyType.Delete),
      Map.entry("f1", KeyType.F1), Map.entry("f2", KeyType.F2), Map.entry("f3", KeyType.F3),
      Map.entry("f4", KeyType.F4), Map.entry("f5", KeyType.F5), Map.entry("f6", KeyType.F6),
      Map.entry("f7", KeyType.F7), Map.entry("f8", KeyType.F8), Map.entry("f9", KeyType.F9),
      Map.entry("f10", KeyType.F10), Map.entry("f11", KeyType.F11), Map.entry("f12", KeyType.F12));

  public static Key of(char c) {
    return new Key(KeyType.Character, c, false, false);
  }

  public static Key of(KeyType t) {
    return new Key(t, '\0', false, false);
  }

  public static Key ctrl(char c) {
    return new Key(KeyType.Character, Character.toLowerCase(c), true, false);
  }

  public static Key alt(KeyType t) {
    return new Key(t, '\0', false, true);
  }

  public static Key ctrl(KeyType t) {
    return new Key(t, '\0', true, false);
  }

  /** The key a keystroke is, as bindings name it. */
  public static Key of(KeyStroke k) {
    if (k.getKeyType() == KeyType.Character) {
      char c = k.getCharacter();
      return new Key(KeyType.Character, k.isCtrlDown() ? Character.toLowerCase(c) : c, k.isCtrlDown(), k.isAltDown());
    }
    return new Key(k.getKeyType(), '\0', k.isCtrlDown(), k.isAltDown());
  }

  /** The same key without Ctrl and Alt (a special key's binding also answers with them held). */
  public Key plain() {
    return new Key(type, ch, false, false);
  }

  public boolean printable() {
    return type == KeyType.Character && !ctrl && !alt;
  }

  /**
   * Parses what {@code console.properties} and {@link #toString()} write: {@code a}, {@code ?},
   * {@code Space}, {@code Ctrl+R}, {@code Alt+Enter}, {@code F3}, {@code PgUp}, {@code Shift+Tab}.
   *
   * @throws IllegalArgumentException for a name that is no key
   */
  public static Key parse(String s) {
    String t = s.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("an empty key");
    }
    if (t.codePointCount(0, t.length()) == 1 && t.length() == 1 && !NAMES.containsKey(t)) {
      return of(t.charAt(0));
    }
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.equals("space")) {
      return of(' ');
    }
    if (NAMES.containsKey(lower)) {
      return of(NAMES.get(lower));
    }
    boolean ctrl = lower.startsWith("ctrl+");
    boolean alt = lower.startsWith("alt+");
    if (ctrl || alt) {
      String rest = t.substring(t.indexOf('+') + 1);
      if (rest.length() == 1 && ctrl) {
        return ctrl(rest.charAt(0));
      }
      KeyType type = NAMES.get(rest.toLowerCase(Locale.ROOT));
      if (type != null) {
        return new Key(type, '\0', ctrl, alt);
      }
    }
    throw new IllegalArgumentException("no such key: " + t);
  }

  /** English names, as README and {@code console.properties} spell them. */
  @Override
  public String toString() {
    return display(UnaryOperator.identity());
  }

  /**
   * The key as the screen shows it; {@code word} translates the words (Ctrl, Space, PgUp...) for
   * the screen's language.
   */
  public String display(UnaryOperator<String> word) {
    String base = switch (type) {
      case Character -> ch == ' ' ? word.apply("Space") : ctrl ? String.valueOf(Character.toUpperCase(ch)) : String.valueOf(ch);
      case Escape -> "Esc";
      case ReverseTab -> "Shift+Tab";
      case ArrowUp -> "↑";
      case ArrowDown -> "↓";
      case ArrowLeft -> "←";
      case ArrowRight -> "→";
      case PageUp -> word.apply("PgUp");
      case PageDown -> word.apply("PgDn");
      default -> type.name();
    };
    return (ctrl ? word.apply("Ctrl") + "+" : "") + (alt ? word.apply("Alt") + "+" : "") + base;
  }

  /** An arrow, drawn as one glyph: two arrows side by side need no separator. */
  boolean arrow() {
    return !ctrl && !alt && (type == KeyType.ArrowUp || type == KeyType.ArrowDown
        || type == KeyType.ArrowLeft || type == KeyType.ArrowRight);
  }
}
