package dev.lpa.core.ums;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.lpa.core.internal.Json;
import java.util.List;

/** A server-pushed frame of the messaging socket, typed by what it is about. */
public sealed interface Notification {

  /**
   * One entry of a subscription notification's {@code changes}: UPSERT or DELETE with its result,
   * kept as JSON text, not as a tree. A first snapshot holds thousands of changes at once
   * (in the notification, the reducer's input and the store's batch), and a Jackson tree costs
   * several times its text (bench/RESULTS.md, 2026-12-04). {@code convId} and {@code hasDetails}
   * are read once, when the change is made, for the workspace's per-change look-ups.
   *
   * @param resultJson the result's JSON text (compact when made from a tree; as the server wrote it
   *     when {@link Frames} cut it from a conversation-list frame); null when the change had no result
   * @param convId the conversation a conversation-list change is about ({@code convId}, or
   *     {@code conversationDetails.convId}); null when the result names none (other subscriptions)
   * @param hasDetails whether the result carries {@code conversationDetails} (a whole conversation)
   */
  record Change(String type, String resultJson, String convId, boolean hasDetails) {
    public Change(String type, JsonNode result) {
      this(type, result == null || result.isMissingNode() ? null : Json.write(result), convIdOf(result),
          result != null && result.has("conversationDetails"));
    }

    /** The result parsed anew on each call (a missing one as a missing node): hold it only while it is used. */
    public JsonNode result() {
      return resultJson == null ? MissingNode.getInstance() : Json.parse(resultJson);
    }

    public boolean delete() {
      return "DELETE".equalsIgnoreCase(type);
    }

    private static String convIdOf(JsonNode result) {
      if (result == null) {
        return null;
      }
      String id = Json.text(result, "convId");
      return id != null ? id : Json.text(result.path("conversationDetails"), "convId");
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
