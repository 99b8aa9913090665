package dev.lpa.cli;

import dev.lpa.cli.support.Ansi;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Participant;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.sla.Urgency;
import dev.lpa.core.text.SafeText;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How conversations and messages look in tables, transcripts and JSON. Every untrusted string
 * passes through SafeText here, so no command can forget it.
 */
final class Views {
  static final List<String> LIST_HEADERS = List.of("", "ID", "DUE", "CONSUMER", "SKILL", "LAST MESSAGE");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private Views() {}

  static String glyph(Urgency u) {
    return switch (u) {
      case OVERDUE -> "🔔";
      case DUE_SOON -> "! ";
      case PENDING_AGENT -> "● ";
      case PENDING_CONSUMER -> "○ ";
      case CLOSED -> "✓ ";
    };
  }

  static String colourGlyph(Ansi a, Urgency u) {
    String g = glyph(u);
    return switch (u) {
      case OVERDUE -> a.red(g);
      case DUE_SOON -> a.yellow(g);
      case PENDING_AGENT -> a.green(g);
      case PENDING_CONSUMER, CLOSED -> a.dim(g);
    };
  }

  /** The short id users type; any unique prefix works too. */
  static String shortId(String id) {
    return id == null ? "" : id.length() > 8 ? id.substring(0, 8) : id;
  }

  static String consumer(Conversation c) {
    return SafeText.line(c.consumer() == null ? "" : c.consumer().displayName());
  }

  static String skill(Conversation c) {
    return SafeText.line(c.skillName() != null ? c.skillName() : c.skillId());
  }

  static String excerpt(Conversation c) {
    return c.lastMessage() == null ? "" : SafeText.line(c.lastMessage().excerpt());
  }

  static List<String> row(Conversation c, Instant now, Ansi a, int excerptWidth) {
    Urgency u = Sla.urgency(c, now);
    String due = u == Urgency.CLOSED ? "closed" : Sla.formatDueIn(Sla.dueIn(c, now));
    if (u == Urgency.OVERDUE) {
      due = a.red(due);
    } else if (u == Urgency.DUE_SOON) {
      due = a.yellow(due);
    }
    String name = consumer(c);
    if (c.unread() > 0) {
      name = a.bold(name + " (" + c.unread() + ")");
    }
    name = a.keyed(Sla.colorKey(c.consumer() == null ? c.id() : c.consumer().id()), name);
    return List.of(
        colourGlyph(a, u), shortId(c.id()), due, name, skill(c), Ansi.truncate(excerpt(c), excerptWidth));
  }

  /** What `--json` prints for a conversation: the fields a script needs, made safe, plus SLA. */
  static Map<String, Object> json(Conversation c, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("state", c.state());
    Urgency u = Sla.urgency(c, now);
    m.put("urgency", u.name());
    m.put("due", c.effectiveTtr());
    Duration d = Sla.dueIn(c, now);
    m.put("dueInSeconds", d == null ? null : d.getSeconds());
    m.put("consumerId", c.consumer() == null ? null : c.consumer().id());
    m.put("consumer", consumer(c));
    m.put("skillId", c.skillId());
    m.put("skill", skill(c));
    Participant agent = c.assignedAgent();
    m.put("agentId", agent == null ? null : agent.id());
    m.put("urgent", c.ttr() != null && c.ttr().urgent());
    m.put("unread", c.unread());
    m.put("lastMessage", c.lastMessage() == null ? null : excerpt(c));
    m.put("started", c.started());
    m.put("ended", c.ended());
    m.put("closeReason", c.closeReason());
    return m;
  }

