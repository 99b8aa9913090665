package dev.lpa.core.model;

import java.time.Instant;
import java.util.List;

/**
 * One event of a dialog as the agent sees it. Strings inside are untrusted.
 *
 * @param sequence the dialog's sequence number (decisions.md #3); -1 while still in the outbox
 * @param senderId legacy id / consumer id of the originator, null for system messages
 * @param senderPid the originator's PID when known
 * @param senderName display name (agent nickname, consumer name), may be null
 * @param localId the outbox id for messages this client sent (survives restarts), else null
 * @param audience who may see it: everyone, or (private notes such as transfer notes and
 *     manager whispers) only agents and managers; never null
 */
public record Message(
    String conversationId,
    String dialogId,
    long sequence,
    Instant time,
    Sender sender,
    String senderId,
    String senderPid,
    String senderName,
    Content content,
    Delivery delivery,
    String localId,
    Audience audience) {

  public Message {
    if (audience == null) {
      audience = Audience.ALL;
    }
  }

  /** The earlier shape: a message everyone in the conversation sees. */
  public Message(String conversationId, String dialogId, long sequence, Instant time, Sender sender, String senderId,
      String senderPid, String senderName, Content content, Delivery delivery, String localId) {
    this(conversationId, dialogId, sequence, time, sender, senderId, senderPid, senderName, content, delivery, localId,
        Audience.ALL);
  }

  /** The wire's {@code messageAudience}. */
  public enum Audience {
    ALL, AGENTS_AND_MANAGERS;

    /** Unknown or missing values mean everyone: hiding a message by mistake is the worse error. */
    public static Audience parse(String wire) {
      return "AGENTS_AND_MANAGERS".equals(wire) ? AGENTS_AND_MANAGERS : ALL;
    }
  }

  /** True for a private note the consumer never sees. */
  public boolean isPrivate() {
    return audience == Audience.AGENTS_AND_MANAGERS;
  }

  public enum Sender { CONSUMER, AGENT, MANAGER, SYSTEM }

  /** For the agent's own messages: how far they got. Consumer messages are DELIVERED or READ. */
  public enum Delivery { PENDING, SENT, DELIVERED, READ, FAILED }

  /** What a message carries. */
  public sealed interface Content
      permits Text, File, Rich, FormInvitation, FormSubmission, SystemNote {}

  /** Plain text (text/plain). */
  public record Text(String text) implements Content {}

  /**
   * A hosted file (photo). {@code preview} is the small base64 thumbnail the sender attached
   * (may be null); the full file comes from the download URL of {@code relativePath}.
   */
  public record File(String relativePath, String fileType, String caption, String preview)
      implements Content {}

  /**
   * Structured content (cards, carousels, quick replies), with its JSON as received and the
   * readable plain lines {@code dev.lpa.core.text} rendered from it.
   */
  public record Rich(String json, List<String> lines) implements Content {}

  /** A secure form invitation (forms/secure-invitation). */
  public record FormInvitation(String formId, String invitationId, String title) implements Content {}

  /** The consumer's submission of a secure form (forms/secure-submission). */
  public record FormSubmission(String invitationId, String submissionId) implements Content {}

  /** A system line (joined, transferred, closed, call state...), shown centred without a bubble. */
  public record SystemNote(String text) implements Content {}

  /** A short one-line excerpt for lists and notifications (not yet made safe). */
  public String excerpt() {
    if (content instanceof Text t) {
      return t.text();
    } else if (content instanceof File f) {
      return f.caption() == null || f.caption().isBlank() ? "[photo]" : "[photo] " + f.caption();
    } else if (content instanceof Rich r) {
      return r.lines().isEmpty() ? "[structured content]" : r.lines().get(0);
    } else if (content instanceof FormInvitation fi) {
      return "[secure form] " + fi.title();
    } else if (content instanceof FormSubmission) {
      return "[secure form submitted]";
    } else if (content instanceof SystemNote s) {
      return s.text();
    }
    return "";
  }
}
