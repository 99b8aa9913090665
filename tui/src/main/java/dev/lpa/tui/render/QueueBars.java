package dev.lpa.tui.render;

import dev.lpa.core.model.QueueHealth;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.text.SafeText;
import java.util.ArrayList;
import java.util.List;

/**
 * Queue health as one bar per skill, for both faces: {@code lpa mq status --watch} colours the
 * spans with SGR, the console with its theme. Overdue and merely waiting conversations are told
 * apart by the block's shape (█ overdue, ▒ waiting), so the bars read the same without colour;
 * the numbers follow each bar in words.
 */
public final class QueueBars {
  public static final char OVERDUE = '█';
  public static final char WAITING = '▒';
  private static final int MAX_NAME = 24;

  /** What a span is, so each face can style it. */
  public enum Kind { TEXT, OVERDUE, WAITING }

  public record Span(Kind kind, String text) {}

  private QueueBars() {}

  /**
   * One line of spans per skill, then the legend; bars share one scale so the longest queue fills
   * {@code barWidth}.
   */
  public static List<List<Span>> lines(List<QueueHealth> health, int barWidth) {
    int most = 1;
    int nameWidth = 5;
    for (QueueHealth h : health) {
      most = Math.max(most, h.waiting());
      nameWidth = Math.max(nameWidth, Text.width(SafeText.line(h.skillName())));
    }
    nameWidth = Math.min(nameWidth, MAX_NAME);
    List<List<Span>> out = new ArrayList<>();
    for (QueueHealth h : health) {
      int waiting = Math.max(0, h.waiting());
      int overdue = Math.min(waiting, Math.max(0, h.overdue()));
      // a queue of one still shows a block: an empty bar would read as "nobody waiting"
      int cells = waiting == 0 ? 0 : Math.max(1, (int) Math.round((double) waiting * barWidth / most));
      int overdueCells = overdue == 0 ? 0 : Math.max(1, (int) Math.round((double) overdue * cells / waiting));
      String name = Text.padRight(SafeText.line(h.skillName()), nameWidth);
      out.add(List.of(
          new Span(Kind.TEXT, name + " │"),
          new Span(Kind.OVERDUE, String.valueOf(OVERDUE).repeat(overdueCells)),
          new Span(Kind.WAITING, String.valueOf(WAITING).repeat(cells - overdueCells)),
          new Span(Kind.TEXT, " ".repeat(barWidth - cells) + "│ " + words(h))));
    }
    out.add(List.of(new Span(Kind.TEXT, " ".repeat(nameWidth + 2) + OVERDUE + " overdue  " + WAITING + " waiting")));
    return out;
  }

  /** The numbers after a bar: waiting, overdue, longest wait, agents online ("?" when unknown). */
  public static String words(QueueHealth h) {
    return Math.max(0, h.waiting()) + " waiting, "
        + (h.overdue() < 0 ? "? overdue" : h.overdue() + " overdue")
        + ", longest " + Sla.formatDueIn(h.longestWait())
        + ", " + (h.agentsOnline() < 0 ? "?" : Integer.toString(h.agentsOnline())) + " online";
  }

  /** A line's text without styling. */
  public static String plain(List<Span> line) {
    StringBuilder sb = new StringBuilder();
    line.forEach(s -> sb.append(s.text()));
    return sb.toString();
  }
}