  static Map<String, Object> json(Message msg) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("conversationId", msg.conversationId());
    m.put("dialogId", msg.dialogId());
    m.put("sequence", msg.sequence());
    m.put("time", msg.time());
    m.put("sender", msg.sender() == null ? null : msg.sender().name());
    m.put("senderName", msg.senderName() == null ? null : SafeText.line(msg.senderName()));
    m.put("type", contentType(msg.content()));
    m.put("text", SafeText.multiline(text(msg)));
    if (msg.content() instanceof Message.File f) {
      m.put("file", f.relativePath());
    }
    m.put("delivery", msg.delivery() == null ? null : msg.delivery().name());
    m.put("audience", msg.audience().name());
    return m;
  }

  static String contentType(Message.Content c) {
    if (c instanceof Message.Text) {
      return "text";
    } else if (c instanceof Message.File) {
      return "file";
    } else if (c instanceof Message.Rich) {
      return "rich";
    } else if (c instanceof Message.FormInvitation) {
      return "form-invitation";
    } else if (c instanceof Message.FormSubmission) {
      return "form-submission";
    }
    return "system";
  }

  /** The readable text of a message; structured content as its rendered lines. */
  static String text(Message m) {
    if (m.content() instanceof Message.Rich r) {
      return r.lines().isEmpty() ? "[structured content]" : String.join("\n", r.lines());
    }
    return m.excerpt();
  }

  /** A transcript: consumer on the left, agent on the right, system lines centred. */
  static List<String> transcript(
      List<Message> messages, ZoneId zone, Ansi a, int width, String consumerKey) {
    List<String> out = new ArrayList<>();
    int bubble = Math.max(20, width * 2 / 3);
    for (Message m : messages) {
      String time = m.time() == null ? "" : TIME.format(m.time().atZone(zone));
      String body = SafeText.multiline(text(m));
      if (m.sender() == Message.Sender.SYSTEM || m.content() instanceof Message.SystemNote) {
        for (String line : body.split("\n", -1)) {
          String t = "— " + line + " —";
          int pad = Math.max(0, (width - Ansi.width(t)) / 2);
          out.add(" ".repeat(pad) + a.dim(t));
        }
        continue;
      }
      boolean mine = m.sender() == Message.Sender.AGENT || m.sender() == Message.Sender.MANAGER;
      String who = m.senderName() != null ? SafeText.line(m.senderName()) : mine ? "agent" : "consumer";
      if (m.isPrivate()) {
        // the console's private-note mark: the consumer never saw this, so it must not read as a reply
        for (String l : wrap(body, Math.max(10, width - PRIVATE_INDENT.length() - 2))) {
          out.add(PRIVATE_INDENT + a.yellow("┆ ") + l);
        }
        out.add(PRIVATE_INDENT + a.dim("┆ private note (agents and managers only) · " + who + " " + time));
        continue;
      }
      List<String> lines = wrap(body, bubble);
      if (mine) {
        String meta = who + " " + time + " " + receipt(m);
        for (String l : lines) {
          out.add(" ".repeat(Math.max(0, width - Ansi.width(l))) + l);
        }
        out.add(" ".repeat(Math.max(0, width - Ansi.width(meta))) + a.dim(meta));
      } else {
        for (String l : lines) {
          out.add(a.keyed(Sla.colorKey(consumerKey), "│ ") + l);
        }
        out.add(a.dim("  " + who + " " + time));
      }
    }
    return out;
  }

  /** WhatsApp-style ticks: pending, sent, delivered, read. */
  static String receipt(Message m) {
    if (m.delivery() == null) {
      return "";
    }
    return switch (m.delivery()) {
      case PENDING -> "…";
      case SENT -> "✓";
      case DELIVERED -> "✓✓";
      case READ -> "✓✓ read";
      case FAILED -> "✗ not sent";
    };
  }

  private static final String PRIVATE_INDENT = "    ";

  /** Word-wraps to {@code width} cells; a word wider than a line is cut, so no line overflows. */
  static List<String> wrap(String text, int width) {
    List<String> out = new ArrayList<>();
    for (String para : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      int used = 0;
      for (String word : para.split(" ", -1)) {
        int w = Ansi.width(word);
        if (line.length() > 0 && used + 1 + w > width) {
          out.add(line.toString());
          line.setLength(0);
          used = 0;
        }
        if (line.length() > 0) {
          line.append(' ');
          used++;
        }
        if (used + w <= width) {
          line.append(word);
          used += w;
          continue;
        }
        for (int i = 0; i < word.length(); ) {
          int cp = word.codePointAt(i);
          String ch = new String(Character.toChars(cp));
          int cw = Ansi.width(ch);
          if (used + cw > width && used > 0) {
            out.add(line.toString());
            line.setLength(0);
            used = 0;
          }
          line.append(ch);
          used += cw;
          i += Character.charCount(cp);
        }
      }
      out.add(line.toString());
    }
    return out;
  }

  static String when(Instant t) {
    return t == null ? "" : DAY_TIME.format(t.atZone(ZoneId.systemDefault()));
  }
}
