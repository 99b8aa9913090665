package dev.lpa.tui;

/**
 * What drawing a frame found, for {@link ConsoleModel#shown}: the list's and the chat's fitted
 * views (null when that pane was not drawn) and the row the cursor fell on.
 */
record Frame(ListView list, String cursorId, boolean listEmpty, ChatView chat) {
  static final Frame NOTHING = new Frame(null, null, false, null);

  Frame withList(ListView v, String cursor) {
    return new Frame(v, cursor, false, chat);
  }

  Frame withEmptyList() {
    return new Frame(null, null, true, chat);
  }

  Frame withChat(ChatView v) {
    return new Frame(list, cursorId, listEmpty, v);
  }
}
