package dev.lpa.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Bearer-authenticated REST: messaging history (msgHist), account configuration, agent-view
 * status and queue health (rest-and-product.md §3-§5).
 */
final class RestApi {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
  static final String AC = "/api/account/{acct}/configuration";
  static final String MH = "/messaging_history/api/account/{acct}";

  private final Simulator sim;

  RestApi(Simulator sim) {
    this.sim = sim;
  }

  private Engine e() {
    return sim.engine();
  }

  void register(RoutesConfig r) {
    r.post(MH + "/conversations/search", ctx -> withUser(ctx, u -> search(ctx, u)));
    r.post(MH + "/conversations/conversation/search", ctx -> withUser(ctx, u -> byId(ctx, u)));
    r.post(MH + "/conversations/consumer/search", ctx -> withUser(ctx, u -> byConsumer(ctx, u)));
    r.post(MH + "/agent-view/status", ctx -> withUser(ctx, u -> agentStatus(ctx, u, false)));
    r.post(MH + "/agent-view/list", ctx -> withUser(ctx, u -> agentStatus(ctx, u, true)));
    r.post(MH + "/agent-view/summary", ctx -> withUser(ctx, u -> summary(ctx)));
    r.get("/operations/api/account/{acct}/msgqueuehealth/current", ctx -> withUser(ctx, u -> queueHealth(ctx)));
    r.get("/operations/api/account/{acct}/msgqueuehealth/current/", ctx -> withUser(ctx, u -> queueHealth(ctx)));
    r.get(AC + "/le-users/users", ctx -> withConfig(ctx, u -> list(ctx, users(), false)));
    r.get(AC + "/le-users/users/{id}", ctx -> {
      if (ctx.header("Authorization") == null) {
        publicProfile(ctx);
      } else {
        withConfig(ctx, u -> one(ctx, users()));
      }
    });
    r.get(AC + "/le-users/skills", ctx -> withConfig(ctx, u -> list(ctx, skills(), true)));
    r.get(AC + "/le-users/skills/{id}", ctx -> withConfig(ctx, u -> one(ctx, skills())));
    r.get(AC + "/le-users/agentGroups", ctx -> withConfig(ctx, u -> list(ctx, groups(), false)));
    r.get(AC + "/le-users/agentGroups/{id}", ctx -> withConfig(ctx, u -> one(ctx, groups())));
    r.get(AC + "/le-users/profiles", ctx -> withConfig(ctx, u -> list(ctx, profiles(), false)));
    r.get(AC + "/le-users/profiles/{id}", ctx -> withConfig(ctx, u -> one(ctx, profiles())));
    r.get(AC + "/engagement-window/canned-responses", ctx -> withConfig(ctx, u -> canned(ctx)));
    r.get(AC + "/engagement-window/canned-responses/{id}", ctx -> withConfig(ctx, u -> one(ctx, cannedItems())));
    r.get(AC + "/le-categories/categories", ctx -> withConfig(ctx, u -> {
      if (ctx.queryParam("return") != null) {
        // not a parameter of LivePerson's categories API: refused so that no client relies on it
        throw new Engine.Fail(400, "unknown query parameter return");
      }
      list(ctx, categories(), false);
    }));
    r.get(AC + "/engagement-window/auto-messages", ctx -> withUser(ctx, u -> ctx.json(autoMessages())));
    r.get(AC + "/engagement-window/unified-auto-messages", ctx -> withConfig(ctx, u -> list(ctx, autoMessages(), false)));
    r.get(AC + "/le-agents/status-reasons", ctx -> withConfig(ctx, u -> list(ctx, statusReasons(), false)));
    r.get(AC + "/setting/properties", ctx -> withConfig(ctx, u -> list(ctx, properties(), false)));
    r.get("/secureformconfig/v1/{acct}/form", ctx -> withUser(ctx, u -> ctx.json(forms())));
  }

  interface UserHandler {
    void handle(DemoAccount.User u) throws Exception;
  }

  /** decisions.md #14: a dead or missing bearer is 401 on REST. */
  private void withUser(Context ctx, UserHandler h) throws Exception {
    HttpRoutes.checkAccount(ctx);
    String a = ctx.header("Authorization");
    String bearer = a != null && a.regionMatches(true, 0, "Bearer ", 0, 7) ? a.substring(7).trim() : null;
    DemoAccount.User u = e().auth.live(bearer).map(s -> s.user)
        .orElseThrow(() -> new Engine.Fail(401, "Not Authenticated"));
    h.handle(u);
  }

  private void withConfig(Context ctx, UserHandler h) throws Exception {
    withUser(ctx, u -> {
      if (ctx.queryParam("v") == null) {
        throw new Engine.Fail(400, "query parameter v is required");
      }
      ctx.header("ac-revision", "1");
      h.handle(u);
    });
  }

  private JsonNode body(Context ctx) {
    try {
      String b = ctx.body();
      JsonNode n = b == null || b.isBlank() ? Json.obj() : Json.M.readTree(b);
      if (!n.isObject()) {
        throw new Engine.Fail(400, "body must be a JSON object");
      }
      return n;
    } catch (Engine.Fail f) {
      throw f;
    } catch (Exception ex) {
      throw new Engine.Fail(400, "body is not valid JSON");
    }
  }

  // ------------------------------------------------------------------ history

