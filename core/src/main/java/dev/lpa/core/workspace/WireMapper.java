package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.core.internal.Json;
import dev.lpa.core.internal.Rich;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Dialog;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Participant;
import dev.lpa.core.model.Ring;
import dev.lpa.core.model.Role;
import dev.lpa.core.model.Session;
import dev.lpa.core.model.Ttr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Socket JSON (conversation, routing and messaging notifications) to model records. Pure. */
public final class WireMapper {
  private WireMapper() {}

  /** A receipt: who acknowledged which sequences of a dialog. */
  public record Receipt(String conversationId, String dialogId, String status, List<Long> sequences,
      boolean fromConsumer, boolean fromMe) {}

  /** A typing/presence change. */
  public record ChatState(String conversationId, String dialogId, String state, boolean fromConsumer) {}

  /** A decoded messaging event: exactly one of the three is set. */
  public record Event(Message message, Receipt receipt, ChatState chatState) {}

  public static Conversation conversation(JsonNode result, Session me, Conversation previous, Map<String, String> skillNames) {
    JsonNode d = result.path("conversationDetails");
    String id = first(Json.text(result, "convId"), Json.text(d, "convId"));
    Map<Role, List<String>> legacy = roles(d.path("participants"));
    Map<Role, List<String>> pids = roles(d.path("participantsPId"));
    List<Participant> participants = new ArrayList<>();
    Map<String, String> suggested = new LinkedHashMap<>();
    List<Dialog> dialogs = new ArrayList<>();
    for (JsonNode dj : Json.list(d, "dialogs")) {
      if (Json.text(dj, "dialogId") == null) {
        continue; // a dialog without an id cannot be addressed; the conversation's own id stands in
      }
      List<Participant> dp = new ArrayList<>();
      for (JsonNode pd : Json.list(dj, "participantsDetails")) {
        Role r = Role.parse(Json.text(pd, "role"));
        String st = Json.text(pd, "state");
        dp.add(new Participant(Json.text(pd, "id"), null, r, st));
        if ("SUGGESTED".equals(st) && r != null) {
          suggested.put(Json.text(pd, "id"), r.name());
        }
      }
      if (dp.isEmpty()) {
        // COBROWSE dialogs carry a flat string array instead of participantsDetails
        for (String p : Json.strings(dj, "participants")) {
          dp.add(new Participant(p, null, null, "ACTIVE"));
        }
      }
      Map<String, String> meta = new LinkedHashMap<>();
      dj.path("metaData").properties().forEach(e -> {
        if (e.getValue().isValueNode()) {
          meta.put(e.getKey(), e.getValue().asText());
        }
      });
      dialogs.add(new Dialog(Json.text(dj, "dialogId"), first(Json.text(dj, "dialogType"), "MAIN"),
          first(Json.text(dj, "channelType"), "MESSAGING"), first(Json.text(dj, "state"), "OPEN"), List.copyOf(dp),
          Map.copyOf(meta), Json.millis(dj, "creationTs"), Json.millis(dj, "endTs")));
    }
    if (dialogs.isEmpty() && id != null) {
      dialogs.add(new Dialog(id, "MAIN", "MESSAGING", first(Json.text(d, "state"), "OPEN"), List.of(), Map.of(),
          Json.millis(d, "startTs"), null));
    }
    Role myRole = null;
    for (var e : legacy.entrySet()) {
      List<String> ids = e.getValue();
      List<String> p = pids.getOrDefault(e.getKey(), List.of());
      for (int i = 0; i < ids.size(); i++) {
        String lid = ids.get(i);
        String pid = i < p.size() ? p.get(i) : null;
        String st = suggested.containsKey(lid) || (pid != null && suggested.containsKey(pid)) ? "SUGGESTED" : "ACTIVE";
        participants.add(new Participant(lid, pid, e.getKey(), st));
        if (me != null && (lid.equals(me.userId()) || (pid != null && pid.equals(me.userPid())))
            && !"SUGGESTED".equals(st) && (myRole == null || e.getKey() == Role.ASSIGNED_AGENT)) {
          myRole = e.getKey();
        }
      }
    }
    for (var e : suggested.entrySet()) {
      if (participants.stream().noneMatch(p -> p.id().equals(e.getKey()) || e.getKey().equals(p.pid()))) {
        participants.add(new Participant(e.getKey(), null, Role.parse(e.getValue()), "SUGGESTED"));
      }
    }
    String consumerId = participants.stream().filter(p -> p.role() == Role.CONSUMER).map(Participant::id)
        .findFirst().orElse(previous == null || previous.consumer() == null ? null : previous.consumer().id());
    ConsumerProfile consumer = previous != null && previous.consumer() != null
        && java.util.Objects.equals(previous.consumer().id(), consumerId)
        ? previous.consumer()
        : new ConsumerProfile(consumerId, null, null, null, null, null, null, Map.of());
    String skill = first(Json.text(d, "skillId"), Json.text(d.path("conversationHandlerDetails"), "skillId"), "-1");
    String state = first(Json.text(d, "state"), "OPEN");
    if ("LOCKED".equals(state)) {
      state = "OPEN";
    }
    JsonNode ttrJ = d.path("ttr");
    Ttr ttr = ttrJ.isObject() ? new Ttr(first(Json.text(ttrJ, "ttrType"), "NORMAL"), Json.num(ttrJ, "value", 0))
        : previous != null ? previous.ttr() : new Ttr("NORMAL", 0);
    long ettr = Json.num(result, "effectiveTTR", -1);
    Instant lastUpdated = first(Json.millis(d, "metaDataLastUpdateTs"), Json.millis(result, "lastUpdateTime"));
    return new Conversation(id, consumer, skill, skillNames.getOrDefault(skill, previous == null ? null : previous.skillName()),
        "CLOSE".equals(state) ? "CLOSE" : "OPEN", Json.millis(d, "startTs"), Json.millis(d, "endTs"), ttr,
        ettr > 0 && !"CLOSE".equals(state) ? Instant.ofEpochMilli(ettr) : null, Json.millis(d, "manualETTR"),
        List.copyOf(participants), List.copyOf(dialogs), myRole,
        previous == null ? 0 : previous.unread(), previous == null ? null : previous.lastMessage(),
        previous == null ? null : previous.lastAgentActivity(),
        lastUpdated != null ? lastUpdated : previous != null ? previous.lastUpdated() : null,
        Json.text(d, "closeReason"));
  }

