package dev.lpa.core.bulk;

import java.time.Duration;

/**
 * Which conversations a bulk action targets; null fields do not filter.
 *
 * @param skill skill id or name (case-insensitive)
 * @param agent login name, user id or legacy id of the assigned agent
 * @param idleFor no message from either side for at least this long
 * @param match text that the consumer's name or the last message contains (case-insensitive)
 */
public record ConversationFilter(String skill, String agent, Duration idleFor, String match) {
  public static ConversationFilter none() {
    return new ConversationFilter(null, null, null, null);
  }
}
