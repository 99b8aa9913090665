package dev.lpa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentRequestsTest extends SimTestBase {
  static final List<String> TYPES = List.of(".GetClock", ".ams.cm.AgentRequestConversation", ".ams.aam.SubscribeExConversations",
      ".ams.aam.UnsubscribeExConversations", ".ams.cm.UpdateConversationField", ".ams.ms.PublishEvent",
      ".ams.routing.UpdateRingState", ".ams.routing.SubscribeRoutingTasks", ".ams.routing.UpdateRoutingTaskSubscription",
      ".ams.userprofile.GetUserProfile", ".ams.routing.SetAgentState", ".ams.routing.SubscribeAgentsState",
      ".ams.ms.QueryMessages", ".ams.ms.GenerateURLForDownloadFile", ".ams.ms.GenerateURLForUploadFile",
      ".ams.ms.token.GenerateDownloadToken", "KeepAlive");

  /** Every request type of ums-websocket.md §3.1 is understood in long and short form (an empty body may be refused, but never as unknown). */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void everyRequestTypeIsKnownInLongAndShortForm(boolean longForm) throws Exception {
    WsProbe p = agentSocket(login("agent2"));
    for (String t : TYPES) {
      String type = longForm ? t : t.replaceFirst("^\\.ams\\.", "").replaceFirst("^\\.", "");
      JsonNode r = p.call(type, Map.of());
      assertThat(r.path("body").asText()).as(type).doesNotContain("unknown request type");
      assertThat(r.path("code").asInt()).as(type).isNotEqualTo(500);
    }
  }

  @Test
  void subscriptionFiltersConsumerStageAndLastUpdate() throws Exception {
    Login m = login("manager1");
    WsProbe p = agentSocket(m);
    String c1 = admin.createConversation(DemoAccount.SKILL_SALES, "Filter One", List.of("a"));
    clock.advance(Duration.ofMinutes(5));
    long cut = clock.millis();
    String c2 = admin.createConversation(DemoAccount.SKILL_SALES, "Filter Two", List.of("b"));
    String consumer2 = p.ok(".ams.ms.QueryMessages", Map.of("dialogId", c2, "newerThanSequence", 0)).get(0).path("originatorId").asText();
    assertThat(snapshotIds(p, Map.of())).as("manager1 sees queued Sales conversations").containsExactlyInAnyOrder(c1, c2);
    assertThat(snapshotIds(p, Map.of("minLastUpdatedTime", cut))).containsExactly(c2);
    assertThat(snapshotIds(p, Map.of("consumerId", consumer2))).containsExactly(c2);
    assertThat(snapshotIds(p, Map.of("stage", List.of("CLOSE")))).isEmpty();
    assertThat(snapshotIds(p, Map.of("agentIds", List.of(ACCT + ".1001")))).as("nobody is assigned yet").isEmpty();
    Login a4 = login("agent4");
    WsProbe p4 = agentSocket(a4);
    assertThat(snapshotIds(p4, Map.of())).as("plain agents see only their own").isEmpty();
  }

  private List<String> snapshotIds(WsProbe p, Map<String, Object> filter) {
    String sub = p.ok(".ams.aam.SubscribeExConversations", filter).path("subscriptionId").asText();
    JsonNode snap = p.awaitNotification("ExConversationChangeNotification", b -> b.path("subscriptionId").asText().equals(sub));
    p.ok(".ams.aam.UnsubscribeExConversations", Map.of("subscriptionId", sub));
    return snap.path("body").path("changes").findValues("convId").stream().map(JsonNode::asText).distinct().toList();
  }

  @Test
  void managerTakesOverAJoinedConversation() throws Exception {
    Login a1 = login("agent1");
    WsProbe p1 = onlineAgent(a1);
    String conv = admin.createConversation(DemoAccount.SKILL_SALES, "Take Over", List.of("hi"));
    accept(p1, awaitRing(p1, conv));
    awaitConv(p1, conv, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    Login m1 = login("manager1");
    WsProbe mp = agentSocket(m1);
    assertThat(mp.call(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField",
        List.of(Map.of("field", "ParticipantsChange", "type", "ADD", "role", "ASSIGNED_AGENT")))).path("code").asInt())
        .as("join first").isEqualTo(403);
    mp.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField",
        List.of(Map.of("field", "ParticipantsChange", "type", "ADD", "role", "MANAGER"))));
    mp.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField",
        List.of(Map.of("field", "ParticipantsChange", "type", "ADD", "role", "ASSIGNED_AGENT"))));
    JsonNode del = awaitConv(p1, conv, "DELETE", r -> true);
    assertThat(del.path("conversationDetails").path("participants").path("ASSIGNED_AGENT").get(0).asText()).isEqualTo(m1.legacyId());
  }

  @Test
  void delayMovesTheDueTimeAndPhotosFlowFromTheConsumer() throws Exception {
    Login a1 = login("agent1");
    WsProbe p1 = onlineAgent(a1);
    String conv = admin.createConversation(DemoAccount.SKILL_SALES, "Night Owl", List.of("hello?"));
    accept(p1, awaitRing(p1, conv));
    awaitConv(p1, conv, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    long morning = clock.millis() + 8 * 3_600_000L;
    p1.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField",
        List.of(Map.of("field", "DelayField", "type", "NIGHT", "tillWhen", morning))));
    awaitConv(p1, conv, "UPSERT", r -> r.path("effectiveTTR").asLong() == morning + 3_600_000L);
    byte[] png = java.util.Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    admin.consumerSendsPhoto(conv, "my receipt", png);
    JsonNode ev = p1.awaitNotification(".ams.ms.OnlineEventDistribution", b -> "hosted/file".equals(b.path("event").path("contentType").asText()));
    String path = ev.path("body").path("event").path("message").path("relativePath").asText();
    JsonNode url = p1.ok(".ams.ms.GenerateURLForDownloadFile", Map.of("relativePath", path));
    try (okhttp3.Response r = http.newCall(new okhttp3.Request.Builder().url(url(path + "?temp_url_sig="
        + url.path("queryParams").path("temp_url_sig").asText() + "&temp_url_expires="
        + url.path("queryParams").path("temp_url_expires").asText())).build()).execute()) {
      assertThat(r.header("Content-Type")).startsWith("image/png");
      assertThat(r.body().bytes()).containsExactly(png);
    }
  }

  @Test
  void proactiveConversationIsAssignedToTheRequesterWithoutRinging() throws Exception {
    Login a1 = login("agent1");
    Login a2 = login("agent2");
    WsProbe p1 = onlineAgent(a1);
    WsProbe p2 = onlineAgent(a2);
    String consumer = DemoAccount.CONSUMERS.get(0).consumerId();
    String conv = p1.ok(".ams.cm.AgentRequestConversation", Map.of("consumerId", consumer, "channelType", "MESSAGING",
        "conversationContext", Map.of("type", "ProactiveContext"))).path("conversationId").asText();
    awaitConv(p1, conv, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    p2.sync();
    assertThat(p2.seen(n -> n.toString().contains(conv))).as("nobody else is rung").isEmpty();
    assertThat(p1.call(".ams.cm.AgentRequestConversation", Map.of("consumerId", consumer)).path("code").asInt())
        .as("one open conversation per consumer").isEqualTo(400);
  }
}
