package dev.lpa.core.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into the units a terminal draws as one glyph (grapheme clusters) and says how many
 * cells each takes.
 *
 * <p>{@link java.text.BreakIterator} on Java 17 follows the old (legacy) cluster rules: it breaks
 * emoji ZWJ sequences, flags and skin tones apart. This segmenter keeps together what current
 * terminals draw as one glyph: a base with its nonspacing marks, a base with a variation selector
 * (keycaps), an emoji with skin tone, tag characters and ZWJ-joined emoji, a pair of regional
 * indicators (a flag), and a Hangul syllable written as conjoining jamo. Spacing marks (Mc) stay
 * clusters of their own, because terminals give each a cell.
 *
 * <p>What the console and tables show is made safe here, so every caller agrees cell by cell:
 * <ul>
 *   <li>at most {@link #MAX_MARKS} nonspacing marks stay on one base: a flood of hundreds of marks
 *       cannot paint over the rows above and below;
 *   <li>zero-width format characters (U+200B, U+2060, U+FEFF, a ZWJ or ZWNJ between letters, and
 *       marks with no base) are dropped: they show as nothing, and take no cell;
 *   <li>a code point no terminal can be trusted to draw (unassigned, a lone surrogate, a
 *       noncharacter) becomes {@link #PLACEHOLDER}, one cell.
 * </ul>
 * Controls and escape sequences are {@link SafeText}'s job; a control reaching here is dropped.
 */
public final class Graphemes {
  /** Shown for a cluster that cannot be drawn safely; one cell wide. */
  public static final String PLACEHOLDER = "\uFFFD";
  /** Nonspacing marks kept on one base; the rest of a flood is dropped. */
  public static final int MAX_MARKS = 4;
  /** Code points kept in one emoji sequence (the longest standard ones have 10). */
  static final int MAX_SEQUENCE = 16;

  private static final int ZWJ = 0x200d;
  private static final int VS15 = 0xfe0e;
  private static final int VS16 = 0xfe0f;
  private static final int KEYCAP = 0x20e3;

  /** One glyph: its (cleaned) text and its width in cells, 1 or 2. */
  public record Cluster(String text, int width) {}

  private Graphemes() {}

  /** The clusters of {@code s}, cleaned as described above; null is empty. */
  public static List<Cluster> of(String s) {
    List<Cluster> out = new ArrayList<>();
    if (s == null || s.isEmpty()) {
      return out;
    }
    int n = s.length();
    int i = 0;
    while (i < n) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (dropped(cp) || extender(cp) || cp == ZWJ || isJamoVT(cp)) {
        i = next; // nothing to attach to: shows as nothing
        continue;
      }
      if (!drawable(cp)) {
        out.add(new Cluster(PLACEHOLDER, 1));
        i = next;
        continue;
      }
      StringBuilder text = new StringBuilder().appendCodePoint(cp);
      int width = Width.ofCodePoint(cp);
      boolean emoji = pictographic(cp);
      int marks = 0;
      int count = 1;
      if (regionalIndicator(cp)) {
        if (next < n && regionalIndicator(s.codePointAt(next))) {
          int second = s.codePointAt(next);
          text.appendCodePoint(second);
          next += Character.charCount(second);
        }
        out.add(new Cluster(text.toString(), 2));
        i = next;
        continue;
      }
      int j = next;
      while (j < n) {
        int c = s.codePointAt(j);
        int after = j + Character.charCount(c);
        if (c == VS16) {
          if (count < MAX_SEQUENCE) {
            text.appendCodePoint(c);
            count++;
          }
          if (emojiCapable(cp)) {
            width = 2;
            emoji = true;
          }
        } else if (c == VS15 || (c >= 0xfe00 && c <= 0xfe0d) || (c >= 0xe0100 && c <= 0xe01ef)) {
          if (count < MAX_SEQUENCE) {
            text.appendCodePoint(c);
            count++;
          }
        } else if (c == KEYCAP || (emoji && (skinTone(c) || tag(c)))) {
          if (count < MAX_SEQUENCE) {
            text.appendCodePoint(c);
            count++;
          }
          if (c == KEYCAP && text.indexOf("\ufe0f") >= 0) {
            width = 2;
          }
        } else if (isJamoVT(c) && isJamo(cp)) {
          text.appendCodePoint(c);
          count++;
        } else if (extender(c)) {
          if (marks < MAX_MARKS && count < MAX_SEQUENCE + MAX_MARKS) {
            text.appendCodePoint(c);
            count++;
          }
          marks++;
        } else if (c == ZWJ) {
          int k = after;
          if (emoji && k < n && pictographic(s.codePointAt(k))) {
            int joined = s.codePointAt(k);
            if (count + 2 <= MAX_SEQUENCE) {
              text.appendCodePoint(c).appendCodePoint(joined);
              count += 2;
            }
            after = k + Character.charCount(joined);
          }
          // a ZWJ not between two emoji joins nothing a terminal draws: dropped
        } else if (dropped(c)) {
          // zero-width format character inside a cluster: dropped
        } else {
          break;
        }
        j = after;
      }
      out.add(new Cluster(text.toString(), Math.max(1, width)));
      i = j;
    }
    return out;
  }

  /** {@code s} as the clusters draw it: marks capped, zero-width characters dropped. */
  public static String clean(String s) {
    StringBuilder b = new StringBuilder(s == null ? 0 : s.length());
    for (Cluster c : of(s)) {
      b.append(c.text());
    }
    return b.toString();
  }

  /** Nonspacing and enclosing marks: they join the base before them. */
  static boolean extender(int cp) {
    if (cp < 0x300) {
      return false;
    }
    int t = Character.getType(cp);
    return t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK;
  }

  /** Format and other zero-width characters that show as nothing. */
  static boolean dropped(int cp) {
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
      return true;
    }
    return Character.getType(cp) == Character.FORMAT || cp == 0x200b || cp == 0x115f || cp == 0x1160
        || cp == 0x3164 || cp == 0xffa0; // Hangul fillers draw as nothing in most terminals
  }

  /** Unassigned code points, lone surrogates and noncharacters have no glyph to trust. */
  static boolean drawable(int cp) {
    int t = Character.getType(cp);
    if (t == Character.UNASSIGNED || t == Character.SURROGATE) {
      return false;
    }
    return !((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe);
  }

  static boolean regionalIndicator(int cp) {
    return cp >= 0x1f1e6 && cp <= 0x1f1ff;
  }

  static boolean skinTone(int cp) {
    return cp >= 0x1f3fb && cp <= 0x1f3ff;
  }

  static boolean tag(int cp) {
    return cp >= 0xe0020 && cp <= 0xe007f;
  }

  private static boolean isJamo(int cp) {
    return cp >= 0x1100 && cp <= 0x115f;
  }

  /** Hangul medial vowels and final consonants: part of the syllable before them. */
  private static boolean isJamoVT(int cp) {
    return cp >= 0x1160 && cp <= 0x11ff;
  }

  /** Symbols and pictographs: only these join with ZWJ and take skin tones. */
  static boolean pictographic(int cp) {
    return (cp >= 0x2300 && cp <= 0x2bff) || (cp >= 0x1f000 && cp <= 0x1faff) || cp == 0x00a9 || cp == 0x00ae
        || cp == 0x203c || cp == 0x2049 || cp == 0x2122 || cp == 0x2139 || (cp >= 0x2194 && cp <= 0x21aa);
  }

  /** Characters with a text default that VS16 turns into an emoji: symbols, keycap bases, (c) (R). */
  static boolean emojiCapable(int cp) {
    return pictographic(cp) || (cp >= 0x2000 && cp <= 0x2bff) || cp == '#' || cp == '*' || (cp >= '0' && cp <= '9')
        || cp == 0x3030 || cp == 0x303d || cp == 0x3297 || cp == 0x3299;
  }
}
