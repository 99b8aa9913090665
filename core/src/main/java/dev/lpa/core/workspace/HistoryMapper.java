package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.core.internal.Json;
import dev.lpa.core.internal.Rich;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Dialog;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Participant;
import dev.lpa.core.model.Role;
import dev.lpa.core.model.Ttr;
import dev.lpa.core.rest.RestMapper;
import dev.lpa.core.workspace.Workspace.ConversationWithMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Messaging history records (REST) to the workspace's conversations with their messages. Here,
 * not in rest, because its result is a workspace type: rest knows the wire, not the workspace.
 */
public final class HistoryMapper {
  private HistoryMapper() {}

  public static ConversationWithMessages history(JsonNode rec, String accountId) {
    JsonNode info = rec.path("info");
    String convId = Json.text(info, "conversationId");
    JsonNode consumers = rec.has("consumerParticipants") ? rec.get("consumerParticipants") : rec.get("consumerParticipant");
    JsonNode cons = consumers != null && consumers.isArray() && consumers.size() > 0 ? consumers.get(0) : null;
    String consumerId = cons == null ? null : Json.text(cons, "participantId");
    ConsumerProfile profile = new ConsumerProfile(consumerId, RestMapper.undef(Json.text(cons, "firstName")),
        RestMapper.undef(Json.text(cons, "lastName")), RestMapper.undef(RestMapper.phone(Json.text(cons, "phone"))), RestMapper.undef(Json.text(cons, "email")),
        RestMapper.undef(Json.text(cons, "avatarURL")), RestMapper.undef(Json.text(info, "source")), Map.of());
    Map<String, String> agentNames = new HashMap<>();
    List<Participant> participants = new ArrayList<>();
    if (consumerId != null) {
      participants.add(new Participant(consumerId, consumerId, Role.CONSUMER, "ACTIVE"));
    }
    for (JsonNode a : Json.list(rec, "agentParticipants")) {
      String id = Json.text(a, "agentId");
      agentNames.put(id, RestMapper.first(Json.text(a, "agentNickname"), Json.text(a, "agentFullName"), Json.text(a, "agentLoginName")));
      Role role = Role.parse(RestMapper.nz(Json.text(a, "permission")));
      participants.add(new Participant(accountId + "." + id, null, role == null ? Role.AGENT : role, "ACTIVE"));
    }
    List<Dialog> dialogs = new ArrayList<>();
    for (JsonNode d : Json.list(rec, "dialogs")) {
      dialogs.add(new Dialog(Json.text(d, "dialogId"), RestMapper.nz(Json.text(d, "dialogType"), "MAIN"),
          RestMapper.nz(Json.text(d, "dialogChannelType"), "MESSAGING"), Json.text(d, "status"), List.of(), Map.of(),
          Json.millis(d, "startTimeL"), Json.millis(d, "endTimeL")));
    }
    if (dialogs.isEmpty() && convId != null) {
      dialogs.add(new Dialog(convId, "MAIN", "MESSAGING", Json.text(info, "status"), List.of(), Map.of(),
          Json.millis(info, "startTimeL"), Json.millis(info, "endTimeL")));
    }
    List<Message> msgs = new ArrayList<>();
    for (JsonNode m : Json.list(rec, "messageRecords")) {
      Message msg = historyMessage(m, convId, consumerId, profile.displayName(), agentNames, accountId);
      if (msg != null) {
        msgs.add(msg);
      }
    }
    msgs.sort(Comparator.comparing((Message m) -> m.time() == null ? Instant.EPOCH : m.time())
        .thenComparingLong(Message::sequence));
    JsonNode rt = rec.path("responseTime");
    long due = Json.num(rt, "latestEffectiveResponseDueTime", -1);
    String status = RestMapper.nz(Json.text(info, "status"), "CLOSE");
    Message last = msgs.isEmpty() ? null : msgs.get(msgs.size() - 1);
    Instant lastAgent = msgs.stream().filter(x -> x.sender() == Message.Sender.AGENT).map(Message::time)
        .filter(java.util.Objects::nonNull).reduce((a, b) -> b).orElse(null);
    Conversation c = new Conversation(convId, profile, RestMapper.nz(Json.text(info, "latestSkillId"), "-1"),
        Json.text(info, "latestSkillName"), "OPEN".equals(status) ? "OPEN" : "CLOSE", Json.millis(info, "startTimeL"),
        Json.millis(info, "endTimeL"), new Ttr("NORMAL", Json.num(rt, "configuredResponseTime", 0)),
        due > 0 && "OPEN".equals(status) ? Instant.ofEpochMilli(due) : null, null, List.copyOf(participants),
        List.copyOf(dialogs), null, 0, last, lastAgent, last == null ? Json.millis(info, "startTimeL") : last.time(),
        RestMapper.undef(Json.text(info, "closeReason")));
    return new ConversationWithMessages(c, List.copyOf(msgs));
  }