  private static Map<Role, List<String>> roles(JsonNode n) {
    Map<Role, List<String>> m = new LinkedHashMap<>();
    if (n != null && n.isObject()) {
      n.properties().forEach(e -> {
        Role r = Role.parse(e.getKey());
        if (r != null) {
          List<String> ids = new ArrayList<>();
          for (JsonNode x : e.getValue()) {
            ids.add(x.asText());
          }
          m.put(r, ids);
        }
      });
    } else if (n != null && n.isArray()) {
      // the shape the Node SDK hands its users: [{id, role}]
      for (JsonNode x : n) {
        Role r = Role.parse(Json.text(x, "role"));
        if (r != null) {
          m.computeIfAbsent(r, k -> new ArrayList<>()).add(Json.text(x, "id"));
        }
      }
    }
    return m;
  }

  /** One messaging event (OnlineEventDistribution body or a QueryMessages item). */
  public static Event event(JsonNode ev, String conversationId, Session me, String consumerId, String consumerName) {
    return event(ev, conversationId, me, consumerId, consumerName, Map.of());
  }

  /** {@code agentNames}: display names by legacy id, for the sender name of agent messages. */
  public static Event event(JsonNode ev, String conversationId, Session me, String consumerId, String consumerName,
      Map<String, String> agentNames) {
    JsonNode e = ev.path("event");
    String type = first(Json.text(e, "type"), "");
    String dialogId = Json.text(ev, "dialogId");
    String convId = first(Json.text(ev, "conversationId"), conversationId, dialogId);
    String origin = Json.text(ev, "originatorId");
    String originPid = first(Json.text(ev, "originatorPId"), Json.text(ev.path("originatorMetadata"), "id"));
    String role = Json.text(ev.path("originatorMetadata"), "role");
    boolean fromConsumer = "CONSUMER".equals(role)
        || (role == null && consumerId != null && (consumerId.equals(origin) || consumerId.equals(originPid)));
    boolean fromMe = me != null && (me.userId().equals(origin) || (originPid != null && originPid.equals(me.userPid())));
    switch (type) {
      case "AcceptStatusEvent" -> {
        List<Long> seqs = new ArrayList<>();
        for (JsonNode s : e.path("sequenceList")) {
          seqs.add(s.asLong());
        }
        return new Event(null, new Receipt(convId, dialogId, Json.text(e, "status"), List.copyOf(seqs), fromConsumer,
            fromMe), null);
      }
      case "ChatStateEvent" -> {
        return new Event(null, null, new ChatState(convId, dialogId, Json.text(e, "chatState"), fromConsumer));
      }
      default -> { }
    }
    Message.Content content = content(e);
    if (content == null) {
      return new Event(null, null, null);
    }
    Message.Sender sender;
    if (fromConsumer) {
      sender = Message.Sender.CONSUMER;
    } else if ("MANAGER".equals(role) || "READER".equals(role)) {
      sender = Message.Sender.MANAGER;
    } else if ("CONTROLLER".equals(role) || (origin == null && originPid == null)) {
      sender = Message.Sender.SYSTEM;
    } else {
      sender = Message.Sender.AGENT;
    }
    Message.Delivery delivery = fromConsumer ? Message.Delivery.DELIVERED : Message.Delivery.SENT;
    String localId = null;
    for (JsonNode m : Json.list(ev, "metadata")) {
      if ("ExternalId".equals(Json.text(m, "type")) && fromMe) {
        localId = Json.text(m, "id");
      }
    }
    return new Event(new Message(convId, dialogId, Json.num(ev, "sequence", -1), Json.millis(ev, "serverTimestamp"),
        sender, origin, originPid, fromConsumer ? consumerName : fromMe ? me.displayName() : origin == null ? null : agentNames.get(origin),
        content, delivery, localId, Message.Audience.parse(Json.text(ev, "messageAudience"))), null, null);
  }

