package dev.lpa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentSocketTest extends SimTestBase {
  private static Map<String, Object> text(String conv, String msg) {
    return Map.of("dialogId", conv, "event", Map.of("type", "ContentEvent", "contentType", "text/plain", "message", msg));
  }

  /** An agent with an accepted conversation. */
  private String assignedConversation(WsProbe p, Login l, String... consumerSays) {
    String conv = admin.createConversation(DemoAccount.SKILL_SALES, "Nina Berg", List.of(consumerSays));
    accept(p, awaitRing(p, conv));
    awaitConv(p, conv, "UPSERT", r -> assignedTo(r, l.legacyId()));
    return conv;
  }

  @ParameterizedTest
  @CsvSource({".GetClock", "GetClock"})
  void getClockInLongAndShortNames(String type) throws Exception {
    WsProbe p = agentSocket(login("agent1"));
    JsonNode b = p.ok(type, Map.of());
    assertThat(b.path("currentTime").asLong()).isEqualTo(clock.millis());
  }

  @ParameterizedTest
  @CsvSource({
      ".ams.aam.SubscribeExConversations, .ams.routing.SubscribeRoutingTasks, .ams.routing.SetAgentState, .ams.routing.SubscribeAgentsState",
      "aam.SubscribeExConversations, routing.SubscribeRoutingTasks, routing.SetAgentState, routing.SubscribeAgentsState",
      "cqm.SubscribeExConversations, routing.SubscribeRoutingTasks, routing.SetAgentState, routing.SubscribeAgentsState"})
  void subscriptionsAcceptLongAndShortNamesAndStartWithASnapshot(String convs, String tasks, String state, String states) throws Exception {
    Login l = login("agent1");
    WsProbe p = agentSocket(l);
    String sub = p.ok(convs, Map.of("convState", List.of("OPEN"))).path("subscriptionId").asText();
    JsonNode snap = p.awaitNotification(".ams.aam.ExConversationChangeNotification", b -> b.path("subscriptionId").asText().equals(sub));
    assertThat(snap.path("body").path("changes")).isEmpty();
    String tsub = p.ok(tasks, Map.of("channelType", "MESSAGING", "agentId", l.legacyId(), "brandId", ACCT)).path("subscriptionId").asText();
    JsonNode tsnap = p.awaitNotification(".ams.routing.RoutingTaskNotification", b -> b.path("subscriptionId").asText().equals(tsub));
    assertThat(tsnap.path("body").path("changes")).isEmpty();
    String ssub = p.ok(states, Map.of("agentId", l.legacyId(), "brandId", ACCT)).path("subscriptionId").asText();
    p.awaitNotification(".ams.routing.AgentStateNotification", b -> b.path("subscriptionId").asText().equals(ssub)
        && b.path("changes").get(0).path("result").path("availability").asText().equals("OFFLINE"));
    JsonNode r = p.call(state, Map.of("availability", "AWAY", "channels", List.of("MESSAGING"), "agentUserId", l.legacyId()));
    assertThat(r.path("code").asInt()).isEqualTo(202);
    p.awaitNotification(".ams.routing.AgentStateNotification",
        b -> b.path("changes").get(0).path("result").path("availability").asText().equals("AWAY"));
    assertThat(admin.agentState("agent1")).isEqualTo("AWAY");
    p.ok(convs.replace("Subscribe", "Unsubscribe"), Map.of("subscriptionId", sub));
  }

  @Test
  void snapshotCarriesTheCompleteMatchingSetAndResponseComesFirst() throws Exception {
    Login l = login("agent1");
    WsProbe first = onlineAgent(l);
    String conv = assignedConversation(first, l, "hello");
    WsProbe p = agentSocket(l);
    String id = p.send(".ams.aam.SubscribeExConversations", Map.of("agentIds", List.of(l.pid()), "convState", List.of("OPEN")));
    p.awaitResp(id);
    JsonNode snap = p.awaitNotification("ExConversationChangeNotification", b -> true);
    int respIndex = -1;
    int snapIndex = -1;
    for (int i = 0; i < p.all.size(); i++) {
      JsonNode f = p.all.get(i);
      if (f.path("reqId").asText().equals(id)) {
        respIndex = i;
      }
      if (f == snap) {
        snapIndex = i;
      }
    }
    assertThat(respIndex).isLessThan(snapIndex);
    JsonNode res = snap.path("body").path("changes").get(0).path("result");
    assertThat(res.path("convId").asText()).isEqualTo(conv);
    JsonNode d = res.path("conversationDetails");
    assertThat(d.path("participants").path("CONSUMER")).hasSize(1);
    assertThat(d.path("participantsPId").path("ASSIGNED_AGENT").get(0).asText()).isEqualTo(l.pid());
    assertThat(d.path("dialogs").get(0).path("participantsDetails")).hasSize(2);
    assertThat(res.path("lastContentEventNotification").path("event").path("message").asText()).isEqualTo("hello");
  }

  @Test
  void headersNullUnknownTypesAndMalformedFramesGetErrorResponses() throws Exception {
    WsProbe p = agentSocket(login("agent1"));
    p.sendRaw("{\"kind\":\"req\",\"id\":\"h1\",\"type\":\".GetClock\",\"body\":{},\"headers\":null}");
    assertThat(p.awaitResp("h1").path("code").asInt()).isEqualTo(200);
    p.sendRaw("{\"kind\":\"req\",\"id\":7,\"type\":\".GetClock\"}");
    assertThat(p.awaitResp("7").path("code").asInt()).isEqualTo(200);
    JsonNode unknown = p.call(".ams.nope.Nothing", Map.of());
    assertThat(unknown.path("code").asInt()).isEqualTo(400);
    assertThat(unknown.path("type").asText()).isEqualTo(".ReqBody$StringResp");
    assertThat(unknown.path("body").isTextual()).isTrue();
    p.sendRaw("{nope");
    JsonNode bad = p.await(n -> n.path("code").asInt() == 400 && n.path("body").asText().contains("malformed"));
    assertThat(bad.path("reqId").asText()).isEqualTo("0");
  }

  @Test
  void publishAssignsPerDialogSequencesAndEchoesWithTheLoginPid() throws Exception {
    Login l = login("agent1");
    WsProbe p = onlineAgent(l);
    String conv = assignedConversation(p, l, "first", "second");
    p.drain();
    JsonNode s = p.ok(".ams.ms.PublishEvent", text(conv, "Hello Nina"));
    assertThat(s.path("sequence").asInt()).isEqualTo(2);
    JsonNode echo = p.awaitNotification(".ams.ms.OnlineEventDistribution", b -> b.path("sequence").asInt() == 2);
    assertThat(echo.path("body").path("originatorPId").asText()).isEqualTo(l.pid());
    assertThat(echo.path("body").path("originatorId").asText()).isEqualTo(l.legacyId());
    assertThat(echo.path("body").path("originatorMetadata").path("role").asText()).isEqualTo("ASSIGNED_AGENT");
    JsonNode read = p.ok("ms.PublishEvent", Map.of("dialogId", conv, "event",
        Map.of("type", "AcceptStatusEvent", "status", "READ", "sequenceList", List.of(0, 1))));
    assertThat(read.path("sequence").asInt()).isEqualTo(3);
    JsonNode typing = p.ok(".ams.ms.PublishEvent", Map.of("dialogId", conv, "event",
        Map.of("type", "ChatStateEvent", "chatState", "COMPOSING")));
    assertThat(typing.path("sequence").asInt()).isZero();
    JsonNode ts = p.awaitNotification(".ams.ms.OnlineEventDistribution", b -> b.path("event").path("type").asText().equals("ChatStateEvent"));
    assertThat(ts.path("body").has("sequence")).isFalse();
    JsonNode rich = p.ok(".ams.ms.PublishEvent", Map.of("dialogId", conv, "event", Map.of("type", "RichContentEvent",
        "content", Map.of("type", "vertical", "elements", List.of(Map.of("type", "text", "text", "Card"))))));
    assertThat(rich.path("sequence").asInt()).isEqualTo(4);
    JsonNode bad = p.call(".ams.ms.PublishEvent", Map.of("dialogId", conv, "event", Map.of("type", "ContentEvent", "contentType", "text/plain")));
    assertThat(bad.path("code").asInt()).isEqualTo(400);

    JsonNode all = p.ok(".ams.ms.QueryMessages", Map.of("dialogId", conv, "newerThanSequence", 0));
    assertThat(all).hasSize(5);
    assertThat(all.get(0).path("sequence").asInt()).isZero();
    JsonNode tail = p.ok("ms.QueryMessages", Map.of("dialogId", conv, "newerThanSequence", 3));
    assertThat(tail).extracting(n -> n.path("sequence").asInt()).containsExactly(3, 4);
    JsonNode viaSubscribe = p.call("ms.SubscribeMessagingEvents", Map.of("dialogId", conv, "fromSeq", 4));
    assertThat(viaSubscribe.path("type").asText()).isEqualTo(".ams.ms.QueryMessages$Response");
    assertThat(viaSubscribe.path("body")).hasSize(1);
  }

  @Test
  void consumerEventsReachTheAgentWithTheConsumerAsOriginatorAndRaiseUnread() throws Exception {
    Login l = login("agent1");
    WsProbe p = onlineAgent(l);
    String conv = assignedConversation(p, l);
    admin.consumerSays(conv, "are you there?");
    JsonNode ev = p.awaitNotification(".ams.ms.OnlineEventDistribution", b -> b.path("event").path("message").asText().equals("are you there?"));
    String consumerId = ev.path("body").path("originatorId").asText();
    assertThat(ev.path("body").path("originatorPId").asText()).isEqualTo(consumerId);
    assertThat(ev.path("body").path("originatorMetadata").path("id").asText()).isEqualTo(consumerId);
    JsonNode upsert = awaitConv(p, conv, "UPSERT", r -> r.path("numberOfunreadMessages").path(l.legacyId()).asInt() == 1);
    assertThat(upsert.path("effectiveTTR").asLong()).isEqualTo(clock.millis() + 3_600_000);
    admin.consumerTyping(conv, true);
    p.awaitNotification(".ams.ms.OnlineEventDistribution", b -> "COMPOSING".equals(b.path("event").path("chatState").asText()));
    p.ok(".ams.ms.PublishEvent", Map.of("dialogId", conv, "event",
        Map.of("type", "AcceptStatusEvent", "status", "READ", "sequenceList", List.of(0))));
    awaitConv(p, conv, "UPSERT", r -> r.path("numberOfunreadMessages").path(l.legacyId()).asInt() == 0);
    p.ok(".ams.ms.PublishEvent", text(conv, "yes"));
    awaitConv(p, conv, "UPSERT", r -> r.path("effectiveTTR").asLong() == -1);
    admin.consumerReads(conv);
    p.awaitNotification(".ams.ms.OnlineEventDistribution", b -> "READ".equals(b.path("event").path("status").asText()));
  }

  @Test
  void ttrUrgentAndManualDueTimeChangeEffectiveTtr() throws Exception {
    Login l = login("agent1");
    WsProbe p = onlineAgent(l);
    String conv = assignedConversation(p, l, "help");
    long start = clock.millis();
    p.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField",
        List.of(Map.of("field", "TTRField", "ttrType", "URGENT"))));
    JsonNode u = awaitConv(p, conv, "UPSERT", r -> "URGENT".equals(r.path("conversationDetails").path("ttr").path("ttrType").asText()));
    assertThat(u.path("conversationDetails").path("ttr").path("value").asInt()).isEqualTo(600);
    assertThat(u.path("effectiveTTR").asLong()).isEqualTo(start + 600_000);
    long manual = start + 86_400_000;
    p.ok("cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField",
        Map.of("field", "ManualETTR", "time", manual)));
    awaitConv(p, conv, "UPSERT", r -> r.path("effectiveTTR").asLong() == manual
        && r.path("conversationDetails").path("manualETTR").asLong() == manual);
    JsonNode filtered = p.ok(".ams.aam.SubscribeExConversations", Map.of("maxETTR", start + 3_600_000));
    String fsub = filtered.path("subscriptionId").asText();
    JsonNode snap = p.awaitNotification("ExConversationChangeNotification", b -> b.path("subscriptionId").asText().equals(fsub));
    assertThat(snap.path("body").path("changes")).as("manual due time is a day away").isEmpty();
  }

  @Test
  void userProfileAndFileUrlsRoundTrip() throws Exception {
    Login l = login("agent1");
    WsProbe p = onlineAgent(l);
    String conv = assignedConversation(p, l, "hi");
    String consumerId = p.ok(".ams.ms.QueryMessages", Map.of("dialogId", conv, "newerThanSequence", 0)).get(0).path("originatorId").asText();
    JsonNode prof = p.call(".ams.userprofile.GetUserProfile", consumerId);
    assertThat(prof.path("type").asText()).isEqualTo(".ams.userprofile.GetUserProfile$Response");
    assertThat(prof.path("body").path("firstName").asText()).isEqualTo("Nina");
    assertThat(p.call("userprofile.GetUserProfile", "nobody").path("code").asInt()).isEqualTo(404);

    JsonNode up = p.ok(".ams.ms.GenerateURLForUploadFile", Map.of("fileSize", "4", "fileType", "PNG"));
    String path = up.path("relativePath").asText();
    assertThat(path).startsWith("/v1/AUTH_async-images/" + ACCT + "/").endsWith(".PNG");
    String q = "?temp_url_sig=" + up.path("queryParams").path("temp_url_sig").asText()
        + "&temp_url_expires=" + up.path("queryParams").path("temp_url_expires").asText();
    byte[] bytes = {1, 2, 3, 4};
    try (Response r = http.newCall(new Request.Builder().url(url(path + "?temp_url_sig=bad&temp_url_expires=1"))
        .put(RequestBody.create(bytes)).build()).execute()) {
      assertThat(r.code()).isEqualTo(401);
    }
    try (Response r = http.newCall(new Request.Builder().url(url(path + q)).put(RequestBody.create(bytes)).build()).execute()) {
      assertThat(r.code()).isEqualTo(201);
    }
    p.ok(".ams.ms.PublishEvent", Map.of("dialogId", conv, "event", Map.of("type", "ContentEvent", "contentType", "hosted/file",
        "message", Map.of("caption", "receipt", "relativePath", path, "fileType", "PNG"))));
    JsonNode down = p.ok("ms.GenerateURLForDownloadFile", Map.of("relativePath", path));
    WsProbe stranger = agentSocket(login("agent5"));
    assertThat(stranger.call("ms.GenerateURLForDownloadFile", Map.of("relativePath", path)).path("code").asInt())
        .as("not shared with agent5").isEqualTo(403);
    String dq = "?temp_url_sig=" + down.path("queryParams").path("temp_url_sig").asText()
        + "&temp_url_expires=" + down.path("queryParams").path("temp_url_expires").asText();
    try (Response r = http.newCall(new Request.Builder().url(url(path + dq)).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().bytes()).containsExactly(bytes);
    }
    admin.advanceClock(Duration.ofSeconds(Files.URL_TTL_SECONDS + 1));
    try (Response r = http.newCall(new Request.Builder().url(url(path + dq)).build()).execute()) {
      assertThat(r.code()).as("temp URLs expire").isEqualTo(401);
    }
    assertThat(p.call(".ams.ms.GenerateURLForUploadFile", Map.of("fileSize", "10000000", "fileType", "PNG")).path("code").asInt()).isEqualTo(413);
    assertThat(p.call(".ams.ms.GenerateURLForUploadFile", Map.of("fileSize", "10", "fileType", "EXE")).path("code").asInt()).isEqualTo(400);
    assertThat(p.call(".ams.ms.GenerateURLForUploadFile", Map.of("fileSize", "10", "fileType", "PDF")).path("code").asInt())
        .as("GenerateURLForUploadFileBody allows JPG, PNG, GIF, JPEG only").isEqualTo(400);
    assertThat(p.call(".ams.ms.GenerateURLForUploadFile", Map.of("fileSize", 10, "fileType", "PNG")).path("code").asInt())
        .as("fileSize is a string in the schema").isEqualTo(400);
    assertThat(p.call(".ams.ms.PublishEvent", Map.of("dialogId", conv, "event", Map.of("type", "ContentEvent",
        "contentType", "hosted/file", "message", Map.of("relativePath", path, "fileType", "PNG")))).path("code").asInt())
        .as("HostedFile requires a caption").isEqualTo(400);
  }

  @Test
  void adminFaultsReachTheSocket() throws Exception {
    Login l = login("agent4");
    WsProbe p = agentSocket(l);
    p.sync();
    assertThat(admin.sendMalformedFrame("agent4")).isEqualTo(1);
    p.await(n -> "unparseable".equals(n.path("kind").asText()));
    p.raw.remove(p.raw.size() - 1);
    assertThat(admin.dropSockets()).isEqualTo(1);
    assertThat(p.awaitClose()).isTrue();
    assertThat(p.closeCode).isNotEqualTo(1000);
  }

  @Test
  void videoCallInvitationLifecycle() throws Exception {
    Login l = login("agent1");
    WsProbe p = onlineAgent(l);
    String conv = assignedConversation(p, l, "can we talk?");
    String r = p.ok(".ams.cm.UpdateConversationField", Map.of("conversationId", conv, "conversationField", List.of(Map.of(
        "field", "DialogChange", "type", "ADD", "dialog", Map.of("dialogType", "OTHER", "channelType", "COBROWSE",
            "metaData", Map.of("mode", "VIDEO_CALL")))))).asText();
    assertThat(r).contains("Add dialog");
    JsonNode inv = awaitConv(p, conv, "UPSERT", x -> x.path("conversationDetails").path("dialogs").size() == 2);
    JsonNode meta = inv.path("conversationDetails").path("dialogs").get(1).path("metaData");
    assertThat(meta.path("sessionState").asText()).isEqualTo("INVITED");
    String link = meta.path("callLink").asText();
    assertThat(link).startsWith(sim.baseUrl() + "/call/");
    try (Response page = http.newCall(new Request.Builder().url(link).build()).execute()) {
      assertThat(page.code()).isEqualTo(200);
    }
    admin.consumerAnswersCall(conv, true);
    awaitConv(p, conv, "UPSERT", x -> "ACCEPTED".equals(x.path("conversationDetails").path("dialogs").get(1).path("metaData").path("sessionState").asText()));
  }

  @Test
  void secureFormOnlyTheSenderCanRead() throws Exception {
    Login l = login("agent1");
    WsProbe p = onlineAgent(l);
    String conv = assignedConversation(p, l, "pay");
    p.ok(".ams.ms.PublishEvent", Map.of("dialogId", conv, "event", Map.of("type", "ContentEvent",
        "contentType", "forms/secure-invitation", "message", Map.of("formId", "813633132", "invitationId", "inv-1", "title", "Card"))));
    String submission = admin.consumerSubmitsForm(conv, "inv-1", Map.of("card", "4111"));
    p.awaitNotification(".ams.ms.OnlineEventDistribution", b -> "forms/secure-submission".equals(b.path("event").path("contentType").asText()));
    JsonNode tok = p.ok(".ams.ms.token.GenerateDownloadToken", Map.of("downloadable",
        Map.of("type", "SecureForm", "dialogId", conv, "submissionId", submission, "invitationId", "inv-1")));
    String otk = tok.path("token").path("readOtk").asText();
    JsonNode form = json(get("/forms/" + submission + "?token=" + otk, null));
    assertThat(form.path("values").get(0).path("value").asText()).isEqualTo("4111");
    try (Response again = get("/forms/" + submission + "?token=" + otk, null)) {
      assertThat(again.code()).as("one-time token").isEqualTo(403);
    }
    Login m = login("manager1");
    WsProbe mp = agentSocket(m);
    assertThat(mp.call(".ams.ms.token.GenerateDownloadToken", Map.of("downloadable",
        Map.of("submissionId", submission))).path("code").asInt()).isEqualTo(403);
  }
}
