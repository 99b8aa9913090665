package dev.lpa.core.text;

import java.util.List;

/**
 * How many terminal cells a string takes, for aligning tables and truncating list columns.
 *
 * <p>Text is measured cluster by cluster ({@link Graphemes}), so this agrees with what the console
 * draws. Rules (close to what current terminals do; exact agreement across terminals does not
 * exist): East Asian wide and fullwidth characters and emoji with emoji presentation take 2 cells;
 * combining marks, format characters (ZWJ, zero-width space) and variation selectors take 0;
 * a character followed by VARIATION SELECTOR-16 is shown as emoji (2 cells); an emoji joined to
 * the previous one by ZWJ, and a skin-tone modifier after an emoji, add nothing; a pair of regional
 * indicators (a flag) takes 2. Controls take 0: text reaching here went through {@link SafeText}.
 * {@link #truncate} and {@link #fit} return the cleaned text ({@link Graphemes#clean}).
 */
public final class Width {
  /** What {@link #truncate} appends; one cell wide. */
  public static final String ELLIPSIS = "\u2026";


  // East Asian Wide/Fullwidth and Emoji_Presentation ranges, sorted, inclusive (Unicode 15)
  private static final int[][] WIDE = {
      {0x1100, 0x115f}, {0x231a, 0x231b}, {0x2329, 0x232a}, {0x23e9, 0x23ec}, {0x23f0, 0x23f0},
      {0x23f3, 0x23f3}, {0x25fd, 0x25fe}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267f, 0x267f},
      {0x2693, 0x2693}, {0x26a1, 0x26a1}, {0x26aa, 0x26ab}, {0x26bd, 0x26be}, {0x26c4, 0x26c5},
      {0x26ce, 0x26ce}, {0x26d4, 0x26d4}, {0x26ea, 0x26ea}, {0x26f2, 0x26f3}, {0x26f5, 0x26f5},
      {0x26fa, 0x26fa}, {0x26fd, 0x26fd}, {0x2705, 0x2705}, {0x270a, 0x270b}, {0x2728, 0x2728},
      {0x274c, 0x274c}, {0x274e, 0x274e}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
      {0x27b0, 0x27b0}, {0x27bf, 0x27bf}, {0x2b1b, 0x2b1c}, {0x2b50, 0x2b50}, {0x2b55, 0x2b55},
      {0x2e80, 0x303e}, {0x3041, 0x33ff}, {0x3400, 0x4dbf}, {0x4e00, 0x9fff}, {0xa000, 0xa4cf},
      {0xa960, 0xa97f}, {0xac00, 0xd7a3}, {0xf900, 0xfaff}, {0xfe10, 0xfe19}, {0xfe30, 0xfe6f},
      {0xff00, 0xff60}, {0xffe0, 0xffe6}, {0x16fe0, 0x16fe4}, {0x17000, 0x18aff}, {0x1b000, 0x1b2ff},
      {0x1f004, 0x1f004}, {0x1f0cf, 0x1f0cf}, {0x1f18e, 0x1f18e}, {0x1f191, 0x1f19a},
      {0x1f200, 0x1f202}, {0x1f210, 0x1f23b}, {0x1f240, 0x1f248}, {0x1f250, 0x1f251},
      {0x1f260, 0x1f265}, {0x1f300, 0x1f320}, {0x1f32d, 0x1f335}, {0x1f337, 0x1f37c},
      {0x1f37e, 0x1f393}, {0x1f3a0, 0x1f3ca}, {0x1f3cf, 0x1f3d3}, {0x1f3e0, 0x1f3f0},
      {0x1f3f4, 0x1f3f4}, {0x1f3f8, 0x1f43e}, {0x1f440, 0x1f440}, {0x1f442, 0x1f4fc},
      {0x1f4ff, 0x1f53d}, {0x1f54b, 0x1f54e}, {0x1f550, 0x1f567}, {0x1f57a, 0x1f57a},
      {0x1f595, 0x1f596}, {0x1f5a4, 0x1f5a4}, {0x1f5fb, 0x1f64f}, {0x1f680, 0x1f6c5},
      {0x1f6cc, 0x1f6cc}, {0x1f6d0, 0x1f6d2}, {0x1f6d5, 0x1f6d7}, {0x1f6dc, 0x1f6df},
      {0x1f6eb, 0x1f6ec}, {0x1f6f4, 0x1f6fc}, {0x1f7e0, 0x1f7eb}, {0x1f7f0, 0x1f7f0},
      {0x1f90c, 0x1f93a}, {0x1f93c, 0x1f945}, {0x1f947, 0x1f9ff}, {0x1fa70, 0x1faff},
      {0x20000, 0x2fffd}, {0x30000, 0x3fffd},
  };

  private Width() {}

  /** Display width of {@code s} in terminal cells; null counts as empty. */
  public static int of(String s) {
    if (s == null) {
      return 0;
    }
    int total = 0;
    for (Graphemes.Cluster c : Graphemes.of(s)) {
      total += c.width();
    }
    return total;
  }

  /** Display width of one code point on its own (no context). */
  public static int ofCodePoint(int cp) {
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
      return 0;
    }
    if (cp < 0x300) {
      return 1; // fast path: Latin, no marks below U+0300
    }
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
        || (cp >= 0x1160 && cp <= 0x11ff) // Hangul medial vowels and final consonants join the syllable
        || cp == 0x200b) {
      return 0;
    }
    return isWide(cp) ? 2 : 1;
  }

  static boolean isWide(int cp) {
    int lo = 0;
    int hi = WIDE.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (cp < WIDE[mid][0]) {
        hi = mid - 1;
      } else if (cp > WIDE[mid][1]) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code s} cut to at most {@code cells} cells, ending with {@link #ELLIPSIS} when something
   * was cut. A wide character is never split, and marks that belong to the last kept character
   * are kept with it.
   */
  public static String truncate(String s, int cells) {
    if (s == null || cells <= 0) {
      return "";
    }
    List<Graphemes.Cluster> clusters = Graphemes.of(s);
    int total = 0;
    for (Graphemes.Cluster c : clusters) {
      total += c.width();
    }
    StringBuilder out = new StringBuilder(s.length());
    if (total <= cells) {
      for (Graphemes.Cluster c : clusters) {
        out.append(c.text());
      }
      return out.toString();
    }
    int budget = cells - 1;
    int used = 0;
    for (Graphemes.Cluster c : clusters) {
      if (used + c.width() > budget) {
        break;
      }
      used += c.width();
      out.append(c.text());
    }
    return out.append(ELLIPSIS).toString();
  }

  /** {@code s} truncated to {@code cells} and padded with spaces to exactly that width. */
  public static String fit(String s, int cells) {
    String t = truncate(s, cells);
    int pad = cells - of(t);
    return pad <= 0 ? t : t + " ".repeat(pad);
  }

  /** Like {@link #fit}, padding on the left (for numbers in tables). */
  public static String fitRight(String s, int cells) {
    String t = truncate(s, cells);
    int pad = cells - of(t);
    return pad <= 0 ? t : " ".repeat(pad) + t;
  }
}