  public static Message.Content content(JsonNode e) {
    String type = first(Json.text(e, "type"), "");
    if ("RichContentEvent".equals(type)) {
      JsonNode c = e.has("content") ? e.get("content") : e.path("message");
      return new Message.Rich(Json.write(c), Rich.lines(c));
    }
    if (!"ContentEvent".equals(type)) {
      return null;
    }
    String ct = first(Json.text(e, "contentType"), "text/plain");
    JsonNode m = e.path("message");
    switch (ct) {
      case "hosted/file":
        return new Message.File(Json.text(m, "relativePath"), Json.text(m, "fileType"), Json.text(m, "caption"),
            Json.text(m, "preview"));
      case "forms/secure-invitation":
        return new Message.FormInvitation(Json.text(m, "formId"), Json.text(m, "invitationId"), Json.text(m, "title"));
      case "forms/secure-submission":
        return new Message.FormSubmission(Json.text(m, "invitationId"), Json.text(m, "submissionId"));
      default:
        if (e.has("quickReplies") && e.get("quickReplies").isObject()) {
          // text with quick replies: keep the text first, then the chips as readable lines
          List<String> lines = new ArrayList<>();
          lines.add(m.isTextual() ? m.asText() : Json.write(m));
          lines.addAll(Rich.lines(e.get("quickReplies")));
          com.fasterxml.jackson.databind.node.ObjectNode both = Json.obj();
          both.set("message", m);
          both.set("quickReplies", e.get("quickReplies"));
          return new Message.Rich(Json.write(both), List.copyOf(lines));
        }
        return new Message.Text(m.isTextual() ? m.asText() : Json.write(m));
    }
  }

  /** Rings of one routing-task change, seen at {@code now}. */
  public static List<Ring> rings(JsonNode result, boolean transfer, java.time.Instant now) {
    List<Ring> out = new ArrayList<>();
    String convId = Json.text(result, "conversationId");
    for (JsonNode r : Json.list(result, "ringsDetails")) {
      out.add(new Ring(Json.text(r, "ringId"), first(convId, Json.text(r, "convId")),
          first(Json.text(result, "consumerId"), Json.text(r, "consumerId")),
          first(Json.text(result, "skillId"), Json.text(r, "skillId")), first(Json.text(r, "ringState"), "WAITING"),
          ringExpires(r, now), transfer));
    }
    return out;
  }

  /**
   * {@code ringExpirationTs} when sent; else {@code ringExpiration}, the ring's length in ms
   * (LivePerson's getting-started example sends only that), counted from when it is seen: the
   * docs do not say from when it counts, and counting from now never ends a ring early.
   */
  static java.time.Instant ringExpires(JsonNode r, java.time.Instant now) {
    java.time.Instant ts = Json.millis(r, "ringExpirationTs");
    if (ts != null) {
      return ts;
    }
    long length = Json.num(r, "ringExpiration", -1);
    return length > 0 && now != null ? now.plusMillis(length) : null;
  }

  @SafeVarargs
  static <T> T first(T... xs) {
    for (T x : xs) {
      if (x != null) {
        return x;
      }
    }
    return null;
  }
}
