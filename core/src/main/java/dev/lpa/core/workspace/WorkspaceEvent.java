package dev.lpa.core.workspace;

import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Ring;
import java.time.Instant;

/**
 * What changed, for those who react to changes rather than redraw snapshots: notifications in
 * the console, {@code lpa watch} JSON lines. Emitted after the state that includes the change.
 */
public sealed interface WorkspaceEvent {
  Instant at();

  record RingOffered(Instant at, Ring ring, Conversation conversation) implements WorkspaceEvent {}

  /** A ring ended: ACCEPTED, REJECTED, EXPIRED or CANCELLED. */
  record RingEnded(Instant at, Ring ring) implements WorkspaceEvent {}

  record ConversationUpdated(Instant at, Conversation conversation) implements WorkspaceEvent {}

  /** The conversation left this user's view (closed, transferred away, returned to queue). */
  record ConversationRemoved(Instant at, String conversationId, String reason) implements WorkspaceEvent {}

  record MessageAdded(Instant at, Message message) implements WorkspaceEvent {}

  /** The delivery status of one of the agent's messages changed (sent, delivered, read). */
  record DeliveryChanged(Instant at, Message message) implements WorkspaceEvent {}

  record ConsumerTyping(Instant at, String conversationId, boolean typing) implements WorkspaceEvent {}

  /** Raised by the workspace's clock check when a conversation passes its due time. */
  record BecameOverdue(Instant at, Conversation conversation) implements WorkspaceEvent {}

  record AgentStateChanged(Instant at, AgentState state) implements WorkspaceEvent {}

  record ConnectionChanged(Instant at, ConnectionState state, String detail) implements WorkspaceEvent {}
}
