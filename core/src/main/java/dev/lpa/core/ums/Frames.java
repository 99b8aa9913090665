package dev.lpa.core.ums;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.internal.Json;
import java.io.IOException;
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
    // a text search, not a parse, picks the frames worth streaming; one that only mentions the
    // name (a consumer wrote it) is left to the tree path by conversationChanges
    if (text.contains(CONVERSATION_CHANGES)) {
      Incoming streamed = conversationChanges(text);
      if (streamed != null) {
        return streamed;
      }
    }
    return decodeTree(text);
  }

  private static final String CONVERSATION_CHANGES = "ExConversationChangeNotification";

  /** Every frame but a conversation-list notification: the whole frame as one tree (they are small). */
  private static Incoming decodeTree(String text) {
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

  /**
   * An {@code ExConversationChangeNotification} read change by change, each straight into its
   * {@link Notification.Change} (its result's text and convId), so a first snapshot of 10,000
   * conversations never exists as a tree. Gives what the tree path gives (for a compact frame,
   * equal records; for any frame, the same results once parsed); null when the envelope turns out
   * to be no notification (a response, an unknown kind), which the tree path then decodes as before.
   */
  static Incoming conversationChanges(String text) {
    String kind = null;
    String type = null;
    boolean reqId = false;
    ChangesBody body = new ChangesBody(null, List.of());
    try (JsonParser p = Json.MAPPER.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null; // the tree path says what it is not
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "kind" -> kind = scalarText(p);
          case "type" -> type = scalarText(p);
          case "reqId" -> {
            reqId = true;
            p.skipChildren();
          }
          case "body" -> {
            if (type != null && !CONVERSATION_CHANGES.equals(tail(type))) {
              p.skipChildren(); // the type came first and is another: nothing to cut out
            } else {
              body = changesBody(p, text); // a repeated field replaces the earlier one, as in a tree
            }
          }
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      return new Unreadable("not JSON");
    }
    boolean response = "resp".equals(kind) || (kind == null && reqId);
    boolean notification = "notification".equals(kind) || kind == null && type != null;
    if (response || !notification || !CONVERSATION_CHANGES.equals(tail(type))) {
      return null;
    }
    return new Push(new Notification.ConversationChanges(body.subscriptionId(), body.changes()));
  }

  private record ChangesBody(String subscriptionId, List<Notification.Change> changes) {}

  /** The body at the parser, one change at a time; a body that is no object has neither (as in a tree). */
  private static ChangesBody changesBody(JsonParser p, String text) throws IOException {
    String sub = null;
    List<Notification.Change> changes = new ArrayList<>();
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return new ChangesBody(null, changes);
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("subscriptionId".equals(field)) {
        sub = scalarText(p);
      } else if ("changes".equals(field)) {
        changes = new ArrayList<>();
        if (value == JsonToken.START_ARRAY) {
          while (p.nextToken() != JsonToken.END_ARRAY) {
            changes.add(change(p, text));
          }
        } else if (value != JsonToken.VALUE_NULL) {
          changes.add(change(p, text)); // one change not in an array, as Json.list reads it
        }
      } else {
        p.skipChildren();
      }
    }
    return new ChangesBody(sub, changes);
  }

  /**
   * The change at the parser without a tree of it: its result's text is cut from the frame as the
   * server wrote it, and only {@code convId} and whether {@code conversationDetails} is there are
   * read on the way. A change or result that is no object is rare: it is read as the tree reads it.
   */
  private static Notification.Change change(JsonParser p, String text) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      return change(p.readValueAsTree());
    }
    String type = null;
    JsonNode odd = MissingNode.getInstance();
    String result = null;
    String convId = null;
    String detailsConvId = null;
    boolean details = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("type".equals(field)) {
        type = scalarText(p);
      } else if ("result".equals(field) && value != JsonToken.START_OBJECT) {
        odd = p.readValueAsTree();
      } else if ("result".equals(field)) {
        // a repeated field replaces the earlier one, as in a tree
        odd = null;
        convId = null;
        detailsConvId = null;
        details = false;
        int start = (int) p.currentTokenLocation().getCharOffset();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String resultField = p.currentName();
          JsonToken v = p.nextToken();
          if ("convId".equals(resultField)) {
            convId = scalarText(p);
          } else if ("conversationDetails".equals(resultField)) {
            details = true;
            if (v == JsonToken.START_OBJECT) {
              detailsConvId = fieldText(p, "convId");
            } else {
              p.skipChildren();
              detailsConvId = null;
            }
          } else {
            p.skipChildren();
          }
        }
        result = text.substring(start, (int) p.currentLocation().getCharOffset());
      } else {
        p.skipChildren();
      }
    }
    if (odd != null) {
      return new Notification.Change(type, odd);
    }
    return new Notification.Change(type, result, convId != null ? convId : detailsConvId, details);
  }

  /** One field's scalar text of the object at the parser, which it reads to its end; null when absent. */
  private static String fieldText(JsonParser p, String name) throws IOException {
    String found = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (name.equals(field)) {
        found = scalarText(p);
      } else {
        p.skipChildren();
      }
    }
    return found;
  }

  /** A scalar's text as {@link Json#text} reads a field (null for null, an object or an array). */
  private static String scalarText(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return Long.toString(p.getNumberValue().longValue());
    }
    return t == JsonToken.VALUE_NULL ? null : p.getText();
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
      out.add(change(c));
    }
    return out;
  }

  private static Notification.Change change(JsonNode c) {
    return new Notification.Change(Json.text(c, "type"), c.path("result"));
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
