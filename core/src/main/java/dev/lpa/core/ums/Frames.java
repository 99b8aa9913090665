package dev.lpa.core.ums;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.internal.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The socket's JSON envelope: requests out ({@code kind:req}), responses and notifications in.
 * Incoming type names are matched by their last segment, so the long ({@code .ams.aam.…}) and
 * short ({@code cqm.…}) families both work; responses are matched by {@code reqId} only.
 */
public final class Frames {
  private Frames() {}

  /** A decoded incoming frame. */
  public sealed interface Incoming {}

  public record Response(String reqId, int code, String type, JsonNode body) implements Incoming {}

  public record Push(Notification notification) implements Incoming {}

  public record Unreadable(String reason) implements Incoming {}

  public static String request(String id, String type, JsonNode body, ArrayNode metadata) {
    ObjectNode o = Json.obj().put("kind", "req").put("id", id).put("type", type);
    o.set("body", body == null ? Json.obj() : body);
    if (metadata != null && metadata.size() > 0) {
      o.set("metadata", metadata);
    }
    return Json.write(o);
  }

  public static Incoming decode(String text) {
    JsonNode n;
    try {
      n = Json.parse(text);
    } catch (RuntimeException e) {
      return new Unreadable("not JSON");
    }
    if (!n.isObject()) {
      return new Unreadable("not an object");
    }
    String kind = Json.text(n, "kind");
    String type = Json.text(n, "type");
    JsonNode body = n.get("body");
    if ("resp".equals(kind) || (kind == null && n.has("reqId"))) {
      String reqId = Json.text(n, "reqId");
      if (reqId == null) {
        return new Unreadable("response without reqId");
      }
      return new Response(reqId, (int) Json.num(n, "code", 200), type, body);
    }
    if ("notification".equals(kind) || kind == null && type != null) {
      return new Push(notification(type, body == null ? Json.obj() : body));
    }
    return new Unreadable("unknown kind " + kind);
  }

  static String tail(String type) {
    if (type == null) {
      return "";
    }
    int i = type.lastIndexOf('.');
    return i >= 0 ? type.substring(i + 1) : type;
  }

  static Notification notification(String type, JsonNode body) {
    String t = tail(type);
    String sub = Json.text(body, "subscriptionId");
    switch (t) {
      case "ExConversationChangeNotification":
        return new Notification.ConversationChanges(sub, changes(body));
      case "RoutingTaskNotification":
        return new Notification.RoutingTasks(sub, changes(body));
      case "AgentStateNotification":
        return new Notification.AgentStates(sub, changes(body));
      case "OnlineEventDistribution":
        return new Notification.MessagingEvents(Json.text(body, "dialogId"), List.of(body));
      case "MessagingEventNotification":
        List<JsonNode> evs = Json.list(body, "changes");
        return new Notification.MessagingEvents(Json.text(body, "dialogId"), evs);
      default:
        return new Notification.Other(type, body);
    }
  }

  private static List<Notification.Change> changes(JsonNode body) {
    List<Notification.Change> out = new ArrayList<>();
    for (JsonNode c : Json.list(body, "changes")) {
      out.add(new Notification.Change(Json.text(c, "type"), c.path("result")));
    }
    return out;
  }

  /** The reason text of an error response (string body or an object with message/msg/error). */
  public static String reason(JsonNode body) {
    if (body == null || body.isNull()) {
      return null;
    }
    if (body.isTextual()) {
      return body.textValue();
    }
    for (String f : new String[] {"message", "msg", "error", "reason"}) {
      String s = Json.text(body, f);
      if (s != null) {
        return s;
      }
    }
    return body.isObject() && body.has("error") ? Json.write(body.get("error")) : null;
  }
}
