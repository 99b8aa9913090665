package dev.lpa.tui;

import dev.lpa.core.model.Conversation;
import dev.lpa.core.workspace.WorkspaceState;
import dev.lpa.tui.view.ConversationList;
import dev.lpa.tui.view.ListRow;
import dev.lpa.tui.view.ListScope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The list's rows for the current scope and filter, sorted once per snapshot and minute (keys
 * and frames in between reuse the order) and formatted lazily.
 */
final class ListSource {
  private final Console ui;

  ListSource(Console ui) {
    this.ui = ui;
  }

  List<ListRow> rows() {
    if (ui.state == null) {
      return List.of();
    }
    return ConversationList.rowsOf(ui.state, ui.now(), ordered(ui.model.filter()), ui.model.marked(), ui.model.markErrors());
  }

  /** The list without the filter (header counts). */
  List<ListRow> allRows() {
    return ui.state == null ? List.of() : ConversationList.rowsOf(ui.state, ui.now(), ordered(null), ui.model.marked(), ui.model.markErrors());
  }

  record OrderKey(ListScope scope, String filter) {}

  private final Map<OrderKey, List<Conversation>> orderCache = new HashMap<>();

  /**
   * What the cached orders were made from (compared by identity: the snapshot's parts are
   * persistent, an unchanged part is the same object): a snapshot that changed only other things,
   * a ring or a typing consumer, keeps them.
   */
  private Map<String, Conversation> orderConversations;
  private Map<String, ?> orderMessages;
  private Object orderMe;

  long orderMinute;

  /**
   * The list's conversations in order, sorted once per snapshot (keys and frames in between reuse
   * it); the minute counts because closed conversations leave the list after a day.
   */
  List<Conversation> ordered(String f) {
    long minute = ui.now().getEpochSecond() / 60;
    WorkspaceState s = ui.state;
    if (orderConversations != s.conversations() || orderMessages != s.messages() || orderMe != s.me()
        || orderMinute != minute || orderCache.size() > 8) {
      orderCache.clear();
      orderConversations = s.conversations();
      orderMessages = s.messages();
      orderMe = s.me();
      orderMinute = minute;
    }
    return orderCache.computeIfAbsent(new OrderKey(ui.model.scope(), f), k -> ConversationList.order(ui.state, ui.now(), ui.model.scope(), f));
  }
}
