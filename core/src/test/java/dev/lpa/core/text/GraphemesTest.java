package dev.lpa.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.text.Graphemes.Cluster;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphemesTest {
  private static List<String> texts(String s) {
    return Graphemes.of(s).stream().map(Cluster::text).toList();
  }

  private static List<Integer> widths(String s) {
    return Graphemes.of(s).stream().map(Cluster::width).toList();
  }

  @Test
  void emojiSequencesAreOneClusterOfTwoCells() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
    String rainbow = "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08";
    String thumb = "\uD83D\uDC4D\uD83C\uDFFD";
    String keycap = "1\uFE0F\u20E3";
    String england = "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F";
    String s = family + "a" + rainbow + thumb + keycap + "\uD83C\uDDEB\uD83C\uDDF7" + england + "\u2764\uFE0F";
    assertThat(texts(s)).containsExactly(family, "a", rainbow, thumb, keycap, "\uD83C\uDDEB\uD83C\uDDF7", england,
        "\u2764\uFE0F");
    assertThat(widths(s)).containsExactly(2, 1, 2, 2, 2, 2, 2, 2);
  }

  @Test
  void regionalIndicatorsPairUpFromTheLeft() {
    String fr = "\uD83C\uDDEB\uD83C\uDDF7";
    String lone = "\uD83C\uDDE9";
    assertThat(texts(fr + fr + lone)).containsExactly(fr, fr, lone);
    assertThat(widths(fr + fr + lone)).containsExactly(2, 2, 2);
  }

  @Test
  void aFloodOfCombiningMarksIsCappedOnItsBase() {
    String flood = "Z" + "\u0301".repeat(500) + "oe";
    List<Cluster> cs = Graphemes.of(flood);
    assertThat(cs).hasSize(3);
    assertThat(cs.get(0).text()).isEqualTo("Z" + "\u0301".repeat(Graphemes.MAX_MARKS));
    assertThat(cs.get(0).width()).isEqualTo(1);
    assertThat(Width.of(flood)).isEqualTo(3);
  }

  @Test
  void zeroWidthFormatCharactersShowAsNothing() {
    String s = "\u200Ba\u200Bb\u2060c\uFEFFd\u200De\u200C";
    assertThat(Graphemes.clean(s)).isEqualTo("abcde");
    assertThat(Width.of(s)).isEqualTo(5);
    // marks and joiners with nothing to attach to are dropped too
    assertThat(Graphemes.clean("\u0301\u200D\uFE0Fx")).isEqualTo("x");
    assertThat(Graphemes.of("\u200B\u2060\uFEFF")).isEmpty();
  }

  @Test
  void spacingMarksTakeTheirOwnCell() {
    // Devanagari KA + VOWEL SIGN AA (Mc): two cells in wcwidth-based terminals
    assertThat(texts("\u0915\u093E")).containsExactly("\u0915", "\u093E");
    // KA + VIRAMA (Mn) + SSA: the virama stays on KA
    assertThat(texts("\u0915\u094D\u0937")).containsExactly("\u0915\u094D", "\u0937");
  }

  @Test
  void eastAsianWideIsTwoCellsAndJamoSyllablesStayWhole() {
    assertThat(widths("中ｶＡ")).containsExactly(2, 1, 2);
    assertThat(texts("\u1100\u1161\u11A8x")).containsExactly("\u1100\u1161\u11A8", "x");
  }

  @Test
  void undrawableCodePointsBecomeAOneCellPlaceholder() {
    String s = "a\uDC00b\uFDD0c\u0378d"; // lone low surrogate, noncharacter, unassigned
    assertThat(Graphemes.clean(s)).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd");
    assertThat(Width.of(s)).isEqualTo(7);
  }

  @Test
  void aSkinToneAfterALetterIsAnEmojiOfItsOwn() {
    assertThat(texts("a\uD83C\uDFFD")).containsExactly("a", "\uD83C\uDFFD");
    assertThat(Width.of("a\uD83C\uDFFD")).isEqualTo(3);
  }

  @Test
  void aZwjBetweenLettersJoinsNothing() {
    assertThat(texts("a\u200D\uD83D\uDC69")).containsExactly("a", "\uD83D\uDC69");
  }

  @Test
  void cleanTextMeasuresTheSame() {
    String s = "Zoë 日本 \uD83D\uDC68\u200D\uD83D\uDC69 e" + "\u0300".repeat(30) + "\u200B!";
    assertThat(Width.of(Graphemes.clean(s))).isEqualTo(Width.of(s));
    assertThat(Graphemes.clean(Graphemes.clean(s))).isEqualTo(Graphemes.clean(s));
  }
}
