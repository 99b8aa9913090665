package dev.lpa.tui.view;

import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.workspace.Workspace.ConversationWithMessages;
import dev.lpa.tui.Messages;
import dev.lpa.tui.render.HalfBlocks;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pure functions from a conversation's messages to chat items. */
public final class ChatItems {
  public static final int PREVIEW_COLS = 16;
  public static final int PREVIEW_ROWS = 6;

  private ChatItems() {}

  /**
   * @param previous the consumer's earlier conversations (oldest first), null while not loaded
   * @param colour whether photo previews use colours (false in monochrome)
   */
  public static List<ChatItem> build(
      Conversation c,
      List<Message> messages,
      List<ConversationWithMessages> previous,
      Messages text,
      ZoneId zone,
      boolean colour) {
    List<ChatItem> out = new ArrayList<>();
    int key = Sla.colorKey(c.consumer() == null ? c.id() : c.consumer().id());
    if (previous != null && !previous.isEmpty()) {
      for (ConversationWithMessages p : previous) {
        if (p.conversation().id().equals(c.id())) {
          continue; // the history search may return the current conversation too
        }
        out.add(new ChatItem(ChatItem.Kind.SEPARATOR,
            "", text.get("chat.previous", day(p.conversation().started(), zone)), key, null, null));
        for (Message m : p.messages()) {
          out.add(item(m, key, text, zone, colour));
        }
      }
      out.add(new ChatItem(ChatItem.Kind.SEPARATOR, "", text.get("chat.current"), key, null, null));
    }
    for (Message m : messages) {
      out.add(item(m, key, text, zone, colour));
    }
    return out;
  }

  static ChatItem item(Message m, int key, Messages text, ZoneId zone, boolean colour) {
    String time = time(m.time(), zone);
    Message.Content content = m.content();
    if (content instanceof Message.SystemNote s || m.sender() == Message.Sender.SYSTEM) {
      return new ChatItem(ChatItem.Kind.SYSTEM, SafeText.multiline(m.excerpt()), time, key, null, null);
    }
    boolean consumer = m.sender() == Message.Sender.CONSUMER;
    if (m.isPrivate()) {
      String name = m.senderName() == null ? "" : SafeText.line(m.senderName()) + " ";
      String body = content instanceof Message.Text t ? SafeText.multiline(t.text()) : SafeText.multiline(m.excerpt());
      return new ChatItem(ChatItem.Kind.PRIVATE_NOTE, body, (name + time).trim(), key, null, null);
    }
    String body;
    HalfBlocks.Cell[][] preview = null;
    String file = null;
    if (content instanceof Message.Text t) {
      body = SafeText.multiline(t.text());
    } else if (content instanceof Message.File f) {
      String caption = f.caption() == null || f.caption().isBlank() ? "" : " " + SafeText.line(f.caption());
      body = text.get("chat.photo") + caption;
      preview = preview(f.preview(), colour);
      file = f.relativePath();
    } else if (content instanceof Message.Rich r) {
      List<String> lines = new ArrayList<>();
      lines.add(text.get("chat.structured"));
      for (String l : r.lines()) {
        lines.add(SafeText.line(l));
      }
      body = String.join("\n", lines);
    } else if (content instanceof Message.FormInvitation fi) {
      body = text.get("chat.form.invitation", SafeText.line(fi.title()));
    } else if (content instanceof Message.FormSubmission) {
      body = text.get("chat.form.submission");
    } else {
      body = SafeText.multiline(m.excerpt());
    }
    String footer;
    if (consumer) {
      footer = time;
    } else {
      String name = m.senderName() == null ? "" : SafeText.line(m.senderName()) + " ";
      footer = name + time + " " + ticks(m.delivery(), text);
    }
    return new ChatItem(
        consumer ? ChatItem.Kind.CONSUMER : ChatItem.Kind.AGENT, body, footer.trim(), key, preview, file);
  }

  static String ticks(Message.Delivery d, Messages text) {
    if (d == null) {
      return "";
    }
    return switch (d) {
      case PENDING -> text.get("tick.pending");
      case SENT -> text.get("tick.sent");
      case DELIVERED -> text.get("tick.delivered");
      case READ -> text.get("tick.read");
      case FAILED -> text.get("tick.failed");
    };
  }

  /** Decoding a thumbnail on every frame would dominate redraws; previews are memoised. */
  private static final Map<String, Optional<HalfBlocks.Cell[][]>> PREVIEWS =
      Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<HalfBlocks.Cell[][]>> eldest) {
          return size() > 64;
        }
      });

  static HalfBlocks.Cell[][] preview(String base64, boolean colour) {
    if (base64 == null || base64.isBlank()) {
      return null;
    }
    return PREVIEWS.computeIfAbsent((colour ? "c" : "m") + base64, k -> Optional.ofNullable(decodePreview(base64, colour)))
        .orElse(null);
  }

  private static HalfBlocks.Cell[][] decodePreview(String base64, boolean colour) {
    String data = base64;
    int comma = data.indexOf(',');
    if (data.startsWith("data:") && comma > 0) {
      data = data.substring(comma + 1);
    }
    try {
      BufferedImage img = HalfBlocks.decode(Base64.getMimeDecoder().decode(data));
      return img == null ? null : HalfBlocks.render(img, PREVIEW_COLS, PREVIEW_ROWS, colour);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public static String time(Instant t, ZoneId zone) {
    return t == null ? "" : DateTimeFormatter.ofPattern("HH:mm").withZone(zone).format(t);
  }

  static String day(Instant t, ZoneId zone) {
    return t == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(t);
  }
}
