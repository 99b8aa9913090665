package dev.lpa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

class ConsumerSocketTest extends SimTestBase {
  private String signup() throws Exception {
    return json(post("/api/account/" + ACCT + "/signup", "", null)).path("jwt").asText();
  }

  private String consumerUrl() {
    return "wss://" + sim.csdsDomain() + "/ws_api/account/" + ACCT + "/messaging/consumer?v=3";
  }

  private WsProbe consumer(String jwt) throws Exception {
    WsProbe c = WsProbe.open(http, consumerUrl(), "consumer");
    probes.add(c);
    c.sendRaw("{\"kind\":\"req\",\"id\":\"0\",\"type\":\"InitConnection\",\"headers\":["
        + "{\"type\":\".ams.headers.ClientProperties\",\"deviceFamily\":\"DESKTOP\",\"os\":\"LINUX\",\"features\":[\"PHOTO_SHARING\"]},"
        + "{\"type\":\".ams.headers.ConsumerAuthentication\",\"jwt\":\"" + jwt + "\"}]}");
    assertThat(c.awaitResp("0").path("code").asInt()).isEqualTo(200);
    return c;
  }

  @Test
  void fullConversationBetweenAConsumerAndAnAgent() throws Exception {
    Login a = login("agent1");
    WsProbe agent = onlineAgent(a);
    String jwt = signup();
    assertThat(jwt.split("\\.")).hasSize(3);
    WsProbe c = consumer(jwt);
    String sub = c.ok("cqm.SubscribeExConversations", Map.of("convState", List.of("OPEN"))).path("subscriptionId").asText();
    JsonNode empty = c.awaitNotification("cqm.ExConversationChangeNotification", b -> b.path("subscriptionId").asText().equals(sub));
    assertThat(empty.path("body").path("changes")).isEmpty();
    JsonNode req = c.call("cm.ConsumerRequestConversation", Map.of("brandId", ACCT, "skillId", "-1", "channelType", "MESSAGING",
        "conversationContext", Map.of("type", "SharkContext", "lang", "en-US")));
    assertThat(req.path("type").asText()).isEqualTo("cm.RequestConversationResponse");
    String conv = req.path("body").path("conversationId").asText();
    JsonNode up = c.awaitNotification("cqm.ExConversationChangeNotification", b -> b.path("changes").size() == 1);
    JsonNode details = up.path("body").path("changes").get(0).path("result").path("conversationDetails");
    assertThat(details.path("skillId").asText()).isEqualTo(String.valueOf(DemoAccount.DEFAULT_SKILL));
    assertThat(details.path("participants").isArray()).isTrue();
    assertThat(c.call("cm.ConsumerRequestConversation", Map.of("skillId", "-1")).path("code").asInt())
        .as("one open conversation per consumer").isEqualTo(400);

    c.ok("ms.SubscribeMessagingEvents", Map.of("dialogId", conv, "conversationId", conv, "fromSeq", 0));
    JsonNode pub = c.ok("ms.PublishEvent", Map.of("dialogId", conv, "conversationId", conv,
        "event", Map.of("type", "ContentEvent", "contentType", "text/plain", "message", "hello")));
    assertThat(pub.path("sequence").asInt()).isZero();
    c.awaitNotification("ms.MessagingEventNotification", b -> "hello".equals(b.path("changes").get(0).path("event").path("message").asText()));

    accept(agent, awaitRing(agent, conv));
    JsonNode assigned = awaitConv(agent, conv, "UPSERT", r -> assignedTo(r, a.legacyId()));
    assertThat(assigned.path("conversationDetails").path("context").path("clientProperties").path("os").asText())
        .as("the consumer's client properties reach the agent").isEqualTo("LINUX");
    assertThat(assigned.path("lastContentEventNotification").path("event").path("message").asText()).isEqualTo("hello");
    agent.ok(".ams.ms.PublishEvent", Map.of("dialogId", conv, "event", Map.of("type", "ContentEvent", "contentType", "text/plain", "message", "Hi, how can I help?")));
    agent.ok(".ams.ms.PublishEvent", Map.of("dialogId", conv, "messageAudience", "AGENTS_AND_MANAGERS",
        "event", Map.of("type", "ContentEvent", "contentType", "text/plain", "message", "private note")));
    JsonNode fromAgent = c.awaitNotification("ms.MessagingEventNotification",
        b -> "Hi, how can I help?".equals(b.path("changes").get(0).path("event").path("message").asText()));
    JsonNode ch = fromAgent.path("body").path("changes").get(0);
    assertThat(ch.path("originatorId").asText()).as("agents appear to consumers by PID").isEqualTo(a.pid());
    assertThat(ch.path("originatorMetadata").path("role").asText()).isEqualTo("ASSIGNED_AGENT");
    int agentSeq = ch.path("sequence").asInt();
    c.ok("ms.PublishEvent", Map.of("dialogId", conv, "event", Map.of("type", "AcceptStatusEvent", "status", "READ", "sequenceList", List.of(agentSeq))));
    agent.awaitNotification(".ams.ms.OnlineEventDistribution", b -> "READ".equals(b.path("event").path("status").asText())
        && "CONSUMER".equals(b.path("originatorMetadata").path("role").asText()));
    c.ok("ms.PublishEvent", Map.of("dialogId", conv, "event", Map.of("type", "ChatStateEvent", "chatState", "COMPOSING")));
    agent.awaitNotification(".ams.ms.OnlineEventDistribution", b -> "COMPOSING".equals(b.path("event").path("chatState").asText()));

    JsonNode upload = c.ok("ms.GenerateURLForUploadFile", Map.of("fileSize", "3", "fileType", "JPG"));
    assertThat(upload.path("relativePath").asText()).endsWith(".JPG");
    assertThat(c.call("ms.GenerateURLForUploadFile", Map.of("fileSize", "3", "fileType", "PDF")).path("code").asInt())
        .as("consumers send images only").isEqualTo(400);

    c.ok("cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField",
        List.of(Map.of("field", "ConversationStateField", "conversationState", "CLOSE"))));
    JsonNode closed = c.awaitNotification("cqm.ExConversationChangeNotification",
        b -> b.path("changes").size() > 0 && "CLOSE".equals(b.path("changes").get(0).path("result").path("conversationDetails").path("state").asText()));
    assertThat(closed.path("body").path("changes").get(0).path("type").asText()).isEqualTo("DELETE");
    c.ok("cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField",
        Map.of("field", "CSATRate", "csatRate", 5, "csatResolutionConfirmation", true, "status", "FILLED")));
    JsonNode del = awaitConv(agent, conv, "DELETE", r -> true);
    assertThat(del.path("conversationDetails").path("closeReason").asText()).isEqualTo("CONSUMER");
    assertThat(c.raw).noneMatch(f -> f.contains("private note"));
  }

  @Test
  void headerAuthenticationAndRefusals() throws Exception {
    String jwt = signup();
    WsProbe c = WsProbe.open(http, new Request.Builder().url(consumerUrl()).header("Authorization", "jwt " + jwt).build(), "consumer");
    probes.add(c);
    assertThat(c.call("GetClock", Map.of()).path("body").path("currentTime").asLong()).isEqualTo(clock.millis());
    c.ok("cqm.SubscribeExConversations", Map.of());
    WsProbe anon = WsProbe.open(http, consumerUrl(), "consumer");
    probes.add(anon);
    assertThat(anon.call("cm.ConsumerRequestConversation", Map.of("skillId", "-1")).path("code").asInt()).isEqualTo(401);
    anon.sendRaw("{\"kind\":\"req\",\"id\":\"9\",\"type\":\"InitConnection\",\"headers\":[{\"type\":\".ams.headers.ConsumerAuthentication\",\"jwt\":\"x.y.z\"}]}");
    assertThat(anon.awaitResp("9").path("code").asInt()).isEqualTo(401);
    JsonNode auth = json(post("/api/account/" + ACCT + "/authenticate", Map.of("authCode", "brand-user-7"), null));
    WsProbe known = consumer(auth.path("jwt").asText());
    String conv = known.ok("cm.ConsumerRequestConversation", Map.of("skillId", String.valueOf(DemoAccount.SKILL_TECH))).path("conversationId").asText();
    assertThat(c.call("ms.PublishEvent", Map.of("dialogId", conv, "event",
        Map.of("type", "ContentEvent", "contentType", "text/plain", "message", "not mine"))).path("code").asInt()).isEqualTo(403);
  }
}
