package dev.lpa.core.ums;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A server-pushed frame of the messaging socket, typed by what it is about. */
public sealed interface Notification {

  /** One entry of a subscription notification's {@code changes}: UPSERT or DELETE with its result. */
  record Change(String type, JsonNode result) {
    public boolean delete() {
      return "DELETE".equalsIgnoreCase(type);
    }
  }

  /** {@code ExConversationChangeNotification}: the conversation list. */
  record ConversationChanges(String subscriptionId, List<Change> changes) implements Notification {}

  /** {@code RoutingTaskNotification}: rings offered to this agent. */
  record RoutingTasks(String subscriptionId, List<Change> changes) implements Notification {}

  /** {@code AgentStateNotification}: this agent's availability. */
  record AgentStates(String subscriptionId, List<Change> changes) implements Notification {}

  /** Messaging events of one dialog: a live {@code OnlineEventDistribution} or a batch. */
  record MessagingEvents(String dialogId, List<JsonNode> events) implements Notification {}

  /** Anything else (kept so nothing is silently lost; the workspace ignores it). */
  record Other(String type, JsonNode body) implements Notification {}
}
