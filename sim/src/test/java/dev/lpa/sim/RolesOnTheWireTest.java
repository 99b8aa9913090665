package dev.lpa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The roles LivePerson enforces, asked through the socket as a misbehaving client would: each
 * rule is one request that must be refused (403), next to the same request by someone who may.
 */
class RolesOnTheWireTest extends SimTestBase {
  Login agent1;
  WsProbe p1;
  String conv;

  /** agent1 (manager1's team) holds one conversation. */
  @BeforeEach
  void agent1HoldsAConversation() throws Exception {
    agent1 = login("agent1");
    p1 = onlineAgent(agent1);
    conv = admin.createConversation(DemoAccount.SKILL_GENERAL, "Role Tester", List.of("hi"));
    accept(p1, awaitRing(p1, conv));
    awaitConv(p1, conv, "UPSERT", r -> assignedTo(r, agent1.legacyId()));
  }

  static Map<String, Object> publish(String conv, String text) {
    return Map.of("dialogId", conv, "conversationId", conv,
        "event", Map.of("type", "ContentEvent", "contentType", "text/plain", "message", text));
  }

  static Map<String, Object> participants(String conv, String type, String userId, String role) {
    return Map.of("conversationId", conv, "conversationField",
        List.of(Map.of("field", "ParticipantsChange", "type", type, "userId", userId, "role", role)));
  }

  static int code(JsonNode resp) {
    return resp.path("code").asInt();
  }

  @Test
  void anAgentCannotWriteToAnotherAgentsConversation() throws Exception {
    WsProbe p2 = agentSocket(login("agent2"));
    assertThat(code(p2.call(".ams.ms.PublishEvent", publish(conv, "not mine")))).isEqualTo(403);
    assertThat(code(p1.call(".ams.ms.PublishEvent", publish(conv, "mine")))).isEqualTo(200);
  }

  @Test
  void anAgentCannotReadAnotherAgentsConversation() throws Exception {
    WsProbe p2 = agentSocket(login("agent2"));
    Map<String, Object> q = Map.of("dialogId", conv, "newerThanSequence", 0);
    assertThat(code(p2.call(".ams.ms.QueryMessages", q))).isEqualTo(403);
    assertThat(code(p1.call(".ams.ms.QueryMessages", q))).isEqualTo(200);
  }

  @Test
  void anAgentCannotReturnOrTransferAnotherAgentsConversation() throws Exception {
    Login agent2 = login("agent2");
    WsProbe p2 = agentSocket(agent2);
    assertThat(code(p2.call(".ams.cm.UpdateConversationField",
        participants(conv, "REMOVE", agent1.legacyId(), "ASSIGNED_AGENT")))).as("back to queue").isEqualTo(403);
    Map<String, Object> transfer = Map.of("conversationId", conv, "conversationField", List.of(
        Map.of("field", "ParticipantsChange", "type", "REMOVE", "userId", agent1.legacyId(), "role", "ASSIGNED_AGENT"),
        Map.of("field", "Skill", "type", "UPDATE", "skill", String.valueOf(DemoAccount.SKILL_BILLING))));
    assertThat(code(p2.call(".ams.cm.UpdateConversationField", transfer))).as("transfer").isEqualTo(403);
    assertThat(code(p2.call(".ams.cm.UpdateConversationField", participants(conv, "ADD", agent2.legacyId(),
        "ASSIGNED_AGENT")))).as("take it over").isEqualTo(403);
    assertThat(admin.openConversations()).contains(conv);
    assertThat(code(p1.call(".ams.cm.UpdateConversationField",
        participants(conv, "REMOVE", agent1.legacyId(), "ASSIGNED_AGENT")))).as("its own agent may").isEqualTo(200);
  }

  @Test
  void anAgentWhoIsNotAManagerCannotJoin() throws Exception {
    Login agent2 = login("agent2");
    WsProbe p2 = agentSocket(agent2);
    assertThat(code(p2.call(".ams.cm.UpdateConversationField", participants(conv, "ADD", agent2.legacyId(), "MANAGER"))))
        .as("join as manager").isEqualTo(403);
    assertThat(code(p2.call(".ams.cm.UpdateConversationField", participants(conv, "ADD", agent2.legacyId(), "READER"))))
        .as("join silently").isEqualTo(403);
    Login manager1 = login("manager1");
    WsProbe m1 = agentSocket(manager1);
    assertThat(code(m1.call(".ams.cm.UpdateConversationField", participants(conv, "ADD", manager1.legacyId(), "MANAGER"))))
        .as("the team's manager may").isEqualTo(200);
  }

  @Test
  void aManagerCannotSeeOrJoinAnotherGroupsConversation() throws Exception {
    Login manager2 = login("manager2");
    WsProbe m2 = agentSocket(manager2);
    String sub = m2.ok(".ams.aam.SubscribeExConversations", Map.of("convState", List.of("OPEN")))
        .path("subscriptionId").asText();
    JsonNode snap = m2.awaitNotification("ExConversationChangeNotification",
        b -> b.path("subscriptionId").asText().equals(sub));
    assertThat(snap.path("body").path("changes")).extracting(c -> c.path("result").path("convId").asText())
        .as("manager2's team view").doesNotContain(conv);
    assertThat(code(m2.call(".ams.ms.QueryMessages", Map.of("dialogId", conv, "newerThanSequence", 0))))
        .as("read").isEqualTo(403);
    assertThat(code(m2.call(".ams.cm.UpdateConversationField", participants(conv, "ADD", manager2.legacyId(), "MANAGER"))))
        .as("join").isEqualTo(403);

    WsProbe m1 = agentSocket(login("manager1"));
    String sub1 = m1.ok(".ams.aam.SubscribeExConversations", Map.of("convState", List.of("OPEN")))
        .path("subscriptionId").asText();
    JsonNode snap1 = m1.awaitNotification("ExConversationChangeNotification",
        b -> b.path("subscriptionId").asText().equals(sub1));
    assertThat(snap1.path("body").path("changes")).extracting(c -> c.path("result").path("convId").asText())
        .as("manager1's team view").contains(conv);
  }
}
