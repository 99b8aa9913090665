package dev.lpa.core.model;

/**
 * A participant of a conversation or dialog.
 *
 * @param id the legacy id ({@code acct.user}) for agents, the consumer id for consumers
 * @param pid the participant's PID (UUID) when known, else null
 * @param role the role
 * @param state ACTIVE, or SUGGESTED for a pending transfer to an agent
 */
public record Participant(String id, String pid, Role role, String state) {
  public boolean suggested() {
    return "SUGGESTED".equals(state);
  }
}
