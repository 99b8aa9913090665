package dev.lpa.cli.support;

/** SGR colouring that turns into plain text when colour is off. */
public final class Ansi {
  private final boolean on;

  public Ansi(boolean on) {
    this.on = on;
  }

  public boolean on() {
    return on;
  }

  public String bold(String s) {
    return wrap("1", s);
  }

  public String dim(String s) {
    return wrap("2", s);
  }

  public String red(String s) {
    return wrap("31", s);
  }

  public String green(String s) {
    return wrap("32", s);
  }

  public String yellow(String s) {
    return wrap("33", s);
  }

  public String blue(String s) {
    return wrap("34", s);
  }

  public String cyan(String s) {
    return wrap("36", s);
  }

  /** One of six distinct foreground colours picked by a key (the per-consumer colour). */
  public String keyed(int key, String s) {
    int[] palette = {31, 32, 33, 34, 35, 36};
    return wrap(Integer.toString(palette[Math.floorMod(key, palette.length)]), s);
  }

  private String wrap(String code, String s) {
    return on && !s.isEmpty() ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }

  /** Columns a string takes on screen, ignoring SGR sequences; wide East Asian characters count 2. */
  public static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (cp == 0x1b && i + 1 < s.length() && s.charAt(i + 1) == '[') {
        int j = i + 2;
        while (j < s.length() && s.charAt(j) != 'm') {
          j++;
        }
        i = j + 1;
        continue;
      }
      w += wide(cp) ? 2 : Character.getType(cp) == Character.NON_SPACING_MARK ? 0 : 1;
      i += Character.charCount(cp);
    }
    return w;
  }

  private static boolean wide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115f)
        || (cp >= 0x2e80 && cp <= 0xa4cf)
        || (cp >= 0xac00 && cp <= 0xd7a3)
        || (cp >= 0xf900 && cp <= 0xfaff)
        || (cp >= 0xfe30 && cp <= 0xfe4f)
        || (cp >= 0xff00 && cp <= 0xff60)
        || (cp >= 0xffe0 && cp <= 0xffe6)
        || (cp >= 0x1f300 && cp <= 0x1faff)
        || (cp >= 0x20000 && cp <= 0x3fffd);
  }

  /** Cuts plain text (no SGR) to at most {@code max} columns, marking the cut with an ellipsis. */
  public static String truncate(String s, int max) {
    if (width(s) <= max) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int cw = width(new String(Character.toChars(cp)));
      if (w + cw > max - 1) {
        break;
      }
      b.appendCodePoint(cp);
      w += cw;
      i += Character.charCount(cp);
    }
    return b.append('…').toString();
  }
}
