package dev.lpa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTest extends SimTestBase {
  private static Map<String, Object> field(Object... entries) {
    return Map.of("field", entries[0], "type", entries[1], "role", entries[2]);
  }

  private static List<JsonNode> ringsFor(WsProbe p, String conv) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode f : p.seen(n -> n.path("type").asText().endsWith("RoutingTaskNotification"))) {
      for (JsonNode ch : f.path("body").path("changes")) {
        if (ch.path("result").path("conversationId").asText().equals(conv)) {
          out.add(ch);
        }
      }
    }
    return out;
  }

  @Test
  void acceptedRingEndsWithAcceptedUpsertThenDeleteAndAssignsTheAgent() throws Exception {
    Login l = login("agent1");
    WsProbe p = onlineAgent(l);
    String conv = admin.createConversation(DemoAccount.SKILL_BILLING, "Ada Lovelace", List.of("refund?"));
    String ringId = awaitRing(p, conv);
    JsonNode waiting = ringsFor(p, conv).get(0).path("result").path("ringsDetails").get(0);
    assertThat(waiting.path("ringExpirationTs").asLong()).isEqualTo(clock.millis() + 60_000);
    accept(p, ringId);
    awaitConv(p, conv, "UPSERT", r -> assignedTo(r, l.legacyId()));
    p.sync();
    List<JsonNode> changes = ringsFor(p, conv);
    assertThat(changes).extracting(c -> c.path("type").asText()).containsExactly("UPSERT", "UPSERT", "DELETE");
    assertThat(changes.get(1).path("result").path("taskCompleted").asBoolean()).isTrue();
    assertThat(changes.get(1).path("result").path("ringsDetails").get(0).path("ringState").asText()).isEqualTo("ACCEPTED");
    assertThat(p.call(".ams.routing.UpdateRingState", Map.of("ringId", ringId, "ringState", "ACCEPTED")).path("code").asInt())
        .as("a ring is accepted once").isEqualTo(404);
  }

  @Test
  void ringTimeoutMovesToTheNextAgentAndRejectToo() throws Exception {
    Login a1 = login("agent1");
    Login a2 = login("agent2");
    WsProbe p1 = onlineAgent(a1);
    WsProbe p2 = onlineAgent(a2);
    String conv = admin.createConversation(DemoAccount.SKILL_SALES, "Ring Test", List.of("hi"));
    // both are idle and equally loaded: agent1 first by name, then agent2
    String r1 = awaitRing(p1, conv);
    admin.advanceClock(Duration.ofSeconds(61));
    p1.awaitNotification("RoutingTaskNotification", b -> ring(b, conv, "EXPIRED") != null);
    String r2 = awaitRing(p2, conv);
    assertThat(r2).isNotEqualTo(r1);
    JsonNode rej = p2.call(".ams.routing.UpdateRingState", Map.of("ringId", r2, "ringState", "REJECTED"));
    assertThat(rej.path("code").asInt()).isEqualTo(202);
    p2.awaitNotification("RoutingTaskNotification", b -> ring(b, conv, "REJECTED") != null);
    // nobody else is eligible: the first agent is offered it again
    accept(p1, awaitRing(p1, conv));
    awaitConv(p1, conv, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    JsonNode foreign = p2.call(".ams.routing.UpdateRingState", Map.of("ringId", r1, "ringState", "ACCEPTED"));
    assertThat(foreign.path("code").asInt()).isEqualTo(404);
  }

  @Test
  void capacityLimitsRingsAndTheQueueIsServedInDueOrder() throws Exception {
    Login a6 = login("agent6"); // VIP + Sales, one slot
    WsProbe p = onlineAgent(a6);
    String first = admin.createConversation(DemoAccount.SKILL_VIP, "First Come", List.of("1"));
    accept(p, awaitRing(p, first));
    awaitConv(p, first, "UPSERT", r -> assignedTo(r, a6.legacyId()));
    clock.advance(Duration.ofSeconds(10));
    String normal = admin.createConversation(DemoAccount.SKILL_VIP, "Normal Later", List.of("2"));
    clock.advance(Duration.ofSeconds(10));
    String urgent = admin.createConversation(DemoAccount.SKILL_VIP, "Urgent Latest", List.of("3"));
    p.sync();
    assertThat(ringsFor(p, normal)).as("no free slot").isEmpty();
    Login m2 = login("manager2");
    WsProbe mp = agentSocket(m2);
    mp.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", urgent, "conversationField",
        List.of(field("ParticipantsChange", "ADD", "MANAGER"))));
    mp.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", urgent, "conversationField",
        List.of(Map.of("field", "TTRField", "ttrType", "URGENT"))));
    // free the slot: the urgent conversation (due first) rings before the older normal one
    p.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", first, "conversationField",
        List.of(Map.of("field", "ConversationStateField", "conversationState", "CLOSE"))));
    awaitRing(p, urgent);
    assertThat(ringsFor(p, normal)).isEmpty();
  }

  @Test
  void backToQueueGoesToTheEndAndPrefersAnotherAgent() throws Exception {
    Login a1 = login("agent1");
    Login a2 = login("agent2");
    WsProbe p1 = onlineAgent(a1);
    String conv = admin.createConversation(DemoAccount.SKILL_SALES, "Back Queue", List.of("hi"));
    accept(p1, awaitRing(p1, conv));
    awaitConv(p1, conv, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    WsProbe p2 = onlineAgent(a2);
    String r = p1.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField",
        List.of(Map.of("field", "ParticipantsChange", "type", "REMOVE", "role", "ASSIGNED_AGENT")))).asText();
    assertThat(r).contains("queue");
    JsonNode del = awaitConv(p1, conv, "DELETE", x -> true);
    assertThat(del.path("conversationDetails").path("participantsPId").isObject()).as("DELETE carries full details").isTrue();
    assertThat(del.path("conversationDetails").path("dialogs").get(0).has("participantsDetails")).isTrue();
    awaitRing(p2, conv);
    assertThat(ringsFor(p1, conv).stream().filter(c -> ring(Json.obj().set("changes", Json.arr().add(c)), conv, "WAITING") != null).count())
        .as("only the original ring went to agent1").isEqualTo(1);
  }

  @Test
  void transferToSkillRequeuesOnTheNewSkill() throws Exception {
    Login a1 = login("agent1");
    Login a3 = login("agent3"); // General + Tech Support
    WsProbe p1 = onlineAgent(a1);
    String conv = admin.createConversation(DemoAccount.SKILL_GENERAL, "Skill Move", List.of("my router"));
    accept(p1, awaitRing(p1, conv));
    awaitConv(p1, conv, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    WsProbe p3 = onlineAgent(a3);
    JsonNode denied = p1.call(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField", List.of(
        Map.of("field", "ParticipantsChange", "type", "REMOVE", "role", "ASSIGNED_AGENT"),
        Map.of("field", "Skill", "type", "UPDATE", "skill", String.valueOf(DemoAccount.SKILL_VIP)))));
    assertThat(denied.path("code").asInt()).as("VIP is not in General's transfer list").isEqualTo(403);
    p1.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField", List.of(
        Map.of("field", "ParticipantsChange", "type", "REMOVE", "role", "ASSIGNED_AGENT"),
        Map.of("field", "Skill", "type", "UPDATE", "skill", String.valueOf(DemoAccount.SKILL_TECH)))));
    accept(p3, awaitRing(p3, conv));
    JsonNode res = awaitConv(p3, conv, "UPSERT", r -> assignedTo(r, a3.legacyId()));
    assertThat(res.path("conversationDetails").path("skillId").asText()).isEqualTo(String.valueOf(DemoAccount.SKILL_TECH));
  }

  @Test
  void transferToAgentIsSuggestedUntilAcceptedAndFallsBackOnTimeout() throws Exception {
    Login a1 = login("agent1");
    Login a2 = login("agent2");
    WsProbe p1 = onlineAgent(a1);
    WsProbe p2 = agentSocket(a2);
    p2.ok(".ams.routing.SetAgentState", Map.of("availability", "OCCUPIED"));
    p2.ok(".ams.aam.SubscribeExConversations", Map.of("convState", List.of("OPEN")));
    p2.ok(".ams.routing.SubscribeRoutingTasks", Map.of());
    String conv = admin.createConversation(DemoAccount.SKILL_SALES, "Agent Move", List.of("hi"));
    accept(p1, awaitRing(p1, conv));
    awaitConv(p1, conv, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    p1.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField", List.of(
        Map.of("field", "ParticipantsChange", "type", "REMOVE", "role", "ASSIGNED_AGENT"),
        Map.of("field", "ParticipantsChange", "type", "SUGGEST", "role", "ASSIGNED_AGENT", "userId", a2.legacyId()),
        Map.of("field", "Skill", "type", "UPDATE", "skill", String.valueOf(DemoAccount.SKILL_SALES)))));
    JsonNode suggested = awaitConv(p2, conv, "UPSERT", r -> {
      for (JsonNode d : r.path("conversationDetails").path("dialogs").get(0).path("participantsDetails")) {
        if (d.path("id").asText().equals(a2.legacyId()) && d.path("state").asText().equals("SUGGESTED")) {
          return true;
        }
      }
      return false;
    });
    assertThat(suggested.path("conversationDetails").path("participants").path("ASSIGNED_AGENT")).isEmpty();
    // OCCUPIED agents get transfers: a ring for the target only; it expires and the conversation goes back to the queue
    awaitRing(p2, conv);
    admin.advanceClock(Duration.ofSeconds(61));
    p2.awaitNotification("RoutingTaskNotification", b -> ring(b, conv, "EXPIRED") != null);
    // back in the Sales queue; agent1 returned it, but is the only ONLINE agent, so it rings there again
    String again = awaitRing(p1, conv);
    assertThat(again).isNotBlank();

    // a second transfer that the target accepts
    accept(p1, again);
    awaitConv(p1, conv, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    p1.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField", List.of(
        Map.of("field", "ParticipantsChange", "type", "REMOVE", "role", "ASSIGNED_AGENT"),
        Map.of("field", "ParticipantsChange", "type", "SUGGEST", "role", "ASSIGNED_AGENT", "userId", a2.legacyId()))));
    accept(p2, awaitRing(p2, conv));
    awaitConv(p2, conv, "UPSERT", r -> assignedTo(r, a2.legacyId()));
  }

  private WsProbe agentIn(Login l, String availability) throws InterruptedException {
    WsProbe p = agentSocket(l);
    p.ok(".ams.routing.SetAgentState", Map.of("availability", availability));
    p.ok(".ams.routing.SubscribeRoutingTasks", Map.of());
    p.drain();
    return p;
  }

  private boolean rang(WsProbe p, String conv) {
    p.sync();
    return ringsFor(p, conv).stream().anyMatch(ch -> "WAITING".equals(
        ch.path("result").path("ringsDetails").path(0).path("ringState").asText()));
  }

  @Test
  void backSoonAgentsGetNothingOccupiedOnesGetTransfersOnly() throws Exception {
    Login a1 = login("agent1");
    Login a2 = login("agent2");
    Login a3 = login("agent3"); // General + Tech Support
    WsProbe p1 = onlineAgent(a1);
    WsProbe p2 = agentIn(a2, "BACK_SOON");
    WsProbe p3 = agentIn(a3, "OCCUPIED");
    String sales = admin.createConversation(DemoAccount.SKILL_SALES, "Back Soon", List.of("hi"));
    accept(p1, awaitRing(p1, sales));
    awaitConv(p1, sales, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    p1.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", sales, "conversationField", List.of(
        Map.of("field", "ParticipantsChange", "type", "REMOVE", "role", "ASSIGNED_AGENT"),
        Map.of("field", "ParticipantsChange", "type", "SUGGEST", "role", "ASSIGNED_AGENT", "userId", a2.legacyId()),
        Map.of("field", "Skill", "type", "UPDATE", "skill", String.valueOf(DemoAccount.SKILL_SALES)))));
    assertThat(rang(p2, sales)).as("a BACK_SOON agent is offered no transfer").isFalse();

    String general = admin.createConversation(DemoAccount.SKILL_GENERAL, "Occupied", List.of("my router"));
    accept(p1, awaitRing(p1, general));
    awaitConv(p1, general, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    assertThat(rang(p3, general)).as("an OCCUPIED agent is offered no new conversation").isFalse();
    p1.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", general, "conversationField", List.of(
        Map.of("field", "ParticipantsChange", "type", "REMOVE", "role", "ASSIGNED_AGENT"),
        Map.of("field", "Skill", "type", "UPDATE", "skill", String.valueOf(DemoAccount.SKILL_TECH)))));
    assertThat(awaitRing(p3, general)).as("an OCCUPIED agent is offered a transfer to its skill").isNotBlank();
  }

  @Test
  void managerJoinsPublishesReadsSilentlyAndLeaves() throws Exception {
    Login a1 = login("agent1");
    WsProbe p1 = onlineAgent(a1);
    String conv = admin.createConversation(DemoAccount.SKILL_SALES, "Team Watch", List.of("hello"));
    accept(p1, awaitRing(p1, conv));
    awaitConv(p1, conv, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    Login m1 = login("manager1");
    Login m2 = login("manager2");
    WsProbe mp = agentSocket(m1);
    WsProbe other = agentSocket(m2);
    String sub = mp.ok(".ams.aam.SubscribeExConversations", Map.of("convState", List.of("OPEN"))).path("subscriptionId").asText();
    JsonNode snap = mp.awaitNotification("ExConversationChangeNotification", b -> b.path("subscriptionId").asText().equals(sub));
    assertThat(snap.path("body").path("changes")).as("manager1 sees its team's conversation").hasSize(1);
    String osub = other.ok(".ams.aam.SubscribeExConversations", Map.of("convState", List.of("OPEN"))).path("subscriptionId").asText();
    JsonNode osnap = other.awaitNotification("ExConversationChangeNotification", b -> b.path("subscriptionId").asText().equals(osub));
    assertThat(osnap.path("body").path("changes")).as("agent1 is not in manager2's team").isEmpty();
    assertThat(other.call(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField",
        List.of(field("ParticipantsChange", "ADD", "MANAGER")))).path("code").asInt()).isEqualTo(403);

    assertThat(mp.call(".ams.ms.PublishEvent", Map.of("dialogId", conv, "event",
        Map.of("type", "ContentEvent", "contentType", "text/plain", "message", "x"))).path("code").asInt())
        .as("not joined").isEqualTo(403);
    mp.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField",
        List.of(field("ParticipantsChange", "ADD", "READER"))));
    assertThat(mp.call(".ams.ms.PublishEvent", Map.of("dialogId", conv, "event",
        Map.of("type", "ContentEvent", "contentType", "text/plain", "message", "x"))).path("code").asInt())
        .as("READER may not publish").isEqualTo(403);
    admin.consumerSays(conv, "anyone?");
    mp.awaitNotification(".ams.ms.OnlineEventDistribution", b -> "anyone?".equals(b.path("event").path("message").asText()));
    String ok = mp.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField",
        List.of(field("ParticipantsChange", "ADD", "MANAGER")))).asText();
    assertThat(ok).isEqualTo("OK Agent added successfully");
    mp.ok(".ams.ms.PublishEvent", Map.of("dialogId", conv, "messageAudience", "AGENTS_AND_MANAGERS", "event",
        Map.of("type", "ContentEvent", "contentType", "text/plain", "message", "psst, offer the discount")));
    p1.awaitNotification(".ams.ms.OnlineEventDistribution", b -> "AGENTS_AND_MANAGERS".equals(b.path("messageAudience").asText()));
    JsonNode joined = awaitConv(p1, conv, "UPSERT", r -> r.path("conversationDetails").path("participants").path("MANAGER").size() == 1);
    assertThat(joined.path("conversationDetails").path("participantsPId").path("MANAGER").get(0).asText()).isEqualTo(m1.pid());
    mp.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField",
        List.of(field("ParticipantsChange", "REMOVE", "MANAGER"))));
    awaitConv(p1, conv, "UPSERT", r -> r.path("conversationDetails").path("participants").path("MANAGER").isEmpty());
    assertThat(mp.call(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField",
        List.of(field("ParticipantsChange", "REMOVE", "MANAGER")))).path("code").asInt()).isEqualTo(400);
    Login a2 = login("agent2");
    WsProbe p2 = agentSocket(a2);
    assertThat(p2.call(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField",
        List.of(field("ParticipantsChange", "ADD", "MANAGER")))).path("code").asInt()).as("agents cannot join").isEqualTo(403);
    assertThat(p2.call(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField",
        List.of(Map.of("field", "ConversationStateField", "conversationState", "CLOSE")))).path("code").asInt()).isEqualTo(403);
    assertThat(p2.call(".ams.ms.QueryMessages", Map.of("dialogId", conv, "newerThanSequence", 0)).path("code").asInt()).isEqualTo(403);
  }

  @Test
  void closeByAgentAndByConsumerAndAutoClose() throws Exception {
    Login a1 = login("agent1");
    WsProbe p1 = onlineAgent(a1);
    String c1 = admin.createConversation(DemoAccount.SKILL_SALES, "Close One", List.of("bye"));
    accept(p1, awaitRing(p1, c1));
    awaitConv(p1, c1, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    p1.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", c1, "conversationField",
        List.of(Map.of("field", "ConversationStateField", "conversationState", "CLOSE"))));
    JsonNode del = awaitConv(p1, c1, "DELETE", r -> true);
    assertThat(del.path("conversationDetails").path("state").asText()).isEqualTo("CLOSE");
    assertThat(del.path("conversationDetails").path("closeReason").asText()).isEqualTo("AGENT");
    assertThat(p1.call(".ams.ms.PublishEvent", Map.of("dialogId", c1, "event",
        Map.of("type", "ContentEvent", "contentType", "text/plain", "message", "late"))).path("code").asInt()).isEqualTo(400);

    String c2 = admin.createConversation(DemoAccount.SKILL_SALES, "Close Two", List.of("hi"));
    accept(p1, awaitRing(p1, c2));
    awaitConv(p1, c2, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    admin.consumerCloses(c2);
    JsonNode d2 = awaitConv(p1, c2, "DELETE", r -> true);
    assertThat(d2.path("conversationDetails").path("closeReason").asText()).isEqualTo("CONSUMER");

    String c3 = admin.createConversation(DemoAccount.SKILL_SALES, "Idle Three", List.of("hi"));
    accept(p1, awaitRing(p1, c3));
    awaitConv(p1, c3, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    admin.advanceClock(Duration.ofMinutes(61));
    p1.sync();
    assertThat(p1.seen(n -> change(n.path("body"), c3, "DELETE", r -> true) != null)).as("pending the agent: no auto-close").isEmpty();
    p1.ok(".ams.ms.PublishEvent", Map.of("dialogId", c3, "event",
        Map.of("type", "ContentEvent", "contentType", "text/plain", "message", "anything else?")));
    admin.advanceClock(Duration.ofMinutes(59));
    p1.sync();
    assertThat(p1.seen(n -> change(n.path("body"), c3, "DELETE", r -> true) != null)).isEmpty();
    admin.advanceClock(Duration.ofMinutes(2));
    JsonNode d3 = awaitConv(p1, c3, "DELETE", r -> true);
    assertThat(d3.path("conversationDetails").path("closeReason").asText()).isEqualTo("TIMEOUT");
  }

  @Test
  void agentsOnlyRouteWhenOnlineAndSubscribed() throws Exception {
    Login a1 = login("agent1");
    WsProbe p1 = agentSocket(a1);
    p1.ok(".ams.routing.SubscribeRoutingTasks", Map.of());
    p1.ok(".ams.routing.SetAgentState", Map.of("availability", "AWAY"));
    String conv = admin.createConversation(DemoAccount.SKILL_SALES, "Waiting", List.of("hi"));
    p1.sync();
    assertThat(ringsFor(p1, conv)).isEmpty();
    p1.ok(".ams.routing.SetAgentState", Map.of("availability", "ONLINE"));
    awaitRing(p1, conv);
    p1.close();
    assertThat(p1.awaitClose()).isTrue();
    // the server closes after the client; core's Await is out of sim's reach (core depends on sim): polled by hand
    for (int i = 0; i < 50 && !admin.agentState("agent1").equals("OFFLINE"); i++) {
      Thread.sleep(20);
    }
    assertThat(admin.agentState("agent1")).isEqualTo("OFFLINE");
  }

  @Test
  void aSecondRoutingSubscriptionStartsWithTheRingsAlreadyWaiting() throws Exception {
    Login a1 = login("agent1");
    WsProbe p1 = onlineAgent(a1);
    String conv = admin.createConversation(DemoAccount.SKILL_SALES, "Second Socket", List.of("hi"));
    String ringId = awaitRing(p1, conv);
    WsProbe other = agentSocket(a1);
    String sub = other.ok("routing.SubscribeRoutingTasks", Map.of()).path("subscriptionId").asText();
    JsonNode snap = other.awaitNotification("RoutingTaskNotification", b -> b.path("subscriptionId").asText().equals(sub));
    assertThat(ring(snap.path("body"), conv, "WAITING").path("ringId").asText()).isEqualTo(ringId);
    accept(other, ringId);
    awaitConv(p1, conv, "UPSERT", r -> assignedTo(r, a1.legacyId()));
  }

  @Test
  void transferToAnUnreachableAgentFallsBackToTheQueueAfterTheFallbackTime() throws Exception {
    Login a1 = login("agent1");
    WsProbe p1 = onlineAgent(a1);
    String conv = admin.createConversation(DemoAccount.SKILL_SALES, "Fallback", List.of("hi"));
    accept(p1, awaitRing(p1, conv));
    awaitConv(p1, conv, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    // agent6 (Sales) is not logged in at all
    p1.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField", List.of(
        Map.of("field", "ParticipantsChange", "type", "REMOVE", "role", "ASSIGNED_AGENT"),
        Map.of("field", "ParticipantsChange", "type", "SUGGEST", "role", "ASSIGNED_AGENT", "userId", ACCT + ".1006"))));
    admin.advanceClock(Duration.ofSeconds(119));
    p1.sync();
    assertThat(ringsFor(p1, conv)).as("still reserved for agent6").hasSize(3);
    admin.advanceClock(Duration.ofSeconds(2));
    awaitRing(p1, conv);
  }
}
