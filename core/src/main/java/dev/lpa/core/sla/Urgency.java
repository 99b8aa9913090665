package dev.lpa.core.sla;

/** Where a conversation stands against its response time, in list order. */
public enum Urgency {
  /** The agent's reply is late. */
  OVERDUE,
  /** The agent's reply is due within {@link Sla#DUE_SOON}. */
  DUE_SOON,
  /** The agent's reply is awaited, with more time left. */
  PENDING_AGENT,
  /** Nothing waits for the agent. */
  PENDING_CONSUMER,
  CLOSED
}
