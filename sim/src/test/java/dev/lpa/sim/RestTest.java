package dev.lpa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class RestTest extends SimTestBase {
  static final String MH = "/messaging_history/api/account/" + ACCT;
  static final String AC = "/api/account/" + ACCT + "/configuration";

  private String handled(WsProbe p, Login l, long skill, String name, String... msgs) {
    String conv = admin.createConversation(skill, name, List.of(msgs));
    accept(p, awaitRing(p, conv));
    awaitConv(p, conv, "UPSERT", r -> assignedTo(r, l.legacyId()));
    return conv;
  }

  private Map<String, Object> window() {
    return Map.of("from", clock.millis() - 86_400_000L, "to", clock.millis() + 86_400_000L);
  }

  @Test
  void historySearchFiltersPagesAndTrimsContent() throws Exception {
    Login a1 = login("agent1");
    WsProbe p = onlineAgent(a1);
    String c1 = handled(p, a1, DemoAccount.SKILL_SALES, "Hist One", "I want a refund");
    p.ok(".ams.ms.PublishEvent", Map.of("dialogId", c1, "event", Map.of("type", "ContentEvent", "contentType", "text/plain", "message", "Sure")));
    p.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", c1, "conversationField",
        List.of(Map.of("field", "ConversationStateField", "conversationState", "CLOSE"))));
    clock.advance(Duration.ofMinutes(1));
    String c2 = handled(p, a1, DemoAccount.SKILL_BILLING, "Hist Two", "invoice please");
    clock.advance(Duration.ofMinutes(1));
    String c3 = handled(p, a1, DemoAccount.SKILL_SALES, "Hist Three", "upgrade");

    JsonNode all = json(post(MH + "/conversations/search?offset=0&limit=2", Map.of("start", window()), a1.bearer()));
    assertThat(all.path("_metadata").path("count").asInt()).isEqualTo(3);
    assertThat(all.path("conversationHistoryRecords")).hasSize(2);
    assertThat(all.path("conversationHistoryRecords").get(0).path("info").path("conversationId").asText()).as("start:desc").isEqualTo(c3);
    JsonNode page2 = json(post(MH + "/conversations/search?offset=2&limit=2", Map.of("start", window()), a1.bearer()));
    assertThat(page2.path("conversationHistoryRecords").get(0).path("info").path("conversationId").asText()).isEqualTo(c1);

    JsonNode closed = json(post(MH + "/conversations/search", Map.of("start", window(), "status", List.of("CLOSE")), a1.bearer()));
    assertThat(closed.path("conversationHistoryRecords")).hasSize(1);
    JsonNode rec = closed.path("conversationHistoryRecords").get(0);
    assertThat(rec.path("info").path("closeReason").asText()).isEqualTo("AGENT");
    assertThat(rec.path("info").path("latestAgentId").asText()).isEqualTo("1001");
    assertThat(rec.path("messageRecords")).extracting(m -> m.path("sentBy").asText()).containsExactly("Consumer", "Agent");
    assertThat(rec.path("messageRecords").get(0).path("messageData").path("msg").path("text").asText()).isEqualTo("I want a refund");
    assertThat(rec.path("consumerParticipants").get(0).path("firstName").asText()).isEqualTo("Hist");

    JsonNode bySkill = json(post(MH + "/conversations/search", Map.of("start", window(),
        "skillIds", List.of(DemoAccount.SKILL_BILLING)), a1.bearer()));
    assertThat(bySkill.path("conversationHistoryRecords")).extracting(r -> r.path("info").path("conversationId").asText()).containsExactly(c2);
    JsonNode byWord = json(post(MH + "/conversations/search", Map.of("start", window(), "keyword", "upgrade"), a1.bearer()));
    assertThat(byWord.path("conversationHistoryRecords")).extracting(r -> r.path("info").path("conversationId").asText()).containsExactly(c3);
    JsonNode trimmed = json(post(MH + "/conversations/search", Map.of("start", window(),
        "contentToRetrieve", List.of("responseTime", "dialogs")), a1.bearer()));
    JsonNode t0 = trimmed.path("conversationHistoryRecords").get(0);
    assertThat(t0.has("messageRecords")).isFalse();
    assertThat(t0.has("responseTime")).isTrue();
    assertThat(t0.path("dialogs").get(0).path("dialogType").asText()).isEqualTo("MAIN");
    try (Response r = post(MH + "/conversations/search", Map.of(), a1.bearer())) {
      assertThat(r.code()).as("start is required").isEqualTo(400);
    }

    JsonNode byId = json(post(MH + "/conversations/conversation/search", Map.of("conversationId", c2), a1.bearer()));
    assertThat(byId.path("conversationHistoryRecords")).hasSize(1);
    String consumer = byId.path("conversationHistoryRecords").get(0).path("consumerParticipants").get(0).path("participantId").asText();
    JsonNode byConsumer = json(post(MH + "/conversations/consumer/search", Map.of("consumer", consumer, "status", List.of("OPEN", "CLOSE")), a1.bearer()));
    assertThat(byConsumer.path("conversationHistoryRecords")).hasSize(1);

    Login a4 = login("agent4");
    JsonNode foreign = json(post(MH + "/conversations/search", Map.of("start", window()), a4.bearer()));
    assertThat(foreign.path("conversationHistoryRecords")).as("agent4 took part in none").isEmpty();
    Login m1 = login("manager1");
    JsonNode team = json(post(MH + "/conversations/search", Map.of("start", window()), m1.bearer()));
    assertThat(team.path("_metadata").path("count").asInt()).as("agent1 is in manager1's team").isEqualTo(3);
    try (Response r = post(MH + "/conversations/search", Map.of("start", window()), null)) {
      assertThat(r.code()).isEqualTo(401);
    }
  }

  @Test
  void accountConfigurationLists() throws Exception {
    Login a = login("agent1");
    JsonNode users = json(get(AC + "/le-users/users?v=4.0&select=$all", a.bearer()));
    assertThat(users).hasSize(8);
    JsonNode m1 = json(get(AC + "/le-users/users/2001?v=4.0", a.bearer()));
    assertThat(m1.path("loginName").asText()).isEqualTo("manager1");
    assertThat(m1.path("managerOf").get(0).path("agentGroupId").asText()).isEqualTo(String.valueOf(DemoAccount.GROUP_TEAM_A));
    JsonNode card = json(get(AC + "/le-users/users/" + a.pid(), null));
    assertThat(card.path("nickname").asText()).as("public agent card by PID, no bearer").isEqualTo("Maya");
    assertThat(card.has("loginName")).isFalse();
    try (Response r = get(AC + "/le-users/users/1001?v=4.0", null)) {
      assertThat(r.code()).isEqualTo(404);
    }
    JsonNode skillsDefault = json(get(AC + "/le-users/skills?v=2.0", a.bearer()));
    assertThat(skillsDefault.get(0).fieldNames()).toIterable().containsExactlyInAnyOrder("id", "deleted", "name");
    JsonNode skills = json(get(AC + "/le-users/skills?v=2.0&select=$all", a.bearer()));
    assertThat(skills.get(0).path("skillTransferList").size()).isPositive();
    assertThat(skills.get(0).path("slaUrgentResponseTime").asInt()).isEqualTo(600);
    JsonNode picked = json(get(AC + "/le-users/skills?v=2.0&select=id,canTransfer", a.bearer()));
    assertThat(picked.get(0).fieldNames()).toIterable().containsExactlyInAnyOrder("id", "canTransfer");
    try (Response r = get(AC + "/le-users/skills", a.bearer())) {
      assertThat(r.code()).as("v is required").isEqualTo(400);
    }
    try (Response r = get(AC + "/le-users/skills/999?v=2.0", a.bearer())) {
      assertThat(r.code()).isEqualTo(404);
    }
    assertThat(json(get(AC + "/le-users/agentGroups?v=2.0", a.bearer()))).hasSize(3);
    JsonNode profiles = json(get(AC + "/le-users/profiles?v=4.0", a.bearer()));
    List<Integer> roles = new ArrayList<>();
    profiles.forEach(pr -> roles.add(pr.path("roleTypeId").asInt()));
    assertThat(roles).containsExactlyInAnyOrder(2, 3);
    JsonNode canned = json(get(AC + "/engagement-window/canned-responses?v=2.0", a.bearer()));
    assertThat(canned).as("no lang: every language").hasSize(DemoAccount.CANNED.size());
    assertThat(json(get(AC + "/engagement-window/canned-responses?v=2.0&lang=en-US", a.bearer())))
        .as("one item is en-GB only").hasSize(DemoAccount.CANNED.size() - 1);
    try (Response r = get(AC + "/le-categories/categories?v=2.0&return=active", a.bearer())) {
      assertThat(r.code()).as("return is not a documented parameter").isEqualTo(400);
    }
    assertThat(canned.get(0).path("hotkey").path("prefix").asText()).isEqualTo("g");
    JsonNode billing = json(get(AC + "/engagement-window/canned-responses?v=2.0&skill_ids=" + DemoAccount.SKILL_BILLING, a.bearer()));
    billing.forEach(i -> assertThat(i.path("skillIds").toString()).contains(String.valueOf(DemoAccount.SKILL_BILLING)));
    JsonNode grouped = json(get(AC + "/engagement-window/canned-responses?v=2.0&group_by=CATEGORIES", a.bearer()));
    assertThat(grouped.path("4001")).hasSize(3);
    assertThat(grouped.path("4003")).hasSize(2);
    assertThat(json(get(AC + "/le-categories/categories?v=2.0&select=$all", a.bearer()))).hasSize(3);
    assertThat(json(get(AC + "/engagement-window/unified-auto-messages?v=2.0", a.bearer())).get(0).path("data").get(0).path("msg").asText())
        .startsWith("Thanks");
    assertThat(json(get(AC + "/le-agents/status-reasons?v=2.0", a.bearer()))).extracting(n -> n.path("text").asText()).contains("Lunch");
    assertThat(json(get(AC + "/setting/properties?v=3.0", a.bearer()))).anySatisfy(n ->
        assertThat(n.path("id").asText()).isEqualTo("messaging.file.sharing.enabled"));
  }

  @Test
  void agentViewAndQueueHealth() throws Exception {
    Login a1 = login("agent1");
    Login a2 = login("agent2");
    WsProbe p1 = onlineAgent(a1);
    WsProbe p2 = agentSocket(a2);
    p2.ok(".ams.routing.SetAgentState", Map.of("availability", "AWAY"));
    handled(p1, a1, DemoAccount.SKILL_SALES, "Load One", "x");
    JsonNode status = json(post(MH + "/agent-view/status", Map.of(), a1.bearer()));
    assertThat(status.path("agentStatusRecords")).extracting(r -> r.path("agentLoginName").asText()).containsExactlyInAnyOrder("agent1", "agent2");
    JsonNode away = json(post(MH + "/agent-view/status", Map.of("status", List.of("AWAY")), a1.bearer()));
    assertThat(away.path("agentStatusRecords")).extracting(r -> r.path("agentId").asText()).containsExactly("1002");
    JsonNode one = status.path("agentStatusRecords").get(0);
    assertThat(one.path("busySlots").asInt()).isEqualTo(1);
    assertThat(one.path("configuredMaxSlots").asInt()).isEqualTo(4);
    JsonNode list = json(post(MH + "/agent-view/list", Map.of("skillIds", List.of(String.valueOf(DemoAccount.SKILL_TECH))), a1.bearer()));
    assertThat(list.path("agentStatusRecords")).extracting(r -> r.path("agentLoginName").asText())
        .containsExactlyInAnyOrder("agent3", "agent4", "agent5");

    p1.ok(".ams.routing.SetAgentState", Map.of("availability", "AWAY"));
    admin.createConversation(DemoAccount.SKILL_TECH, "Queued A", List.of("help"));
    clock.advance(Duration.ofSeconds(30));
    admin.createConversation(DemoAccount.SKILL_TECH, "Queued B", List.of());
    JsonNode health = json(get("/operations/api/account/" + ACCT + "/msgqueuehealth/current/?v=1&skillIds=" + DemoAccount.SKILL_TECH, a1.bearer()));
    JsonNode tech = health.path("skillsMetrics").path(String.valueOf(DemoAccount.SKILL_TECH));
    assertThat(tech.path("unassignedConversations").asInt()).isEqualTo(2);
    assertThat(tech.path("actionableConversations").asInt()).as("only A has a waiting consumer message").isEqualTo(1);
    assertThat(tech.path("maxWaitTimeForAgentAssignment").asLong()).isEqualTo(30_000);
    assertThat(health.path("skillsMetrics").has(String.valueOf(DemoAccount.SKILL_SALES))).isFalse();
  }

  @Test
  void queueHealthCountsOverdueOnlyPastTheEffectiveDueTime() throws Exception {
    Login a1 = login("agent1");
    String qh = "/operations/api/account/" + ACCT + "/msgqueuehealth/current/?v=1&overdueConversations=true&skillIds="
        + DemoAccount.SKILL_TECH;
    // Nobody is online, so both stay in the Tech Support queue (normal SLA: 1 h).
    admin.createConversation(DemoAccount.SKILL_TECH, "Waiting Wanda", List.of("help"));
    admin.createConversation(DemoAccount.SKILL_TECH, "Silent Sam", List.of());
    clock.advance(Duration.ofSeconds(11));
    JsonNode tech = json(get(qh, a1.bearer())).path("skillsMetrics").path(String.valueOf(DemoAccount.SKILL_TECH));
    assertThat(tech.path("unassignedConversations").asInt()).isEqualTo(2);
    assertThat(tech.path("actionableConversations").asInt()).isEqualTo(1);
    assertThat(tech.path("actionableAndConsumerLastMessage").asInt()).isEqualTo(1);
    assertThat(tech.path("notActionableConversations").asInt()).isEqualTo(1);
    assertThat(tech.path("overdueConversationsInQueue").asInt()).as("waiting 11 s of 1 h is not overdue").isZero();
    assertThat(tech.path("maxWaitTimeForAgentAssignment").asLong()).isEqualTo(11_000);
    assertThat(tech.path("avgWaitTimeForAgentAssignment_NewConversation").asLong()).isEqualTo(11_000);
    assertThat(tech.path("avgWaitTimeForAgentAssignment_AfterTransfer").asLong()).as("no transfers: LP's -1").isEqualTo(-1);
    assertThat(tech.path("waitTimeForAgentAssignment_50thPercentile").asLong()).isEqualTo(11_000);

    clock.advance(Duration.ofMinutes(60).minusSeconds(11));
    tech = json(get(qh, a1.bearer())).path("skillsMetrics").path(String.valueOf(DemoAccount.SKILL_TECH));
    assertThat(tech.path("overdueConversationsInQueue").asInt()).as("exactly at the due time is not past it").isZero();
    clock.advance(Duration.ofSeconds(1));
    JsonNode all = json(get(qh, a1.bearer()));
    tech = all.path("skillsMetrics").path(String.valueOf(DemoAccount.SKILL_TECH));
    assertThat(tech.path("overdueConversationsInQueue").asInt()).as("only the one with a consumer message waiting has a due time").isEqualTo(1);
    assertThat(tech.path("overdueConversationsAssigned").asInt()).isZero();
    assertThat(tech.path("overdueConversationsTotal").asInt()).isEqualTo(1);
    assertThat(all.path("metricsTotal").path("overdueConversationsInQueue").asInt()).isEqualTo(1);
    assertThat(json(get(qh.replace("overdueConversations=true&", ""), a1.bearer())).path("skillsMetrics")
        .path(String.valueOf(DemoAccount.SKILL_TECH)).has("overdueConversationsInQueue"))
        .as("overdue metrics only when asked for").isFalse();
    assertThat(all.path("metricsTotal").path("unassignedConversations").asInt()).isEqualTo(2);
    JsonNode empty = json(get("/operations/api/account/" + ACCT + "/msgqueuehealth/current/?v=1&skillIds=" + DemoAccount.SKILL_VIP,
        a1.bearer())).path("skillsMetrics").path(String.valueOf(DemoAccount.SKILL_VIP));
    assertThat(empty.path("maxWaitTimeForAgentAssignment").asLong()).isEqualTo(-1);
    assertThat(empty.path("waitTimeForAgentAssignment_90thPercentile").asLong()).isEqualTo(-1);
  }

  @Test
  void stateSurvivesARestartOnTheSameDataFolder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    String conv;
    String caBefore;
    try (Simulator first = Simulator.start(SimConfig.builder().clock(clock).admin(true).dataDir(dir).build())) {
      conv = first.admin().createConversation(DemoAccount.SKILL_SALES, "Persisted Person", List.of("remember me"));
      caBefore = java.nio.file.Files.readString(first.caPem());
    }
    try (Simulator second = Simulator.start(SimConfig.builder().clock(clock).admin(true).dataDir(dir).build())) {
      assertThat(second.admin().openConversations()).containsExactly(conv);
      assertThat(java.nio.file.Files.readString(second.caPem())).isEqualTo(caBefore);
      okhttp3.OkHttpClient c2 = client(second);
      String bearer;
      try (Response r = c2.newCall(new okhttp3.Request.Builder().url(second.baseUrl() + "/api/account/" + ACCT + "/login?v=1.3")
          .post(okhttp3.RequestBody.create("{\"username\":\"manager1\",\"password\":\"manager1-pass\"}", JSON)).build()).execute()) {
        bearer = Json.M.readTree(r.body().string()).path("bearer").asText();
      }
      try (Response r = c2.newCall(new okhttp3.Request.Builder().url(second.baseUrl() + MH + "/conversations/conversation/search")
          .header("Authorization", "Bearer " + bearer)
          .post(okhttp3.RequestBody.create("{\"conversationId\":\"" + conv + "\"}", JSON)).build()).execute()) {
        JsonNode b = Json.M.readTree(r.body().string());
        assertThat(b.path("conversationHistoryRecords").get(0).path("messageRecords").get(0).path("messageData").path("msg").path("text").asText())
            .isEqualTo("remember me");
      }
      c2.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void adminOverHttp() throws Exception {
    JsonNode created = json(post("/admin/conversations", Map.of("skillId", DemoAccount.SKILL_SALES, "consumerName", "Http Admin",
        "messages", List.of("via http")), null));
    String conv = created.path("conversationId").asText();
    assertThat(json(get("/admin/conversations", null)).path("open").get(0).asText()).isEqualTo(conv);
    json(post("/admin/conversations/" + conv + "/says", Map.of("text", "more"), null));
    long before = clock.millis();
    json(post("/admin/clock/advance", Map.of("millis", 5000), null));
    assertThat(clock.millis()).isEqualTo(before + 5000);
    assertThat(json(get("/admin/agents/agent1/state", null)).path("availability").asText()).isEqualTo("OFFLINE");
    try (Response r = post("/admin/conversations/nope/says", Map.of("text", "x"), null)) {
      assertThat(r.code()).isEqualTo(400);
    }
    json(post("/admin/conversations/" + conv + "/close", Map.of(), null));
    assertThat(admin.openConversations()).isEmpty();
  }

  @Test
  void adminConversationsTakeASkillByIdOrNameAndRefuseAnUnknownOne() throws Exception {
    String byName = json(post("/admin/conversations", Map.of("skillId", "billing", "consumerName", "By Name"), null))
        .path("conversationId").asText();
    assertThat(AdminRoutes.skillOf(com.fasterxml.jackson.databind.node.TextNode.valueOf("billing")))
        .isEqualTo(DemoAccount.SKILL_BILLING);
    assertThat(AdminRoutes.skillOf(com.fasterxml.jackson.databind.node.TextNode.valueOf(
        String.valueOf(DemoAccount.SKILL_SALES)))).isEqualTo(DemoAccount.SKILL_SALES);
    try (Response r = post("/admin/conversations", Map.of("skillId", "Bilink", "consumerName", "Typo"), null)) {
      assertThat(r.code()).isEqualTo(400);
      assertThat(r.body().string()).contains("unknown skill Bilink");
    }
    assertThat(admin.openConversations()).containsExactly(byName);
  }
}
