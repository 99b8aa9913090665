package dev.lpa.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.screen.Screen;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Dialog;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Ring;
import dev.lpa.core.model.RingDetails;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.sla.Urgency;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.workspace.ConnectionState;
import dev.lpa.tui.Theme.Role;
import dev.lpa.tui.Theme.Style;
import dev.lpa.tui.render.Cells;
import dev.lpa.tui.render.HalfBlocks;
import dev.lpa.tui.render.Text;
import dev.lpa.tui.view.ChatItem;
import dev.lpa.tui.view.ConversationList;
import dev.lpa.tui.view.ListRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** Draws the console's current state onto a Lanterna screen; owns no state of its own. */
final class ScreenRenderer {
  private static final String[] CACTUS = {
    "    _  ",
    "   | | _",
    " _ | || |",
    "| || ||_/",
    " \\_  |",
    "    | |",
    "  ~~~~~~~",
  };
  private static final String[] EMPTY_BOX = {
    " .-------. ",
    " |       | ",
    " |  ...  | ",
    " '-------' ",
  };

  private final Console c;
  private TextGraphics g;
  private TerminalPosition cursor;
  /** What this frame fitted (reset per frame; handed to the model by the console). */
  private Frame frame = Frame.NOTHING;

  ScreenRenderer(Console console) {
    this.c = console;
  }

  /** Draws one frame from the model and the state; returns what it fitted, writes nothing back. */
  Frame draw(Screen screen) {
    frame = Frame.NOTHING;
    TerminalSize size = screen.getTerminalSize();
    g = screen.newTextGraphics();
    cursor = null;
    fill(0, 0, size.getColumns(), size.getRows(), style(Role.BASE));
    if (c.mode == Console.Mode.LOGIN) {
      drawLogin(size);
    } else {
      drawMain(size);
    }
    if (c.model.hasOverlay()) {
      drawOverlay(c.model.overlay(), size);
    }
    screen.setCursorPosition(cursor);
    return frame;
  }

  private Style style(Role r) {
    return c.theme.style(r);
  }

  // ------------------------------------------------------------------ primitives

  private void put(int x, int y, String s, Style st) {
    put(x, y, s, st.fg(), st.bg(), st.sgr());
  }

  private void put(int x, int y, String s, TextColor fg, TextColor bg, EnumSet<SGR> sgr) {
    if (s.isEmpty()) {
      return;
    }
    // every string, consumer text or not, goes through the one cell writer (see Cells)
    Cells.put(g, x, y, s, fg == null ? TextColor.ANSI.DEFAULT : fg, bg == null ? TextColor.ANSI.DEFAULT : bg, sgr);
  }

  private void fill(int x, int y, int w, int h, Style st) {
    if (w <= 0 || h <= 0) {
      return;
    }
    g.setForegroundColor(st.fg());
    g.setBackgroundColor(st.bg());
    g.clearModifiers();
    if (!st.sgr().isEmpty()) {
      g.enableModifiers(st.sgr().toArray(new SGR[0]));
    }
    g.fillRectangle(new TerminalPosition(x, y), new TerminalSize(w, h), ' ');
  }

  /** A style with another background (the cursor row keeps meaningful foregrounds). */
  private static Style onBg(Style st, Style bgFrom) {
    return new Style(st.fg(), bgFrom.bg(), st.sgr());
  }

  // ------------------------------------------------------------------ main screen

  private void drawMain(TerminalSize size) {
    int cols = size.getColumns();
    int rows = size.getRows();
    List<ListRow> rowsList = c.rows();
    drawHeader(cols, c.model.filter() == null ? rowsList : c.allRows());
    int y = 1;
    if (c.state != null && (c.state.connection() == ConnectionState.OFFLINE
        || c.state.connection() == ConnectionState.RECONNECTING)) {
      fill(0, y, cols, 1, style(Role.BANNER_ALERT));
      put(1, y, Text.fit(c.text.get("banner.offline"), cols - 2), style(Role.BANNER_ALERT));
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
      drawList(rowsList, 0, y, lw, mainH);
      Style div = style(Role.DIM);
      for (int i = 0; i < mainH; i++) {
        put(lw, y + i, "│", div);
      }
      drawChat(rowsList, lw + 1, y, cols - lw - 1, mainH);
    } else if (c.model.chatFocused() && c.openConversation() != null) {
      drawChat(rowsList, 0, y, cols, mainH);
    } else {
      drawList(rowsList, 0, y, cols, mainH);
    }
    drawStatus(rows - 1, cols);
  }

