package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Session;
import java.time.Instant;
import java.util.List;

/**
 * The bodies of the UMS requests the workspace sends, and of the events it publishes: the one
 * place that knows their wire shapes, so a schema change (the schema arbiter checks every request
 * in the tests) is made here once. Each method builds a fresh body; none sends anything.
 */
final class Requests {
  private Requests() {
  }

  // --- subscriptions and routing ---

  /** SubscribeExConversations for the open conversations of {@code agentId}, or of everyone if null. */
  static ObjectNode subscribeExConversations(String agentId) {
    ObjectNode b = Json.obj();
    if (agentId != null) {
      b.putArray("agentIds").add(agentId);
    }
    b.putArray("convState").add("OPEN");
    return b;
  }

  static ObjectNode subscribeRoutingTasks(Session me) {
    return Json.obj().put("channelType", "MESSAGING").put("agentId", me.userId()).put("brandId", me.accountId());
  }

  static ObjectNode subscribeAgentsState(Session me) {
    return Json.obj().put("brandId", me.accountId()).put("agentId", me.userId());
  }

  static ObjectNode setAgentState(Session me, AgentState s) {
    ObjectNode b = Json.obj().put("availability", s.wire());
    b.putArray("channels").add("MESSAGING");
    b.put("agentUserId", me.userId());
    return b;
  }

  /** UpdateRingState; {@code ringState} is ACCEPTED or REJECTED. */
  static ObjectNode updateRingState(String ringId, String ringState) {
    return Json.obj().put("ringId", ringId).put("ringState", ringState);
  }

  static JsonNode getUserProfile(String consumerId) {
    return TextNode.valueOf(consumerId);
  }

  // --- messaging ---

  static ObjectNode queryMessages(String convId, String dialogId, long newerThanSequence) {
    ObjectNode b = Json.obj().put("dialogId", dialogId).put("newerThanSequence", newerThanSequence);
    b.put("conversationId", convId);
    return b;
  }

  static ObjectNode publishEvent(String convId, String dialogId, JsonNode event) {
    ObjectNode b = Json.obj().put("dialogId", dialogId).put("conversationId", convId);
    b.set("event", event);
    return b;
  }

  /** A text the consumer does not see: for the agents and managers of the conversation. */
  static ObjectNode privateNote(String convId, String dialogId, String note) {
    ObjectNode b = Json.obj().put("dialogId", dialogId).put("conversationId", convId)
        .put("messageAudience", "AGENTS_AND_MANAGERS");
    b.set("event", text(note));
    return b;
  }

  /** The request metadata that ties a publish to its outbox entry (echoed back on the event). */
  static ArrayNode externalId(String localId) {
    ArrayNode meta = Json.arr();
    meta.addObject().put("type", "ExternalId").put("id", localId);
    return meta;
  }

  static ObjectNode text(String text) {
    return Json.obj().put("type", "ContentEvent").put("contentType", "text/plain").put("message", text);
  }

  static ObjectNode hostedFile(String caption, String relativePath, String fileType, String preview) {
    // HostedFile requires a caption: none given is an empty one
    ObjectNode msg = Json.obj().put("caption", caption == null ? "" : caption.strip());
    msg.put("relativePath", relativePath).put("fileType", fileType);
    if (preview != null) {
      msg.put("preview", preview);
    }
    ObjectNode event = Json.obj().put("type", "ContentEvent").put("contentType", "hosted/file");
    event.set("message", msg);
    return event;
  }

  static ObjectNode secureFormInvitation(String formId, String invitationId, String title) {
    ObjectNode event = Json.obj().put("type", "ContentEvent").put("contentType", "forms/secure-invitation");
    event.putObject("message").put("formId", formId).put("invitationId", invitationId).put("title", title);
    return event;
  }

  static ObjectNode readReceipt(List<Long> sequences) {
    ObjectNode ev = Json.obj().put("type", "AcceptStatusEvent").put("status", "READ");
    ArrayNode sl = ev.putArray("sequenceList");
    sequences.forEach(sl::add);
    return ev;
  }

  static ObjectNode chatState(boolean typing) {
    return Json.obj().put("type", "ChatStateEvent").put("chatState", typing ? "COMPOSING" : "ACTIVE");
  }

