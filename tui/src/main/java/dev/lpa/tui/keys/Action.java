package dev.lpa.tui.keys;

import java.util.Locale;

/** What a key does; which keys do it in which context is the {@link Keymap}'s business. */
public enum Action {
  // anywhere on the main screen
  HELP, SETTINGS, ACCEPT, ACTIONS, ATTACH, QUIT, GO_NOTIFIED, SWITCH_PANE,
  // moving in a list or a menu
  DOWN, UP, FIRST, LAST, PAGE_DOWN, PAGE_UP,
  // the conversation list
  OPEN, FILTER, NEXT_OVERDUE, NEXT_UNREAD, MARK, MARK_ALL, RETURN_MARKED, LOGOUT, SWITCH_TAB,
  STATUS_FILTER, TEAM_PANEL, CLEAR,
  // the chat and its composer
  SEND, NEWLINE, BACK, DELETE_BACK, DELETE, LEFT, RIGHT, HOME, END, OPEN_PHOTO,
  // the filter, menus, the login form
  KEEP_FILTER, PICK, CLOSE, NEXT_FIELD, PREV_FIELD, SSO, SUBMIT;

  /** The name {@code console.properties} uses ({@code accept}, {@code next_overdue}...). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
