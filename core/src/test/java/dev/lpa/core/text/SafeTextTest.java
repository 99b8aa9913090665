package dev.lpa.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {
  @Test
  void plainTextIsUntouched() {
    assertThat(SafeText.line("Hello, Zoë — 👋")).isEqualTo("Hello, Zoë — 👋");
  }

  @Test
  void csiSequencesAreRemovedWhole() {
    assertThat(SafeText.line("a\u001b[31;1mred\u001b[0m b\u001b[2J")).isEqualTo("ared b");
    assertThat(SafeText.line("x\u009b31my")).isEqualTo("xy");
  }

  @Test
  void oscSequencesAreRemovedWithTheirPayload() {
    assertThat(SafeText.line("t\u001b]0;pwned title\u0007ok")).isEqualTo("tok");
    assertThat(SafeText.line("l\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\")).isEqualTo("llink");
    assertThat(SafeText.line("c\u001b]52;c;ZXZpbA==\u0007")).isEqualTo("c");
  }

  @Test
  void dcsAndTwoByteEscapesAreRemoved() {
    assertThat(SafeText.line("a\u001bPq#0;2;0;0;0\u001b\\b")).isEqualTo("ab");
    assertThat(SafeText.line("a\u001bcb\u001b(Bc")).isEqualTo("abc");
  }

  @Test
  void otherControlsBecomeVisible() {
    assertThat(SafeText.line("bell\u0007 back\b nul\u0000 c1\u0085"))
        .isEqualTo("bell\uFFFD back\uFFFD nul\uFFFD c1\uFFFD");
  }

  @Test
  void bidiOverridesAreDropped() {
    assertThat(SafeText.line("evil\u202Etxt.exe\u202C \u2066iso\u2069")).isEqualTo("eviltxt.exe iso");
  }

  @Test
  void newlinesAreKeptOnlyInMultiline() {
    assertThat(SafeText.line("a\r\nb\nc\td")).isEqualTo("a b c d");
    assertThat(SafeText.multiline("a\r\nb\nc\rd")).isEqualTo("a\nb\nc\nd");
  }

  @Test
  void unterminatedSequencesSwallowTheRestButNothingEscapes() {
    assertThat(SafeText.line("ok\u001b]0;never ends")).isEqualTo("ok");
    assertThat(SafeText.line("ok\u001b")).isEqualTo("ok");
    assertThat(SafeText.line(null)).isEmpty();
  }

  @Test
  void c1StringControlsAreRemovedWithTheirPayload() {
    // C1 DCS, SOS, PM, APC and OSC, each closed by C1 ST, BEL or ESC \
    assertThat(SafeText.line("a\u0090q#0;2\u009cb")).isEqualTo("ab");
    assertThat(SafeText.line("a\u0098sos\u009cb\u009epm\u0007c\u009fapc\u001b\\d")).isEqualTo("abcd");
    assertThat(SafeText.line("a\u009d0;title\u0007b")).isEqualTo("ab");
  }

  @Test
  void escapeFormsOfSosPmApcAreRemoved() {
    assertThat(SafeText.line("a\u001bXsos\u001b\\b\u001b^pm\u001b\\c\u001b_apc\u0007d")).isEqualTo("abcd");
  }

  @Test
  void aMalformedCsiDoesNotSwallowTheTextAfterIt() {
    assertThat(SafeText.line("a\u001b[1é hello")).isEqualTo("aé hello");
    assertThat(SafeText.line("a\u001b[1\nb")).isEqualTo("a b");
  }

  @Test
  void deleteAndLoneSurrogatesBecomeVisible() {
    assertThat(SafeText.line("a\u007fb")).isEqualTo("a\uFFFDb");
    assertThat(SafeText.line("a\uD800b\uDC00c")).isEqualTo("a\uFFFDb\uFFFDc");
    assertThat(SafeText.line("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
  }

  @Test
  void directionalMarksAndEmbeddingsAreDropped() {
    assertThat(SafeText.line("a\u200eb\u200fc\u061cd\u202ae\u202bf\u202dg\u2067h\u2068i"))
        .isEqualTo("abcdefghi");
  }

  @Test
  void unicodeLineSeparatorsAreNewlines() {
    assertThat(SafeText.line("a\u2028b\u2029c")).isEqualTo("a b c");
    assertThat(SafeText.multiline("a\u2028b")).isEqualTo("a\nb");
  }

  @Test
  void nelIsAControlNotANewline() {
    assertThat(SafeText.multiline("a\u0085b")).isEqualTo("a\uFFFDb");
  }
}
