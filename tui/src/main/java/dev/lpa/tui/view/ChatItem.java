package dev.lpa.tui.view;

import dev.lpa.tui.render.HalfBlocks;

/**
 * One entry of the chat pane, strings already safe.
 *
 * @param text the body; multi-line text is kept, the renderer wraps it
 * @param footer time, author and delivery ticks under a bubble; the label of a separator
 * @param preview half-block cells of a photo thumbnail, else null
 * @param filePath the shared file's path for the "open photo" key, else null
 */
public record ChatItem(
    Kind kind, String text, String footer, int colourKey, HalfBlocks.Cell[][] preview, String filePath) {

  public enum Kind {
    /** Left-hand bubble in the conversation's colour. */
    CONSUMER,
    /** Right-hand bubble with name, time, ticks. */
    AGENT,
    /** Centred, no bubble. */
    SYSTEM,
    /** A note the consumer never sees (transfer note, manager whisper); footer is author and time. */
    PRIVATE_NOTE,
    /** A line across the pane: previous conversations above it. */
    SEPARATOR
  }
}
