package dev.lpa.core.workspace;

import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Ring;
import dev.lpa.core.model.Session;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One immutable snapshot of everything the logged-in user sees. The workspace replaces it
 * atomically on every change; readers never lock.
 *
 * @param conversations every known conversation by id: mine, (for managers) the team's, and
 *     closed ones of the last day; unassigned-skill ones are kept here but hidden by
 *     {@code dev.lpa.core.sla.Sla#listOrder}
 * @param messages per conversation id, the known messages of all its dialogs in sequence order,
 *     including the agent's own messages still in the outbox (delivery PENDING)
 * @param rings rings currently offered to this agent (WAITING first)
 * @param consumerTyping conversation ids where the consumer is typing now
 * @param snapshotComplete true once the first notification of every subscription arrived
 *     (decisions.md #5): before that the lists may be partial
 */
public record WorkspaceState(
    Session me,
    AgentState agentState,
    ConnectionState connection,
    String connectionDetail,
    Map<String, Conversation> conversations,
    Map<String, List<Message>> messages,
    List<Ring> rings,
    Set<String> consumerTyping,
    boolean snapshotComplete,
    Instant updated) {

  public List<Message> messagesOf(String conversationId) {
    return messages.getOrDefault(conversationId, List.of());
  }
}
