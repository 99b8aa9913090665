package dev.lpa.tui.render;

import com.googlecode.lanterna.TerminalTextUtils;
import java.util.ArrayList;
import java.util.List;

/** Column-aware string helpers (CJK characters take two columns). */
public final class Text {
  private Text() {}

  public static int width(String s) {
    return TerminalTextUtils.getColumnWidth(s);
  }

  /** Cuts to at most {@code cols} columns, ending in an ellipsis when something was cut. */
  public static String fit(String s, int cols) {
    if (cols <= 0) {
      return "";
    }
    if (width(s) <= cols) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      String ch = new String(Character.toChars(cp));
      int cw = width(ch);
      if (w + cw > cols - 1) {
        break;
      }
      out.append(ch);
      w += cw;
      i += Character.charCount(cp);
    }
    return out.append('…').toString();
  }

  public static String padRight(String s, int cols) {
    String f = fit(s, cols);
    return f + " ".repeat(Math.max(0, cols - width(f)));
  }

  public static String padLeft(String s, int cols) {
    String f = fit(s, cols);
    return " ".repeat(Math.max(0, cols - width(f))) + f;
  }

  /** Word-wraps each paragraph to {@code cols}; words longer than a line are broken. */
  public static List<String> wrap(String text, int cols) {
    List<String> out = new ArrayList<>();
    if (cols <= 0) {
      return out;
    }
    for (String para : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      int lw = 0;
      for (String word : para.split(" ", -1)) {
        int ww = width(word);
        if (lw > 0 && lw + 1 + ww > cols) {
          out.add(line.toString());
          line.setLength(0);
          lw = 0;
        }
        if (lw > 0) {
          line.append(' ');
          lw++;
        }
        while (ww > cols) {
          int cut = 0;
          int cw = 0;
          while (cut < word.length()) {
            int cp = word.codePointAt(cut);
            int w = width(new String(Character.toChars(cp)));
            if (lw + cw + w > cols) {
              break;
            }
            cw += w;
            cut += Character.charCount(cp);
          }
          if (cut == 0) {
            out.add(line.toString());
            line.setLength(0);
            lw = 0;
            continue;
          }
          line.append(word, 0, cut);
          out.add(line.toString());
          line.setLength(0);
          lw = 0;
          word = word.substring(cut);
          ww = width(word);
        }
        line.append(word);
        lw += ww;
      }
      out.add(line.toString());
    }
    return out;
  }
}
