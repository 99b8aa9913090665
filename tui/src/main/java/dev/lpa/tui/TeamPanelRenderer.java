package dev.lpa.tui;

import com.googlecode.lanterna.SGR;
import dev.lpa.core.manager.Team;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.QueueHealth;
import dev.lpa.tui.Theme.Role;
import dev.lpa.tui.Theme.Style;
import dev.lpa.tui.render.QueueBars;
import dev.lpa.tui.render.Text;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Draws the managers' team and queue panel where the chat would be: each agent of the manager's
 * groups with state, load and the open conversations the manager sees, then a bar per skill of
 * the team (the bars of {@code lpa mq status --watch}). States are words beside the dot and the
 * bars tell overdue from waiting by shape, so it reads in monochrome too.
 */
final class TeamPanelRenderer {
  private static final int NAME = 20;
  private static final int STATE = 10;
  private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Console c;
  private final Paint p;

  TeamPanelRenderer(Console c, Paint p) {
    this.c = c;
    this.p = p;
  }

  void draw(int x, int y, int w, int h) {
    if (h <= 0 || w < 8) {
      return;
    }
    Style base = p.style(Role.BASE);
    Style bold = new Style(base.fg(), base.bg(), EnumSet.of(SGR.BOLD));
    Style dim = p.style(Role.DIM);
    TeamWatch watch = c.team;
    Team team = watch.team();
    int end = y + h;
    String asked = watch.queuesAt() == null ? ""
        : c.text.get("team.asked", TIME.format(LocalTime.ofInstant(watch.queuesAt(), c.opts.zone())), TeamWatch.EVERY.getSeconds());
    String title = c.text.get("team.title") + (team == null ? "" : " (" + team.agents().size() + ")");
    p.put(x + 1, y, Text.fit(title, w - 2), bold);
    if (!asked.isEmpty() && Text.width(title) + Text.width(asked) + 4 <= w) {
      p.put(x + w - 1 - Text.width(asked), y, asked, dim);
    }
    int yy = y + 1;
    List<Agent> agents = new ArrayList<>();
    if (team == null) {
      String msg = watch.teamError() != null ? c.text.get("team.failed", watch.teamError()) : c.text.get("team.loading");
      p.put(x + 1, yy++, Text.fit(msg, w - 2), dim);
    } else if (team.agents().isEmpty()) {
      p.put(x + 1, yy++, Text.fit(c.text.get("team.none"), w - 2), dim);
    } else {
      agents.addAll(team.agents());
      agents.sort(Comparator.comparing(TeamWatch::name, String.CASE_INSENSITIVE_ORDER));
    }
    if (!agents.isEmpty() && yy < end) {
      String head = "  " + Text.padRight("", NAME) + " " + Text.padRight(c.text.get("team.state"), STATE)
          + " " + Text.padLeft(c.text.get("team.load"), 5) + " " + Text.padLeft(c.text.get("team.open"), 5);
      p.put(x + 1, yy++, Text.fit(head, w - 2), dim);
    }
    Map<String, Integer> open = watch.openByAgent();
    // the queues keep at least their title and two bars below the team
    int teamRoom = Math.max(1, end - yy - 5);
    for (int i = 0; i < agents.size() && i < teamRoom && yy < end; i++) {
      drawAgent(agents.get(i), open.getOrDefault(agents.get(i).userId(), 0), x + 1, yy++, w - 2);
    }
    if (agents.size() > teamRoom && yy < end) {
      p.put(x + 1, yy++, Text.fit("… +" + (agents.size() - teamRoom), w - 2), dim);
    }
    yy++;
    if (yy < end) {
      p.put(x + 1, yy++, Text.fit(c.text.get("team.queues"), w - 2), bold);
    }
    List<QueueHealth> queues = watch.queues();
    if (queues == null || queues.isEmpty()) {
      String msg = queues != null ? c.text.get("team.queuesNone")
          : watch.queueError() != null ? c.text.get("team.queuesFailed", watch.queueError()) : c.text.get("team.queuesLoading");
      if (yy < end) {
        p.put(x + 1, yy, Text.fit(msg, w - 2), dim);
      }
      return;
    }
    drawBars(queues, x + 1, yy, w - 2, end);
  }

  private void drawAgent(Agent a, int open, int x, int y, int w) {
    Style base = p.style(Role.BASE);
    Role dot = a.state() == null ? Role.DIM : switch (a.state()) {
      case ONLINE -> Role.STATE_ONLINE;
      case BACK_SOON -> Role.STATE_BACK_SOON;
      case AWAY -> Role.STATE_AWAY;
      case OFFLINE -> Role.DIM;
    };
    p.put(x, y, a.state() == null || a.state() == dev.lpa.core.model.AgentState.OFFLINE ? "○" : "●",
        Paint.onBg(p.style(dot), base));
    String state = a.state() == null ? "?" : c.text.get("state." + a.state().name());
    String load = a.openConversations() < 0 ? "?"
        : a.openConversations() + (a.maxConversations() < 0 ? "" : "/" + a.maxConversations());
    String line = Text.padRight(TeamWatch.name(a), NAME) + " " + Text.padRight(state, STATE) + " "
        + Text.padLeft(load, 5) + " " + Text.padLeft(Integer.toString(open), 5);
    p.put(x + 2, y, Text.fit(line, Math.max(0, w - 2)), base);
  }

  /** The bars with their words on the same line when it is wide enough, else on the next. */
  private void drawBars(List<QueueHealth> queues, int x, int y, int w, int end) {
    int nameW = 5;
    int wordsW = 0;
    for (QueueHealth q : queues) {
      nameW = Math.max(nameW, Math.min(24, Text.width(dev.lpa.core.text.SafeText.line(q.skillName()))));
      wordsW = Math.max(wordsW, Text.width(QueueBars.words(q)));
    }
    int beside = w - nameW - 5 - wordsW;
    boolean below = beside < 8;
    int barW = below ? Math.max(4, Math.min(30, w - nameW - 3)) : Math.min(30, beside);
    List<List<QueueBars.Span>> lines = QueueBars.lines(queues, barW);
    int yy = y;
    for (int i = 0; i < lines.size() && yy < end; i++) {
      boolean legend = i == lines.size() - 1;
      int xx = x;
      for (QueueBars.Span s : lines.get(i)) {
        String t = s.text();
        if (below && !legend && s.kind() == QueueBars.Kind.TEXT && t.contains("│ ")) {
          t = t.substring(0, t.indexOf("│ ") + 1);
        }
        Role role = switch (s.kind()) {
          case OVERDUE -> Role.OVERDUE;
          case WAITING -> Role.DUE_SOON;
          case TEXT -> legend ? Role.DIM : Role.BASE;
        };
        String fitted = Text.fit(t, Math.max(0, x + w - xx));
        p.put(xx, yy, fitted, Paint.onBg(p.style(role), p.style(Role.BASE)));
        xx += Text.width(fitted);
      }
      yy++;
      if (below && !legend && yy < end) {
        p.put(x + nameW + 2, yy++, Text.fit(QueueBars.words(queues.get(i)), Math.max(0, w - nameW - 2)), p.style(Role.DIM));
      }
    }
  }
}
