package dev.lpa.core.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.core.internal.Json;
import dev.lpa.core.internal.Rich;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.CannedResponse;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Dialog;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Participant;
import dev.lpa.core.model.Role;
import dev.lpa.core.model.Skill;
import dev.lpa.core.model.Ttr;
import dev.lpa.core.workspace.Workspace.ConversationWithMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** REST JSON to model records. Lenient: ids may be numbers or strings, fields may be missing. */
public final class RestMapper {
  private RestMapper() {}

  public static CannedResponse canned(JsonNode n, Map<String, String> categories) {
    // the entry marked default, else the first: no language is assumed
    JsonNode data = null;
    for (JsonNode d : Json.list(n, "data")) {
      if (data == null || (Json.bool(d, "isDefault", false) && !Json.bool(data, "isDefault", false))) {
        data = d;
      }
    }
    if (data == null) {
      return null;
    }
    JsonNode hk = n.has("hotkey") ? n.get("hotkey") : n.get("hot-key");
    String hotkey = null;
    if (hk != null && hk.isObject()) {
      hotkey = nz(Json.text(hk, "prefix")) + nz(Json.text(hk, "suffix"));
    } else if (hk != null && hk.isTextual()) {
      hotkey = hk.asText();
    }
    List<String> cats = Json.strings(n, "categoriesIds");
    String category = cats.isEmpty() ? null : categories.getOrDefault(cats.get(0), cats.get(0));
    List<String> skills = n.has("skillIds") ? Json.strings(n, "skillIds") : Json.strings(n, "skillsIds");
    return new CannedResponse(Json.text(n, "id"), Json.text(data, "title"), Json.text(data, "msg"), category,
        hotkey == null || hotkey.isEmpty() ? null : hotkey, List.copyOf(skills));
  }

  public static Skill skill(JsonNode n, Map<String, Integer> online) {
    String id = Json.text(n, "id");
    List<String> transfer = Json.bool(n, "canTransfer", true) ? Json.strings(n, "skillTransferList")
        : id == null ? List.of() : List.of(id);
    return new Skill(id, Json.text(n, "name"), List.copyOf(transfer),
        online == null ? -1 : id == null ? 0 : online.getOrDefault(id, 0));
  }

  public static Map<String, Integer> onlinePerSkill(List<JsonNode> statusRecords) {
    Map<String, Integer> m = new HashMap<>();
    for (JsonNode r : statusRecords) {
      if (!"ONLINE".equalsIgnoreCase(Json.text(r, "currentStatus"))) {
        continue;
      }
      for (JsonNode s : Json.list(r, "agentSkills")) {
        m.merge(Json.text(s, "skillId"), 1, Integer::sum);
      }
    }
    return m;
  }

  public static Agent agent(JsonNode u, JsonNode status, Map<String, Integer> roleByProfile) {
    boolean manager = !Json.list(u, "managerOf").isEmpty();
    for (String p : Json.strings(u, "profileIds")) {
      if (roleByProfile.getOrDefault(p, 0) == 3) {
        manager = true;
      }
    }
    AgentState state = null;
    int open = -1;
    if (status != null) {
      String s = Json.text(status, "currentStatus");
      try {
        state = s == null ? null : AgentState.parse(s);
      } catch (IllegalArgumentException e) {
        state = null;
      }
      open = (int) Json.num(status, "openAssignedConversations", -1);
    } else {
      state = AgentState.OFFLINE;
    }
    long max = Json.num(u, "maxAsyncChats", -1);
    if (status != null && Json.num(status, "configuredMaxSlots", -1) >= 0) {
      max = Json.num(status, "configuredMaxSlots", -1);
    }
    return new Agent(Json.text(u, "id"), Json.text(u, "pid"), Json.text(u, "loginName"), Json.text(u, "fullName"),
        Json.text(u, "nickname"), Json.text(u, "pictureUrl"), manager, List.copyOf(Json.strings(u, "skillIds")),
        state, open, (int) max);
  }

  // --- history records ---

