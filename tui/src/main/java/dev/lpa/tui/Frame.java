package dev.lpa.tui;

import dev.lpa.tui.view.ListRow;
import java.util.List;

/**
 * What drawing a frame found, for {@link ConsoleModel#shown}: the list's and the chat's fitted
 * views (null when that pane was not drawn), the row the cursor fell on, and the rows the list
 * was drawn from (null when the list was not drawn; the very list the renderer had, not a copy,
 * so a frame costs nothing more).
 */
record Frame(ListView list, String cursorId, boolean listEmpty, ChatView chat, List<ListRow> rows) {
  static final Frame NOTHING = new Frame(null, null, false, null, null);

  Frame withList(ListView v, String cursor, List<ListRow> drawn) {
    return new Frame(v, cursor, false, chat, drawn);
  }

  Frame withEmptyList() {
    return new Frame(null, null, true, chat, List.of());
  }

  Frame withChat(ChatView v) {
    return new Frame(list, cursorId, listEmpty, v, rows);
  }
}
