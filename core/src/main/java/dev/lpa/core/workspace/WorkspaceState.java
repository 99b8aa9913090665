package dev.lpa.core.workspace;

import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Ring;
import dev.lpa.core.model.RingDetails;
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
 * @param ringDetails by conversation id, what was looked up for the conversations that ring
 *     (consumer profile, skill name, last consumer message); see {@link #ringDetailsOf}
 * @param consumerTypingSince by conversation id, when the consumer's last COMPOSING arrived: typing
 *     that no new chat state confirms for {@link Reducer#TYPING_STALE_AFTER} is dropped
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
    Instant updated,
    Map<String, RingDetails> ringDetails,
    Map<String, Instant> consumerTypingSince) {

  public WorkspaceState {
    ringDetails = ringDetails == null ? Map.of() : ringDetails;
    consumerTypingSince = consumerTypingSince == null ? Map.of() : consumerTypingSince;
  }

  /** The earlier shape, without ring details or typing times. */
  public WorkspaceState(Session me, AgentState agentState, ConnectionState connection, String connectionDetail,
      Map<String, Conversation> conversations, Map<String, List<Message>> messages, List<Ring> rings,
      Set<String> consumerTyping, boolean snapshotComplete, Instant updated) {
    this(me, agentState, connection, connectionDetail, conversations, messages, rings, consumerTyping,
        snapshotComplete, updated, Map.of(), Map.of());
  }

  /**
   * Everything known for a ring's banner, never null: what was looked up for it, completed from
   * the conversation when it is in the state (a transfer, a manager's team view), else only the
   * ring's own ids.
   */
  public RingDetails ringDetailsOf(Ring ring) {
    Conversation c = conversations.get(ring.conversationId());
    ConsumerProfile consumer = c != null && c.consumer() != null ? c.consumer()
        : new ConsumerProfile(ring.consumerId(), null, null, null, null, null, null, Map.of());
    Message last = null;
    for (Message m : messagesOf(ring.conversationId())) {
      if (m.sender() == Message.Sender.CONSUMER) {
        last = m;
      }
    }
    RingDetails fromState = new RingDetails(ring.conversationId(), consumer, c == null ? null : c.skillName(), last);
    RingDetails looked = ringDetails.get(ring.conversationId());
    if (looked == null) {
      return fromState;
    }
    // what the state knows is live; the look-up fills what it lacks
    return looked.merge(fromState.lastConsumerMessage() == null
        ? new RingDetails(ring.conversationId(), consumer, fromState.skillName(), null) : fromState);
  }

  public List<Message> messagesOf(String conversationId) {
    return messages.getOrDefault(conversationId, List.of());
  }
}
