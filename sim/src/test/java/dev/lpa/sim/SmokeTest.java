package dev.lpa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmokeTest extends SimTestBase {
  @Test
  void ringAcceptAndMessage() throws Exception {
    Login l = login("agent1");
    WsProbe p = onlineAgent(l);
    String conv = admin.createConversation(DemoAccount.SKILL_SALES, "Olga Test", List.of("hello"));
    String ring = awaitRing(p, conv);
    accept(p, ring);
    JsonNode res = awaitConv(p, conv, "UPSERT", r -> assignedTo(r, l.legacyId()));
    assertThat(res.path("conversationDetails").path("participantsPId").path("ASSIGNED_AGENT").get(0).asText()).isEqualTo(l.pid());
    JsonNode seq = p.ok(".ams.ms.PublishEvent", Map.of("dialogId", conv, "event",
        Map.of("type", "ContentEvent", "contentType", "text/plain", "message", "Hi!")));
    assertThat(seq.path("sequence").asInt()).isEqualTo(1);
  }
}
