package dev.lpa.tui;

import com.googlecode.lanterna.input.KeyStroke;
import dev.lpa.core.model.Conversation;
import dev.lpa.tui.keys.Action;
import dev.lpa.tui.keys.Context;
import dev.lpa.tui.keys.Key;
import java.util.HashSet;
import java.util.Set;

/**
 * The open chat's keys: the composer, sending, typing indicators, scrolling and earlier
 * conversations. It answers whether it handled a key; unhandled keys go to the global ones.
 */
final class ChatPane implements KeyHandler {
  private final Console ui;

  ChatPane(Console ui) {
    this.ui = ui;
  }

  private final Set<String> loadingPrevious = new HashSet<>();

  boolean typingSent;

  /**
   * A key in the chat; false leaves it to the global keys. A printable key types, whatever the
   * keymap binds it to in the chat, except the accept letter while {@link RingDesk#letterAccepts()};
   * where there is no composer to type into, it does what it does in the list.
   */
  @Override
  public boolean handle(KeyStroke k) {
    Action a = ui.keymap.action(Context.CHAT, k);
    boolean printable = Key.of(k).printable();
    if (printable && !(a == Action.ACCEPT && ui.rings.letterAccepts())) {
      Conversation c = ui.openConversation();
      if (c != null && (!c.open() || c.myRole() == null)) {
        // no composer (closed, or a manager reading without joining): a letter acts as in the list,
        // except leaving the console, which a stray letter typed at a read-only chat must not do
        Action inList = ui.keymap.action(Context.LIST, k);
        if (inList == Action.QUIT || inList == Action.LOGOUT || !ui.listPane.handle(k)) {
          ui.info(ui.text.get(c.open() ? "chat.readOnly" : "chat.closed"));
        }
        return true;
      }
      ui.model.composer().insert(k.getCharacter());
      typing(true);
      return true;
    }
    if (a == null) {
      return false;
    }
    int page = Math.max(1, ui.size().getRows() / 2);
    switch (a) {
      case ACCEPT -> ui.rings.acceptRing();
      case NEWLINE -> ui.model.composer().newline();
      case SEND -> send();
      case BACK -> ui.model.focusList();
      case DELETE_BACK -> {
        ui.model.composer().backspace();
        if (ui.model.composer().text().isEmpty()) {
          typing(false);
        }
      }
      case DELETE -> ui.model.composer().delete();
      case LEFT -> ui.model.composer().left();
      case RIGHT -> ui.model.composer().right();
      case UP -> {
        if (!ui.model.composer().up()) {
          scrollChat(1);
        }
      }
      case DOWN -> {
        if (!ui.model.composer().down()) {
          scrollChat(-1);
        }
      }
      case HOME -> ui.model.composer().home();
      case END -> ui.model.composer().end();
      case PAGE_UP -> scrollChat(page);
      case PAGE_DOWN -> scrollChat(-page);
      case OPEN_PHOTO -> ui.attach.openNewestPhoto();
      default -> {
        return ui.globalKey(a);
      }
    }
    return true;
  }

  void scrollChat(int delta) {
    if (ui.model.scrollChat(delta)) {
      loadPrevious();
    }
  }

  void markRead(String id) {
    ui.call(() -> ui.ws.markRead(id), null, v -> {});
  }

  void typing(boolean on) {
    if (ui.model.openId() == null || typingSent == on) {
      return;
    }
    typingSent = on;
    String id = ui.model.openId();
    ui.call(() -> ui.ws.setTyping(id, on), null, v -> {});
  }

  void send() {
    if (ui.model.composer().isBlank() || ui.model.openId() == null) {
      return;
    }
    String id = ui.model.openId();
    String body = ui.model.composer().text();
    ui.model.composer().clear();
    ui.model.chatToBottom();
    typingSent = false;
    ui.call(() -> ui.ws.sendText(id, body), null, m -> {});
  }

  void loadPrevious() {
    String id = ui.model.openId();
    if (id == null || ui.previous.containsKey(id) || loadingPrevious.contains(id)) {
      return;
    }
    loadingPrevious.add(id);
    ui.call(() -> ui.ws.previousConversations(id), ui.text.get("status.loadingPrevious"), list -> {
      loadingPrevious.remove(id);
      ui.previous.put(id, list);
      ui.info(list.isEmpty() ? ui.text.get("status.noPrevious") : ui.text.get("status.previousLoaded", list.size()));
    });
  }
}