  /** Agents see what they took part in; managers also their teams' conversations and their queues. */
  private boolean historyVisible(DemoAccount.User u, Conv c) {
    if (e().visible(u, c) || touched(c, u.legacyId())) {
      return true;
    }
    if (u.isManager()) {
      for (DemoAccount.User t : DemoAccount.teamOf(u)) {
        if (touched(c, t.legacyId())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean touched(Conv c, String legacyId) {
    if (c.involves(legacyId)) {
      return true;
    }
    for (Conv.Transfer t : c.transfers) {
      if (legacyId.equals(t.sourceAgentId) || legacyId.equals(t.targetAgentId)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> strings(JsonNode n) {
    Set<String> out = new HashSet<>();
    Json.asArray(n).forEach(x -> out.add(x.asText()));
    return out;
  }

  private static boolean inRange(JsonNode range, long v) {
    if (range == null || !range.isObject()) {
      return true;
    }
    long from = range.path("from").asLong(Long.MIN_VALUE);
    long to = range.path("to").asLong(Long.MAX_VALUE);
    if (to == -1) {
      to = Long.MAX_VALUE;
    }
    return v >= from && v <= to;
  }

  private Predicate<Conv> filter(JsonNode b) {
    Set<String> status = strings(b.get("status"));
    Set<String> skills = strings(b.get("skillIds"));
    Set<String> latestSkills = strings(b.get("latestSkillIds"));
    Set<String> agentIds = strings(b.get("agentIds"));
    Set<String> latestAgents = strings(b.get("latestAgentIds"));
    Set<String> sources = strings(b.get("source"));
    String keyword = Json.text(b, "keyword");
    String queueState = Json.text(b, "latestConversationQueueState");
    return c -> {
      if (!inRange(b.get("start"), c.startTs)) {
        return false;
      }
      if (b.has("end") && (c.endTs < 0 || !inRange(b.get("end"), c.endTs))) {
        return false;
      }
      if (!status.isEmpty() && !status.contains(c.state)) {
        return false;
      }
      Set<String> convSkills = new HashSet<>();
      convSkills.add(String.valueOf(c.skillId));
      c.transfers.forEach(t -> convSkills.add(String.valueOf(t.sourceSkillId)));
      if (!skills.isEmpty() && convSkills.stream().noneMatch(skills::contains)) {
        return false;
      }
      if (!latestSkills.isEmpty() && !latestSkills.contains(String.valueOf(c.skillId))) {
        return false;
      }
      if (!agentIds.isEmpty() && agentUserIds(c).stream().noneMatch(agentIds::contains)) {
        return false;
      }
      if (!latestAgents.isEmpty() && !latestAgents.contains(latestAgentUserId(c))) {
        return false;
      }
      if (!sources.isEmpty() && !sources.contains(c.source)) {
        return false;
      }
      if (b.has("csat") && (c.csat == null || !inRange(b.get("csat"), c.csat.path("csatRate").asLong()))) {
        return false;
      }
      if (queueState != null && !queueState.equals(c.queued() ? "IN_QUEUE" : "ACTIVE")) {
        return false;
      }
      if (keyword != null && !keyword.isBlank()) {
        String k = keyword.replace("\"", "").toLowerCase(Locale.ROOT);
        boolean hit = false;
        for (ObjectNode ev : c.main().events) {
          JsonNode m = ev.path("event").path("message");
          if (m.isTextual() && m.asText().toLowerCase(Locale.ROOT).contains(k)) {
            hit = true;
          }
        }
        if (!hit) {
          return false;
        }
      }
      return true;
    };
  }

  private static String bareId(String legacyId) {
    int i = legacyId == null ? -1 : legacyId.indexOf('.');
    return i < 0 ? legacyId : legacyId.substring(i + 1);
  }

  private static Set<String> agentUserIds(Conv c) {
    Set<String> ids = new LinkedHashSet<>();
    for (Conv.Part p : c.parts) {
      if (!"CONSUMER".equals(p.role)) {
        ids.add(bareId(p.id));
      }
    }
    for (Conv.Transfer t : c.transfers) {
      if (t.sourceAgentId != null) {
        ids.add(bareId(t.sourceAgentId));
      }
    }
    return ids;
  }

  private static String latestAgentUserId(Conv c) {
    Conv.Part a = c.assigned();
    if (a != null) {
      return bareId(a.id);
    }
    for (int i = c.transfers.size() - 1; i >= 0; i--) {
      if (c.transfers.get(i).sourceAgentId != null) {
        return bareId(c.transfers.get(i).sourceAgentId);
      }
    }
    return null;
  }

  private void search(Context ctx, DemoAccount.User u) {
    JsonNode b = body(ctx);
    if (!b.path("start").isObject()) {
      throw new Engine.Fail(400, "start {from, to} is required");
    }
    int offset = intParam(ctx, "offset", 0);
    int limit = Math.min(intParam(ctx, "limit", 50), 100);
    String sort = ctx.queryParam("sort") == null ? "start:desc" : ctx.queryParam("sort");
    List<Conv> hits;
    synchronized (e()) {
      Predicate<Conv> f = filter(b);
      hits = new ArrayList<>(e().convs.values().stream().filter(c -> historyVisible(u, c)).filter(f).toList());
      Comparator<Conv> cmp = switch (sort) {
        case "start:asc" -> Comparator.comparingLong(c -> c.startTs);
        case "end:asc" -> Comparator.comparingLong(c -> c.endTs);
        case "end:desc" -> Comparator.comparingLong((Conv c) -> c.endTs).reversed();
        case "responseTime:asc" -> Comparator.comparingLong(c -> c.effectiveTtr() < 0 ? Long.MAX_VALUE : c.effectiveTtr());
        default -> Comparator.comparingLong((Conv c) -> c.startTs).reversed();
      };
      hits.sort(cmp);
      respond(ctx, hits, offset, limit, b.get("contentToRetrieve"));
    }
  }

  private static int intParam(Context ctx, String name, int dflt) {
    String v = ctx.queryParam(name);
    try {
      return v == null ? dflt : Math.max(0, Integer.parseInt(v));
    } catch (NumberFormatException ex) {
      throw new Engine.Fail(400, name + " must be a number");
    }
  }

  private void respond(Context ctx, List<Conv> hits, int offset, int limit, JsonNode content) {
    ObjectNode o = Json.obj();
    ObjectNode meta = o.putObject("_metadata");
    meta.put("count", hits.size());
    meta.putObject("self").put("rel", "self").put("href", ctx.url() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
    if (offset + limit < hits.size()) {
      meta.putObject("next").put("rel", "next").put("href", ctx.url() + "?offset=" + (offset + limit) + "&limit=" + limit);
    }
    meta.putObject("shardsStatusResult").put("partialResult", false);
    ArrayNode recs = o.putArray("conversationHistoryRecords");
    Set<String> want = content == null ? null : strings(content);
    for (int i = offset; i < Math.min(hits.size(), offset + limit); i++) {
      recs.add(record(hits.get(i), want));
    }
    ctx.json(o);
  }

  private void byId(Context ctx, DemoAccount.User u) {
    JsonNode b = body(ctx);
    Set<String> ids = new LinkedHashSet<>();
    if (b.hasNonNull("conversationId")) {
      ids.add(b.get("conversationId").asText());
    }
    ids.addAll(strings(b.get("conversationIds")));
    if (ids.isEmpty() || ids.size() > 100) {
      throw new Engine.Fail(400, "conversationId or 1..100 conversationIds are required");
    }
    synchronized (e()) {
      List<Conv> hits = ids.stream().map(e().convs::get).filter(c -> c != null && historyVisible(u, c)).toList();
      respond(ctx, hits, 0, 100, b.get("contentToRetrieve"));
    }
  }

  private void byConsumer(Context ctx, DemoAccount.User u) {
    JsonNode b = body(ctx);
    String consumer = Json.text(b, "consumer");
    if (consumer == null) {
      throw new Engine.Fail(400, "consumer is required");
    }
    Set<String> status = strings(b.get("status"));
    synchronized (e()) {
      List<Conv> hits = new ArrayList<>(e().convs.values().stream()
          .filter(c -> c.consumerId.equals(consumer))
          .filter(c -> status.isEmpty() || status.contains(c.state))
          .filter(c -> historyVisible(u, c) || consumerSharesWith(u, consumer))
          .toList());
      hits.sort(Comparator.comparingLong((Conv c) -> c.startTs).reversed());
      respond(ctx, hits, intParam(ctx, "offset", 0), Math.min(intParam(ctx, "limit", 50), 100), b.get("contentToRetrieve"));
    }
  }

  /** The rollover view: an agent handling a consumer now may read that consumer's past conversations. */
  private boolean consumerSharesWith(DemoAccount.User u, String consumerId) {
    return e().convs.values().stream().anyMatch(c -> c.consumerId.equals(consumerId) && e().visible(u, c));
  }

  private String time(long ms) {
    return ms < 0 ? "undefined" : TIME.format(Instant.ofEpochMilli(ms));
  }

  private ObjectNode record(Conv c, Set<String> want) {
    ObjectNode r = Json.obj();
    ObjectNode info = r.putObject("info");
    info.put("conversationId", c.id);
    info.put("brandId", DemoAccount.ACCOUNT_ID);
    info.put("status", c.state);
    info.put("fullDialogStatus", c.state);
    info.put("startTime", time(c.startTs));
    info.put("startTimeL", c.startTs);
    info.put("endTime", time(c.endTs));
    info.put("endTimeL", c.endTs);
    info.put("duration", (c.endTs > 0 ? c.endTs : e().now()) - c.startTs);
    if (c.closeReason != null) {
      info.put("closeReason", c.closeReason);
      info.put("closeReasonDescription", switch (c.closeReason) {
        case "TIMEOUT" -> "AUTO_CLOSE";
        case "CONSUMER" -> "CONSUMER_CLOSE";
        default -> "MANUAL_CLOSE";
      });
    }
    info.put("firstConversation", c.firstConversation);
    if (c.csat != null) {
      info.put("csat", c.csat.path("csatRate").asInt());
    }
    info.put("source", c.source);
    info.put("device", "NA");
    info.put("latestSkillId", c.skillId);
    info.put("latestSkillName", DemoAccount.skill(c.skillId).map(DemoAccount.Skill::name).orElse("Unassigned"));
    String latest = latestAgentUserId(c);
    if (latest != null) {
      DemoAccount.userById(latest).ifPresent(a -> {
        info.put("latestAgentId", a.userId());
        info.put("latestAgentLoginName", a.login());
        info.put("latestAgentNickname", a.nickname());
        info.put("latestAgentFullName", a.fullName());
        info.put("latestAgentGroupId", a.memberOf());
        info.put("latestAgentGroupName", groupName(a.memberOf()));
      });
    }
    info.put("agentDeleted", false);
    info.put("latestQueueState", c.queued() ? "IN_QUEUE" : "ACTIVE");
    info.put("isPartial", false);
    if (want == null || want.contains("messageRecords")) {
      ArrayNode msgs = r.putArray("messageRecords");
      for (ObjectNode ev : c.main().events) {
        ObjectNode m = messageRecord(c, ev);
        if (m != null) {
          msgs.add(m);
        }
      }
    }
    if (want == null || want.contains("agentParticipants")) {
      ArrayNode ap = r.putArray("agentParticipants");
      for (Conv.Part p : c.parts) {
        if ("CONSUMER".equals(p.role)) {
          continue;
        }
        DemoAccount.userByAnyId(p.id).ifPresent(a -> ap.addObject()
            .put("agentId", a.userId()).put("agentLoginName", a.login()).put("agentNickname", a.nickname())
            .put("agentFullName", a.fullName()).put("agentDeleted", false).put("userType", "1")
            .put("userTypeName", "Human").put("role", a.isManager() ? "MANAGER" : "AGENT")
            .put("agentGroupId", a.memberOf()).put("agentGroupName", groupName(a.memberOf()))
            .put("time", time(p.since)).put("timeL", p.since).put("permission", p.role)
            .put("dialogId", p.dialogId == null ? c.id : p.dialogId));
      }
    }
    if (want == null || want.contains("consumerParticipants")) {
      Engine.ConsumerInfo ci = e().consumers.get(c.consumerId);
      ObjectNode cp = r.putArray("consumerParticipants").addObject();
      cp.put("participantId", c.consumerId);
      cp.put("firstName", ci == null ? "Visitor" : ci.firstName);
      cp.put("lastName", ci == null ? "" : ci.lastName);
      cp.put("consumerName", ci == null ? "Visitor" : ci.name());
      cp.put("token", "undefined");
      cp.put("email", ci == null || ci.email == null ? "undefined" : ci.email);
      cp.put("phone", ci == null || ci.phone == null ? "0" : ci.phone);
      cp.put("avatarURL", ci == null || ci.avatarUrl == null ? "undefined" : ci.avatarUrl);
      cp.put("time", time(c.startTs)).put("timeL", c.startTs).put("joinTime", time(c.startTs))
          .put("joinTimeL", c.startTs).put("dialogId", c.id);
    }
    if (want == null || want.contains("transfers")) {
      ArrayNode ts = r.putArray("transfers");
      for (Conv.Transfer t : c.transfers) {
        ObjectNode o = ts.addObject();
        o.put("time", time(t.timeL)).put("timeL", t.timeL)
            .put("assignedAgentId", t.targetAgentId == null ? "null" : bareId(t.targetAgentId))
            .put("targetSkillId", t.targetSkillId)
            .put("targetSkillName", DemoAccount.skill(t.targetSkillId).map(DemoAccount.Skill::name).orElse("Unassigned"))
            .put("sourceSkillId", t.sourceSkillId)
            .put("sourceSkillName", DemoAccount.skill(t.sourceSkillId).map(DemoAccount.Skill::name).orElse("Unassigned"))
            .put("sourceAgentId", t.sourceAgentId == null ? "null" : bareId(t.sourceAgentId))
            .put("reason", t.reason).put("by", bareId(t.by)).put("dialogId", c.id);
        DemoAccount.userByAnyId(t.sourceAgentId).ifPresent(a -> o.put("sourceAgentLoginName", a.login())
            .put("sourceAgentNickname", a.nickname()).put("sourceAgentFullName", a.fullName()));
      }
    }
    if (want != null && want.contains("dialogs")) {
      ArrayNode ds = r.putArray("dialogs");
      for (Conv.Dialog d : c.dialogs) {
        ds.addObject().put("dialogId", d.dialogId).put("status", d.state).put("dialogType", d.dialogType)
            .put("dialogChannelType", d.channelType).put("startTimeL", d.creationTs).put("endTimeL", d.endTs)
            .put("skillId", c.skillId);
      }
    }
    if (want != null && want.contains("responseTime")) {
      r.putObject("responseTime").put("latestEffectiveResponseDueTime", c.effectiveTtr())
          .put("configuredResponseTime", c.ttrValue);
    }
    if (want == null || want.contains("summary")) {
      if (c.note != null) {
        r.putObject("summary").put("text", c.note).put("lastUpdatedTime", c.lastUpdate);
      }
    }
    if (want == null || want.contains("messageStatuses")) {
      ArrayNode st = r.putArray("messageStatuses");
      for (ObjectNode ev : c.main().events) {
        JsonNode event = ev.path("event");
        if (!"AcceptStatusEvent".equals(event.path("type").asText())) {
          continue;
        }
        boolean consumer = "CONSUMER".equals(ev.path("originatorMetadata").path("role").asText());
        for (JsonNode s : event.path("sequenceList")) {
          st.addObject().put("messageId", "ms::conv:" + c.id + "::msg:" + s.asInt()).put("seq", s.asInt())
              .put("timeL", ev.path("serverTimestamp").asLong())
              .put("participantId", consumer ? c.consumerId : bareId(ev.path("originatorId").asText()))
              .put("participantType", consumer ? "Consumer" : "Agent")
              .put("messageDeliveryStatus", event.path("status").asText()).put("dialogId", c.id);
        }
      }
    }
    if ((want == null || want.contains("conversationSurveys")) && c.csat != null) {
      r.putArray("conversationSurveys").addObject().put("surveyType", "Satisfaction")
          .put("surveyStatus", c.csat.path("status").asText("FILLED")).put("dialogId", c.id)
          .putArray("surveyData").addObject().put("question", "How would you rate the service?")
          .put("answer", c.csat.path("csatRate").asText());
    }
    return r;
  }

  private ObjectNode messageRecord(Conv c, ObjectNode ev) {
    JsonNode event = ev.path("event");
    String t = event.path("type").asText();
    String type;
    ObjectNode data = Json.obj();
    if (t.equals("ContentEvent")) {
      String ct = event.path("contentType").asText();
      JsonNode m = event.path("message");
      switch (ct) {
        case "text/plain" -> {
          type = "TEXT_PLAIN";
          data.putObject("msg").put("text", m.asText());
        }
        case "hosted/file" -> {
          type = "HOSTED_FILE";
          data.putObject("file").put("relativePath", m.path("relativePath").asText())
              .put("fileType", m.path("fileType").asText()).put("caption", m.path("caption").asText());
        }
        case "forms/secure-invitation" -> {
          type = "SECURE_FORM_INVITATION";
          data.set("secureFormInvitation", m.deepCopy());
        }
        case "forms/secure-submission" -> {
          type = "SECURE_FORM_SUBMIT";
          data.set("secureFormSubmit", m.deepCopy());
        }
        default -> {
          return null;
        }
      }
      if (event.has("quickReplies")) {
        data.putObject("quickReplies").put("content", Json.write(event.get("quickReplies")));
      }
    } else if (t.equals("RichContentEvent")) {
      type = "RICH_CONTENT";
      data.putObject("richContent").put("content", Json.write(event.path("content")));
    } else {
      return null;
    }
    boolean consumer = "CONSUMER".equals(ev.path("originatorMetadata").path("role").asText());
    ObjectNode m = Json.obj();
    int seq = ev.path("sequence").asInt();
    long ts = ev.path("serverTimestamp").asLong();
    m.put("type", type);
    m.set("messageData", data);
    m.put("messageId", "ms::conv:" + c.id + "::msg:" + seq);
    m.put("seq", seq);
    m.put("dialogId", ev.path("dialogId").asText());
    m.put("participantId", consumer ? c.consumerId : bareId(ev.path("originatorId").asText()));
    m.put("time", time(ts));
    m.put("timeL", ts);
    m.put("sentBy", consumer ? "Consumer" : "Agent");
    m.put("source", c.source);
    m.put("device", "NA");
    if (Conv.isPrivate(ev)) {
      m.put("audience", "AGENTS_AND_MANAGERS");
    }
    return m;
  }

  private static String groupName(long id) {
    return DemoAccount.GROUPS.stream().filter(g -> g.id() == id).map(DemoAccount.Group::name).findFirst().orElse("Unassigned");
  }

  // ------------------------------------------------------------------ agent view

  private void agentStatus(Context ctx, DemoAccount.User me, boolean transferList) {
    JsonNode b = body(ctx);
    Set<String> status = strings(b.get("status"));
    Set<String> ids = strings(b.get("agentIds"));
    Set<String> skills = strings(b.get("skillIds"));
    Set<String> groups = strings(b.get("agentGroupIds"));
    boolean presence = !b.has("agentPresence") || b.get("agentPresence").asBoolean(true);
    if (transferList && skills.isEmpty()) {
      throw new Engine.Fail(400, "skillIds is required");
    }
    ObjectNode o = Json.obj();
    ArrayNode recs = Json.arr();
    synchronized (e()) {
      for (Engine.AgentRt a : e().agents.values()) {
        DemoAccount.User u = a.user;
        String st = metricsStatus(a.availability);
        boolean connected = !a.conns.isEmpty();
        if (presence && !connected && !transferList) {
          continue;
        }
        if (!status.isEmpty() && !status.contains(st)) {
          continue;
        }
        if (!ids.isEmpty() && !ids.contains(u.userId())) {
          continue;
        }
        if (!groups.isEmpty() && !groups.contains(String.valueOf(u.memberOf()))) {
          continue;
        }
        if (!skills.isEmpty() && u.skillIds().stream().map(String::valueOf).noneMatch(skills::contains)) {
          continue;
        }
        if (transferList && u.userId().equals(me.userId())) {
          continue;
        }
        int load = e().load(a);
        ObjectNode r = recs.addObject();
        r.put("agentId", u.userId()).put("agentName", u.fullName()).put("agentNickname", u.nickname())
            .put("agentLoginName", u.login()).put("agentPictureURL", u.pictureUrl())
            .put("agentGroupId", u.memberOf()).put("agentGroupName", groupName(u.memberOf()));
        ArrayNode sk = r.putArray("agentSkills");
        u.skillIds().forEach(s -> sk.addObject().put("skillId", String.valueOf(s))
            .put("skillName", DemoAccount.skill(s).map(DemoAccount.Skill::name).orElse("")));
        long since = a.availabilitySince;
        r.put("currentStatus", st).put("currentStatusDuration", Math.max(0, e().now() - since))
            .put("currentStatusStartTime", time(since)).put("currentStatusStartTimeL", since)
            .put("lastUpdatedTime", time(since)).put("lastUpdatedTimeL", since)
            .put("load", Math.round(100.0 * load / u.maxSlots()))
            .put("ringingSlots", e().rings.values().stream().filter(x -> x.agentId.equals(u.legacyId())).count())
            .put("configuredMaxSlots", u.maxSlots()).put("busySlots", load)
            .put("openAssignedConversations", load).put("intenseConversations", load)
            .put("agentPresence", String.valueOf(connected))
            .put("currentConnectionState", connected ? "CONNECTED" : "DISCONNECTED");
      }
    }
    o.putObject("_metadata").put("count", recs.size()).putObject("shardsStatusResult").put("partialResult", false);
    o.put("accountID", DemoAccount.ACCOUNT_ID);
    o.set("agentStatusRecords", recs);
    ctx.json(o);
  }

  static String metricsStatus(String availability) {
    return switch (availability) {
      case "OCCUPIED", "BACK_SOON" -> "BACK_SOON";
      default -> availability;
    };
  }

  private void summary(Context ctx) {
    ObjectNode o = Json.obj();
    o.put("accountID", DemoAccount.ACCOUNT_ID);
    ObjectNode s = o.putObject("summaryResults");
    synchronized (e()) {
      int open = 0;
      int online = 0;
      int away = 0;
      int backSoon = 0;
      int slots = 0;
      for (Engine.AgentRt a : e().agents.values()) {
        if (a.conns.isEmpty()) {
          continue;
        }
        open += e().load(a);
        slots += a.user.maxSlots();
        switch (metricsStatus(a.availability)) {
          case "ONLINE" -> online++;
          case "AWAY" -> away++;
          case "BACK_SOON" -> backSoon++;
          default -> { }
        }
      }
      s.put("openAssignedConversations", open).put("weightedAvgLoad", slots == 0 ? 0 : 100.0 * open / slots)
          .put("numAwayAgents", away).put("numBackSoonAgents", backSoon).put("numOnlineAgents", online);
    }
    ctx.json(o);
  }

  private void queueHealth(Context ctx) {
    String p = ctx.queryParam("skillIds");
    Set<String> wanted = p == null || p.equals("all") ? Set.of() : Set.of(p.split(","));
    boolean withOverdue = "true".equalsIgnoreCase(ctx.queryParam("overdueConversations"));
    ObjectNode o = Json.obj();
    ObjectNode per = o.putObject("skillsMetrics");
    long now = e().now();
    List<Conv> allQueued = new java.util.ArrayList<>();
    List<Conv> allAssigned = new java.util.ArrayList<>();
    synchronized (e()) {
      for (DemoAccount.Skill s : DemoAccount.SKILLS) {
        if (!wanted.isEmpty() && !wanted.contains(String.valueOf(s.id()))) {
          continue;
        }
        List<Conv> queued = new java.util.ArrayList<>();
        List<Conv> assigned = new java.util.ArrayList<>();
        for (Conv c : e().convs.values()) {
          if (Engine.routingSkill(c) != s.id() || !c.open()) {
            continue;
          }
          (c.queued() ? queued : assigned).add(c);
        }
        allQueued.addAll(queued);
        allAssigned.addAll(assigned);
        ObjectNode m = queueMetrics(queued, now);
        if (withOverdue) {
          overdueMetrics(m, queued, assigned, now);
        }
        per.set(String.valueOf(s.id()), m);
      }
      ObjectNode total = queueMetrics(allQueued, now);
      if (withOverdue) {
        overdueMetrics(total, allQueued, allAssigned, now);
      }
      o.set("metricsTotal", total);
    }
    ctx.json(o);
  }

  /**
   * LivePerson's overdue metrics, sent only when asked with {@code overdueConversations=true}:
   * open conversations whose effective due time (effectiveTTR) has passed, in the queue and
   * assigned to an agent.
   */
  static void overdueMetrics(ObjectNode m, List<Conv> queued, List<Conv> assigned, long now) {
    int inQueue = overdueCount(queued, now);
    int onAgents = overdueCount(assigned, now);
    m.put("overdueConversationsInQueue", inQueue).put("overdueConversationsAssigned", onAgents)
        .put("overdueConversationsTotal", inQueue + onAgents);
  }

  private static int overdueCount(List<Conv> convs, long now) {
    int n = 0;
    for (Conv c : convs) {
      long due = c.effectiveTtr();
      if (due > 0 && now > due) {
        n++;
      }
    }
    return n;
  }

  /**
   * The numbers of LivePerson's msgqueuehealth for a set of unassigned conversations.
   * "Actionable" means waiting on the brand (the consumer wrote last, or a transfer is under
   * way); that is not "overdue".
   */
  static ObjectNode queueMetrics(List<Conv> queued, long now) {
    int actionable = 0;
    int manualSla = 0;
    int duringTransfer = 0;
    int consumerLast = 0;
    int notActionableTransfer = 0;
    int notActionableManual = 0;
    int firstTime = 0;
    List<Long> waits = new java.util.ArrayList<>();
    long sumNew = 0;
    int nNew = 0;
    long sumAfterTransfer = 0;
    int nAfterTransfer = 0;
    for (Conv c : queued) {
      boolean transfer = c.inTransfer();
      boolean manual = c.manualEttr != null && c.manualEttr > 0;
      boolean isActionable = c.pendingSince >= 0 || transfer;
      if (isActionable) {
        actionable++;
        manualSla += manual ? 1 : 0;
        duringTransfer += transfer ? 1 : 0;
        consumerLast += c.pendingSince >= 0 ? 1 : 0;
      } else {
        notActionableTransfer += transfer ? 1 : 0;
        notActionableManual += manual ? 1 : 0;
      }
      firstTime += c.firstConversation ? 1 : 0;
      long wait = Math.max(0, now - (c.queuedSince >= 0 ? c.queuedSince : c.startTs));
      waits.add(wait);
      if (c.transfers.isEmpty()) {
        sumNew += wait;
        nNew++;
      } else {
        sumAfterTransfer += wait;
        nAfterTransfer++;
      }
    }
    java.util.Collections.sort(waits);
    int n = queued.size();
    return Json.obj().put("time", now).put("unassignedConversations", n)
        .put("actionableConversations", actionable).put("notActionableConversations", n - actionable)
        .put("actionableAndManualSla", manualSla).put("actionableAndDuringTransfer", duringTransfer)
        .put("actionableAndConsumerLastMessage", consumerLast)
        .put("notActionableDuringTransfer", notActionableTransfer).put("notActionableAndManualSla", notActionableManual)
        .put("unassignedConversationsAndFirstTimeConsumer", firstTime)
        .put("avgWaitTimeForAgentAssignment_NewConversation", nNew == 0 ? -1 : sumNew / nNew)
        .put("avgWaitTimeForAgentAssignment_AfterTransfer", nAfterTransfer == 0 ? -1 : sumAfterTransfer / nAfterTransfer)
        .put("maxWaitTimeForAgentAssignment", n == 0 ? -1 : waits.get(n - 1))
        .put("waitTimeForAgentAssignment_50thPercentile", percentile(waits, 50))
        .put("waitTimeForAgentAssignment_90thPercentile", percentile(waits, 90));
  }

  /** Nearest-rank percentile of sorted values; -1 (LivePerson's "no data") when empty. */
  static long percentile(List<Long> sorted, int pct) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int rank = (int) Math.ceil(pct / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  // ------------------------------------------------------------------ account config

  private static ArrayNode ids(List<Long> l) {
    ArrayNode a = Json.arr();
    l.forEach(a::add);
    return a;
  }

  private List<ObjectNode> users() {
    List<ObjectNode> out = new ArrayList<>();
    for (DemoAccount.User u : DemoAccount.USERS) {
      ObjectNode o = Json.obj();
      o.put("id", u.userId()).put("pid", u.pid()).put("deleted", false).put("loginName", u.login())
          .put("fullName", u.fullName()).put("nickname", u.nickname()).put("email", u.email())
          .put("isEnabled", true).put("disabledManually", false).put("isApiUser", false).put("userTypeId", 1)
          .put("maxChats", 0).put("maxAsyncChats", u.maxSlots()).put("pictureUrl", u.pictureUrl())
          .put("employeeId", "EMP-" + u.userId());
      o.set("skillIds", ids(u.skillIds()));
      o.set("profileIds", ids(List.of(u.isManager() ? DemoAccount.PROFILE_MANAGER : DemoAccount.PROFILE_AGENT)));
      o.putArray("lobIds");
      o.putObject("memberOf").put("agentGroupId", String.valueOf(u.memberOf())).put("assignmentDate", "2025-01-06 09:00:00");
      ArrayNode mo = o.putArray("managerOf");
      u.managerOf().forEach(g -> mo.addObject().put("agentGroupId", String.valueOf(g)).put("assignmentDate", "2025-01-06 09:00:00"));
      out.add(o);
    }
    return out;
  }

  /**
   * The consumer-facing agent card (the acCdnDomain form): no bearer, looked up by the agent's PID,
   * only what a consumer may see.
   */
  private void publicProfile(Context ctx) {
    HttpRoutes.checkAccount(ctx);
    DemoAccount.User u = DemoAccount.USERS.stream().filter(x -> x.pid().equals(ctx.pathParam("id"))).findFirst()
        .orElseThrow(() -> new Engine.Fail(404, "not found: " + ctx.pathParam("id")));
    ObjectNode o = Json.obj();
    o.put("id", u.pid()).put("nickname", u.nickname()).put("fullName", u.fullName())
        .put("employeeId", "EMP-" + u.userId()).put("pictureUrl", u.pictureUrl());
    ctx.json(o);
  }

  private List<ObjectNode> skills() {
    List<ObjectNode> out = new ArrayList<>();
    int order = 0;
    for (DemoAccount.Skill s : DemoAccount.SKILLS) {
      ObjectNode o = Json.obj();
      o.put("id", s.id()).put("deleted", false).put("name", s.name()).put("description", s.description())
          .put("skillOrder", order++).put("maxWaitTime", 120).put("wrapUpTime", 0).put("canTransfer", s.canTransfer())
          .put("slaDefaultResponseTime", s.slaDefault()).put("slaUrgentResponseTime", s.slaUrgent())
          .put("slaFirstTimeResponseTime", s.slaFirstTime()).put("workingHoursId", 0).put("specialOccasionId", 0);
      o.set("skillTransferList", ids(s.transferList()));
      o.putArray("lobIds");
      o.put("isDefault", s.id() == DemoAccount.DEFAULT_SKILL);
      out.add(o);
    }
    return out;
  }

  private List<ObjectNode> groups() {
    List<ObjectNode> out = new ArrayList<>();
    for (DemoAccount.Group g : DemoAccount.GROUPS) {
      ObjectNode o = Json.obj();
      o.put("id", String.valueOf(g.id())).put("deleted", false).put("name", g.name()).put("description", "")
          .put("isEnabled", true);
      if (g.parentGroupId() == null) {
        o.putNull("parentGroupId");
      } else {
        o.put("parentGroupId", String.valueOf(g.parentGroupId()));
      }
      out.add(o);
    }
    return out;
  }

  private List<ObjectNode> profiles() {
    List<ObjectNode> out = new ArrayList<>();
    for (DemoAccount.Profile p : DemoAccount.PROFILES) {
      ObjectNode o = Json.obj();
      o.put("id", p.id()).put("name", p.name()).put("description", "").put("roleTypeId", p.roleTypeId())
          .put("roleTypeName", p.roleTypeName()).put("isAssignedToLPA", false).put("deleted", false);
      ArrayNode perms = o.putArray("permissions");
      perms.add(3).add(5);
      if (p.roleTypeId() == 3) {
        perms.add(1730).add(1731);
      }
      o.put("numOfAssignedUsers", DemoAccount.USERS.stream()
          .filter(u -> (u.isManager() ? DemoAccount.PROFILE_MANAGER : DemoAccount.PROFILE_AGENT) == p.id()).count());
      out.add(o);
    }
    return out;
  }

  private List<ObjectNode> cannedItems() {
    List<ObjectNode> out = new ArrayList<>();
    for (DemoAccount.Canned c : DemoAccount.CANNED) {
      ObjectNode o = Json.obj();
      o.put("id", c.id()).put("deleted", false).put("enabled", true).put("type", 0);
      o.putObject("hotkey").put("prefix", String.valueOf(c.hotkeyLetter())).put("suffix", String.valueOf(c.hotkeyDigit()));
      o.putArray("data").addObject().put("lang", c.lang()).put("title", c.title()).put("msg", c.text()).put("isDefault", false);
      o.set("categoriesIds", ids(c.categoryIds()));
      o.set("skillIds", ids(c.skillIds()));
      o.putArray("lobIds");
      out.add(o);
    }
    return out;
  }

  private void canned(Context ctx) {
    List<ObjectNode> items = cannedItems();
    String skills = ctx.queryParam("skill_ids");
    if (skills != null && !skills.isBlank()) {
      Set<String> wanted = Set.of(skills.split(","));
      items = items.stream().filter(i -> {
        for (JsonNode s : i.get("skillIds")) {
          if (wanted.contains(s.asText())) {
            return true;
          }
        }
        return false;
      }).toList();
    }
    // lang is optional: without it every language comes back; with it, only those data entries
    String lang = ctx.queryParam("lang");
    if (lang != null && !lang.isBlank()) {
      Set<String> langs = new java.util.HashSet<>();
      for (String l : lang.split(",")) {
        langs.add(l.trim().toLowerCase(java.util.Locale.ROOT));
      }
      items = items.stream().filter(i -> langs.contains(i.path("data").path(0).path("lang").asText()
          .toLowerCase(java.util.Locale.ROOT))).toList();
    }
    if ("CATEGORIES".equals(ctx.queryParam("group_by"))) {
      ObjectNode o = Json.obj();
      for (ObjectNode i : items) {
        for (JsonNode cat : i.get("categoriesIds")) {
          ArrayNode a = o.has(cat.asText()) ? (ArrayNode) o.get(cat.asText()) : o.putArray(cat.asText());
          a.add(i);
        }
      }
      ctx.json(o);
      return;
    }
    list(ctx, items, false);
  }

  private List<ObjectNode> categories() {
    List<ObjectNode> out = new ArrayList<>();
    for (DemoAccount.Category c : DemoAccount.CATEGORIES) {
      out.add(Json.obj().put("id", c.id()).put("name", c.name()).put("deleted", false));
    }
    return out;
  }

  private List<ObjectNode> autoMessages() {
    List<ObjectNode> out = new ArrayList<>();
    String[][] msgs = {{"1", "Welcome message", "Thanks for reaching out! An agent will be with you shortly.", "0"},
        {"2", "On-hold message #1", "I'll be right with you.", "60"},
        {"3", "Transfer message", "I'm transferring you to a colleague who can help.", "0"}};
    for (String[] m : msgs) {
      ObjectNode o = Json.obj().put("id", Integer.parseInt(m[0])).put("deleted", false).put("enabled", true)
          .put("messageEventId", m[1]).put("templateId", m[1]);
      o.putArray("data").addObject().put("msg", m[2]).put("lang", "en-us").put("isDefault", true);
      o.putArray("attributes").addObject().put("name", "timer").put("value", m[3]);
      out.add(o);
    }
    return out;
  }

  private List<ObjectNode> statusReasons() {
    return List.of(Json.obj().put("id", 1).put("text", "Lunch").put("deleted", false),
        Json.obj().put("id", 2).put("text", "Meeting").put("deleted", false),
        Json.obj().put("id", 3).put("text", "Training").put("deleted", false));
  }

  private List<ObjectNode> properties() {
    List<ObjectNode> out = new ArrayList<>();
    String[][] props = {{"messaging.file.sharing.enabled", "true"}, {"messaging.agent.file.sharing.enable", "true"},
        {"le.general.language", "en-US"}, {"messaging.auto.close.minutes", String.valueOf(sim.config().autoCloseAfter().toMinutes())},
        {"messaging.ring.timeout.seconds", String.valueOf(sim.config().ringTimeout().toSeconds())}};
    for (String[] p : props) {
      ObjectNode o = Json.obj().put("id", p[0]).put("type", 1).put("deleted", false);
      o.putObject("propertyValue").put("value", p[1]);
      out.add(o);
    }
    return out;
  }

  private ArrayNode forms() {
    ArrayNode a = Json.arr();
    ObjectNode f = a.addObject().put("id", "813633132").put("name", "Credit card form");
    ArrayNode fields = f.putArray("fields");
    fields.addObject().put("id", "cardholder").put("name", "Cardholder name").put("type", "text").put("required", true).put("masked", false);
    fields.addObject().put("id", "card").put("name", "Card number").put("type", "numeric").put("required", true).put("masked", true);
    return a;
  }

  /** select: default {@code id,deleted,name} for skills, everything elsewhere; {@code $all}; or a field list. */
  private void list(Context ctx, List<ObjectNode> items, boolean skillDefaults) {
    ArrayNode a = Json.arr();
    for (ObjectNode o : items) {
      a.add(select(ctx.queryParam("select"), o, skillDefaults));
    }
    ctx.json(a);
  }

  private void one(Context ctx, List<ObjectNode> items) {
    String id = ctx.pathParam("id");
    ObjectNode hit = items.stream().filter(o -> o.path("id").asText().equals(id)).findFirst()
        .orElseThrow(() -> new Engine.Fail(404, "not found: " + id));
    ctx.json(select(ctx.queryParam("select"), hit, false));
  }

  private static ObjectNode select(String select, ObjectNode o, boolean skillDefaults) {
    if (select == null) {
      select = skillDefaults ? "id,deleted,name" : "$all";
    }
    if (select.contains("$all")) {
      return o;
    }
    ObjectNode out = Json.obj();
    for (String f : select.split(",")) {
      String name = f.contains("(") ? f.substring(0, f.indexOf('(')) : f;
      name = name.trim();
      if (o.has(name)) {
        out.set(name, o.get(name));
      }
    }
    return out;
  }
}
