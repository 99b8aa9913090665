package dev.lpa.tui;

/** How far the chat is scrolled up from its newest line, and how far it can go. */
record ChatView(int scroll, int max) {
  static final ChatView BOTTOM = new ChatView(0, 0);

  ChatView scrolledBy(int delta) {
    return new ChatView(Math.max(0, Math.min(max, scroll + delta)), max);
  }

  /** Pure: the view for a chat of {@code lines} lines shown in {@code height}. */
  ChatView fit(int lines, int height) {
    int m = Math.max(0, lines - height);
    return new ChatView(Math.min(scroll, m), m);
  }
}
