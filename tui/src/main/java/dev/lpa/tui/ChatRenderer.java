package dev.lpa.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TextColor;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Dialog;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.sla.Urgency;
import dev.lpa.core.text.SafeText;
import dev.lpa.tui.Theme.Role;
import dev.lpa.tui.Theme.Style;
import dev.lpa.tui.render.HalfBlocks;
import dev.lpa.tui.render.Text;
import dev.lpa.tui.view.ChatItem;
import dev.lpa.tui.view.ConversationList;
import dev.lpa.tui.view.ListRow;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Draws the open chat (title, messages fitted by {@link ChatView#fit}, typing line, composer),
 * or the placeholder when none is open.
 */
final class ChatRenderer {
  private final Console c;
  private final Paint p;

  ChatRenderer(Console c, Paint p) {
    this.c = c;
    this.p = p;
  }

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

  record Seg(int x, String s, TextColor fg, TextColor bg, EnumSet<SGR> sgr) {}

  void drawChat(List<ListRow> rows, int x, int y, int w, int h) {
    Conversation conv = c.openConversation();
    if (conv == null) {
      if (c.model.filterPanel() == null) { // the filter panel would cut its label in two
        drawPlaceholder(rows.isEmpty(), x, y, w, h);
      }
      return;
    }
    boolean closed = !conv.open();
    // title
    int key = Sla.colorKey(conv.consumer() == null ? conv.id() : conv.consumer().id());
    TextColor colour = c.theme.consumerColour(key);
    Style base = p.style(Role.BASE);
    p.put(x + 1, y, colour == null ? "▪" : "█", colour == null ? base.fg() : colour, base.bg(), EnumSet.noneOf(SGR.class));
    StringBuilder title = new StringBuilder(ConversationList.consumerName(conv));
    String skillName = conv.skillName() != null ? SafeText.line(conv.skillName()) : c.knownSkillName(conv.skillId());
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
    p.put(x + 3, y, Text.fit(title.toString(), w - 4), new Style(base.fg(), base.bg(), EnumSet.of(SGR.BOLD)));
    p.put(x, y + 1, "─".repeat(Math.max(0, w)), p.style(Role.DIM));

    // bottom: composer or closed banner, typing line
    int composerH;
    List<String> composerLines = c.model.composer().lines();
    // a manager reading a conversation it has not joined has no composer: it is told how to join
    boolean notJoined = !closed && conv.myRole() == null;
    if (closed || notJoined) {
      composerH = 1;
    } else {
      composerH = 1 + Math.min(4, composerLines.size());
    }
    int typingY = y + h - composerH - 1;
    int areaTop = y + 2;
    int areaH = typingY - areaTop;
    boolean typing = c.state.consumerTyping().contains(conv.id());
    if (typing) {
      p.put(x + 1, typingY, Text.fit(c.text.get("chat.typing", ConversationList.consumerName(conv)), w - 2), p.style(Role.SYSTEM));
    }
    // messages
    List<List<Seg>> lines = chatLines(c.chatItems(), w, c.previous.containsKey(conv.id()));
    ChatView view = c.model.chatView().fit(lines.size(), areaH);
    p.frame = p.frame.withChat(view);
    int first = Math.max(0, lines.size() - areaH - view.scroll());
    for (int i = 0; i < areaH && first + i < lines.size(); i++) {
      for (Seg s : lines.get(first + i)) {
        p.put(x + s.x(), areaTop + i, s.s(), s.fg(), s.bg(), s.sgr());
      }
    }
    if (view.scroll() > 0) {
      String more = c.text.get("chat.more");
      p.put(x + w - Text.width(more) - 1, typingY, more, p.style(Role.DIM));
    }
    int cy = y + h - composerH;
    if (closed) {
      Style b = p.style(Role.BANNER_ALERT);
      p.fill(x, cy, w, 1, b);
      String msg = c.text.get("chat.closed");
      p.put(x + Math.max(0, (w - Text.width(msg)) / 2), cy, Text.fit(msg, w), b);
      return;
    }
    if (notJoined) {
      Style b = p.style(Role.STATUS);
      p.fill(x, cy, w, 1, b);
      java.util.List<dev.lpa.tui.keys.Key> keys = c.keyText().keysFor(dev.lpa.tui.keys.Context.CHAT,
          dev.lpa.tui.keys.Action.ACTIONS);
      if (keys.isEmpty()) {
        keys = c.keyText().keysFor(dev.lpa.tui.keys.Context.GLOBAL, dev.lpa.tui.keys.Action.ACTIONS);
      }
      String actionsKey = keys.isEmpty() ? "" : c.keyText().name(keys.get(0));
      String msg = c.text.get("chat.notJoined", actionsKey);
      p.put(x + Math.max(0, (w - Text.width(msg)) / 2), cy, Text.fit(msg, w), b);
      return;
    }
    String hint = "─ " + c.keyText().composerHint() + " ";
    p.put(x, cy, Text.fit(hint + "─".repeat(Math.max(0, w - Text.width(hint))), w), p.style(Role.DIM));
    Style in = p.style(Role.INPUT);
    int visible = composerH - 1;
    int[] pos = c.model.composer().cursorPosition();
    int firstLine = Math.max(0, pos[0] - visible + 1);
    boolean empty = c.model.composer().text().isEmpty();
    for (int i = 0; i < visible; i++) {
      p.fill(x, cy + 1 + i, w, 1, in);
      int li = firstLine + i;
      if (li < composerLines.size()) {
        p.put(x, cy + 1 + i, i == 0 && firstLine == 0 ? "› " : "  ", in);
        String line = composerLines.get(li);
        int col = Text.width(line.substring(0, li == pos[0] ? pos[1] : 0));
        int offset = Math.max(0, col - (w - 4));
        p.put(x + 2, cy + 1 + i, Text.fit(line.substring(Math.min(line.length(), offset)), w - 3), in);
        if (li == pos[0] && c.model.focus() == ConsoleModel.Pane.CHAT && !c.model.hasOverlay()) {
          p.cursor = new TerminalPosition(x + 2 + col - offset, cy + 1 + i);
        }
      }
    }
    if (empty) {
      p.put(x + 2, cy + 1, Text.fit(c.text.get("chat.placeholder"), w - 3), new Style(p.style(Role.DIM).fg(), in.bg(), EnumSet.noneOf(SGR.class)));
    }
  }

  /** A COBROWSE dialog's call state, for the chat title (decisions.md #18). */
  String callState(Conversation conv) {
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

  List<List<Seg>> chatLines(List<ChatItem> items, int w, boolean previousLoaded) {
    List<List<Seg>> out = new ArrayList<>();
    Style dim = p.style(Role.DIM);
    Style base = p.style(Role.BASE);
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
          Style sys = p.style(Role.SYSTEM);
          for (String l : Text.wrap(it.text(), Math.max(8, w - 8))) {
            out.add(List.of(new Seg(Math.max(0, (w - Text.width(l)) / 2), l, sys.fg(), sys.bg(), sys.sgr())));
          }
          out.add(List.of());
        }
        case PRIVATE_NOTE -> {
          // agents and managers only: set apart from the bubbles the consumer sees
          Style sys = p.style(Role.SYSTEM);
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
            Style ab = p.style(Role.AGENT_BUBBLE);
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
  TextColor pixel(TextColor rgb) {
    String ct = c.opts.env().getOrDefault("COLORTERM", "");
    if (ct.equals("truecolor") || ct.equals("24bit") || !(rgb instanceof TextColor.RGB)) {
      return rgb;
    }
    return TextColor.Indexed.fromRGB(rgb.getRed(), rgb.getGreen(), rgb.getBlue());
  }

  void drawPlaceholder(boolean empty, int x, int y, int w, int h) {
    String[] art = empty ? EMPTY_BOX : CACTUS;
    String label = c.text.get(empty ? "chat.emptyList" : "chat.selectConversation");
    int artW = 0;
    for (String a : art) {
      artW = Math.max(artW, a.length());
    }
    int top = y + Math.max(0, (h - art.length - 2) / 2);
    Style dim = p.style(Role.DIM);
    if (h > art.length + 3) {
      for (int i = 0; i < art.length; i++) {
        p.put(x + Math.max(0, (w - artW) / 2), top + i, art[i], dim);
      }
      top += art.length + 1;
    }
    p.put(x + Math.max(0, (w - Text.width(label)) / 2), top, Text.fit(label, w), p.style(Role.BASE));
  }
}
