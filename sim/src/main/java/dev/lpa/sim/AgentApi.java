package dev.lpa.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Requests on the agent messaging socket. Type names are accepted in long ({@code .ams.aam.X})
 * and short ({@code aam.X}, {@code cqm.X}) forms; answers use the long names the Node SDK reads.
 */
final class AgentApi {
  static final String STRING_RESP = ".ReqBody$StringResp";

  private final Engine e;
  private final Files files;
  private final Extras extras;

  AgentApi(Engine engine, Files files, Extras extras) {
    this.e = engine;
    this.files = files;
    this.extras = extras;
  }

  /** Last segment of a type name: {@code .ams.aam.SubscribeExConversations} -> {@code SubscribeExConversations}. */
  static String shortName(String type) {
    if (type == null) {
      return "";
    }
    int i = type.lastIndexOf('.');
    return i < 0 ? type : type.substring(i + 1);
  }

  /** Handles one text frame; the response (and then any notifications) are queued on {@code conn}. */
  void handle(Conn conn, String text) {
    JsonNode req;
    try {
      req = Json.M.readTree(text);
    } catch (Exception ex) {
      synchronized (e) {
        e.emit(conn, Engine.response("0", 400, STRING_RESP, TextNode.valueOf("malformed JSON frame")));
        e.flush();
      }
      return;
    }
    String reqId = req.path("id").isMissingNode() || req.path("id").isNull() ? "0" : req.path("id").asText();
    synchronized (e) {
      if (!conn.session.alive(e.clock.instant())) {
        conn.close(4401, "session expired");
        return;
      }
      if (!"req".equals(req.path("kind").asText())) {
        e.emit(conn, Engine.response(reqId, 400, STRING_RESP, TextNode.valueOf("expected kind \"req\"")));
        e.flush();
        return;
      }
      java.util.function.Function<String, List<String>> validator = e.requestValidator;
      List<String> invalid = validator == null ? List.of() : validator.apply(text);
      if (!invalid.isEmpty()) {
        // LivePerson answers a malformed request with 400 and a one-line reason
        e.emit(conn, Engine.response(reqId, 400, STRING_RESP,
            TextNode.valueOf("request does not match the schema: " + invalid.get(0))));
        e.flush();
        return;
      }
      List<Engine.Out> before = new ArrayList<>();
      try {
        ObjectNode resp = dispatch(conn, reqId, shortName(req.path("type").asText()), req);
        // The response goes first: insert it ahead of what dispatch queued.
        e.emitFirst(conn, resp);
      } catch (Engine.Fail f) {
        e.dropQueued();
        e.emit(conn, Engine.response(reqId, f.code, STRING_RESP, TextNode.valueOf(f.getMessage())));
      } catch (RuntimeException ex) {
        e.dropQueued();
        e.emit(conn, Engine.response(reqId, 500, STRING_RESP, TextNode.valueOf("internal error: " + ex)));
      }
      e.flush();
    }
  }

  private ObjectNode ok(String reqId, String type, JsonNode body) {
    return Engine.response(reqId, 200, type, body);
  }

