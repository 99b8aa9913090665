package dev.lpa.cli;

import dev.lpa.cli.support.Ansi;
import dev.lpa.core.model.QueueHealth;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.text.SafeText;
import java.util.ArrayList;
import java.util.List;

/**
 * Queue health as one bar per skill for a terminal. Overdue and merely waiting conversations are
 * told apart by the block's shape (█ overdue, ▒ waiting), so the bars read the same without colour;
 * the numbers follow each bar in words.
 */
final class QueueBars {
  static final char OVERDUE = '█';
  static final char WAITING = '▒';

  private QueueBars() {}

  /** One line per skill; bars share one scale so the longest queue fills {@code barWidth}. */
  static List<String> render(List<QueueHealth> health, int barWidth, Ansi a) {
    int most = 1;
    int nameWidth = 5;
    for (QueueHealth h : health) {
      most = Math.max(most, h.waiting());
      nameWidth = Math.max(nameWidth, Ansi.width(SafeText.line(h.skillName())));
    }
    nameWidth = Math.min(nameWidth, 24);
    List<String> out = new ArrayList<>();
    for (QueueHealth h : health) {
      int waiting = Math.max(0, h.waiting());
      int overdue = Math.min(waiting, Math.max(0, h.overdue()));
      // a queue of one still shows a block: an empty bar would read as "nobody waiting"
      int cells = waiting == 0 ? 0 : Math.max(1, (int) Math.round((double) waiting * barWidth / most));
      int overdueCells = overdue == 0 ? 0 : Math.max(1, (int) Math.round((double) overdue * cells / waiting));
      String bar = a.red(String.valueOf(OVERDUE).repeat(overdueCells))
          + a.yellow(String.valueOf(WAITING).repeat(cells - overdueCells))
          + " ".repeat(barWidth - cells);
      String name = fit(SafeText.line(h.skillName()), nameWidth);
      out.add(name + " │" + bar + "│ " + waiting + " waiting, "
          + (h.overdue() < 0 ? "? overdue" : h.overdue() + " overdue")
          + ", longest " + Sla.formatDueIn(h.longestWait())
          + ", " + (h.agentsOnline() < 0 ? "?" : Integer.toString(h.agentsOnline())) + " online");
    }
    out.add(" ".repeat(nameWidth + 2) + OVERDUE + " overdue  " + WAITING + " waiting");
    return out;
  }

  private static String fit(String s, int width) {
    int w = Ansi.width(s);
    if (w <= width) {
      return s + " ".repeat(width - w);
    }
    return s.substring(0, Math.max(0, width - 1)) + "…";
  }
}
