package dev.lpa.tui;

import dev.lpa.tui.view.ConversationList;
import dev.lpa.tui.view.ListRow;
import java.util.List;

/**
 * Where the conversation list is scrolled: its first visible line, where the cursor sat on
 * screen, whether the next frame follows the cursor (the user moved it) or keeps the cursor's row
 * in place (the list re-sorted under the user), and the cursor's last index (the row that takes
 * the cursor when its conversation leaves the list).
 */
record ListView(int top, int cursorOffset, boolean follow, int lastIndex) {
  static final ListView START = new ListView(0, 0, true, 0);

  ListView followCursor() {
    return new ListView(top, cursorOffset, true, lastIndex);
  }

  /**
   * The list fitted into {@code height} lines: two per conversation, and one for the "closed"
   * heading before the first closed row.
   *
   * @param cursorIndex the row under the cursor
   * @param headingLine the line of the "closed" heading, or -1
   */
  record Fit(ListView view, int cursorIndex, String cursorId, int headingLine, int lineCount) {}

  /** Pure: the rows are counted, not laid out, so a long list costs nothing beyond its visible rows. */
  Fit fit(List<ListRow> rows, String cursorId, int height) {
    int ci = ConversationList.indexOf(rows, cursorId);
    if (ci < 0) {
      ci = Math.min(lastIndex, rows.size() - 1);
    }
    int firstClosed = -1;
    for (int i = 0; i < rows.size() && firstClosed < 0; i++) {
      if (ConversationList.closedAt(rows, i)) {
        firstClosed = i;
      }
    }
    int headingLine = firstClosed < 0 ? -1 : 2 * firstClosed;
    int lineCount = 2 * rows.size() + (firstClosed < 0 ? 0 : 1);
    int cursorLine = 2 * ci + (firstClosed >= 0 && ci >= firstClosed ? 1 : 0);
    int maxTop = Math.max(0, lineCount - height);
    int start;
    if (follow) {
      start = top;
      if (cursorLine < start) {
        start = cursorLine;
      }
      if (cursorLine + 2 > start + height) {
        start = cursorLine + 2 - height;
      }
    } else {
      start = cursorLine - cursorOffset;
    }
    start = Math.max(0, Math.min(maxTop, start));
    if (cursorLine < start) {
      start = cursorLine;
    } else if (cursorLine + 2 > start + height) {
      start = Math.max(0, cursorLine + 2 - height);
    }
    return new Fit(new ListView(start, cursorLine - start, false, ci), ci, rows.get(ci).conversationId(),
        headingLine, lineCount);
  }
}
