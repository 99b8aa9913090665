package dev.lpa.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Optional;
import java.util.Set;

/**
 * Requests on the consumer socket ({@code /ws_api/account/{acct}/messaging/consumer?v=3},
 * consumer-and-extras.md §1). Answers and notifications use the short type names.
 */
final class ConsumerApi {
  private final Engine e;
  private final Files files;

  ConsumerApi(Engine engine, Files files) {
    this.e = engine;
    this.files = files;
  }

  /** Consumer id from a JWT this simulator issued, or empty. */
  Optional<String> consumerFromJwt(String jwt) {
    return e.auth.verify(jwt).map(c -> String.valueOf(c.get("sub")))
        .filter(sub -> !sub.equals("null"));
  }

  void handle(Conn conn, String text) {
    JsonNode req;
    try {
      req = Json.M.readTree(text);
    } catch (Exception ex) {
      synchronized (e) {
        e.emit(conn, Engine.response("0", 400, AgentApi.STRING_RESP, TextNode.valueOf("malformed JSON frame")));
        e.flush();
      }
      return;
    }
    String reqId = req.path("id").isMissingNode() || req.path("id").isNull() ? "0" : req.path("id").asText();
    synchronized (e) {
      try {
        ObjectNode resp = dispatch(conn, reqId, AgentApi.shortName(req.path("type").asText()), req);
        e.emitFirst(conn, resp);
      } catch (Engine.Fail f) {
        e.dropQueued();
        e.emit(conn, Engine.response(reqId, f.code, AgentApi.STRING_RESP, TextNode.valueOf(f.getMessage())));
      } catch (RuntimeException ex) {
        e.dropQueued();
        e.emit(conn, Engine.response(reqId, 500, AgentApi.STRING_RESP, TextNode.valueOf("internal error: " + ex)));
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
    if (type.equals("InitConnection")) {
      String jwt = null;
      for (JsonNode h : Json.asArray(req.get("headers"))) {
        if (h.path("type").asText().endsWith("ConsumerAuthentication")) {
          jwt = Json.text(h, "jwt");
        } else if (h.path("type").asText().endsWith("ClientProperties")) {
          conn.clientProperties = h;
        }
      }
      String consumerId = consumerFromJwt(jwt).orElseThrow(() -> new Engine.Fail(401, "invalid or expired consumer JWT"));
      conn.consumerId = consumerId;
      e.consumer(consumerId);
      return ok(reqId, AgentApi.STRING_RESP, TextNode.valueOf("Connection initialized"));
    }
    if (type.equals("GetClock")) {
      return ok(reqId, "GetClockResponse", Json.obj().put("currentTime", e.now()));
    }
    if (type.equals("KeepAlive")) {
      return ok(reqId, AgentApi.STRING_RESP, TextNode.valueOf("OK"));
    }
    if (conn.consumerId == null) {
      throw new Engine.Fail(401, "send InitConnection with a consumer JWT first");
    }
    String me = conn.consumerId;
    switch (type) {
      case "ConsumerRequestConversation": {
        String skill = Json.text(body, "skillId");
        long skillId;
        try {
          skillId = skill == null ? -1 : Long.parseLong(skill);
        } catch (NumberFormatException ex) {
          throw new Engine.Fail(400, "skillId must be numeric");
        }
        if (skillId == DemoAccount.SKILL_UNASSIGNED) {
          skillId = DemoAccount.DEFAULT_SKILL;
        } else if (DemoAccount.skill(skillId).isEmpty()) {
          throw new Engine.Fail(404, "skill " + skill + " not found");
        }
        String ttr = Json.text(body, "ttrDefName");
        if (ttr != null && !Set.of("NORMAL", "URGENT", "PRIORITIZED").contains(ttr)) {
          throw new Engine.Fail(400, "ttrDefName must be NORMAL, URGENT, PRIORITIZED or null");
        }
        ObjectNode ctx = body.path("conversationContext").isObject()
            ? body.get("conversationContext").deepCopy() : Json.obj().put("type", "SharkContext");
        if (conn.clientProperties != null && conn.clientProperties.isObject()) {
          ObjectNode cp = conn.clientProperties.deepCopy();
          cp.put("type", ".ClientProperties");
          ctx.set("clientProperties", cp);
        }
        Engine.ConsumerInfo ci = e.consumer(me);
        Conv c = e.createConv(me, skillId, ttr, ctx, ci.source);
        return ok(reqId, "cm.RequestConversationResponse", Json.obj().put("conversationId", c.id));
      }
      case "SubscribeExConversations": {
        Engine.ConvSub sub = new Engine.ConvSub(e.newId(), body);
        conn.convSubs.put(sub.id, sub);
        e.sendSnapshot(conn, sub);
        return ok(reqId, "cqm.SubscribeExConversationsResponse", Json.obj().put("subscriptionId", sub.id));
      }
      case "UnsubscribeExConversations": {
        String id = Json.text(body, "subscriptionId");
        if (id == null || conn.convSubs.remove(id) == null) {
          throw new Engine.Fail(404, "subscription " + id + " not found");
        }
        return ok(reqId, AgentApi.STRING_RESP, TextNode.valueOf("Unsubscribed successfully"));
      }
      case "SubscribeMessagingEvents": {
        String dialogId = Json.text(body, "dialogId");
        Conv c = e.convOfDialog(dialogId, Json.text(body, "conversationId"));
        if (!c.consumerId.equals(me)) {
          throw new Engine.Fail(403, "not your conversation");
        }
        Conv.Dialog d = c.dialog(dialogId);
        conn.dialogSubs.add(dialogId);
        int from = body.path("fromSeq").asInt(0);
        ArrayNode changes = Json.arr();
        for (ObjectNode ev : d.events) {
          if (ev.path("sequence").asInt() >= from && !Conv.isPrivate(ev)) {
            changes.add(Conv.forConsumer(ev));
          }
        }
        if (!changes.isEmpty()) {
          ObjectNode nb = Json.obj();
          nb.set("changes", changes);
          e.emit(conn, Engine.notification("ms.MessagingEventNotification", nb));
        }
        return ok(reqId, "GenericSubscribeResponse", Json.obj());
      }
      case "PublishEvent": {
        Conv c = e.convOfDialog(Json.text(body, "dialogId"), Json.text(body, "conversationId"));
        if (!c.consumerId.equals(me)) {
          throw new Engine.Fail(403, "not your conversation");
        }
        String dialogId = Json.text(body, "dialogId") == null ? c.id : Json.text(body, "dialogId");
        Conv.Dialog d = c.dialog(dialogId);
        if (d == null) {
          throw new Engine.Fail(404, "dialog " + dialogId + " not found");
        }
        if (!c.open() || !"OPEN".equals(d.state)) {
          throw new Engine.Fail(400, "conversation " + c.id + " is closed");
        }
        JsonNode event = body.get("event");
        AgentApi.validateEvent(event, true);
        int seq = e.publish(c, d, Engine.consumerOriginator(c), event, req.get("metadata"), null);
        return ok(reqId, "ms.PublishEventResponse", Json.obj().put("sequence", seq));
      }
      case "UpdateConversationField":
        return ok(reqId, AgentApi.STRING_RESP, TextNode.valueOf(updateField(me, body)));
      case "GenerateURLForUploadFile":
        return ok(reqId, "ms.GenerateURLResponse", files.uploadUrl(body, true, me));
      case "GenerateURLForDownloadFile":
        return ok(reqId, "ms.GenerateURLResponse", files.downloadUrl(body, me, c -> c.consumerId.equals(me)));
      case "SetUserProfile": {
        Engine.ConsumerInfo ci = e.consumer(me);
        for (JsonNode sde : body.path("authenticatedData").path("lp_sdes")) {
          JsonNode p = sde.path("personal");
          if (p.hasNonNull("firstname")) {
            ci.firstName = p.get("firstname").asText();
          }
          if (p.hasNonNull("lastname")) {
            ci.lastName = p.get("lastname").asText();
          }
        }
        if (body.hasNonNull("firstName")) {
          ci.firstName = body.get("firstName").asText();
        }
        if (body.hasNonNull("lastName")) {
          ci.lastName = body.get("lastName").asText();
        }
        e.saveConsumer(ci);
        return ok(reqId, AgentApi.STRING_RESP, TextNode.valueOf("OK Profile updated"));
      }
      default:
        throw new Engine.Fail(400, "unknown request type " + req.path("type").asText());
    }
  }

  private String updateField(String me, JsonNode body) {
    Conv c = e.conv(Json.text(body, "conversationId"));
    if (!c.consumerId.equals(me)) {
      throw new Engine.Fail(403, "not your conversation");
    }
    String result = "OK";
    for (JsonNode f : Json.asArray(body.get("conversationField"))) {
      String field = f.path("field").asText();
      switch (field) {
        case "ConversationStateField":
        case "Stage":
          if (!"CLOSE".equals(f.path("conversationState").asText())) {
            throw new Engine.Fail(400, "only conversationState CLOSE is supported");
          }
          e.close(c, "CONSUMER", "CONSUMER");
          result = "OK Conversation resolved successfully";
          break;
        case "DialogChange": {
          JsonNode d = f.path("dialog");
          if (!"CLOSE".equals(d.path("state").asText()) || !c.id.equals(d.path("dialogId").asText())) {
            throw new Engine.Fail(400, "consumers may only close the MAIN dialog");
          }
          e.close(c, "CONSUMER", "CONSUMER");
          result = "OK Conversation resolved successfully";
          break;
        }
        case "CSATRate": {
          int rate = f.path("csatRate").asInt(0);
          if (rate < 1 || rate > 5) {
            throw new Engine.Fail(400, "csatRate must be 1..5");
          }
          ObjectNode csat = Json.obj();
          csat.put("csatRate", rate);
          csat.put("csatResolutionConfirmation", f.path("csatResolutionConfirmation").asBoolean(false));
          csat.put("status", f.path("status").asText("FILLED"));
          c.csat = csat;
          e.touch(c);
          result = "OK CSAT updated";
          break;
        }
        case "TTRField": {
          if (!c.open()) {
            throw new Engine.Fail(400, "conversation is closed");
          }
          String t = f.path("ttrType").asText();
          if (!Set.of("NORMAL", "URGENT").contains(t)) {
            throw new Engine.Fail(400, "consumers may set ttrType NORMAL or URGENT");
          }
          c.ttrType = t;
          c.ttrValue = e.ttrFor(c.skillId, t, f.path("value").canConvertToInt() ? f.get("value").asInt() : null);
          e.touch(c);
          result = "OK TTR updated";
          break;
        }
        default:
          throw new Engine.Fail(400, "unsupported conversation field " + field);
      }
    }
    return result;
  }

}
