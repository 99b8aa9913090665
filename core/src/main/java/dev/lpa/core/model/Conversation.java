package dev.lpa.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A conversation as the logged-in user sees it. Immutable; the workspace replaces it on every
 * change.
 *
 * @param consumer the consumer's profile when known, else a profile with only the id
 * @param skillId "-1" is the unassigned skill (the clients hide those)
 * @param state OPEN or CLOSE
 * @param effectiveTtr when the next agent reply is due, null when nothing waits for the agent
 * @param manualDue the manual due time if one was set
 * @param myRole the logged-in user's role in it, null if not a participant (manager view)
 * @param unread consumer messages the logged-in user has not read
 * @param lastMessage the newest content message, null when none is known
 * @param lastAgentActivity the last time an agent changed it (sent, transferred, ...): sorts
 *     conversations pending the consumer
 * @param closeReason AGENT, CONSUMER, TIMEOUT, SYSTEM when closed
 */
public record Conversation(
    String id,
    ConsumerProfile consumer,
    String skillId,
    String skillName,
    String state,
    Instant started,
    Instant ended,
    Ttr ttr,
    Instant effectiveTtr,
    Instant manualDue,
    List<Participant> participants,
    List<Dialog> dialogs,
    Role myRole,
    int unread,
    Message lastMessage,
    Instant lastAgentActivity,
    Instant lastUpdated,
    String closeReason) {

  public static final String UNASSIGNED_SKILL = "-1";

  public boolean open() {
    return "OPEN".equals(state);
  }

  public boolean unassignedSkill() {
    return UNASSIGNED_SKILL.equals(skillId);
  }

  public String mainDialogId() {
    return dialogs.stream().filter(Dialog::isMain).map(Dialog::id).findFirst().orElse(id);
  }

  /** The assigned agent (ACTIVE or SUGGESTED), if any. */
  public Participant assignedAgent() {
    return participants.stream().filter(p -> p.role() == Role.ASSIGNED_AGENT).findFirst().orElse(null);
  }
}
