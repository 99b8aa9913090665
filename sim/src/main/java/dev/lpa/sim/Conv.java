package dev.lpa.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One conversation as the simulator keeps it. Persisted by its fields (see {@link Store}). */
final class Conv {
  /** A participant. {@code id}: legacy {@code acct.user} id for agents, the consumer id for consumers. */
  static final class Part {
    String role;
    String id;
    String pid;
    String state = "ACTIVE";
    String dialogId;
    long since;

    Part() {}

    Part(String role, String id, String pid, String state, long since) {
      this.role = role;
      this.id = id;
      this.pid = pid;
      this.state = state;
      this.since = since;
    }
  }

  static final class Dialog {
    String dialogId;
    String dialogType = "MAIN";
    String channelType = "MESSAGING";
    String state = "OPEN";
    long creationTs;
    long endTs = -1;
    long metaDataLastUpdateTs;
    String closedBy;
    String closedCause;
    ObjectNode metaData;
    int nextSeq;
    List<ObjectNode> events = new ArrayList<>();
  }

  /** A transfer or back-to-queue, for history. */
  static final class Transfer {
    long timeL;
    String reason;
    long sourceSkillId;
    long targetSkillId;
    String sourceAgentId;
    String targetAgentId;
    String by;
  }

  String id;
  String consumerId;
  long skillId;
  String state = "OPEN";
  String stage = "OPEN";
  long startTs;
  long endTs = -1;
  String closeReason;
  String ttrType = "NORMAL";
  int ttrValue;
  Long manualEttr;
  String delayType;
  Long delayTillWhen;
  ObjectNode csat;
  String note;
  boolean firstConversation;
  ObjectNode context;
  String source = "APP";
  long lastUpdate;
  /** Time of the first consumer content event after the last agent content event, or -1. */
  long pendingSince = -1;
  /** Last content event of anyone (auto-close idle clock). */
  long lastActivity;
  long queueRank;
  /** Set by back-to-queue: the rank stays at the end instead of following the due time. */
  boolean rankPinned;
  long enqueueSeq;
  long queuedSince = -1;
  String returnedBy;
  Set<String> rejectedBy = new HashSet<>();
  String routingTaskId;
  List<Part> parts = new ArrayList<>();
  List<Dialog> dialogs = new ArrayList<>();
  List<Transfer> transfers = new ArrayList<>();
  /** Highest sequence each participant has marked READ, by participant id. */
  Map<String, Integer> readUpTo = new HashMap<>();

  boolean open() {
    return "OPEN".equals(state);
  }

  Dialog main() {
    return dialogs.get(0);
  }

  Dialog dialog(String dialogId) {
    for (Dialog d : dialogs) {
      if (d.dialogId.equals(dialogId)) {
        return d;
      }
    }
    return null;
  }

  Part assigned() {
    for (Part p : parts) {
      if ("ASSIGNED_AGENT".equals(p.role) && "ACTIVE".equals(p.state)) {
        return p;
      }
    }
    return null;
  }

