package dev.lpa.tui;

import java.util.Locale;

/** How the console tells the agent about a ring, an overdue conversation or a background reply. */
public enum NotifyMode {
  /** The terminal bell (BEL). */
  BELL,
  /** A desktop notification through OSC 9 or OSC 777, wrapped for tmux when needed. */
  OSC,
  NONE;

  public static NotifyMode parse(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "bell" -> BELL;
      case "osc", "desktop" -> OSC;
      case "none", "off" -> NONE;
      default -> throw new IllegalArgumentException("unknown notification mode: " + s);
    };
  }
}
