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

  /** Records what the placement sends to the terminal. */
  private static final class Recorder implements ConsoleTerminal.Output {
    final StringBuilder seen = new StringBuilder();

    @Override public void put(char c) {
      seen.append(c);
    }

    @Override public void moveTo(int x, int y) {
      seen.append("<").append(x).append(',').append(y).append('>');
    }

    @Override public int columns() {
      return 20;
    }
  }

  @Test
  void aTwoCellGlyphIsWrittenOverTwoBlanksAndTheCursorPutBack() throws Exception {
    Recorder r = new Recorder();
    ConsoleTerminal.Placement p = new ConsoleTerminal.Placement(r);
    p.movedTo(4, 2);
    p.write("1\uFE0F\u20E3"); // a keycap: two cells to Lanterna, one in tmux
    p.write("\u00B7");
    p.write("\u4E2D"); // one code point: every terminal agrees, nothing extra
    assertThat(r.seen.toString()).isEqualTo("  <4,2>1\uFE0F\u20E3<6,2>\u00B7\u4E2D");
  }

  @Test
  void atTheRightEdgeOrWithoutAKnownPositionNothingMoves() throws Exception {
    Recorder r = new Recorder();
    ConsoleTerminal.Placement p = new ConsoleTerminal.Placement(r);
    p.write("\u2764\uFE0F"); // position unknown (nothing placed yet)
    p.movedTo(18, 0);
    p.write("\u2764\uFE0F"); // ends on the last column: a move could break the wrap
    assertThat(r.seen.toString()).isEqualTo("\u2764\uFE0F\u2764\uFE0F");
  }

  @Test
  void loneSurrogatesBecomeTheReplacementCharacter() {
    assertThat(new String(writeCharByChar("a\uD800b\uDC00c\uD800"), StandardCharsets.UTF_8)).isEqualTo("a\uFFFDb\uFFFDc");
    assertThat(new String(writeCharByChar("\uD800\uD83D\uDC4D"), StandardCharsets.UTF_8)).isEqualTo("\uFFFD\uD83D\uDC4D");
  }
}
