package dev.lpa.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.lpa.core.sla.Urgency;
import dev.lpa.tui.keys.Action;
import dev.lpa.tui.keys.Context;
import dev.lpa.tui.view.ConversationList;
import dev.lpa.tui.view.ListRow;
import dev.lpa.tui.view.ListScope;
import java.util.List;

/**
 * The conversation list's keys and the filter being typed; it answers whether it handled a key.
 */
final class ListPane implements KeyHandler {
  private final Console ui;

  ListPane(Console ui) {
    this.ui = ui;
  }

  /** The filter while it is typed, else the list. */
  @Override
  public boolean handle(KeyStroke k) {
    if (ui.model.filterEditing()) {
      filterKey(k);
      return true;
    }
    return listKey(ui.keymap.action(Context.LIST, k));
  }

  boolean listKey(Action a) {
    if (a == null) {
      return false;
    }
    List<ListRow> rows = ui.lists.rows();
    int i = ConversationList.indexOf(rows, ui.model.cursorId());
    switch (a) {
      case DOWN -> moveCursor(rows, i < 0 ? 0 : Math.min(rows.size() - 1, i + 1));
      case UP -> moveCursor(rows, i < 0 ? 0 : Math.max(0, i - 1));
      case FIRST -> moveCursor(rows, 0);
      case LAST -> moveCursor(rows, rows.size() - 1);
      case PAGE_DOWN -> moveCursor(rows, Math.min(rows.size() - 1, Math.max(0, i) + 5));
      case PAGE_UP -> moveCursor(rows, Math.max(0, i - 5));
      case OPEN -> {
        if (i >= 0) {
          ui.openConversation(rows.get(i).conversationId());
        }
      }
      case FILTER -> ui.model.startFilter();
      case NEXT_OVERDUE -> jumpOrSay(rows, ConversationList.next(rows, i, r -> r.urgency() == Urgency.OVERDUE), "status.noOverdue");
      case NEXT_UNREAD -> jumpOrSay(rows, ConversationList.next(rows, i, r -> r.unread() > 0), "status.noUnread");
      case MARK -> {
        if (i >= 0) {
          ui.bulk.toggleMark(rows.get(i));
          moveCursor(rows, Math.min(rows.size() - 1, i + 1));
        }
      }
      case MARK_ALL -> ui.bulk.markAll(rows);
      case RETURN_MARKED -> ui.bulk.confirmReturnMarked();
      case LOGOUT -> ui.session.startLogout();
      case SWITCH_TAB -> {
        if (ui.manager()) {
          ui.model.switchTab();
          keepSelection();
        }
      }
      case STATUS_FILTER -> {
        if (ui.manager() && ui.model.scope().tab() == ListScope.Tab.ALL) {
          ui.filterPanel.open();
        }
      }
      case TEAM_PANEL -> {
        if (ui.manager()) {
          ui.model.toggleTeamPanel();
        }
      }
      case CLEAR -> {
        if (!ui.model.marked().isEmpty()) {
          ui.model.clearMarks();
        } else if (ui.model.filter() != null) {
          ui.model.clearFilter();
        } else if (ui.model.teamPanel()) {
          ui.model.toggleTeamPanel();
        }
      }
      default -> {
        return ui.globalKey(a);
      }
    }
    return true;
  }

  /**
   * The tab or the All filter changed: the open conversation stays open when the new list has it,
   * else the chat pane asks to select one (as the app does); the cursor stays on a listed row.
   */
  void keepSelection() {
    List<ListRow> rows = ui.lists.rows();
    if (ui.model.openId() != null && ConversationList.indexOf(rows, ui.model.openId()) < 0) {
      ui.deselect();
    }
    if (ConversationList.indexOf(rows, ui.model.cursorId()) < 0) {
      String open = ui.model.openId();
      ui.model.placeCursor(open != null ? open : rows.isEmpty() ? null : rows.get(0).conversationId());
    }
  }

  void jumpOrSay(List<ListRow> rows, int j, String key) {
    if (j < 0) {
      ui.info(ui.text.get(key));
    } else {
      moveCursor(rows, j);
    }
  }

  void moveCursor(List<ListRow> rows, int index) {
    if (index < 0 || index >= rows.size()) {
      return;
    }
    ui.model.moveCursor(rows.get(index).conversationId());
  }

  void filterKey(KeyStroke k) {
    Action a = ui.keymap.action(Context.FILTER, k);
    if (a == Action.CLEAR) {
      ui.model.clearFilter();
    } else if (a == Action.KEEP_FILTER) {
      ui.model.keepFilter();
      List<ListRow> rows = ui.lists.rows();
      if (!rows.isEmpty() && ConversationList.indexOf(rows, ui.model.cursorId()) < 0) {
        ui.model.placeCursor(rows.get(0).conversationId());
      }
    } else if (a == Action.DELETE_BACK) {
      ui.model.backspaceFilter();
    } else if (a == Action.UP || a == Action.DOWN) {
      ui.model.stopEditingFilter();
      listKey(a);
    } else if (a == null && k.getKeyType() == KeyType.Character && !k.isCtrlDown()) {
      ui.model.typeFilter(k.getCharacter());
      List<ListRow> rows = ui.lists.rows();
      if (!rows.isEmpty()) {
        ui.model.moveCursor(rows.get(0).conversationId());
      }
    }
  }
}
