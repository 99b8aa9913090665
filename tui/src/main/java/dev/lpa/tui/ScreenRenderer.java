package dev.lpa.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.Screen;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Ring;
import dev.lpa.core.model.RingDetails;
import dev.lpa.core.sla.Urgency;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.workspace.ConnectionState;
import dev.lpa.tui.Theme.Role;
import dev.lpa.tui.Theme.Style;
import dev.lpa.tui.render.Text;
import dev.lpa.tui.view.ConversationList;
import dev.lpa.tui.view.ListRow;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * Draws one frame of the console from its model and the workspace state onto a Lanterna screen:
 * the header, the ring banner, the panes (through {@link ListRenderer} and {@link ChatRenderer}),
 * the status line, then {@link OverlayRenderer}'s overlay. Writes nothing back.
 */
final class ScreenRenderer {
  private final Console c;
  /** This frame's surface (scratch: a new one per frame, what it fitted goes back to the console). */
  private Paint p;

  ScreenRenderer(Console console) {
    this.c = console;
  }

  /** Draws one frame from the model and the state; returns what it fitted, writes nothing back. */
  Frame draw(Screen screen) {
    TerminalSize size = screen.getTerminalSize();
    p = new Paint(c, screen.newTextGraphics());
    p.fill(0, 0, size.getColumns(), size.getRows(), p.style(Role.BASE));
    if (c.mode == Console.Mode.LOGIN) {
      new OverlayRenderer(c, p).drawLogin(size);
    } else {
      drawMain(size);
    }
    if (c.model.hasOverlay()) {
      new OverlayRenderer(c, p).drawOverlay(c.model.overlay(), size);
    }
    screen.setCursorPosition(p.cursor);
    return p.frame;
  }

  // ------------------------------------------------------------------ main screen

  private void drawMain(TerminalSize size) {
    int cols = size.getColumns();
    int rows = size.getRows();
    List<ListRow> rowsList = c.lists.rows();
    drawHeader(cols, c.model.filter() == null ? rowsList : c.lists.allRows());
    int y = 1;
    if (c.state != null && (c.state.connection() == ConnectionState.OFFLINE
        || c.state.connection() == ConnectionState.RECONNECTING)) {
      p.fill(0, y, cols, 1, p.style(Role.BANNER_ALERT));
      p.put(1, y, Text.fit(c.text.get("banner.offline"), cols - 2), p.style(Role.BANNER_ALERT));
      y++;
    }
    Ring ring = c.rings.waitingRing();
    if (ring != null) {
      drawRing(ring, y, cols);
      y++;
    }
    int mainH = rows - 1 - y;
    if (c.layout() == LayoutMode.SPLIT) {
      int lw = Math.min(48, Math.max(34, cols * 2 / 5));
      new ListRenderer(c, p).drawList(rowsList, 0, y, lw, mainH);
      Style div = p.style(Role.DIM);
      for (int i = 0; i < mainH; i++) {
        p.put(lw, y + i, "│", div);
      }
      if (c.model.teamPanel()) {
        new TeamPanelRenderer(c, p).draw(lw + 1, y, cols - lw - 1, mainH);
      } else {
        new ChatRenderer(c, p).drawChat(rowsList, lw + 1, y, cols - lw - 1, mainH);
      }
    } else if (c.model.teamPanel()) {
      new TeamPanelRenderer(c, p).draw(0, y, cols, mainH);
    } else if (c.model.chatFocused() && c.openConversation() != null) {
      new ChatRenderer(c, p).drawChat(rowsList, 0, y, cols, mainH);
    } else {
      new ListRenderer(c, p).drawList(rowsList, 0, y, cols, mainH);
    }
    if (c.model.filterPanel() != null) {
      new FilterPanelRenderer(c, p).draw(c.model.filterPanel(), size, y);
    }
    drawStatus(rows - 1, cols);
  }

  private void drawHeader(int cols, List<ListRow> rows) {
    Style h = p.style(Role.HEADER);
    p.fill(0, 0, cols, 1, h);
    if (c.state == null) {
      return;
    }
    String name = c.state.me() == null ? "" : SafeText.line(c.state.me().displayName());
    int x = 1;
    p.put(x, 0, initials(name), new Style(h.fg(), h.bg(), EnumSet.of(SGR.BOLD)));
    x += initials(name).length() + 1;
    Role dot = switch (c.state.agentState() == null ? dev.lpa.core.model.AgentState.OFFLINE : c.state.agentState()) {
      case ONLINE -> Role.STATE_ONLINE;
      case BACK_SOON -> Role.STATE_BACK_SOON;
      default -> Role.STATE_AWAY;
    };
    p.put(x, 0, "●", p.style(dot));
    x += 2;
    String st = c.state.agentState() == null ? "" : c.text.get("state." + c.state.agentState().name());
    String left = name + " · " + st + " │ " + c.text.get("conn." + c.state.connection().name());
    long open = ConversationList.openCount(rows);
    long overdue = ConversationList.count(rows, Urgency.OVERDUE);
    String counts = c.text.get("header.counts", open, overdue, c.rings.waitingRingCount());
    if (Text.width(counts) + 12 > cols - x - 1) {
      counts = c.text.get("header.countsShort", open, overdue, c.rings.waitingRingCount());
    }
    // the counts come first: the agent's own name and state are known, what waits is not
    int cx = Math.max(x, cols - Text.width(counts) - 1);
    p.put(x, 0, Text.fit(left, Math.max(0, cx - x - 1)), h);
    p.put(cx, 0, Text.fit(counts, cols - cx), h);
  }

