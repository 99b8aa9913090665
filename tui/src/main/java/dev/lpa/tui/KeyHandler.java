package dev.lpa.tui;

import com.googlecode.lanterna.input.KeyStroke;

/**
 * A pane or overlay that reads keys, in the manner of Lanterna's {@code Interactable}: it answers
 * whether it handled the key, and an unhandled key goes on to the keys that work anywhere.
 */
interface KeyHandler {
  boolean handle(KeyStroke k);
}
