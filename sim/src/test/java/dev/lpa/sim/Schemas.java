package dev.lpa.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates frames the simulator sent against LivePerson's published schemas in
 * {@code <repo root>/../shared/lp-schemas}. Where a schema is known to be wrong (see
 * {@code sim/SCHEMA-NOTES.md}) the frame is adjusted here, never the schema.
 */
final class Schemas {
  private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
      b -> b.schemaLoader(l -> l.fetchRemoteResources()
          .allow(iri -> iri.toString().startsWith("file:"))));

  private Schemas() {}

  /** Module dir is the test CWD; the repo root is its parent; shared/ sits beside the repo root. */
  static Path root() {
    Path moduleDir = Path.of("").toAbsolutePath();
    Path candidate = moduleDir.getParent().getParent().resolve("shared/lp-schemas");
    if (Files.isDirectory(candidate)) {
      return candidate;
    }
    return Path.of("/work/shared/lp-schemas");
  }

  static boolean available() {
    return Files.isDirectory(root());
  }

  static Schema schema(String rel) {
    return CACHE.computeIfAbsent(rel, r -> REGISTRY.getSchema(SchemaLocation.of(root().resolve(r).toUri().toString())));
  }

  static List<String> check(String rel, JsonNode node) {
    List<String> out = new ArrayList<>();
    for (Error e : schema(rel).validate(node)) {
      out.add(rel + ": " + e.getMessage());
    }
    return out;
  }

  /** Every applicable schema violation of one frame (empty = conforms). */
  static List<String> violations(String side, JsonNode frame) {
    List<String> out = new ArrayList<>();
    String kind = frame.path("kind").asText();
    String type = frame.path("type").asText();
    JsonNode body = frame.get("body");
    if (kind.equals("resp")) {
      out.addAll(check("infra/resp.json", frame));
      if (type.equals(".ReqBody$StringResp")) {
        out.addAll(check("infra/stringResp.json", frame));
      } else if (type.endsWith("PublishEvent$Response") || type.equals("ms.PublishEventResponse")) {
        out.addAll(check("ms/PublishEventSuccess.json", frame));
      } else if (type.endsWith("GenerateURLResponse")) {
        out.addAll(check("ms/GenerateURLResp.json", frame));
      } else if (type.endsWith("GenericSubscribe$Response") || type.equals("GenericSubscribeResponse")) {
        out.addAll(check("types/genericSubscribeResp.json", frame));
      } else if (type.equals("cm.RequestConversationResponse")) {
        out.addAll(check("cm/consumerRequestConversationResp.json", body));
      } else if (type.contains("SubscribeExConversations")) {
        out.addAll(check("aam/subscribeExConversationsResp.json", body));
      }
      return out;
    }
    if (!kind.equals("notification")) {
      out.add("unknown kind " + kind);
      return out;
    }
    out.addAll(check("infra/notification.json", frame));
    switch (type) {
      case ".ams.aam.ExConversationChangeNotification", "cqm.ExConversationChangeNotification" -> {
        ObjectNode copy = body.deepCopy();
        boolean agent = type.startsWith(".ams");
        copy.path("changes").forEach(ch -> {
          JsonNode d = ch.path("result").path("conversationDetails");
          if (d instanceof ObjectNode o) {
            // Schema defect: metaDataLastUpdateTs is typed "Long", which draft-04 does not know.
            if (o.path("metaDataLastUpdateTs").isIntegralNumber()) {
              o.remove("metaDataLastUpdateTs");
            }
            // Schema defect: participants is typed as the consumer-side [{id, role}] array; the
            // agent side sends role maps (participants + participantsPId), which the Node SDK requires.
            if (agent) {
              o.putArray("participants");
            }
          }
        });
        out.addAll(check("aam/subscribeExConversationsNotification.json", copy));
      }
      case ".ams.routing.RoutingTaskNotification" ->
          out.addAll(check("routing/routingTaskNotification.json", body));
      case ".ams.routing.AgentStateNotification" -> {
        // Schema defect: OCCUPIED (what the SDK docs and SetAgentState use) is not in its enum.
        if (!body.toString().contains("\"OCCUPIED\"")) {
          out.addAll(check("routing/agentStateNotification.json", body));
        }
      }
      case ".ams.ms.OnlineEventDistribution" -> out.addAll(event(body));
      case "ms.MessagingEventNotification" -> body.path("changes").forEach(ch -> out.addAll(event(ch)));
      default -> out.add("no schema mapping for notification type " + type);
    }
    return out;
  }

  @SuppressWarnings("fallthrough") // a ContentEvent that is no form is checked as any other event
  private static List<String> event(JsonNode change) {
    JsonNode ev = change.path("event");
    String t = ev.path("type").asText();
    switch (t) {
      case "ChatStateEvent":
        // Schema defect: messagingEventNotification requires sequence and serverTimestamp, which
        // chat states never carry; check the event itself.
        return check("ms/ChatStateEvent.json", ev);
      case "RichContentEvent":
        // Schema defects: AbstractMessagingEvent's oneOf lacks RichContentEvent, and
        // ms/RichContent.json names it "RichContent" with the card under "message", while the SDK,
        // LP's docs and samples send {"type":"RichContentEvent","content":{card}}. Check the card.
        return check("ms/richContent/element.json", ev.path("content"));
      case "ContentEvent":
        if (ev.path("contentType").asText().startsWith("forms/")) {
          return List.of();
        }
        // fall through
      default: {
        ObjectNode wrapped = Json.obj();
        wrapped.putArray("changes").add(change);
        return check("ms/messagingEventNotification.json", wrapped);
      }
    }
  }
}