  public static ConversationWithMessages history(JsonNode rec, String accountId) {
    JsonNode info = rec.path("info");
    String convId = Json.text(info, "conversationId");
    JsonNode consumers = rec.has("consumerParticipants") ? rec.get("consumerParticipants") : rec.get("consumerParticipant");
    JsonNode cons = consumers != null && consumers.isArray() && consumers.size() > 0 ? consumers.get(0) : null;
    String consumerId = cons == null ? null : Json.text(cons, "participantId");
    ConsumerProfile profile = new ConsumerProfile(consumerId, undef(Json.text(cons, "firstName")),
        undef(Json.text(cons, "lastName")), undef(phone(Json.text(cons, "phone"))), undef(Json.text(cons, "email")),
        undef(Json.text(cons, "avatarURL")), undef(Json.text(info, "source")), Map.of());
    Map<String, String> agentNames = new HashMap<>();
    List<Participant> participants = new ArrayList<>();
    if (consumerId != null) {
      participants.add(new Participant(consumerId, consumerId, Role.CONSUMER, "ACTIVE"));
    }
    for (JsonNode a : Json.list(rec, "agentParticipants")) {
      String id = Json.text(a, "agentId");
      agentNames.put(id, first(Json.text(a, "agentNickname"), Json.text(a, "agentFullName"), Json.text(a, "agentLoginName")));
      Role role = Role.parse(nz(Json.text(a, "permission")));
      participants.add(new Participant(accountId + "." + id, null, role == null ? Role.AGENT : role, "ACTIVE"));
    }
    List<Dialog> dialogs = new ArrayList<>();
    for (JsonNode d : Json.list(rec, "dialogs")) {
      dialogs.add(new Dialog(Json.text(d, "dialogId"), nz(Json.text(d, "dialogType"), "MAIN"),
          nz(Json.text(d, "dialogChannelType"), "MESSAGING"), Json.text(d, "status"), List.of(), Map.of(),
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
    String status = nz(Json.text(info, "status"), "CLOSE");
    Message last = msgs.isEmpty() ? null : msgs.get(msgs.size() - 1);
    Instant lastAgent = msgs.stream().filter(x -> x.sender() == Message.Sender.AGENT).map(Message::time)
        .filter(java.util.Objects::nonNull).reduce((a, b) -> b).orElse(null);
    Conversation c = new Conversation(convId, profile, nz(Json.text(info, "latestSkillId"), "-1"),
        Json.text(info, "latestSkillName"), "OPEN".equals(status) ? "OPEN" : "CLOSE", Json.millis(info, "startTimeL"),
        Json.millis(info, "endTimeL"), new Ttr("NORMAL", Json.num(rt, "configuredResponseTime", 0)),
        due > 0 && "OPEN".equals(status) ? Instant.ofEpochMilli(due) : null, null, List.copyOf(participants),
        List.copyOf(dialogs), null, 0, last, lastAgent, last == null ? Json.millis(info, "startTimeL") : last.time(),
        undef(Json.text(info, "closeReason")));
    return new ConversationWithMessages(c, List.copyOf(msgs));
  }

  private static Message historyMessage(JsonNode m, String convId, String consumerId, String consumerName,
      Map<String, String> agentNames, String accountId) {
    String type = nz(Json.text(m, "type"));
    JsonNode data = m.path("messageData");
    Message.Content content;
    switch (type) {
      case "TEXT_PLAIN", "TEXT_HTML" -> content = new Message.Text(nz(Json.text(data.path("msg"), "text")));
      case "HOSTED_FILE", "IMG" -> {
        JsonNode f = data.path("file");
        content = new Message.File(Json.text(f, "relativePath"), Json.text(f, "fileType"), Json.text(f, "caption"),
            Json.text(f, "preview"));
      }
      case "LINK" -> content = new Message.Text(nz(Json.text(data.path("link"), "externalFileLink")));
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
    String sentBy = nz(Json.text(m, "sentBy"));
    String pid = Json.text(m, "participantId");
    boolean consumer = "Consumer".equalsIgnoreCase(sentBy);
    Message.Sender sender = consumer ? Message.Sender.CONSUMER
        : "System".equalsIgnoreCase(sentBy) ? Message.Sender.SYSTEM : Message.Sender.AGENT;
    String senderId = consumer ? nz(pid, consumerId) : pid == null ? null : accountId + "." + pid;
    String name = consumer ? consumerName : agentNames.get(pid);
    return new Message(convId, nz(Json.text(m, "dialogId"), convId), Json.num(m, "seq", -1), Json.millis(m, "timeL"),
        sender, senderId, consumer ? senderId : null, name, content,
        consumer ? Message.Delivery.READ : Message.Delivery.SENT, null,
        Message.Audience.parse(nz(Json.text(m, "audience"), Json.text(m, "messageAudience"))));
  }

  private static JsonNode safeParse(String s) {
    try {
      return Json.parse(s);
    } catch (RuntimeException e) {
      return Json.obj();
    }
  }

  static String phone(String p) {
    return p == null || p.equals("0") ? null : p;
  }

  static String undef(String s) {
    return s == null || s.isBlank() || "undefined".equals(s) || "null".equals(s) ? null : s;
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }

  static String nz(String s, String d) {
    return s == null ? d : s;
  }

  static String first(String... s) {
    for (String x : s) {
      if (undef(x) != null) {
        return x;
      }
    }
    return null;
  }
}
