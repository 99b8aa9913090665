package dev.lpa.tui;

import java.util.Random;

/** Seeded random text from the classes that break terminal layouts. */
final class Hostile {
  private static final String[] SEQUENCES = {
    "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66", // family
    "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08", // rainbow flag
    "\uD83D\uDC69\uD83C\uDFFD\u200D\uD83D\uDCBB", // woman technologist, medium skin tone
    "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F", // England
    "\u2764\uFE0F\u200D\uD83D\uDD25", // heart on fire
    "\uD83E\uDDD1\u200D\uD83E\uDD1D\u200D\uD83E\uDDD1",
  };
  private static final String[] ZERO_WIDTH = {"\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u3164", "\u00AD"};
  private static final String[] CONTROLS = {
    "\u001b[31m", "\u001b]0;pwned\u0007", "\u009b2J", "\u0000", "\u0007", "\r\n", "\t", "\u001bP1$r\u001b\\",
    "\u202E", "\uD800", "\uDC00", "\u00B7", "\u00E9", "\u0085",
  };
  private static final String[] SYMBOLS = {"\u2615", "\u263A", "\u263A\uFE0E", "\u2764", "\u2764\uFE0F", "\u00A9\uFE0F",
    "\u2B50", "\u231A", "\u26A0\uFE0F", "\u2702"};

  private Hostile() {}

  /** Up to {@code pieces} pieces of hostile text. */
  static String text(Random r, int pieces) {
    StringBuilder b = new StringBuilder();
    int n = 1 + r.nextInt(pieces);
    for (int i = 0; i < n; i++) {
      piece(r, b);
    }
    return b.toString();
  }

  private static void piece(Random r, StringBuilder b) {
    switch (r.nextInt(12)) {
      case 0 -> {
        b.append((char) ('a' + r.nextInt(26)));
        int marks = r.nextInt(4) == 0 ? 500 : 1 + r.nextInt(6);
        for (int i = 0; i < marks; i++) {
          int[] ranges = {0x300, 0x36f, 0x483, 0x489, 0x20d0, 0x20f0, 0x591, 0x5bd};
          int k = r.nextInt(ranges.length / 2) * 2;
          b.appendCodePoint(ranges[k] + r.nextInt(ranges[k + 1] - ranges[k] + 1));
        }
      }
      case 1 -> b.append((char) ('a' + r.nextInt(26))).append(ZERO_WIDTH[r.nextInt(ZERO_WIDTH.length)])
          .append((char) ('a' + r.nextInt(26)));
      case 2 -> b.append(SEQUENCES[r.nextInt(SEQUENCES.length)]);
      case 3 -> {
        b.appendCodePoint(0x1f1e6 + r.nextInt(26));
        if (r.nextInt(4) > 0) {
          b.appendCodePoint(0x1f1e6 + r.nextInt(26));
        }
      }
      case 4 -> {
        int[] bases = {0x1f44d, 0x1f44b, 0x1f9d1, 0x270b, 0x1f469};
        b.appendCodePoint(bases[r.nextInt(bases.length)]).appendCodePoint(0x1f3fb + r.nextInt(5));
      }
      case 5 -> {
        b.append("0123456789#*".charAt(r.nextInt(12)));
        if (r.nextBoolean()) {
          b.append('\uFE0F');
        }
        b.append('\u20E3');
      }
      case 6 -> b.append(SYMBOLS[r.nextInt(SYMBOLS.length)]);
      case 7 -> {
        int[][] ranges = {{0x4e00, 0x9fff}, {0xac00, 0xd7a3}, {0x3041, 0x3096}, {0xff01, 0xff5e}, {0xff66, 0xff9d},
          {0x20000, 0x2a6df}, {0xa000, 0xa48c}, {0x3105, 0x312f}};
        int[] range = ranges[r.nextInt(ranges.length)];
        for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
          b.appendCodePoint(range[0] + r.nextInt(range[1] - range[0] + 1));
        }
      }
      case 8 -> b.append(r.nextBoolean() ? " " : "").append("Zoë Ünal ".substring(0, 1 + r.nextInt(9)));
      case 9 -> b.append(CONTROLS[r.nextInt(CONTROLS.length)]);
      case 10 -> {
        int cp = r.nextInt(4) == 0 ? 0x1d400 + r.nextInt(0x400) : r.nextInt(0x30000);
        b.appendCodePoint(cp);
      }
      default -> b.append("word").append(r.nextInt(1000)).append(' ');
    }
  }
}