  private void drawHeader(int cols, List<ListRow> rows) {
    Style h = style(Role.HEADER);
    fill(0, 0, cols, 1, h);
    if (c.state == null) {
      return;
    }
    String name = c.state.me() == null ? "" : SafeText.line(c.state.me().displayName());
    int x = 1;
    put(x, 0, initials(name), new Style(h.fg(), h.bg(), EnumSet.of(SGR.BOLD)));
    x += initials(name).length() + 1;
    Role dot = switch (c.state.agentState() == null ? dev.lpa.core.model.AgentState.OFFLINE : c.state.agentState()) {
      case ONLINE -> Role.STATE_ONLINE;
      case BACK_SOON -> Role.STATE_BACK_SOON;
      default -> Role.STATE_AWAY;
    };
    put(x, 0, "●", style(dot));
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
    put(x, 0, Text.fit(left, Math.max(0, cx - x - 1)), h);
    put(cx, 0, Text.fit(counts, cols - cx), h);
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
    Style st = style(Role.BANNER_RING);
    fill(0, y, cols, 1, st);
    Conversation conv = c.conv(ring.conversationId());
    if (conv == null) {
      conv = c.rings.ringConversations.get(ring.ringId());
    }
    RingDetails details = c.state.ringDetailsOf(ring);
    ConsumerProfile p = details.consumer();
    String who = p != null && !p.displayName().equals(p.id()) ? SafeText.line(p.displayName())
        : conv != null ? ConversationList.consumerName(conv) : ConversationList.shortId(SafeText.line(ring.consumerId()));
    String skill = details.skillName() != null ? SafeText.line(details.skillName())
        : conv != null && conv.skillName() != null ? SafeText.line(conv.skillName())
        : c.skillNames.getOrDefault(ring.skillId(), SafeText.line(ring.skillId()));
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
    put(0, y, Text.fit(line, room), st);
    put(Math.max(0, cols - Text.width(tail)), y, Text.fit(tail, cols), new Style(st.fg(), st.bg(), EnumSet.of(SGR.BOLD)));
  }

  private void drawStatus(int y, int cols) {
    String msg = c.statusText();
    boolean err = msg != null && c.model.statusError();
    Style st = style(err ? Role.STATUS_ERROR : Role.STATUS);
    fill(0, y, cols, 1, st);
    String hints = hints();
    if (msg != null) {
      put(1, y, Text.fit(msg, cols - 2), st);
    } else {
      put(1, y, Text.fit(hints, cols - 2), st);
    }
  }

  /** The hint line, written from the keymap (see KeyText): the pane's keys, the ring's first. */
  private String hints() {
    var keys = c.keyText();
    boolean chat = c.model.chatFocused() && c.openConversation() != null;
    String base;
    if (c.model.filterEditing()) {
      base = keys.filterHint();
    } else if (chat) {
      base = keys.chatHint();
    } else if (!c.model.marked().isEmpty()) {
      base = keys.markedHint(c.model.marked().size());
    } else {
      base = keys.listHint();
    }
    if (c.rings.waitingRing() == null) {
      return base;
    }
    return keys.ringHint(chat, c.rings.letterAccepts()) + "  " + base;
  }

  // ------------------------------------------------------------------ list