  private static Message historyMessage(JsonNode m, String convId, String consumerId, String consumerName,
      Map<String, String> agentNames, String accountId) {
    String type = RestMapper.nz(Json.text(m, "type"));
    JsonNode data = m.path("messageData");
    Message.Content content;
    switch (type) {
      case "TEXT_PLAIN", "TEXT_HTML" -> content = new Message.Text(RestMapper.nz(Json.text(data.path("msg"), "text")));
      case "HOSTED_FILE", "IMG" -> {
        JsonNode f = data.path("file");
        content = new Message.File(Json.text(f, "relativePath"), Json.text(f, "fileType"), Json.text(f, "caption"),
            Json.text(f, "preview"));
      }
      case "LINK" -> content = new Message.Text(RestMapper.nz(Json.text(data.path("link"), "externalFileLink")));
      case "RICH_CONTENT" -> {
        String raw = Json.text(data.path("richContent"), "content");
        JsonNode rc = data.path("richContent").path("content");
        String json = raw != null ? raw : Json.write(rc);
        content = new Message.Rich(json, Rich.lines(raw != null ? safeParse(raw) : rc));
      }
      case "SECURE_FORM_INVITATION" -> {
        JsonNode f = data.has("secureForm") ? data.get("secureForm") : data.path("msg");
        content = new Message.FormInvitation(Json.text(f, "formId"), Json.text(f, "invitationId"), Json.text(f, "title"));
      }
      case "SECURE_FORM_SUBMIT" -> {
        JsonNode f = data.has("secureForm") ? data.get("secureForm") : data.path("msg");
        content = new Message.FormSubmission(Json.text(f, "invitationId"), Json.text(f, "submissionId"));
      }
      default -> {
        String t = Json.text(data.path("msg"), "text");
        if (t == null) {
          return null;
        }
        content = new Message.Text(t);
      }
    }
    String sentBy = RestMapper.nz(Json.text(m, "sentBy"));
    String pid = Json.text(m, "participantId");
    boolean consumer = "Consumer".equalsIgnoreCase(sentBy);
    Message.Sender sender = consumer ? Message.Sender.CONSUMER
        : "System".equalsIgnoreCase(sentBy) ? Message.Sender.SYSTEM : Message.Sender.AGENT;
    String senderId = consumer ? RestMapper.nz(pid, consumerId) : pid == null ? null : accountId + "." + pid;
    String name = consumer ? consumerName : agentNames.get(pid);
    return new Message(convId, RestMapper.nz(Json.text(m, "dialogId"), convId), Json.num(m, "seq", -1), Json.millis(m, "timeL"),
        sender, senderId, consumer ? senderId : null, name, content,
        consumer ? Message.Delivery.READ : Message.Delivery.SENT, null,
        Message.Audience.parse(RestMapper.nz(Json.text(m, "audience"), Json.text(m, "messageAudience"))));
  }

  private static JsonNode safeParse(String s) {
    try {
      return Json.parse(s);
    } catch (RuntimeException e) {
      return Json.obj();
    }
  }
}
