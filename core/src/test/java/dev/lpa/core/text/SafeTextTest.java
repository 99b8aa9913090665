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
}