  static String initials(String name) {
    StringBuilder sb = new StringBuilder();
    for (String part : name.trim().split("\\s+")) {
      if (!part.isEmpty() && sb.length() < 2) {
        sb.appendCodePoint(Character.toUpperCase(part.codePointAt(0)));
      }
    }
    return sb.length() == 0 ? "?" : sb.toString();
  }

  private void drawRing(Ring ring, int y, int cols) {
    Style st = p.style(Role.BANNER_RING);
    p.fill(0, y, cols, 1, st);
    Conversation conv = c.conv(ring.conversationId());
    if (conv == null) {
      conv = c.rings.ringConversations.get(ring.ringId());
    }
    RingDetails details = c.state.ringDetailsOf(ring);
    ConsumerProfile caller = details.consumer();
    String who = caller != null && !caller.displayName().equals(caller.id()) ? SafeText.line(caller.displayName())
        : conv != null ? ConversationList.consumerName(conv) : ConversationList.shortId(SafeText.line(ring.consumerId()));
    String skill = details.skillName() != null ? SafeText.line(details.skillName())
        : conv != null && conv.skillName() != null ? SafeText.line(conv.skillName())
        : c.skillName(ring.skillId());
    String excerpt = "";
    if (details.lastConsumerMessage() != null) {
      excerpt = SafeText.line(details.lastConsumerMessage().excerpt());
    } else if (conv != null) {
      if (conv.lastMessage() != null) {
        excerpt = SafeText.line(conv.lastMessage().excerpt());
      } else if (!c.state.messagesOf(conv.id()).isEmpty()) {
        var msgs = c.state.messagesOf(conv.id());
        excerpt = SafeText.line(msgs.get(msgs.size() - 1).excerpt());
      }
    }
    long left = ring.expires() == null ? 0 : Math.max(0, Duration.between(c.now(), ring.expires()).getSeconds());
    String countdown = String.format("%d:%02d", left / 60, left % 60);
    var keys = c.keyText();
    boolean chat = c.model.chatFocused() && c.openConversation() != null;
    String accept = keys.ringBanner(chat, c.rings.letterAccepts(), false);
    String acceptShort = keys.ringBanner(chat, c.rings.letterAccepts(), true);
    String more = c.rings.waitingRingCount() > 1 ? "  " + c.text.get("ring.more", c.rings.waitingRingCount() - 1) : "";
    String label = c.text.get(ring.transfer() ? "ring.transfer" : "ring.new");
    String icon = c.text.get("ring.icon");
    // narrow terminals keep who rings and how long is left; the rest gives way in this order:
    // the other rings, the accept hint's words, the label, the skill, the excerpt
    int whoRoom = Math.min(Text.width(who), 16);
    String[] tails = {
      " " + countdown + "  " + accept + more + " ",
      " " + countdown + "  " + accept + " ",
      " " + countdown + " " + acceptShort + " ",
      " " + countdown + " ",
    };
    String tail = tails[tails.length - 1];
    for (String t : tails) {
      if (Text.width(" " + icon + " ") + whoRoom + Text.width(t) <= cols) {
        tail = t;
        break;
      }
    }
    int room = cols - Text.width(tail);
    String named = " " + label + " " + who;
    String withSkill = named + " · " + skill;
    String line;
    if (!excerpt.isEmpty() && Text.width(withSkill) + 8 <= room) {
      line = withSkill + " · “" + Text.fit(excerpt, room - Text.width(withSkill) - 5) + "”";
    } else if (Text.width(withSkill) <= room) {
      line = withSkill;
    } else if (Text.width(named) + 4 <= room) {
      line = Text.fit(withSkill, room);
    } else {
      line = " " + icon + " " + who;
    }
    p.put(0, y, Text.fit(line, room), st);
    p.put(Math.max(0, cols - Text.width(tail)), y, Text.fit(tail, cols), new Style(st.fg(), st.bg(), EnumSet.of(SGR.BOLD)));
  }

  private void drawStatus(int y, int cols) {
    String msg = c.statusText();
    boolean err = msg != null && c.model.statusError();
    Style st = p.style(err ? Role.STATUS_ERROR : Role.STATUS);
    p.fill(0, y, cols, 1, st);
    String hints = hints();
    if (msg != null) {
      p.put(1, y, Text.fit(msg, cols - 2), st);
    } else {
      p.put(1, y, Text.fit(hints, cols - 2), st);
    }
  }

  /** The hint line, written from the keymap (see KeyText): the pane's keys, the ring's first. */
  private String hints() {
    var keys = c.keyText();
    boolean chat = c.model.chatFocused() && c.openConversation() != null;
    String base;
    if (c.model.filterPanel() != null) {
      base = keys.panelHint();
    } else if (c.model.filterEditing()) {
      base = keys.filterHint();
    } else if (chat) {
      base = keys.chatHint();
    } else if (!c.model.marked().isEmpty()) {
      base = keys.markedHint(c.model.marked().size());
    } else {
      base = c.manager() ? keys.managerListHint() : keys.listHint();
    }
    if (c.rings.waitingRing() == null) {
      return base;
    }
    return keys.ringHint(chat, c.rings.letterAccepts()) + "  " + base;
  }

  // ------------------------------------------------------------------ list

  // ------------------------------------------------------------------ chat

  // ------------------------------------------------------------------ overlays

  // ------------------------------------------------------------------ login

}
