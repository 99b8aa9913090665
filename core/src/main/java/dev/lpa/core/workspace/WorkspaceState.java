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
import java.util.Objects;
import java.util.Set;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;
import org.pcollections.PVector;
import org.pcollections.TreePVector;

/**
 * One immutable snapshot of everything the logged-in user sees. The workspace replaces it
 * atomically on every change; readers never lock. Its collections are persistent: the next
 * snapshot shares every part an input did not change, so a change costs what it changes.
 *
 * <p>Parts: {@code conversations} every known conversation by id: mine, (for managers) the
 * team's, and closed ones of the last day; unassigned-skill ones are kept here but hidden by
 * {@code dev.lpa.core.sla.Sla#listOrder}; the map iterates in {@code Sla.ORDER}.
 * {@code messages} per conversation id, the known messages of all its dialogs in sequence order,
 * including the agent's own messages still in the outbox (delivery PENDING). {@code rings} rings
 * currently offered to this agent (WAITING first). {@code consumerTyping} conversation ids where
 * the consumer is typing now. {@code snapshotComplete} true once the first notification of every
 * subscription arrived (decisions.md #5): before that the lists may be partial. {@code
 * ringDetails} by conversation id, what was looked up for the conversations that ring (see
 * {@link #ringDetailsOf}). {@code consumerTypingSince} by conversation id, when the consumer's
 * last COMPOSING arrived: typing that no new chat state confirms for {@link
 * Reducer#TYPING_STALE_AFTER} is dropped. {@code directory} the names known (agents, skills,
 * consumers).
 */
public final class WorkspaceState {
  private final Session me;
  private final AgentState agentState;
  private final ConnectionState connection;
  private final String connectionDetail;
  private final ConversationIndex conversations;
  private final PMap<String, PVector<Message>> messages;
  private final List<Ring> rings;
  private final PSet<String> consumerTyping;
  private final boolean snapshotComplete;
  private final Instant updated;
  private final PMap<String, RingDetails> ringDetails;
  private final PMap<String, Instant> consumerTypingSince;
  private final Directory directory;

  WorkspaceState(Session me, AgentState agentState, ConnectionState connection, String connectionDetail,
      ConversationIndex conversations, PMap<String, PVector<Message>> messages, List<Ring> rings,
      PSet<String> consumerTyping, boolean snapshotComplete, Instant updated, PMap<String, RingDetails> ringDetails,
      PMap<String, Instant> consumerTypingSince, Directory directory) {
    this.me = me;
    this.agentState = agentState;
    this.connection = connection;
    this.connectionDetail = connectionDetail;
    this.conversations = conversations;
    this.messages = messages;
    this.rings = rings;
    this.consumerTyping = consumerTyping;
    this.snapshotComplete = snapshotComplete;
    this.updated = updated;
    this.ringDetails = ringDetails;
    this.consumerTypingSince = consumerTypingSince;
    this.directory = directory;
  }

  /** A snapshot of plain collections (fakes and tests): copies them once into persistent ones. */
  public WorkspaceState(Session me, AgentState agentState, ConnectionState connection, String connectionDetail,
      Map<String, Conversation> conversations, Map<String, List<Message>> messages, List<Ring> rings,
      Set<String> consumerTyping, boolean snapshotComplete, Instant updated, Map<String, RingDetails> ringDetails,
      Map<String, Instant> consumerTypingSince) {
    this(me, agentState, connection, connectionDetail, ConversationIndex.of(conversations), vectors(messages),
        List.copyOf(rings), HashTreePSet.from(consumerTyping), snapshotComplete, updated,
        ringDetails == null ? HashTreePMap.empty() : HashTreePMap.from(ringDetails),
        consumerTypingSince == null ? HashTreePMap.empty() : HashTreePMap.from(consumerTypingSince), Directory.EMPTY);
  }

  /** The earlier shape, without ring details or typing times. */
  public WorkspaceState(Session me, AgentState agentState, ConnectionState connection, String connectionDetail,
      Map<String, Conversation> conversations, Map<String, List<Message>> messages, List<Ring> rings,
      Set<String> consumerTyping, boolean snapshotComplete, Instant updated) {
    this(me, agentState, connection, connectionDetail, conversations, messages, rings, consumerTyping,
        snapshotComplete, updated, Map.of(), Map.of());
  }

  private static PMap<String, PVector<Message>> vectors(Map<String, List<Message>> messages) {
    PMap<String, PVector<Message>> out = HashTreePMap.empty();
    for (Map.Entry<String, List<Message>> e : messages.entrySet()) {
      out = out.plus(e.getKey(), e.getValue() instanceof PVector<Message> v ? v : TreePVector.from(e.getValue()));
    }
    return out;
  }

  public Session me() {
    return me;
  }

  public AgentState agentState() {
    return agentState;
  }

  public ConnectionState connection() {
    return connection;
  }

  public String connectionDetail() {
    return connectionDetail;
  }

  /** Every known conversation by id, read-only, iterating in {@code Sla.ORDER}. */
  public Map<String, Conversation> conversations() {
    return conversations.asMap();
  }

  /** The conversations with their indexes (by consumer, by dialog, by due time, in list order). */
  public ConversationIndex index() {
    return conversations;
  }

  @SuppressWarnings("unchecked")
  public Map<String, List<Message>> messages() {
    // read-only either way: a PMap refuses put, a PVector refuses set
    return (Map<String, List<Message>>) (Map<String, ?>) messages;
  }

  PMap<String, PVector<Message>> messageVectors() {
    return messages;
  }

  public List<Ring> rings() {
    return rings;
  }

  public Set<String> consumerTyping() {
    return consumerTyping;
  }

  PSet<String> typingSet() {
    return consumerTyping;
  }

  public boolean snapshotComplete() {
    return snapshotComplete;
  }

  public Instant updated() {
    return updated;
  }

  public Map<String, RingDetails> ringDetails() {
    return ringDetails;
  }

  PMap<String, RingDetails> ringDetailMap() {
    return ringDetails;
  }

  public Map<String, Instant> consumerTypingSince() {
    return consumerTypingSince;
  }

  PMap<String, Instant> typingSinceMap() {
    return consumerTypingSince;
  }

  public Directory directory() {
    return directory;
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
    List<Message> l = conversationId == null ? null : messages.get(conversationId);
    return l == null ? List.of() : l;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WorkspaceState w && Objects.equals(me, w.me) && agentState == w.agentState
        && connection == w.connection && Objects.equals(connectionDetail, w.connectionDetail)
        && snapshotComplete == w.snapshotComplete && Objects.equals(updated, w.updated)
        && conversations().equals(w.conversations()) && messages.equals(w.messages) && rings.equals(w.rings)
        && consumerTyping.equals(w.consumerTyping) && ringDetails.equals(w.ringDetails)
        && consumerTypingSince.equals(w.consumerTypingSince) && directory.equals(w.directory);
  }

  @Override
  public int hashCode() {
    return Objects.hash(me, agentState, connection, updated, conversations.size(), messages.size(), rings.size());
  }

  @Override
  public String toString() {
    return "WorkspaceState[me=" + (me == null ? null : me.userId()) + ", agentState=" + agentState + ", connection="
        + connection + ", conversations=" + conversations.size() + ", rings=" + rings.size() + ", snapshotComplete="
        + snapshotComplete + ", updated=" + updated + "]";
  }
}
