package dev.lpa.tui.render;

import dev.lpa.core.text.Graphemes;
import dev.lpa.core.text.Width;
import java.util.ArrayList;
import java.util.List;

/**
 * Column-aware string helpers. Widths are core's {@link Width}, cluster by cluster, so what is
 * measured here is what {@link Cells} draws; every result is cleaned text ({@link Graphemes#clean}).
 */
public final class Text {
  private Text() {}

  public static int width(String s) {
    return Width.of(s);
  }

  /** Cuts to at most {@code cols} columns, ending in an ellipsis when something was cut. */
  public static String fit(String s, int cols) {
    return Width.truncate(s, cols);
  }

  public static String padRight(String s, int cols) {
    return cols <= 0 ? "" : Width.fit(s, cols);
  }

  public static String padLeft(String s, int cols) {
    return cols <= 0 ? "" : Width.fitRight(s, cols);
  }

  /** Word-wraps each paragraph to {@code cols}; words longer than a line are broken between clusters. */
  public static List<String> wrap(String text, int cols) {
    List<String> out = new ArrayList<>();
    if (cols <= 0) {
      return out;
    }
    for (String para : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      int lw = 0;
      for (String word : para.split(" ", -1)) {
        List<Graphemes.Cluster> clusters = Graphemes.of(word);
        int ww = 0;
        for (Graphemes.Cluster c : clusters) {
          ww += c.width();
        }
        if (lw > 0 && lw + 1 + ww > cols) {
          out.add(line.toString());
          line.setLength(0);
          lw = 0;
        }
        if (lw > 0) {
          line.append(' ');
          lw++;
        }
        if (lw + ww <= cols) {
          for (Graphemes.Cluster c : clusters) {
            line.append(c.text());
          }
          lw += ww;
          continue;
        }
        for (Graphemes.Cluster c : clusters) {
          if (lw + c.width() > cols && lw > 0) {
            out.add(line.toString());
            line.setLength(0);
            lw = 0;
          }
          line.append(c.text());
          lw += c.width();
        }
      }
      out.add(line.toString());
    }
    return out;
  }
}
