package dev.lpa.tui.view;

import dev.lpa.core.sla.Urgency;

/**
 * One conversation in the list, every string already made safe for the terminal.
 *
 * @param due compact due-in text ("12m", "-3m"), empty when nothing waits for the agent
 * @param markError why the last bulk action failed on this marked row, else null
 */
public record ListRow(
    String conversationId,
    int colourKey,
    String consumer,
    String excerpt,
    String due,
    Urgency urgency,
    int unread,
    boolean marked,
    String markError,
    String assignedAgent) {

  public boolean closed() {
    return urgency == Urgency.CLOSED;
  }
}
