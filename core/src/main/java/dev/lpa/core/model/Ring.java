package dev.lpa.core.model;

import java.time.Instant;

/**
 * A conversation offered to this agent (manual accept).
 *
 * @param state WAITING, ACCEPTED, REJECTED, CANCELLED, EXPIRED
 * @param expires when it moves on to another agent
 * @param transfer true when it rings because someone transferred the conversation to this agent
 */
public record Ring(
    String ringId,
    String conversationId,
    String consumerId,
    String skillId,
    String state,
    Instant expires,
    boolean transfer) {
  public boolean waiting() {
    return "WAITING".equals(state);
  }
}
