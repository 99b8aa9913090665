package dev.lpa.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import okhttp3.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale load profile: many open conversations in one call, and capacity to match. */
class SeederTest extends SimTestBase {
  @Test
  void oneAgentHoldsAThousandSeededConversationsAndStillGetsRung() throws Exception {
    long t0 = System.nanoTime();
    List<String> ids = admin.seedConversations(1000, "agent2");
    assertThat(ids).hasSize(1000).doesNotHaveDuplicates();
    assertThat(admin.openConversations()).containsAll(ids);
    assertThat((System.nanoTime() - t0) / 1_000_000).as("ms to seed 1,000").isLessThan(20_000);

    Login a2 = login("agent2");
    WsProbe p = onlineAgent(a2);
    JsonNode sub = p.ok(".ams.aam.SubscribeExConversations", Map.of("agentIds", List.of(a2.legacyId()),
        "convState", List.of("OPEN")));
    assertThat(sub.path("subscriptionId").asText()).isNotBlank();
    JsonNode first = p.awaitNotification("ExConversationChangeNotification", b -> b.path("changes").size() >= 1000);
    assertThat(first.path("body").path("changes")).hasSize(1000);
    // 1,000 held and the demo capacity (3) still free: a new conversation rings this agent
    String conv = admin.createConversation(DemoAccount.SKILL_SALES, "Nina New", List.of("hello"));
    p.awaitNotification("RoutingTaskNotification", b -> b.toString().contains(conv));
  }

  @Test
  void aTeamSeedSpreadsOverManager1sAgents() {
    List<String> ids = admin.seedConversations(30, null);
    assertThat(ids).hasSize(30);
    assertThat(admin.openConversations()).containsAll(ids);
  }

  @Test
  void eachSeededConversationHoldsTheAskedMessagesQuestionFirstThenAgentAndConsumerInTurn() throws Exception {
    try (Response r = post("/admin/seed", Map.of("count", 3, "messages", 5, "agent", "agent1"), null)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(json(r).path("conversations").asInt()).isEqualTo(3);
    }
    Login a1 = login("agent1");
    WsProbe p = agentSocket(a1);
    for (String conv : admin.openConversations()) {
      JsonNode all = p.ok(".ams.ms.QueryMessages", Map.of("dialogId", conv, "newerThanSequence", 0));
      assertThat(all).hasSize(5);
      assertThat(all).extracting(n -> n.path("originatorMetadata").path("role").asText())
          .containsExactly("CONSUMER", "ASSIGNED_AGENT", "CONSUMER", "ASSIGNED_AGENT", "CONSUMER");
      assertThat(all.get(0).path("event").path("message").asText()).startsWith("seeded question ");
      assertThat(all.get(1).path("originatorId").asText()).isEqualTo(a1.legacyId());
    }
  }

  @Test
  void aSeedBeyondAMillionMessagesOrWithoutOneIsRefused() {
    assertThatThrownBy(() -> admin.seedConversations(100_000, 11, "agent1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000000");
    assertThatThrownBy(() -> admin.seedConversations(10, 0, "agent1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    assertThat(admin.openConversations()).isEmpty();
  }

  @Test
  void aConsumerSeenBeforeIsNotOnTheirFirstConversationAndCannotOpenASecondWhileOneIsOpen() throws Exception {
    // the per-consumer index replaced two scans of every conversation; these are the answers they gave
    admin.seedConversations(50, "agent1");
    String jwt = json(post("/api/account/" + ACCT + "/signup", "", null)).path("jwt").asText();
    WsProbe c = WsProbe.open(http, "wss://" + sim.csdsDomain() + "/ws_api/account/" + ACCT + "/messaging/consumer?v=3",
        "consumer");
    probes.add(c);
    c.sendRaw("{\"kind\":\"req\",\"id\":\"0\",\"type\":\"InitConnection\",\"headers\":["
        + "{\"type\":\".ams.headers.ConsumerAuthentication\",\"jwt\":\"" + jwt + "\"}]}");
    assertThat(c.awaitResp("0").path("code").asInt()).isEqualTo(200);
    c.ok("cqm.SubscribeExConversations", Map.of("convState", List.of("OPEN", "CLOSE")));
    String first = c.ok("cm.ConsumerRequestConversation", Map.of("skillId", "-1")).path("conversationId").asText();
    assertThat(c.call("cm.ConsumerRequestConversation", Map.of("skillId", "-1")).path("code").asInt())
        .as("one open conversation per consumer").isEqualTo(400);
    assertThat(details(c, first, "OPEN").path("firstConversation").asBoolean()).isTrue();
    c.ok("cm.UpdateConversationField", Map.of("conversationId", first, "conversationField",
        List.of(Map.of("field", "ConversationStateField", "conversationState", "CLOSE"))));
    String second = c.ok("cm.ConsumerRequestConversation", Map.of("skillId", "-1")).path("conversationId").asText();
    assertThat(second).isNotEqualTo(first);
    assertThat(details(c, second, "OPEN").path("firstConversation").asBoolean()).isFalse();
  }

  @Test
  void aSeedWrittenInOneTransactionIsThereAfterARestartOnTheSameDataFolder(@TempDir Path dir) throws Exception {
    List<String> ids;
    try (Simulator first = Simulator.start(SimConfig.builder().clock(clock).admin(true).dataDir(dir).build())) {
      ids = first.admin().seedConversations(200, 3, "agent3");
    }
    try (Simulator second = Simulator.start(SimConfig.builder().clock(clock).admin(true).dataDir(dir).build())) {
      assertThat(second.admin().openConversations()).containsAll(ids);
    }
  }

  private static JsonNode details(WsProbe c, String conv, String state) {
    JsonNode n = c.awaitNotification("cqm.ExConversationChangeNotification", b -> {
      for (JsonNode ch : b.path("changes")) {
        JsonNode d = ch.path("result").path("conversationDetails");
        if (ch.path("result").path("convId").asText().equals(conv) && state.equals(d.path("state").asText())) {
          return true;
        }
      }
      return false;
    });
    for (JsonNode ch : n.path("body").path("changes")) {
      if (ch.path("result").path("convId").asText().equals(conv)) {
        return ch.path("result").path("conversationDetails");
      }
    }
    throw new AssertionError("no change for " + conv);
  }

  @Test
  void oneConversationGoesStraightToTheAgentOnTheSkillAndName() throws Exception {
    String id = admin.seedConversation(DemoAccount.SKILL_BILLING, "Ines Ortega", "agent4", "about my invoice");
    assertThat(admin.openConversations()).contains(id);
    Login a4 = login("agent4");
    WsProbe p = onlineAgent(a4);
    p.ok(".ams.aam.SubscribeExConversations", Map.of("agentIds", List.of(a4.legacyId()), "convState", List.of("OPEN")));
    JsonNode n = p.awaitNotification("ExConversationChangeNotification", b -> b.toString().contains(id));
    String body = n.toString();
    assertThat(body).contains("\"skillId\":\"" + DemoAccount.SKILL_BILLING + "\"").contains(a4.legacyId());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.seedConversation(999, "X", "agent1", "hi"))
        .hasMessageContaining("skill 999");
  }
}
