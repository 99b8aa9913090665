package dev.lpa.core.text;

/**
 * Makes untrusted text (consumer messages, names, any server field) inert for a terminal.
 *
 * <p>Escape sequences (CSI, OSC, DCS, SOS, PM, APC and two-byte ESC forms) are removed whole, so
 * their parameters do not leak into the output as garbage; any other C0 or C1 control becomes a
 * visible replacement; bidi embedding, override and isolate controls are removed so a name cannot
 * reorder the text around it. Newlines and tabs survive only when asked for.
 */
public final class SafeText {
  private static final char ESC = 0x1b;
  private static final char REPLACEMENT = '\uFFFD';

  private SafeText() {}

  /** One line: newlines and tabs become spaces. */
  public static String line(String s) {
    return clean(s, false);
  }

  /** Multi-line text: newlines are kept, tabs become spaces, CR LF becomes LF. */
  public static String multiline(String s) {
    return clean(s, true);
  }

  private static String clean(String s, boolean keepNewlines) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == ESC) {
        i = skipEscape(s, i);
        continue;
      }
      if (c == 0x9b) { // C1 CSI
        i = skipCsiBody(s, i + 1);
        continue;
      }
      if (c == 0x9d || c == 0x90 || c == 0x98 || c == 0x9e || c == 0x9f) { // C1 OSC, DCS, SOS, PM, APC
        i = skipStringBody(s, i + 1);
        continue;
      }
      if (c == '\r') {
        if (i + 1 < n && s.charAt(i + 1) == '\n') {
          i++;
          continue;
        }
        out.append(keepNewlines ? '\n' : ' ');
      } else if (c == '\n' || c == 0x2028 || c == 0x2029) { // LF, LINE and PARAGRAPH SEPARATOR
        out.append(keepNewlines ? '\n' : ' ');
      } else if (c == '\t') {
        out.append(' ');
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
        out.append(REPLACEMENT);
      } else if (isBidiControl(c)) {
        // dropped
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          out.append(c).append(s.charAt(i + 1));
          i++;
        } else {
          out.append(REPLACEMENT);
        }
      } else {
        out.append(c);
      }
      i++;
    }
    return out.toString();
  }

  static boolean isBidiControl(char c) {
    return (c >= 0x202a && c <= 0x202e) // LRE RLE PDF LRO RLO
        || (c >= 0x2066 && c <= 0x2069) // LRI RLI FSI PDI
        || c == 0x200e || c == 0x200f || c == 0x061c; // LRM RLM ALM
  }

  /** Returns the index just past the escape sequence starting at {@code i} (which holds ESC). */
  private static int skipEscape(String s, int i) {
    int n = s.length();
    if (i + 1 >= n) {
      return n;
    }
    char k = s.charAt(i + 1);
    switch (k) {
      case '[':
        return skipCsiBody(s, i + 2);
      case ']': case 'P': case 'X': case '^': case '_':
        return skipStringBody(s, i + 2);
      default:
        // intermediates 0x20-0x2f, then one final byte
        int j = i + 1;
        while (j < n && s.charAt(j) >= 0x20 && s.charAt(j) <= 0x2f) {
          j++;
        }
        return Math.min(n, j + 1);
    }
  }

  private static int skipCsiBody(String s, int j) {
    int n = s.length();
    while (j < n) {
      char c = s.charAt(j);
      if (c >= 0x40 && c <= 0x7e) {
        return j + 1;
      }
      if (c < 0x20 || c > 0x7e) {
        // malformed: stop here and let the main loop treat the character, so a stray ESC [
        // cannot swallow the readable text after it
        return j;
      }
      j++;
    }
    return n;
  }

  /** OSC/DCS/SOS/PM/APC run until BEL, ST (ESC \) or C1 ST. */
  private static int skipStringBody(String s, int j) {
    int n = s.length();
    while (j < n) {
      char c = s.charAt(j);
      if (c == 0x07 || c == 0x9c) {
        return j + 1;
      }
      if (c == ESC) {
        return (j + 1 < n && s.charAt(j + 1) == '\\') ? j + 2 : j + 1;
      }
      j++;
    }
    return n;
  }
}
