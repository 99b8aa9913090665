package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleTerminalTest {
  private static byte[] writeCharByChar(String s) {
    ConsoleTerminal.CharEncoder enc = new ConsoleTerminal.CharEncoder(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (char c : s.toCharArray()) {
      out.writeBytes(enc.next(c));
    }
    return out.toByteArray();
  }

  @Test
  void lanternasOwnEncodingLeavesANulAfterTwoByteCharacters() {
    // what Lanterna 3.1.3's StreamBasedTerminal.convertToCharset does for each char
    byte[] lanterna = StandardCharsets.UTF_8.encode(String.valueOf('\u00B7')).array();
    assertThat(lanterna).contains((byte) 0);
  }

  @Test
  void eachCharBecomesExactlyItsBytes() {
    String s = "a\u00B7e\u0301\u4E2D\u2615\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\uD83C\uDDEB\uD83C\uDDF7";
    byte[] bytes = writeCharByChar(s);
    assertThat(bytes).doesNotContain((byte) 0);
    assertThat(bytes).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void loneSurrogatesBecomeTheReplacementCharacter() {
    assertThat(new String(writeCharByChar("a\uD800b\uDC00c\uD800"), StandardCharsets.UTF_8)).isEqualTo("a\uFFFDb\uFFFDc");
    assertThat(new String(writeCharByChar("\uD800\uD83D\uDC4D"), StandardCharsets.UTF_8)).isEqualTo("\uFFFD\uD83D\uDC4D");
  }
}
