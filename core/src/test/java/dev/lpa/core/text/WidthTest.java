package dev.lpa.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WidthTest {
  @Test
  void asciiAndLatinAreOneCellEach() {
    assertThat(Width.of("Hello, Zoë")).isEqualTo(10);
    assertThat(Width.of("")).isZero();
    assertThat(Width.of(null)).isZero();
  }

  @Test
  void eastAsianWideAndFullwidthAreTwoCells() {
    assertThat(Width.of("日本語")).isEqualTo(6);
    assertThat(Width.of("한국어")).isEqualTo(6);
    assertThat(Width.of("ＡＢ")).isEqualTo(4); // fullwidth Latin
    assertThat(Width.of("ｶﾀｶﾅ")).isEqualTo(4); // halfwidth katakana stays narrow
    assertThat(Width.of("a\u3000b")).isEqualTo(4); // ideographic space
    assertThat(Width.of("\uD840\uDC0B")).isEqualTo(2); // CJK extension B, outside the BMP
  }

  @Test
  void emojiAreTwoCells() {
    assertThat(Width.of("👋")).isEqualTo(2);
    assertThat(Width.of("ok 😀!")).isEqualTo(6);
    assertThat(Width.of("☕")).isEqualTo(2);
    assertThat(Width.of("🧑")).isEqualTo(2);
  }

  @Test
  void combiningMarksAndFormatCharactersTakeNoCell() {
    assertThat(Width.of("e\u0301")).isEqualTo(1);
    assertThat(Width.of("a\u0308\u0323")).isEqualTo(1);
    assertThat(Width.of("a\u200bb")).isEqualTo(2); // zero-width space
    assertThat(Width.of("\u1100\u1161\u11a8")).isEqualTo(2); // conjoining jamo: one syllable
    assertThat(Width.of("a\u20dd")).isEqualTo(1); // enclosing mark
  }

  @Test
  void emojiSequencesCountAsOneGlyph() {
    assertThat(Width.of("👨\u200d👩\u200d👧")).isEqualTo(2); // family, ZWJ joined
    assertThat(Width.of("👍\uD83C\uDFFD")).isEqualTo(2); // thumbs up with a skin tone
    assertThat(Width.of("🇫🇷")).isEqualTo(2); // a flag
    assertThat(Width.of("🇫🇷🇩🇪")).isEqualTo(4);
    assertThat(Width.of("\u2764\ufe0f")).isEqualTo(2); // heart with emoji presentation
    assertThat(Width.of("\u2764")).isEqualTo(1); // text presentation
    assertThat(Width.of("1\ufe0f\u20e3")).isEqualTo(2); // keycap
    // VS16 after a letter has no emoji form to select
    assertThat(Width.of("a\ufe0f")).isEqualTo(1);
    assertThat(Width.of("\u00a9\ufe0f")).isEqualTo(2);
  }

  @Test
  void controlsTakeNoCell() {
    assertThat(Width.of("a\u0007b\u009b")).isEqualTo(2);
  }

  @Test
  void truncateLeavesShortTextAlone() {
    assertThat(Width.truncate("hello", 5)).isEqualTo("hello");
    assertThat(Width.truncate("日本", 4)).isEqualTo("日本");
  }

  @Test
  void truncateCutsToTheBudgetWithAnEllipsis() {
    assertThat(Width.truncate("hello world", 8)).isEqualTo("hello w…");
    assertThat(Width.truncate("hello", 1)).isEqualTo("…");
    assertThat(Width.truncate("hello", 0)).isEmpty();
    assertThat(Width.truncate("hello", -3)).isEmpty();
    assertThat(Width.truncate(null, 3)).isEmpty();
  }

  @Test
  void truncateNeverSplitsAWideCharacter() {
    // 4 cells of budget before the ellipsis: two wide chars fit, the third does not
    assertThat(Width.truncate("日本語です", 5)).isEqualTo("日本…");
    // 3 cells before the ellipsis: the second wide char would straddle the edge, so it goes
    assertThat(Width.truncate("日本語です", 4)).isEqualTo("日…");
    assertThat(Width.of(Width.truncate("日本語です", 4))).isEqualTo(3);
  }

  @Test
  void truncateKeepsMarksWithTheirBaseAndSequencesWhole() {
    assertThat(Width.truncate("e\u0301e\u0301e\u0301e\u0301", 3)).isEqualTo("e\u0301e\u0301…");
    assertThat(Width.truncate("👨\u200d👩\u200d👧 family", 4)).isEqualTo("👨\u200d👩\u200d👧 …");
  }

  @Test
  void fitPadsOrCutsToExactlyTheWidth() {
    assertThat(Width.fit("ab", 4)).isEqualTo("ab  ");
    assertThat(Width.fit("日本", 5)).isEqualTo("日本 ");
    assertThat(Width.fit("abcdef", 4)).isEqualTo("abc…");
    assertThat(Width.fitRight("42", 5)).isEqualTo("   42");
    // a wide char that cannot fit leaves one cell, which is padded
    assertThat(Width.fit("日本語", 4)).isEqualTo("日… ");
  }

  @Test
  void truncatedTextNeverExceedsTheBudget() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    String[] pieces = {"a", "日", "👋", "e\u0301", "🇫🇷", "👨\u200d👩", "\u2764\ufe0f", " ", "ｶ"};
    for (int round = 0; round < 500; round++) {
      StringBuilder b = new StringBuilder();
      int n = r.nextInt(12);
      for (int i = 0; i < n; i++) {
        b.append(pieces[r.nextInt(pieces.length)]);
      }
      int cells = r.nextInt(15);
      String s = b.toString();
      String t = Width.truncate(s, cells);
      assertThat(Width.of(t)).as("seed %d, %s in %d cells", seed, s, cells).isLessThanOrEqualTo(cells);
      if (cells == 0) {
        assertThat(t).isEmpty();
      } else if (Width.of(s) <= cells) {
        assertThat(t).as("seed %d", seed).isEqualTo(s);
      } else {
        assertThat(t).as("seed %d", seed).endsWith(Width.ELLIPSIS);
        assertThat(s).as("seed %d", seed).startsWith(t.substring(0, t.length() - 1));
      }
    }
  }
}
