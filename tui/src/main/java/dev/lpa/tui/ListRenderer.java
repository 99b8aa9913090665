package dev.lpa.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.sla.Urgency;
import dev.lpa.tui.Theme.Role;
import dev.lpa.tui.Theme.Style;
import dev.lpa.tui.render.Text;
import dev.lpa.tui.view.ConversationList;
import dev.lpa.tui.view.ListRow;
import java.util.EnumSet;
import java.util.List;

/**
 * Draws the conversation list: only its visible rows, fitted by {@link ListView#fit}.
 */
final class ListRenderer {
  private final Console c;
  private final Paint p;

  ListRenderer(Console c, Paint p) {
    this.c = c;
    this.p = p;
  }

  void drawList(List<ListRow> rows, int x, int y, int w, int h) {
    if (h <= 0) {
      return;
    }
    Style base = p.style(Role.BASE);
    long openCount = ConversationList.openCount(rows);
    String title;
    if (c.manager()) {
      boolean all = c.model.scope().tab() == dev.lpa.tui.view.ListScope.Tab.ALL;
      title = c.text.get(all ? "list.tabAll" : "list.tabMy", openCount);
      String filter = all ? c.filterPanel.summary() : "";
      if (!filter.isEmpty()) {
        title += " · " + filter;
      }
    } else {
      title = c.text.get("list.title", openCount);
    }
    p.put(x + 1, y, Text.fit(title, w - 2), new Style(base.fg(), base.bg(), EnumSet.of(SGR.BOLD)));
    if (c.model.filter() != null) {
      String f = "/" + c.model.filter() + (c.model.filterEditing() ? "▏" : "");
      int fx = x + Math.min(w - 1, Text.width(title) + 3);
      p.put(fx, y, Text.fit(f, Math.max(0, x + w - fx - 1)), p.style(Role.INPUT));
    } else if (!c.model.marked().isEmpty()) {
      String m = c.text.get("list.marked", c.model.marked().size());
      int fx = x + Math.min(w - 1, Text.width(title) + 3);
      p.put(fx, y, Text.fit(m, Math.max(0, x + w - fx - 1)), p.style(Role.MARKED));
    }
    int top = y + 1;
    int height = h - 1;
    if (rows.isEmpty()) {
      String msg = c.model.filter() != null && !c.model.filter().isEmpty() ? c.text.get("list.noMatch")
          : c.state != null && !c.state.snapshotComplete() ? c.text.get("list.loading") : c.text.get("list.empty");
      p.put(x + 1, top + 1, Text.fit(msg, w - 2), p.style(Role.DIM));
      p.frame = p.frame.withEmptyList();
      return;
    }
    ListView.Fit fit = c.model.listView().fit(rows, c.model.cursorId(), height);
    p.frame = p.frame.withList(fit.view(), fit.cursorId(), rows);
    int ci = fit.cursorIndex();
    int start = fit.view().top();
    int headingLine = fit.headingLine();
    int lineCount = fit.lineCount();
    for (int l = 0; l < height && start + l < lineCount; l++) {
      int at = start + l;
      int yy = top + l;
      if (at == headingLine) {
        boolean team = c.manager() && c.model.scope().tab() == dev.lpa.tui.view.ListScope.Tab.ALL;
        String head = "── " + c.text.get(team ? "list.closedHeadingTeam" : "list.closedHeading") + " ";
        p.put(x + 1, yy, Text.fit(head + "─".repeat(Math.max(0, w - 2 - Text.width(head))), w - 2), p.style(Role.DIM));
        continue;
      }
      int afterHeading = headingLine >= 0 && at > headingLine ? at - 1 : at;
      int index = afterHeading / 2;
      ListRow r = rows.get(index);
      boolean selected = index == ci;
      boolean open = r.conversationId().equals(c.model.openId());
      drawListLine(r, afterHeading % 2, x, yy, w, selected, open);
    }
  }

  void drawListLine(ListRow r, int part, int x, int y, int w, boolean selected, boolean open) {
    Style cur = p.style(Role.CURSOR);
    Style base = selected ? cur : p.style(Role.BASE);
    p.fill(x, y, w, 1, base);
    if (part == 0) {
      String mark = r.markError() != null ? "✗" : r.marked() ? "✓" : open ? "›" : " ";
      p.put(x, y, mark, r.marked() || r.markError() != null ? Paint.onBg(p.style(Role.MARKED), base) : base);
      TextColor colour = c.theme.consumerColour(r.colourKey());
      p.put(x + 1, y, colour == null ? "▪" : "█", colour == null ? base.fg() : colour, base.bg(), EnumSet.noneOf(SGR.class));
      // right side: unread, bell, due
      String due = r.closed() ? c.text.get("list.closed") : r.due();
      Role dueRole = switch (r.urgency()) {
        case OVERDUE -> Role.OVERDUE;
        case DUE_SOON -> Role.DUE_SOON;
        case PENDING_AGENT -> Role.OK;
        default -> Role.DIM;
      };
      int rx = x + w - 1;
      if (!due.isEmpty()) {
        rx -= Text.width(due);
        p.put(rx, y, due, selected && dueRole == Role.DIM ? base : Paint.onBg(p.style(dueRole), base));
      }
      if (r.urgency() == Urgency.OVERDUE) {
        rx -= 2;
        p.put(rx, y, "!", Paint.onBg(p.style(Role.OVERDUE), base)); // the app's red bell
      }
      if (r.unread() > 0) {
        String u = "(" + r.unread() + ")";
        rx -= Text.width(u) + 1;
        p.put(rx, y, u, Paint.onBg(p.style(Role.UNREAD), base));
      }
      Style nameStyle = r.unread() > 0 ? new Style(base.fg(), base.bg(), EnumSet.of(SGR.BOLD)) : base;
      p.put(x + 3, y, Text.fit(r.consumer(), Math.max(0, rx - x - 4)), nameStyle);
    } else {
      if (r.markError() != null) {
        p.put(x + 3, y, Text.fit("✗ " + r.markError(), w - 4), Paint.onBg(p.style(Role.OVERDUE), base));
      } else if (c.manager() && c.model.scope().tab() == dev.lpa.tui.view.ListScope.Tab.ALL) {
        Conversation conv = c.conv(r.conversationId());
        String who = r.assignedAgent() == null ? c.text.get("list.unassigned")
            : c.agentNames.getOrDefault(r.assignedAgent(), r.assignedAgent());
        boolean joined = conv != null && (conv.myRole() == dev.lpa.core.model.Role.MANAGER
            || conv.myRole() == dev.lpa.core.model.Role.READER);
        String line = (joined ? c.text.get("list.joined") + " " : "") + who + " · " + r.excerpt();
        p.put(x + 3, y, Text.fit(line, w - 4), selected ? base : p.style(Role.DIM));
      } else {
        p.put(x + 3, y, Text.fit(r.excerpt(), w - 4), selected ? base : p.style(Role.DIM));
      }
    }
  }
}