  /**
   * A published event as the server would echo it, for the local store: a restart then knows it
   * even if the echo never came.
   */
  static ObjectNode echoOf(Session me, String convId, String dialogId, long seq, long serverMillis, String role,
      JsonNode event, String localId) {
    ObjectNode ev = Json.obj().put("sequence", seq).put("dialogId", dialogId)
        .put("conversationId", convId).put("serverTimestamp", serverMillis)
        .put("originatorId", me.userId()).put("originatorPId", me.userPid());
    ev.putObject("originatorMetadata").put("id", me.userPid()).put("role", role);
    ev.set("event", event);
    ev.putArray("metadata").addObject().put("type", "ExternalId").put("id", localId);
    return ev;
  }

  // --- files and forms ---

  static ObjectNode generateUrlForUploadFile(int fileSize, String fileType) {
    // GenerateURLForUploadFileBody types fileSize as a string
    return Json.obj().put("fileSize", String.valueOf(fileSize)).put("fileType", fileType);
  }

  static ObjectNode generateUrlForDownloadFile(String relativePath) {
    return Json.obj().put("relativePath", relativePath);
  }

  static ObjectNode generateDownloadToken(String dialogId, String submissionId, String invitationId) {
    ObjectNode body = Json.obj();
    body.putObject("downloadable").put("type", "SecureForm").put("dialogId", dialogId)
        .put("submissionId", submissionId).put("invitationId", invitationId);
    return body;
  }

  // --- UpdateConversationField ---

  static ObjectNode updateConversationField(String convId, ArrayNode fields) {
    ObjectNode body = Json.obj().put("conversationId", convId);
    body.set("conversationField", fields);
    return body;
  }

  /** The fields of a transfer to a skill: the assigned agent leaves, the skill changes. */
  static ArrayNode toSkill(String assignedId, String skillId) {
    ArrayNode f = Json.arr();
    participant(f, "REMOVE", assignedId, "ASSIGNED_AGENT");
    skill(f, skillId);
    return f;
  }

  /** The fields of a transfer to an agent: suggested to {@code target}, the skill kept. */
  static ArrayNode toAgent(String assignedId, String target, String skillId) {
    ArrayNode f = Json.arr();
    participant(f, "REMOVE", assignedId, "ASSIGNED_AGENT");
    participant(f, "SUGGEST", target, "ASSIGNED_AGENT");
    skill(f, skillId);
    return f;
  }

  /** One ParticipantsChange; {@code type} is ADD, REMOVE or SUGGEST. */
  static ArrayNode participantsChange(String type, String userId, String role) {
    ArrayNode f = Json.arr();
    participant(f, type, userId, role);
    return f;
  }

  static ArrayNode closeConversation() {
    ArrayNode f = Json.arr();
    field(f, "ConversationStateField").put("conversationState", "CLOSE");
    return f;
  }

  static ArrayNode ttr(boolean urgent, long seconds) {
    ArrayNode f = Json.arr();
    field(f, "TTRField").put("ttrType", urgent ? "URGENT" : "NORMAL").put("value", seconds);
    return f;
  }

  /** The manual due time; null clears it. */
  static ArrayNode manualEttr(Instant due) {
    ArrayNode f = Json.arr();
    ObjectNode m = field(f, "ManualETTR");
    if (due == null) {
      m.putNull("time");
    } else {
      m.put("time", due.toEpochMilli());
    }
    return f;
  }

  /** The simulator's call invitation: a COBROWSE dialog added with the call's metadata. */
  static ArrayNode callDialog(String dialogId, String consumerId, String agentId, String mode, String serviceId,
      Instant now) {
    ArrayNode f = Json.arr();
    ObjectNode d = field(f, "DialogChange").put("type", "ADD").put("dialogId", dialogId).putObject("dialog");
    d.put("dialogId", dialogId).put("dialogType", "OTHER").put("channelType", "COBROWSE").put("state", "OPEN")
        .put("creationTs", now.toEpochMilli());
    d.putArray("participants").add(consumerId).add(agentId);
    ObjectNode meta = d.putObject("metaData");
    meta.put("mode", mode).put("serviceId", serviceId).put("sessionState", "INVITED")
        .put("expires", now.plusSeconds(120).toEpochMilli() / 1000.0).put("dialogId", dialogId);
    return f;
  }

  private static void participant(ArrayNode f, String type, String userId, String role) {
    field(f, "ParticipantsChange").put("type", type).put("userId", userId).put("role", role);
  }

  private static void skill(ArrayNode f, String skillId) {
    field(f, "Skill").put("type", "UPDATE").put("skill", skillId);
  }

  private static ObjectNode field(ArrayNode a, String name) {
    return a.addObject().put("field", name);
  }
}
