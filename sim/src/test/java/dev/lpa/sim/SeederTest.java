package dev.lpa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