  private void drawList(List<ListRow> rows, int x, int y, int w, int h) {
    if (h <= 0) {
      return;
    }
    Style base = style(Role.BASE);
    long openCount = ConversationList.openCount(rows);
    String title;
    if (c.manager()) {
      boolean all = c.model.scope().tab() == dev.lpa.tui.view.ListScope.Tab.ALL;
      title = c.text.get(all ? "list.tabAll" : "list.tabMy", openCount);
      if (all && c.model.scope().status() != dev.lpa.tui.view.ListScope.Status.ANY) {
        title += " · " + c.text.get("scope." + c.model.scope().status().name());
      }
    } else {
      title = c.text.get("list.title", openCount);
    }
    put(x + 1, y, Text.fit(title, w - 2), new Style(base.fg(), base.bg(), EnumSet.of(SGR.BOLD)));
    if (c.model.filter() != null) {
      String f = "/" + c.model.filter() + (c.model.filterEditing() ? "▏" : "");
      int fx = x + Math.min(w - 1, Text.width(title) + 3);
      put(fx, y, Text.fit(f, Math.max(0, x + w - fx - 1)), style(Role.INPUT));
    } else if (!c.model.marked().isEmpty()) {
      String m = c.text.get("list.marked", c.model.marked().size());
      int fx = x + Math.min(w - 1, Text.width(title) + 3);
      put(fx, y, Text.fit(m, Math.max(0, x + w - fx - 1)), style(Role.MARKED));
    }
    int top = y + 1;
    int height = h - 1;
    if (rows.isEmpty()) {
      String msg = c.model.filter() != null && !c.model.filter().isEmpty() ? c.text.get("list.noMatch") : c.text.get("list.empty");
      put(x + 1, top + 1, Text.fit(msg, w - 2), style(Role.DIM));
      frame = frame.withEmptyList();
      return;
    }
    ListView.Fit fit = c.model.listView().fit(rows, c.model.cursorId(), height);
    frame = frame.withList(fit.view(), fit.cursorId());
    int ci = fit.cursorIndex();
    int start = fit.view().top();
    int headingLine = fit.headingLine();
    int lineCount = fit.lineCount();
    for (int l = 0; l < height && start + l < lineCount; l++) {
      int at = start + l;
      int yy = top + l;
      if (at == headingLine) {
        String head = "── " + c.text.get("list.closedHeading") + " ";
        put(x + 1, yy, Text.fit(head + "─".repeat(Math.max(0, w - 2 - Text.width(head))), w - 2), style(Role.DIM));
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

  private void drawListLine(ListRow r, int part, int x, int y, int w, boolean selected, boolean open) {
    Style cur = style(Role.CURSOR);
    Style base = selected ? cur : style(Role.BASE);
    fill(x, y, w, 1, base);
    if (part == 0) {
      String mark = r.markError() != null ? "✗" : r.marked() ? "✓" : open ? "›" : " ";
      put(x, y, mark, r.marked() || r.markError() != null ? onBg(style(Role.MARKED), base) : base);
      TextColor colour = c.theme.consumerColour(r.colourKey());
      put(x + 1, y, colour == null ? "▪" : "█", colour == null ? base.fg() : colour, base.bg(), EnumSet.noneOf(SGR.class));
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
        put(rx, y, due, selected && dueRole == Role.DIM ? base : onBg(style(dueRole), base));
      }
      if (r.urgency() == Urgency.OVERDUE) {
        rx -= 2;
        put(rx, y, "!", onBg(style(Role.OVERDUE), base)); // the app's red bell
      }
      if (r.unread() > 0) {
        String u = "(" + r.unread() + ")";
        rx -= Text.width(u) + 1;
        put(rx, y, u, onBg(style(Role.UNREAD), base));
      }
      Style nameStyle = r.unread() > 0 ? new Style(base.fg(), base.bg(), EnumSet.of(SGR.BOLD)) : base;
      put(x + 3, y, Text.fit(r.consumer(), Math.max(0, rx - x - 4)), nameStyle);
    } else {
      if (r.markError() != null) {
        put(x + 3, y, Text.fit("✗ " + r.markError(), w - 4), onBg(style(Role.OVERDUE), base));
      } else if (c.manager() && c.model.scope().tab() == dev.lpa.tui.view.ListScope.Tab.ALL) {
        Conversation conv = c.conv(r.conversationId());
        String who = r.assignedAgent() == null ? c.text.get("list.unassigned")
            : c.agentNames.getOrDefault(r.assignedAgent(), r.assignedAgent());
        boolean joined = conv != null && (conv.myRole() == dev.lpa.core.model.Role.MANAGER
            || conv.myRole() == dev.lpa.core.model.Role.READER);
        String line = (joined ? c.text.get("list.joined") + " " : "") + who + " · " + r.excerpt();
        put(x + 3, y, Text.fit(line, w - 4), selected ? base : style(Role.DIM));
      } else {
        put(x + 3, y, Text.fit(r.excerpt(), w - 4), selected ? base : style(Role.DIM));
      }
    }
  }

  // ------------------------------------------------------------------ chat

  private record Seg(int x, String s, TextColor fg, TextColor bg, EnumSet<SGR> sgr) {}

  private void drawChat(List<ListRow> rows, int x, int y, int w, int h) {
    Conversation conv = c.openConversation();
    if (conv == null) {
      drawPlaceholder(rows.isEmpty(), x, y, w, h);
      return;
    }
    boolean closed = !conv.open();
    // title
    int key = Sla.colorKey(conv.consumer() == null ? conv.id() : conv.consumer().id());
    TextColor colour = c.theme.consumerColour(key);
    Style base = style(Role.BASE);
    put(x + 1, y, colour == null ? "▪" : "█", colour == null ? base.fg() : colour, base.bg(), EnumSet.noneOf(SGR.class));
    StringBuilder title = new StringBuilder(ConversationList.consumerName(conv));
    String skillName = conv.skillName() != null ? SafeText.line(conv.skillName()) : c.skillNames.get(conv.skillId());
    if (skillName != null) {
      title.append(" · ").append(skillName);
    }
    Urgency u = Sla.urgency(conv, c.now());
    String state = switch (u) {
      case OVERDUE -> c.text.get("chat.overdue", Sla.formatDueIn(Sla.dueIn(conv, c.now()).negated()));
      case DUE_SOON, PENDING_AGENT -> c.text.get("chat.dueIn", Sla.formatDueIn(Sla.dueIn(conv, c.now())));
      case PENDING_CONSUMER -> c.text.get("chat.waitingConsumer");
      case CLOSED -> c.text.get("chat.closedShort");
    };
    title.append(" · ").append(state);
    if (conv.ttr() != null && conv.ttr().urgent()) {
      title.append(" · ").append(c.text.get("chat.urgent"));
    }
    String call = callState(conv);
    if (call != null) {
      title.append(" · ").append(call);
    }
    put(x + 3, y, Text.fit(title.toString(), w - 4), new Style(base.fg(), base.bg(), EnumSet.of(SGR.BOLD)));
    put(x, y + 1, "─".repeat(Math.max(0, w)), style(Role.DIM));

    // bottom: composer or closed banner, typing line
    int composerH;
    List<String> composerLines = c.model.composer().lines();
    if (closed) {
      composerH = 1;
    } else {
      composerH = 1 + Math.min(4, composerLines.size());
    }
    int typingY = y + h - composerH - 1;
    int areaTop = y + 2;
    int areaH = typingY - areaTop;
    boolean typing = c.state.consumerTyping().contains(conv.id());
    if (typing) {
      put(x + 1, typingY, Text.fit(c.text.get("chat.typing", ConversationList.consumerName(conv)), w - 2), style(Role.SYSTEM));
    }
    // messages
    List<List<Seg>> lines = chatLines(c.chatItems(), w, c.previous.containsKey(conv.id()));
    ChatView view = c.model.chatView().fit(lines.size(), areaH);
    frame = frame.withChat(view);
    int first = Math.max(0, lines.size() - areaH - view.scroll());
    for (int i = 0; i < areaH && first + i < lines.size(); i++) {
      for (Seg s : lines.get(first + i)) {
        put(x + s.x(), areaTop + i, s.s(), s.fg(), s.bg(), s.sgr());
      }
    }
    if (view.scroll() > 0) {
      String more = c.text.get("chat.more");
      put(x + w - Text.width(more) - 1, typingY, more, style(Role.DIM));
    }
    int cy = y + h - composerH;
    if (closed) {
      Style b = style(Role.BANNER_ALERT);
      fill(x, cy, w, 1, b);
      String msg = c.text.get("chat.closed");
      put(x + Math.max(0, (w - Text.width(msg)) / 2), cy, Text.fit(msg, w), b);
      return;
    }
    String hint = "─ " + c.keyText().composerHint() + " ";
    put(x, cy, Text.fit(hint + "─".repeat(Math.max(0, w - Text.width(hint))), w), style(Role.DIM));
    Style in = style(Role.INPUT);
    int visible = composerH - 1;
    int[] pos = c.model.composer().cursorPosition();
    int firstLine = Math.max(0, pos[0] - visible + 1);
    boolean empty = c.model.composer().text().isEmpty();
    for (int i = 0; i < visible; i++) {
      fill(x, cy + 1 + i, w, 1, in);
      int li = firstLine + i;
      if (li < composerLines.size()) {
        put(x, cy + 1 + i, i == 0 && firstLine == 0 ? "› " : "  ", in);
        String line = composerLines.get(li);
        int col = Text.width(line.substring(0, li == pos[0] ? pos[1] : 0));
        int offset = Math.max(0, col - (w - 4));
        put(x + 2, cy + 1 + i, Text.fit(line.substring(Math.min(line.length(), offset)), w - 3), in);
        if (li == pos[0] && c.model.focus() == ConsoleModel.Pane.CHAT && !c.model.hasOverlay()) {
          cursor = new TerminalPosition(x + 2 + col - offset, cy + 1 + i);
        }
      }
    }
    if (empty) {
      put(x + 2, cy + 1, Text.fit(c.text.get("chat.placeholder"), w - 3), new Style(style(Role.DIM).fg(), in.bg(), EnumSet.noneOf(SGR.class)));
    }
  }

  /** A COBROWSE dialog's call state, for the chat title (decisions.md #18). */
  private String callState(Conversation conv) {
    if (conv.dialogs() == null) {
      return null;
    }
    for (Dialog d : conv.dialogs()) {
      if ("COBROWSE".equals(d.channelType()) && d.metaData() != null) {
        String mode = d.metaData().getOrDefault("mode", "");
        String st = d.metaData().getOrDefault("sessionState", d.state());
        if (!"CLOSED".equals(st)) {
          return c.text.get("call." + ("VOICE_CALL".equals(mode) ? "voice" : "video"), SafeText.line(st));
        }
      }
    }
    return null;
  }

  private List<List<Seg>> chatLines(List<ChatItem> items, int w, boolean previousLoaded) {
    List<List<Seg>> out = new ArrayList<>();
    Style dim = style(Role.DIM);
    Style base = style(Role.BASE);
    if (!previousLoaded) {
      String hint = c.text.get("chat.earlier");
      out.add(List.of(new Seg(Math.max(0, (w - Text.width(hint)) / 2), Text.fit(hint, w), dim.fg(), dim.bg(), dim.sgr())));
      out.add(List.of());
    }
    int maxBubble = Math.max(12, Math.min(w - 6, w * 3 / 4));
    for (ChatItem it : items) {
      switch (it.kind()) {
        case SEPARATOR -> {
          String label = " " + it.footer() + " ";
          int side = Math.max(0, (w - 2 - Text.width(label)) / 2);
          String line = "─".repeat(side) + label + "─".repeat(Math.max(0, w - 2 - side - Text.width(label)));
          out.add(List.of(new Seg(1, Text.fit(line, w - 2), dim.fg(), dim.bg(), dim.sgr())));
          out.add(List.of());
        }
        case SYSTEM -> {
          Style sys = style(Role.SYSTEM);
          for (String l : Text.wrap(it.text(), Math.max(8, w - 8))) {
            out.add(List.of(new Seg(Math.max(0, (w - Text.width(l)) / 2), l, sys.fg(), sys.bg(), sys.sgr())));
          }
          out.add(List.of());
        }
        case PRIVATE_NOTE -> {
          // agents and managers only: set apart from the bubbles the consumer sees
          Style sys = style(Role.SYSTEM);
          out.add(List.of(new Seg(2, "┆ " + Text.fit(c.text.get("chat.privateNote", it.footer()), w - 6), dim.fg(),
              dim.bg(), dim.sgr())));
          for (String l : Text.wrap(it.text(), Math.max(8, w - 8))) {
            out.add(List.of(new Seg(2, "┆ ", dim.fg(), dim.bg(), dim.sgr()), new Seg(4, l, sys.fg(), sys.bg(), sys.sgr())));
          }
          out.add(List.of());
        }
        case CONSUMER, AGENT -> {
          boolean left = it.kind() == ChatItem.Kind.CONSUMER;
          List<String> body = Text.wrap(it.text(), maxBubble - 2);
          int bw = 0;
          for (String l : body) {
            bw = Math.max(bw, Text.width(l));
          }
          HalfBlocks.Cell[][] pv = it.preview();
          if (pv != null && pv.length > 0) {
            bw = Math.max(bw, pv[0].length);
          }
          bw += 2;
          TextColor bubbleBg;
          TextColor bubbleFg;
          if (left) {
            TextColor colour = c.theme.consumerColour(it.colourKey());
            bubbleBg = colour;
            bubbleFg = colour == null ? base.fg() : TextColor.ANSI.BLACK;
          } else {
            Style ab = style(Role.AGENT_BUBBLE);
            bubbleBg = ab.bg();
            bubbleFg = ab.fg();
          }
          int bx = left ? 2 : Math.max(0, w - bw - 2);
          TextColor edge = left ? c.theme.consumerColour(it.colourKey()) : null;
          for (String l : body) {
            List<Seg> line = new ArrayList<>();
            if (left) {
              line.add(new Seg(1, "▌", edge == null ? base.fg() : edge, base.bg(), EnumSet.noneOf(SGR.class)));
            }
            line.add(new Seg(bx, " " + l + " ".repeat(bw - 1 - Text.width(l)), bubbleFg, bubbleBg, EnumSet.noneOf(SGR.class)));
            if (!left) {
              line.add(new Seg(bx + bw, "▐", dim.fg(), base.bg(), EnumSet.noneOf(SGR.class)));
            }
            out.add(line);
          }
          if (pv != null) {
            for (HalfBlocks.Cell[] row : pv) {
              List<Seg> line = new ArrayList<>();
              if (left) {
                line.add(new Seg(1, "▌", edge == null ? base.fg() : edge, base.bg(), EnumSet.noneOf(SGR.class)));
              }
              line.add(new Seg(bx, " ".repeat(bw), bubbleFg, bubbleBg, EnumSet.noneOf(SGR.class)));
              for (int i = 0; i < row.length; i++) {
                HalfBlocks.Cell cell = row[i];
                line.add(new Seg(bx + 1 + i, String.valueOf(cell.ch()),
                    cell.fg() == null ? bubbleFg : pixel(cell.fg()), cell.bg() == null ? bubbleBg : pixel(cell.bg()),
                    EnumSet.noneOf(SGR.class)));
              }
              out.add(line);
            }
            String open = c.text.get("chat.openPhoto");
            out.add(List.of(new Seg(left ? bx : Math.max(0, w - Text.width(open) - 2), open, dim.fg(), dim.bg(), dim.sgr())));
          }
          String footer = Text.fit(it.footer(), w - 4);
          int fx = left ? bx : Math.max(0, w - Text.width(footer) - 2);
          out.add(List.of(new Seg(fx, footer, dim.fg(), dim.bg(), dim.sgr())));
          out.add(List.of());
        }
      }
    }
    return out;
  }

  /** Photo pixels in 24-bit colour only where the terminal says it has it ($COLORTERM), else 256. */
  private TextColor pixel(TextColor rgb) {
    String ct = c.opts.env().getOrDefault("COLORTERM", "");
    if (ct.equals("truecolor") || ct.equals("24bit") || !(rgb instanceof TextColor.RGB)) {
      return rgb;
    }
    return TextColor.Indexed.fromRGB(rgb.getRed(), rgb.getGreen(), rgb.getBlue());
  }

  private void drawPlaceholder(boolean empty, int x, int y, int w, int h) {
    String[] art = empty ? EMPTY_BOX : CACTUS;
    String label = c.text.get(empty ? "chat.emptyList" : "chat.selectConversation");
    int artW = 0;
    for (String a : art) {
      artW = Math.max(artW, a.length());
    }
    int top = y + Math.max(0, (h - art.length - 2) / 2);
    Style dim = style(Role.DIM);
    if (h > art.length + 3) {
      for (int i = 0; i < art.length; i++) {
        put(x + Math.max(0, (w - artW) / 2), top + i, art[i], dim);
      }
      top += art.length + 1;
    }
    put(x + Math.max(0, (w - Text.width(label)) / 2), top, Text.fit(label, w), style(Role.BASE));
  }

  // ------------------------------------------------------------------ overlays

  private void drawOverlay(Overlay o, TerminalSize size) {
    int cols = size.getColumns();
    int rows = size.getRows();
    List<String> labels = new ArrayList<>();
    int w = Text.width(o.title) + 6;
    if (o instanceof Overlay.Menu m) {
      for (Overlay.Item i : m.visible()) {
        w = Math.max(w, Text.width(i.label()) + Text.width(i.detail()) + 10);
      }
      if (m.searchable) {
        w = Math.max(w, 36);
      }
    } else if (o instanceof Overlay.Prompt p) {
      w = Math.max(w, Math.max(44, Text.width(p.label) + 4));
    } else if (o instanceof Overlay.Info info) {
      for (String l : info.lines) {
        w = Math.max(w, Text.width(l) + 4);
      }
    }
    w = Math.min(w, cols - 2);
    int inner = w - 2;
    int contentH;
    if (o instanceof Overlay.Menu m) {
      contentH = Math.max(1, m.visible().size()) + (m.searchable ? 2 : 0);
    } else if (o instanceof Overlay.Info info) {
      contentH = Math.max(1, info.lines.size());
    } else {
      contentH = 3;
    }
    int h = Math.min(rows - 2, contentH + 2);
    int x0 = Math.max(0, (cols - w) / 2);
    int y0 = Math.max(0, (rows - h) / 2);
    Style menu = style(Role.MENU);
    fill(x0, y0, w, h, menu);
    put(x0, y0, "┌" + "─".repeat(w - 2) + "┐", menu);
    put(x0, y0 + h - 1, "└" + "─".repeat(w - 2) + "┘", menu);
    for (int i = 1; i < h - 1; i++) {
      put(x0, y0 + i, "│", menu);
      put(x0 + w - 1, y0 + i, "│", menu);
    }
    put(x0 + 2, y0, Text.fit(" " + o.title + " ", w - 4), new Style(menu.fg(), menu.bg(), EnumSet.of(SGR.BOLD)));
    int yy = y0 + 1;
    int room = h - 2;
    if (o instanceof Overlay.Menu m) {
      if (m.searchable) {
        String q = c.text.get("menu.search") + " " + m.query;
        put(x0 + 2, yy, Text.fit(q, inner - 2), style(Role.INPUT));
        cursor = new TerminalPosition(Math.min(x0 + w - 2, x0 + 2 + Text.width(q)), yy);
        yy += 2;
        room -= 2;
      }
      List<Overlay.Item> items = m.visible();
      if (items.isEmpty()) {
        put(x0 + 2, yy, Text.fit(c.text.get("menu.nothing"), inner - 2), style(Role.DIM));
      }
      int first = Math.max(0, Math.min(m.selected - room + 1, items.size() - room));
      first = Math.max(0, first);
      for (int i = 0; i < room && first + i < items.size(); i++) {
        Overlay.Item it = items.get(first + i);
        boolean sel = first + i == m.selected;
        Style st = sel ? style(Role.MENU_SELECTED) : it.enabled() ? menu : new Style(style(Role.DIM).fg(), menu.bg(), EnumSet.noneOf(SGR.class));
        fill(x0 + 1, yy + i, inner, 1, st);
        String key = it.hotkey() != 0 ? "[" + it.hotkey() + "] " : "    ";
        String label = key + it.label();
        put(x0 + 2, yy + i, Text.fit(label, inner - 2), st);
        if (!it.detail().isEmpty()) {
          String d = Text.fit(it.detail(), Math.max(0, inner - Text.width(label) - 4));
          put(x0 + w - 2 - Text.width(d), yy + i, d, st);
        }
      }
    } else if (o instanceof Overlay.Prompt p) {
      put(x0 + 2, yy, Text.fit(p.label, inner - 2), menu);
      Style in = style(Role.INPUT);
      fill(x0 + 2, yy + 1, inner - 2, 1, in);
      String v = p.value.toString();
      int vw = Text.width(v);
      String shown = vw > inner - 3 ? v.substring(v.length() - (inner - 3)) : v;
      put(x0 + 2, yy + 1, shown, in);
      cursor = new TerminalPosition(x0 + 2 + Text.width(shown), yy + 1);
      put(x0 + 2, yy + 2, Text.fit(c.text.get("prompt.hint"), inner - 2), new Style(style(Role.DIM).fg(), menu.bg(), EnumSet.noneOf(SGR.class)));
    } else if (o instanceof Overlay.Info info) {
      for (int i = 0; i < room && i < info.lines.size(); i++) {
        put(x0 + 2, yy + i, Text.fit(info.lines.get(i), inner - 2), menu);
      }
    }
  }

  // ------------------------------------------------------------------ login

  private void drawLogin(TerminalSize size) {
    int cols = size.getColumns();
    int rows = size.getRows();
    LoginForm f = c.login;
    int w = Math.min(cols - 2, 60);
    int x0 = Math.max(0, (cols - w) / 2);
    int y0 = Math.max(0, (rows - 14) / 2);
    Style base = style(Role.BASE);
    Style header = style(Role.HEADER);
    fill(0, 0, cols, 1, header);
    put(1, 0, Text.fit(c.text.get("login.header"), cols - 2), header);
    put(x0, y0, Text.fit(c.text.get("login.title"), w), new Style(base.fg(), base.bg(), EnumSet.of(SGR.BOLD)));
    int labelW = 18;
    int fieldW = Math.max(8, w - labelW - 1);
    String[] labels = {c.text.get("login.account"), c.text.get("login.username"), c.text.get("login.password")};
    String[] values = {f.account.toString(), f.username.toString(), "•".repeat(f.password.length)};
    for (int i = 0; i < 3; i++) {
      int yy = y0 + 2 + i * 2;
      put(x0, yy, Text.fit(labels[i], labelW), base);
      Style in = f.field == i ? style(Role.CURSOR) : style(Role.INPUT);
      fill(x0 + labelW, yy, fieldW, 1, in);
      String v = values[i];
      String shown = Text.width(v) > fieldW - 1 ? v.substring(v.length() - (fieldW - 1)) : v;
      put(x0 + labelW, yy, shown, in);
      if (f.field == i && !f.busy) {
        cursor = new TerminalPosition(x0 + labelW + Text.width(shown), yy);
      }
    }
    int yy = y0 + 8;
    String remember = (f.remember ? "[x] " : "[ ] ") + c.text.get("login.remember");
    put(x0 + labelW, yy, remember, f.field == LoginForm.REMEMBER ? style(Role.CURSOR) : base);
    yy += 2;
    String loginBtn = "[ " + c.text.get("login.button") + " ]";
    String ssoBtn = "[ " + c.text.get("login.sso") + " ]";
    Style disabled = style(Role.DIM);
    Style btn = f.complete() ? base : disabled;
    put(x0 + labelW, yy, loginBtn, f.field == LoginForm.LOGIN ? style(Role.CURSOR) : btn);
    put(x0 + labelW + Text.width(loginBtn) + 2, yy, ssoBtn, f.field == LoginForm.SSO ? style(Role.CURSOR) : base);
    yy += 2;
    if (f.busy) {
      put(x0, yy, Text.fit(c.text.get("login.busy"), w), style(Role.DIM));
      if (f.address != null) {
        // the whole address, wrapped: a cut one cannot be typed or copied into a browser
        List<String> lines = Text.wrap(c.text.get("status.openManually", f.address), w);
        for (int i = 0; i < lines.size() && yy + 1 + i < rows - 1; i++) {
          put(x0, yy + 1 + i, lines.get(i), base);
        }
      }
    } else if (f.error != null) {
      Style alert = style(Role.BANNER_ALERT);
      List<String> lines = Text.wrap("⚠ " + f.error, w - 2);
      for (int i = 0; i < Math.min(3, lines.size()); i++) {
        fill(x0, yy + i, w, 1, alert);
        put(x0 + 1, yy + i, lines.get(i), alert);
      }
    }
    Style st = c.statusText() != null && c.model.statusError() ? style(Role.STATUS_ERROR) : style(Role.STATUS);
    fill(0, rows - 1, cols, 1, st);
    String msg = c.statusText();
    put(1, rows - 1, Text.fit(msg != null ? msg : c.keyText().loginHint(), cols - 2), st);
  }
}
