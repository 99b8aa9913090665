package dev.lpa.tui.render;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.lpa.core.text.Graphemes;
import dev.lpa.core.text.Graphemes.Cluster;
import dev.lpa.core.text.Width;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place the console writes text to Lanterna: one grapheme cluster per cell, a wide
 * cluster in two, never a NUL or a lone surrogate.
 *
 * <p>Lanterna 3.1 cannot take any string as a cell. {@code TextGraphics.putString} makes a cell of
 * every UTF-16 char (an emoji becomes two broken halves, each combining mark a cell of its own);
 * a cell holding more than one char always counts as double width, and the cell text has to be one
 * character by Java 17's legacy {@link java.text.BreakIterator}, which splits ZWJ sequences, flags
 * and skin tones. So each cluster from {@link Graphemes} is drawn as text Lanterna measures exactly
 * as {@link Width} does, checked against Lanterna itself:
 * <ul>
 *   <li>one cell: the character, composed (NFKC: a "mathematical bold" letter shows as the letter;
 *       NFC: the base with as many of its marks as compose into one character); marks that
 *       compose into no single character are not drawn on the base;
 *   <li>two cells: the cluster as is when Lanterna keeps it whole; a wide character Lanterna thinks
 *       narrow gets VARIATION SELECTOR-16; a flag Lanterna would split shows as its two-letter
 *       region code; a ZWJ sequence or skin tone it would split shows its first emoji;
 *   <li>anything else: {@link Graphemes#PLACEHOLDER}, padded to the cluster's width.
 * </ul>
 */
public final class Cells {
  private static final int CACHE_LIMIT = 4096;
  private static final Map<Cluster, String[]> CACHE = new ConcurrentHashMap<>();

  private Cells() {}

  /**
   * Writes {@code s} from column {@code x} on row {@code y}; returns the column after the last
   * cell written. Callers fit {@code s} to its room first ({@link Text#fit}).
   */
  public static int put(TextGraphics g, int x, int y, String s, TextColor fg, TextColor bg, EnumSet<SGR> sgr) {
    int col = x;
    for (Cluster c : Graphemes.of(s)) {
      for (String cell : cellsOf(c)) {
        TextCharacter tc = character(cell, fg, bg, sgr);
        g.setCharacter(col, y, tc);
        col += tc.isDoubleWidth() ? 2 : 1;
      }
    }
    return col;
  }

  private record Styled(String cell, TextColor fg, TextColor bg, EnumSet<SGR> sgr) {}

  private static final Map<Styled, TextCharacter> CHARACTERS = new ConcurrentHashMap<>();

  /** Lanterna checks every new cell with a BreakIterator: a frame reuses the cells it drew before. */
  private static TextCharacter character(String cell, TextColor fg, TextColor bg, EnumSet<SGR> sgr) {
    Styled key = new Styled(cell, fg, bg, sgr);
    TextCharacter tc = CHARACTERS.get(key);
    if (tc == null) {
      tc = TextCharacter.fromString(cell, fg, bg, EnumSet.copyOf(sgr))[0];
      if (CHARACTERS.size() >= 4 * CACHE_LIMIT) {
        CHARACTERS.clear();
      }
      CHARACTERS.put(new Styled(cell, fg, bg, EnumSet.copyOf(sgr)), tc);
    }
    return tc;
  }

  /** The cell texts that draw {@code c}, together exactly {@code c.width()} cells wide. */
  static String[] cellsOf(Cluster c) {
    String[] cells = CACHE.get(c);
    if (cells == null) {
      cells = compute(c);
      if (CACHE.size() >= CACHE_LIMIT) {
        CACHE.clear(); // consumer text can hold any number of distinct clusters
      }
      CACHE.put(c, cells);
    }
    return cells;
  }

  private static String[] compute(Cluster c) {
    String t = c.text();
    if (c.width() == 1) {
      List<String> candidates = new ArrayList<>(List.of(t, Normalizer.normalize(t, Normalizer.Form.NFKC)));
      // the base with as many of its marks as compose into one character (Z + 500 acutes: Ź)
      int[] cps = t.codePoints().toArray();
      for (int k = cps.length; k >= 1; k--) {
        candidates.add(Normalizer.normalize(new String(cps, 0, k), Normalizer.Form.NFC));
      }
      for (String candidate : candidates) {
        if (lanternaWidth(candidate) == 1 && Width.of(candidate) == 1) {
          return new String[] {candidate};
        }
      }
      return new String[] {Graphemes.PLACEHOLDER};
    }
    List<String> candidates = new ArrayList<>();
    candidates.add(t);
    if (t.length() == 1) {
      candidates.add(t + "\uFE0F");
    }
    int first = t.codePointAt(0);
    if (first >= 0x1f1e6 && first <= 0x1f1ff && t.length() == 4) {
      int second = t.codePointAt(2);
      String code = "" + (char) ('A' + first - 0x1f1e6) + (char) ('A' + second - 0x1f1e6);
      return new String[] {code.substring(0, 1), code.substring(1)};
    }
    TextCharacter[] pieces = TextCharacter.fromString(t);
    if (pieces.length > 0) {
      candidates.add(pieces[0].getCharacterString());
    }
    for (String candidate : candidates) {
      if (lanternaWidth(candidate) == 2 && Width.of(candidate) == 2) {
        return new String[] {candidate};
      }
    }
    return new String[] {Graphemes.PLACEHOLDER, " "};
  }

  /** 1 or 2 when Lanterna keeps {@code s} as one cell of that width; 0 when it would split it. */
  public static int lanternaWidth(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x20 || (ch >= 0x7f && ch < 0xa0)) {
        return 0;
      }
    }
    TextCharacter[] tc = TextCharacter.fromString(s);
    if (tc.length != 1) {
      return 0;
    }
    if (s.length() == 1 && Character.isSurrogate(s.charAt(0))) {
      return 0;
    }
    return tc[0].isDoubleWidth() ? 2 : 1;
  }
}
