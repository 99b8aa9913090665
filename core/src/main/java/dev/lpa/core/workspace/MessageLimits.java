package dev.lpa.core.workspace;

/**
 * How long a text message may be. LivePerson's messaging docs state no limit for an agent's text
 * (Conversation Builder splits its own bot text at 1,000 characters, and consumer channels such as
 * SMS or WhatsApp cut far shorter), so lpa picks one: long enough for any reply a person writes,
 * short enough that a pasted file or a runaway pipe is refused instead of sent to a consumer.
 */
public final class MessageLimits {
  /** Characters (Unicode code points) in one text message. */
  public static final int MAX_TEXT_CHARACTERS = 10_000;

  private MessageLimits() {}

  /** Null when the text fits, else the one line that says why it is refused. */
  public static String tooLong(String text) {
    if (text == null) {
      return null;
    }
    int n = text.codePointCount(0, text.length());
    return n <= MAX_TEXT_CHARACTERS ? null
        : "the message is " + n + " characters; the limit is " + MAX_TEXT_CHARACTERS;
  }
}
