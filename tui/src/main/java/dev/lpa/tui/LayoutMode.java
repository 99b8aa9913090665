package dev.lpa.tui;

/**
 * Wide terminals show the conversation list beside the chat (the app's tablet mode); narrow ones
 * show one pane at a time (its portrait mode).
 */
public enum LayoutMode {
  SPLIT,
  SINGLE;

  /** Below this many columns the list and the chat no longer both fit readably. */
  public static final int SPLIT_MIN_COLUMNS = 100;

  public static LayoutMode forWidth(int columns) {
    return columns >= SPLIT_MIN_COLUMNS ? SPLIT : SINGLE;
  }
}