  private ObjectNode dispatch(Conn conn, String reqId, String type, JsonNode req) {
    JsonNode body = req.get("body");
    if (body == null || body.isNull()) {
      body = Json.obj();
    }
    DemoAccount.User me = conn.session.user;
    switch (type) {
      case "GetClock":
        return ok(reqId, ".GetClock$Response", Json.obj().put("currentTime", e.now()));
      case "KeepAlive":
        return ok(reqId, STRING_RESP, TextNode.valueOf("OK"));
      case "SubscribeExConversations": {
        Engine.ConvSub sub = new Engine.ConvSub(e.newId(), body);
        conn.convSubs.put(sub.id, sub);
        e.sendSnapshot(conn, sub);
        return ok(reqId, ".ams.aam.SubscribeExConversations$Response", Json.obj().put("subscriptionId", sub.id));
      }
      case "UnsubscribeExConversations": {
        String id = Json.text(body, "subscriptionId");
        if (id == null || conn.convSubs.remove(id) == null) {
          throw new Engine.Fail(404, "subscription " + id + " not found");
        }
        return ok(reqId, STRING_RESP, TextNode.valueOf("Unsubscribed successfully"));
      }
      case "SubscribeRoutingTasks": {
        String id = e.newId();
        conn.routingSubs.add(id);
        e.routingSnapshot(conn, me.legacyId(), id);
        e.route();
        return ok(reqId, ".ams.GenericSubscribe$Response", Json.obj().put("subscriptionId", id));
      }
      case "UpdateRoutingTaskSubscription":
        return ok(reqId, STRING_RESP, TextNode.valueOf("Subscription updated successfully"));
      case "UpdateRingState": {
        String ringId = Json.text(body, "ringId");
        String state = Json.text(body, "ringState");
        if ("ACCEPTED".equals(state)) {
          e.accept(me, ringId);
        } else if ("REJECTED".equals(state)) {
          e.reject(me, ringId);
          e.route();
        } else {
          throw new Engine.Fail(400, "ringState must be ACCEPTED or REJECTED");
        }
        return Engine.response(reqId, 202, STRING_RESP, TextNode.valueOf("Ring state updated successfully"));
      }
      case "SetAgentState": {
        String av = Json.text(body, "availability");
        if (av == null || !Set.of("ONLINE", "OCCUPIED", "BACK_SOON", "AWAY", "OFFLINE").contains(av)) {
          throw new Engine.Fail(400, "availability must be ONLINE, OCCUPIED, BACK_SOON, AWAY or OFFLINE");
        }
        String target = Json.text(body, "agentUserId");
        if (target != null && !target.equals(me.legacyId()) && !target.equals(me.pid())) {
          throw new Engine.Fail(403, "an agent may only set its own state");
        }
        e.setAvailability(e.agents.get(me.legacyId()), av);
        return Engine.response(reqId, 202, STRING_RESP, TextNode.valueOf("Agent state updated successfully"));
      }
      case "SubscribeAgentsState": {
        String id = e.newId();
        conn.stateSubs.add(id);
        e.emit(conn, Engine.notification(".ams.routing.AgentStateNotification",
            e.agentStateBody(id, e.agents.get(me.legacyId()))));
        return ok(reqId, ".ams.GenericSubscribe$Response", Json.obj().put("subscriptionId", id));
      }
      case "PublishEvent":
        return ok(reqId, ".ams.ms.PublishEvent$Response", Json.obj().put("sequence", publish(me, body, req)));
      case "QueryMessages":
      case "SubscribeMessagingEvents":
        return ok(reqId, ".ams.ms.QueryMessages$Response", query(me, body));
      case "UpdateConversationField":
        return ok(reqId, STRING_RESP, TextNode.valueOf(new ConversationFields(e, extras).apply(me, body)));
      case "AgentRequestConversation":
        return ok(reqId, ".ams.cm.AgentRequestConversation$Response",
            Json.obj().put("conversationId", proactive(me, body)));
      case "GetUserProfile":
        return ok(reqId, ".ams.userprofile.GetUserProfile$Response", profile(me, body));
      case "GenerateURLForUploadFile":
        return ok(reqId, ".ams.ms.GenerateURLResponse", files.uploadUrl(body, false, me.legacyId()));
      case "GenerateURLForDownloadFile":
        return ok(reqId, ".ams.ms.GenerateURLResponse", files.downloadUrl(body, me.legacyId(), c -> e.visible(me, c)));
      case "GenerateDownloadToken":
        return ok(reqId, ".ams.ms.token.GenerateDownloadToken$Response", extras.downloadToken(me, body));
      default:
        throw new Engine.Fail(400, "unknown request type " + req.path("type").asText());
    }
  }

  private int publish(DemoAccount.User me, JsonNode body, JsonNode req) {
    Conv c = e.convOfDialog(Json.text(body, "dialogId"), Json.text(body, "conversationId"));
    String dialogId = Json.text(body, "dialogId") == null ? c.id : Json.text(body, "dialogId");
    Conv.Dialog d = c.dialog(dialogId);
    if (d == null) {
      throw new Engine.Fail(404, "dialog " + dialogId + " not found");
    }
    Conv.Part p = c.partOf(me.legacyId());
    if (p == null) {
      throw new Engine.Fail(403, "not a participant of conversation " + c.id);
    }
    if ("READER".equals(p.role)) {
      throw new Engine.Fail(403, "a READER may not publish");
    }
    if (!c.open() || !"OPEN".equals(d.state)) {
      throw new Engine.Fail(400, "conversation " + c.id + " is closed");
    }
    JsonNode event = body.get("event");
    validateEvent(event, false);
    String audience = Json.text(body, "messageAudience");
    if (audience != null && !audience.equals("ALL") && !audience.equals("AGENTS_AND_MANAGERS")) {
      throw new Engine.Fail(400, "messageAudience must be ALL or AGENTS_AND_MANAGERS");
    }
    JsonNode metadata = req.get("metadata");
    return e.publish(c, d, e.originatorFor(me, c), event, metadata, audience);
  }

