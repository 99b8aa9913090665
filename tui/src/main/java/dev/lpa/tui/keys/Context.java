package dev.lpa.tui.keys;

import java.util.Locale;

/**
 * Where a key is read. On the main screen the focused pane's context answers first, then
 * {@link #GLOBAL}; a menu, a prompt, the help or the login form take every key. The managers'
 * filter {@link #PANEL} takes its own keys and closes on any other, which then goes to the list.
 */
public enum Context {
  GLOBAL, LIST, CHAT, FILTER, PANEL, MENU, INFO, LOGIN;

  /** The name {@code console.properties} and README use ({@code list}, {@code chat}...). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