  Part suggested() {
    for (Part p : parts) {
      if ("ASSIGNED_AGENT".equals(p.role) && "SUGGESTED".equals(p.state)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Waiting on a transfer: suggested to an agent, or moved to another skill since it was queued
   * (back to queue is not a transfer).
   */
  boolean inTransfer() {
    if (suggested() != null) {
      return true;
    }
    if (transfers.isEmpty()) {
      return false;
    }
    Transfer last = transfers.get(transfers.size() - 1);
    return !"back2Q".equals(last.reason) && last.timeL >= queuedSince;
  }

  /** The active (not suggested) role of this agent id, or null. */
  Part partOf(String legacyId) {
    for (Part p : parts) {
      if (!"CONSUMER".equals(p.role) && p.id.equals(legacyId) && "ACTIVE".equals(p.state)) {
        return p;
      }
    }
    return null;
  }

  boolean involves(String legacyId) {
    for (Part p : parts) {
      if (!"CONSUMER".equals(p.role) && p.id.equals(legacyId)) {
        return true;
      }
    }
    return false;
  }

  boolean queued() {
    return open() && assigned() == null;
  }

  /** Queue order: the current due time, or the pinned end-of-queue rank after back-to-queue. */
  long queueKey() {
    if (rankPinned) {
      return queueRank;
    }
    long e = effectiveTtr();
    return e > 0 ? e : queueRank;
  }

  long effectiveTtr() {
    if (manualEttr != null && manualEttr > 0) {
      return manualEttr;
    }
    if (!open() || pendingSince < 0) {
      return -1;
    }
    long start = pendingSince;
    if (delayTillWhen != null && delayTillWhen > start) {
      start = delayTillWhen;
    }
    return start + ttrValue * 1000L;
  }

  ObjectNode lastContentEvent() {
    ObjectNode last = null;
    for (ObjectNode e : main().events) {
      String t = e.path("event").path("type").asText();
      if (t.equals("ContentEvent") || t.equals("RichContentEvent")) {
        last = e;
      }
    }
    return last;
  }

  int unreadFor(String participantId, boolean isConsumer) {
    int upTo = readUpTo.getOrDefault(participantId, -1);
    int n = 0;
    for (ObjectNode e : main().events) {
      String t = e.path("event").path("type").asText();
      if (!t.equals("ContentEvent") && !t.equals("RichContentEvent")) {
        continue;
      }
      boolean fromConsumer = "CONSUMER".equals(e.path("originatorMetadata").path("role").asText());
      if (fromConsumer != isConsumer && e.path("sequence").asInt() > upTo) {
        n++;
      }
    }
    return n;
  }

  // --- rendering ---

  /** The agent-side {@code conversationDetails}: participant maps plus per-dialog details. */
  ObjectNode agentDetails() {
    ObjectNode d = commonDetails();
    Map<String, List<Part>> byRole = new LinkedHashMap<>();
    for (String r : List.of("CONSUMER", "ASSIGNED_AGENT", "AGENT", "MANAGER", "READER", "CONTROLLER")) {
      byRole.put(r, new ArrayList<>());
    }
    for (Part p : parts) {
      if (!"SUGGESTED".equals(p.state)) {
        byRole.computeIfAbsent(p.role, k -> new ArrayList<>()).add(p);
      }
    }
    ObjectNode legacy = d.putObject("participants");
    ObjectNode pids = d.putObject("participantsPId");
    for (Map.Entry<String, List<Part>> e : byRole.entrySet()) {
      ArrayNode l = legacy.putArray(e.getKey());
      ArrayNode p = pids.putArray(e.getKey());
      for (Part part : e.getValue()) {
        l.add(part.id);
        p.add(part.pid);
      }
    }
    ArrayNode dialogsOut = d.putArray("dialogs");
    for (Dialog dl : dialogs) {
      ObjectNode o = dialogNode(dl);
      ArrayNode det = o.putArray("participantsDetails");
      for (Part p : parts) {
        if (p.dialogId == null || p.dialogId.equals(dl.dialogId)) {
          det.addObject().put("id", p.id).put("role", p.role).put("state", p.state);
        }
      }
      dialogsOut.add(o);
    }
    return d;
  }

  /** The consumer-side {@code conversationDetails}: participants as an {@code [{id, role}]} array of PIDs. */
  ObjectNode consumerDetails() {
    ObjectNode d = commonDetails();
    ArrayNode ps = d.putArray("participants");
    for (Part p : parts) {
      if ("ACTIVE".equals(p.state) && !"READER".equals(p.role)) {
        ps.addObject().put("id", p.pid).put("role", p.role);
      }
    }
    ArrayNode dialogsOut = d.putArray("dialogs");
    for (Dialog dl : dialogs) {
      ObjectNode o = dialogNode(dl);
      ArrayNode det = o.putArray("participantsDetails");
      for (Part p : parts) {
        if ("ACTIVE".equals(p.state) && !"READER".equals(p.role)
            && (p.dialogId == null || p.dialogId.equals(dl.dialogId))) {
          det.addObject().put("id", p.pid).put("role", p.role);
        }
      }
      dialogsOut.add(o);
    }
    return d;
  }

  private ObjectNode commonDetails() {
    ObjectNode d = Json.obj();
    d.put("convId", id);
    d.put("skillId", String.valueOf(skillId));
    d.put("brandId", DemoAccount.ACCOUNT_ID);
    d.put("state", state);
    d.put("stage", stage);
    if (closeReason != null) {
      d.put("closeReason", closeReason);
    }
    d.put("startTs", startTs);
    if (endTs > 0) {
      d.put("endTs", endTs);
    }
    d.put("metaDataLastUpdateTs", lastUpdate);
    d.put("firstConversation", firstConversation);
    d.putObject("ttr").put("ttrType", ttrType).put("value", ttrValue);
    if (delayTillWhen != null) {
      d.putObject("delay").put("type", delayType == null ? "CUSTOM" : delayType).put("tillWhen", delayTillWhen);
    }
    if (manualEttr != null) {
      d.put("manualETTR", manualEttr);
    }
    if (csat != null) {
      d.set("csat", csat.deepCopy());
    }
    if (note != null) {
      d.put("note", note);
    }
    if (context != null) {
      d.set("context", context.deepCopy());
    }
    d.putObject("conversationHandlerDetails").put("accountId", DemoAccount.ACCOUNT_ID)
        .put("skillId", String.valueOf(skillId));
    return d;
  }

  private ObjectNode dialogNode(Dialog dl) {
    ObjectNode o = Json.obj();
    o.put("dialogId", dl.dialogId);
    o.put("dialogType", dl.dialogType);
    o.put("channelType", dl.channelType);
    o.put("state", dl.state);
    o.put("creationTs", dl.creationTs);
    if (dl.endTs > 0) {
      o.put("endTs", dl.endTs);
    }
    o.put("metaDataLastUpdateTs", dl.metaDataLastUpdateTs);
    if (dl.closedBy != null) {
      o.put("closedBy", dl.closedBy);
    }
    if (dl.closedCause != null) {
      o.put("closedCause", dl.closedCause);
    }
    if (dl.metaData != null) {
      o.set("metaData", dl.metaData.deepCopy());
    }
    return o;
  }

  /** An event as a consumer sees it: agents by PID, no legacy ids. */
  static ObjectNode forConsumer(ObjectNode stored) {
    ObjectNode e = stored.deepCopy();
    if (e.has("originatorPId")) {
      e.put("originatorId", e.get("originatorPId").asText());
      e.remove("originatorPId");
    }
    if (!e.has("messageAudience")) {
      e.put("messageAudience", "ALL");
    }
    if (!e.has("metadata")) {
      e.putNull("metadata");
    }
    return e;
  }

  static boolean isPrivate(JsonNode stored) {
    return "AGENTS_AND_MANAGERS".equals(stored.path("messageAudience").asText());
  }
}