  /** Shared by both sides: rejects events the simulator would not know how to deliver. */
  static void validateEvent(JsonNode event, boolean consumer) {
    if (event == null || !event.isObject()) {
      throw new Engine.Fail(400, "body.event is required");
    }
    String type = event.path("type").asText();
    switch (type) {
      case "ContentEvent": {
        String ct = event.path("contentType").asText();
        JsonNode msg = event.get("message");
        if (ct.equals("text/plain")) {
          if (msg == null || !msg.isTextual()) {
            throw new Engine.Fail(400, "a text/plain ContentEvent needs a string message");
          }
        } else if (ct.equals("hosted/file")) {
          // ms/HostedFile.json requires all three
          if (msg == null || !msg.isObject() || !msg.path("relativePath").isTextual()
              || !msg.path("fileType").isTextual() || !msg.path("caption").isTextual()) {
            throw new Engine.Fail(400,
                "a hosted/file ContentEvent needs message.caption, message.relativePath and message.fileType");
          }
        } else if (ct.startsWith("forms/")) {
          if (msg == null || !msg.isObject()) {
            throw new Engine.Fail(400, "a forms ContentEvent needs an object message");
          }
        } else {
          throw new Engine.Fail(400, "unsupported contentType " + ct);
        }
        return;
      }
      case "RichContentEvent":
        if (!event.path("content").isObject()) {
          throw new Engine.Fail(400, "a RichContentEvent needs a content object");
        }
        return;
      case "AcceptStatusEvent": {
        String st = event.path("status").asText();
        if (!Set.of("ACCEPT", "READ", "ACCESS", "NACK", "ACTION", "ENRICH").contains(st)
            || !event.path("sequenceList").isArray()) {
          throw new Engine.Fail(400, "an AcceptStatusEvent needs a known status and a sequenceList");
        }
        return;
      }
      case "ChatStateEvent": {
        String cs = event.path("chatState").asText();
        if (!Set.of("ACTIVE", "INACTIVE", "GONE", "COMPOSING", "PAUSE", "BACKGROUND").contains(cs)) {
          throw new Engine.Fail(400, "unknown chatState " + cs);
        }
        return;
      }
      default:
        throw new Engine.Fail(400, "unsupported event type " + type);
    }
  }

  private ArrayNode query(DemoAccount.User me, JsonNode body) {
    String dialogId = Json.text(body, "dialogId");
    if (dialogId == null) {
      throw new Engine.Fail(400, "dialogId is required");
    }
    Conv c = e.convOfDialog(dialogId, Json.text(body, "conversationId"));
    if (!e.visible(me, c) && !e.ringedWaiting(me, c)) {
      throw new Engine.Fail(403, "conversation " + c.id + " is not visible to this user");
    }
    Conv.Dialog d = c.dialog(dialogId);
    if (d == null) {
      throw new Engine.Fail(404, "dialog " + dialogId + " not found");
    }
    int from = body.has("newerThanSequence") ? body.get("newerThanSequence").asInt()
        : body.path("fromSeq").asInt(0);
    int older = body.has("olderThanSequence") ? body.get("olderThanSequence").asInt() : Integer.MAX_VALUE;
    int max = body.has("maxQuantity") ? body.get("maxQuantity").asInt() : Integer.MAX_VALUE;
    ArrayNode out = Json.arr();
    List<ObjectNode> picked = new ArrayList<>();
    for (ObjectNode ev : d.events) {
      int s = ev.path("sequence").asInt();
      if (s >= from && s < older) {
        picked.add(ev);
      }
    }
    if (picked.size() > max) {
      picked = picked.subList(picked.size() - max, picked.size());
    }
    picked.forEach(ev -> out.add(ev.deepCopy()));
    return out;
  }

  private String proactive(DemoAccount.User me, JsonNode body) {
    String consumerId = Json.text(body, "consumerId");
    if (consumerId == null || !e.consumers.containsKey(consumerId)) {
      throw new Engine.Fail(404, "consumer " + consumerId + " not found");
    }
    long skill = me.skillIds().isEmpty() ? DemoAccount.DEFAULT_SKILL : me.skillIds().get(0);
    ObjectNode ctx = body.path("conversationContext").isObject()
        ? (ObjectNode) body.get("conversationContext").deepCopy() : null;
    Conv c = e.newConv(consumerId, skill, "NORMAL", ctx, "APP");
    c.parts.add(new Conv.Part("ASSIGNED_AGENT", me.legacyId(), me.pid(), "ACTIVE", e.now()));
    e.touch(c);
    return c.id;
  }

  private ObjectNode profile(DemoAccount.User me, JsonNode body) {
    String id = body.isTextual() ? body.asText() : Json.text(body, "userId");
    if (id == null || id.isEmpty()) {
      ObjectNode o = Json.obj();
      o.put("userId", me.legacyId());
      o.put("firstName", me.nickname());
      o.put("lastName", "");
      o.put("avatarUrl", me.pictureUrl());
      o.put("role", me.isManager() ? "MANAGER" : "AGENT");
      return o;
    }
    Engine.ConsumerInfo ci = e.consumers.get(id);
    if (ci == null) {
      throw new Engine.Fail(404, "consumer " + id + " not found");
    }
    ObjectNode o = Json.obj();
    o.put("userId", ci.id);
    o.put("firstName", ci.firstName);
    o.put("lastName", ci.lastName);
    if (ci.avatarUrl != null) {
      o.put("avatarUrl", ci.avatarUrl);
    }
    o.put("role", "CONSUMER");
    o.put("description", ci.source == null ? "" : ci.source.toLowerCase(Locale.ROOT));
    ObjectNode priv = o.putObject("privateData");
    if (ci.phone != null) {
      priv.put("mobileNum", ci.phone);
    }
    if (ci.email != null) {
      // node-agent-sdk 1.2.0 builds the personal SDE's contact from privateData.email only
      priv.put("email", ci.email);
    }
    priv.put("userId", ci.id);
    return o;
  }
}
