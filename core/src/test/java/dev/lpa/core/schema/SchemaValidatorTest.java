package dev.lpa.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaValidatorTest {
  static SchemaValidator v;

  @BeforeAll
  static void load() {
    v = SchemaValidator.forSharedSchemas();
  }

  /** A request frame; single quotes stand for double quotes to keep the samples readable. */
  static String req(String type, String body) {
    return ("{'kind':'req','id':'0b5c7a2e-1f0e-4a55-9a43-0f6a3c1d2e11','type':'" + type + "'"
        + (body == null ? "" : ",'body':" + body) + "}").replace('\'', '"');
  }

  static SchemaValidator.Result check(String type, String body) {
    return v.validate(req(type, body));
  }

  static void valid(String type, String body) {
    SchemaValidator.Result r = check(type, body);
    assertThat(r.hasSchema()).as("schema for %s", type).isTrue();
    assertThat(r.errors()).as("%s %s", type, body).isEmpty();
    assertThat(r.notes()).as("notes for %s %s", type, body).isEmpty();
  }

  static void validWithNote(String type, String body, String supplement) {
    SchemaValidator.Result r = check(type, body);
    assertThat(r.errors()).as("%s %s", type, body).isEmpty();
    assertThat(r.notes()).as("notes").anySatisfy(n -> assertThat(n).contains(supplement));
  }

  static void invalid(String type, String body, String expectedInSomeError) {
    SchemaValidator.Result r = check(type, body);
    assertThat(r.hasSchema()).isTrue();
    assertThat(r.errors()).as("%s %s", type, body).isNotEmpty()
        .anySatisfy(e -> assertThat(e).contains(expectedInSomeError));
  }

  // ---- type names ----

  @Test
  void longAndShortTypeNamesMapToTheSameSchema() {
    assertThat(SchemaValidator.canonical(".ams.ms.PublishEvent")).isEqualTo("ms.PublishEvent");
    assertThat(SchemaValidator.canonical("ms.PublishEvent")).isEqualTo("ms.PublishEvent");
    assertThat(SchemaValidator.canonical(".ams.aam.SubscribeExConversations")).isEqualTo("cqm.SubscribeExConversations");
    assertThat(SchemaValidator.canonical(".GetClock")).isEqualTo("GetClock");
    assertThat(SchemaValidator.canonical(".ams.userprofile.GetUserProfile")).isEqualTo("userprofile.GetUserProfile");
    assertThat(SchemaValidator.canonical("up.GetUserProfile")).isEqualTo("userprofile.GetUserProfile");
    String body = "{'dialogId':'d1','event':{'type':'ContentEvent','contentType':'text/plain','message':'hi'}}";
    assertThat(check(".ams.ms.PublishEvent", body).schema()).isEqualTo("ms.PublishEvent");
    assertThat(check("ms.PublishEvent", body).schema()).isEqualTo("ms.PublishEvent");
  }

  @Test
  void unknownTypesAreReportedAsUncheckedNotAsErrors() {
    SchemaValidator.Result r = check(".ams.routing.UpdateRoutingTaskSubscription", "{}");
    assertThat(r.hasSchema()).isFalse();
    assertThat(r.valid()).isFalse();
    assertThat(r.errors()).isEmpty();
    assertThat(r.type()).isEqualTo(".ams.routing.UpdateRoutingTaskSubscription");
    assertThat(v.knownTypes()).contains("ms.PublishEvent", "GetClock").doesNotContain("routing.UpdateRoutingTaskSubscription");
  }

  // ---- envelope ----

  @Test
  void getClock() {
    valid(".GetClock", "{}");
    valid("GetClock", null);
  }

  @Test
  void envelopeNeedsAnIdOfOneTo64CharsAndKindReq() {
    assertThat(v.errors("{\"kind\":\"req\",\"type\":\".GetClock\",\"body\":{}}")).anySatisfy(e -> assertThat(e).contains("id"));
    assertThat(v.errors("{\"kind\":\"req\",\"id\":\"\",\"type\":\".GetClock\"}")).isNotEmpty();
    assertThat(v.errors("{\"kind\":\"req\",\"id\":\"" + "x".repeat(65) + "\",\"type\":\".GetClock\"}")).isNotEmpty();
    assertThat(v.errors("{\"kind\":\"resp\",\"id\":\"1\",\"type\":\".GetClock\"}")).anySatisfy(e -> assertThat(e).contains("kind"));
    assertThat(v.errors("{\"id\":\"1\",\"type\":\".GetClock\"}")).anySatisfy(e -> assertThat(e).contains("kind"));
    assertThat(v.errors("{\"kind\":\"req\",\"id\":\"1\"}")).anySatisfy(e -> assertThat(e).contains("type"));
    assertThat(v.errors("{\"kind\":\"req\",\"id\":1,\"type\":\".GetClock\"}")).anySatisfy(e -> assertThat(e).contains("/id"));
  }

  @Test
  void envelopeMetadataIsChecked() {
    String ok = "{\"kind\":\"req\",\"id\":\"1\",\"type\":\".GetClock\",\"body\":{},"
        + "\"metadata\":[{\"type\":\"ExternalId\",\"id\":\"card-1\"}]}";
    assertThat(v.errors(ok)).isEmpty();
    String bad = ok.replace("\"id\":\"card-1\"", "\"id\":\"card-1\",\"extra\":true");
    assertThat(v.errors(bad)).anySatisfy(e -> assertThat(e).contains("/metadata/0"));
  }

  @Test
  void notJsonOrNotAnObjectIsAnError() {
    assertThat(v.errors("{nope")).singleElement().satisfies(e -> assertThat(e).startsWith("not JSON"));
    assertThat(v.errors("[1]")).containsExactly("a frame must be a JSON object");
  }

  // ---- conversation list ----

  @Test
  void subscribeExConversations() {
    valid(".ams.aam.SubscribeExConversations", "{'convState':['OPEN','CLOSE'],'agentIds':['acct.7'],'minLastUpdatedTime':0}");
    valid("cqm.SubscribeExConversations", "{}");
    invalid(".ams.aam.SubscribeExConversations", "{'convState':['LOCKED']}", "/body/convState/0");
    invalid(".ams.aam.SubscribeExConversations", "{'minLastUpdatedTime':-1}", "/body/minLastUpdatedTime");
    invalid(".ams.aam.SubscribeExConversations", "{'convState':'OPEN'}", "/body/convState");
  }

  @Test
  void unsubscribeExConversations() {
    valid(".ams.aam.UnsubscribeExConversations", "{'subscriptionId':'s-1'}");
    invalid(".ams.aam.UnsubscribeExConversations", "{}", "subscriptionId");
    invalid(".ams.aam.UnsubscribeExConversations", null, "body");
  }

  // ---- publishing ----

  @Test
  void publishText() {
    valid(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'ContentEvent','contentType':'text/plain','message':'Hello'}}");
    valid(".ams.ms.PublishEvent", "{'dialogId':'d1','conversationId':'c1','messageAudience':'AGENTS_AND_MANAGERS',"
        + "'event':{'type':'ContentEvent','contentType':'text/plain','message':'private note'}}");
    invalid(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'ContentEvent','contentType':'text/plain'}}", "/body/event");
    invalid(".ams.ms.PublishEvent", "{'dialogId':7,'event':{'type':'ContentEvent','contentType':'text/plain','message':'x'}}", "/body/dialogId");
    invalid(".ams.ms.PublishEvent", "{'event':{'type':'ContentEvent','contentType':'text/plain','message':'x'}}", "dialogId");
    invalid(".ams.ms.PublishEvent", null, "body");
  }

  @Test
  void publishFile() {
    valid(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'ContentEvent','contentType':'hosted/file',"
        + "'message':{'caption':'receipt','relativePath':'/v1/AUTH_async-images/acct/u.PNG','fileType':'PNG',"
        + "'preview':'data:image/png;base64,iVBORw0KGgo='}}}");
    validWithNote(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'ContentEvent','contentType':'hosted/file',"
        + "'message':{'caption':'','relativePath':'/v1/AUTH_async-images/acct/u.JPEG','fileType':'JPEG'}}}", "HostedFileJpeg");
    invalid(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'ContentEvent','contentType':'hosted/file',"
        + "'message':{'caption':'x','relativePath':'/p','fileType':'BMP'}}}", "/body/event");
    invalid(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'ContentEvent','contentType':'hosted/file',"
        + "'message':{'caption':'x','fileType':'PNG'}}}", "/body/event");
  }

  @Test
  void publishAcceptStatus() {
    valid(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'AcceptStatusEvent','status':'READ','sequenceList':[3,4]}}");
    valid(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'AcceptStatusEvent','status':'ACCEPT','sequenceList':[0]}}");
    invalid(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'AcceptStatusEvent','status':'SEEN','sequenceList':[3]}}", "/body/event");
    invalid(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'AcceptStatusEvent','status':'READ','sequenceList':['3']}}", "/body/event");
    invalid(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'AcceptStatusEvent','status':'READ'}}", "/body/event");
  }

  @Test
  void publishChatState() {
    valid(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'ChatStateEvent','chatState':'COMPOSING'}}");
    valid(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'ChatStateEvent','chatState':'ACTIVE'}}");
    invalid(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'ChatStateEvent','chatState':'TYPING'}}", "/body/event");
  }

  @Test
  void publishSecureFormInvitation() {
    validWithNote(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'ContentEvent','contentType':'forms/secure-invitation',"
        + "'message':{'formId':'f1','invitationId':'i1','title':'Card details'}}}", "SecureFormInvitation");
    invalid(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'ContentEvent','contentType':'forms/secure-invitation',"
        + "'message':{'formId':'f1','title':'Card details'}}}", "/body/event");
  }

  // ---- conversation changes ----

  static String ucf(String entries) {
    return "{'conversationId':'c1','conversationField':[" + entries + "]}";
  }

  static final String UCF = ".ams.cm.UpdateConversationField";

  @Test
  void updateConversationFieldUpstreamVariants() {
    valid(UCF, ucf("{'field':'ConversationStateField','conversationState':'CLOSE'}"));
    valid(UCF, ucf("{'field':'ParticipantsChange','type':'REMOVE','role':'ASSIGNED_AGENT','userId':'acct.7'}"));
    valid(UCF, ucf("{'field':'ParticipantsChange','type':'REMOVE','role':'ASSIGNED_AGENT','userId':'acct.7'},"
        + "{'field':'Skill','type':'UPDATE','skill':'20'}"));
    valid(UCF, ucf("{'field':'ParticipantsChange','type':'ADD','role':'MANAGER'}"));
    valid(UCF, ucf("{'field':'ParticipantsChange','type':'ADD','role':'READER'}"));
    valid(UCF, ucf("{'field':'ParticipantsChange','type':'REMOVE','role':'MANAGER'}"));
    valid(UCF, ucf("{'field':'TTRField','ttrType':'URGENT','value':600}"));
    valid(UCF, ucf("{'field':'TTRField','ttrType':'NORMAL','value':3600}"));
  }

  @Test
  void updateConversationFieldVariantsOnlySupplementsDescribe() {
    validWithNote(UCF, ucf("{'field':'ParticipantsChange','type':'REMOVE','role':'ASSIGNED_AGENT','userId':'acct.7'},"
        + "{'field':'ParticipantsChange','type':'SUGGEST','role':'ASSIGNED_AGENT','userId':'acct.8'},"
        + "{'field':'Skill','type':'UPDATE','skill':'20'}"), "ParticipantsChangeSuggest");
    validWithNote(UCF, ucf("{'field':'ManualETTR','time':1796040000000}"), "ManualETTR");
    validWithNote(UCF, ucf("{'field':'ManualETTR','time':null}"), "ManualETTR");
    validWithNote(UCF, ucf("{'field':'DialogChange','type':'UPDATE','dialog':{'dialogId':'d1','state':'CLOSE','closedBy':'AGENT'}}"),
        "DialogChange");
    validWithNote(UCF, ucf("{'field':'DialogChange','type':'ADD','dialog':{'dialogType':'OTHER','channelType':'COBROWSE',"
        + "'metaData':{'mode':'VIDEO_CALL','serviceId':'s1','sessionState':'INVITED','expires':1}}}"), "DialogChange");
    validWithNote(UCF, ucf("{'field':'Note','note':'VIP, be nice'}"), "NoteField");
    SchemaValidator.Result r = check(UCF, ucf("{'field':'ConversationStateField','conversationState':'CLOSE'},"
        + "{'field':'Note','note':'n'}"));
    assertThat(r.notes()).containsExactly(
        "/body/conversationField/1: accepted by supplement NoteField.json (the upstream schema rejects it)");
  }

  @Test
  void updateConversationFieldInvalid() {
    invalid(UCF, ucf("{'field':'TTRField','ttrType':'URGENT','value':-5}"), "/body/conversationField/0");
    invalid(UCF, ucf("{'field':'TTRField','ttrType':'SOON','value':5}"), "/body/conversationField/0");
    invalid(UCF, ucf("{'field':'ConversationStateField','conversationState':'OPEN'}"), "/body/conversationField/0");
    invalid(UCF, ucf("{'field':'Bogus'}"), "/body/conversationField/0");
    invalid(UCF, ucf("{'field':'ParticipantsChange','type':'SUGGEST','role':'ASSIGNED_AGENT'}"), "/body/conversationField/0");
    invalid(UCF, "{'conversationId':'c1'}", "conversationField");
    // older LivePerson examples send one object; the SDK (and lpa) always send an array
    invalid(UCF, "{'conversationId':'c1','conversationField':{'field':'ConversationStateField','conversationState':'CLOSE'}}",
        "/body/conversationField");
  }

  // ---- routing ----

  @Test
  void updateRingState() {
    valid(".ams.routing.UpdateRingState", "{'ringId':'c1_acct_1796040000000','ringState':'ACCEPTED'}");
    valid(".ams.routing.UpdateRingState", "{'ringId':'r','ringState':'REJECTED'}");
    invalid(".ams.routing.UpdateRingState", "{'ringId':'r','ringState':'MAYBE'}", "/body/ringState");
    invalid(".ams.routing.UpdateRingState", "{'ringState':'ACCEPTED'}", "ringId");
  }

  @Test
  void setAgentState() {
    valid(".ams.routing.SetAgentState", "{'availability':'ONLINE','channels':['MESSAGING'],'agentUserId':'acct.7'}");
    valid(".ams.routing.SetAgentState", "{'availability':'AWAY'}");
    validWithNote(".ams.routing.SetAgentState", "{'availability':'OCCUPIED','channels':['MESSAGING']}", "SetAgentStateOccupied");
    invalid(".ams.routing.SetAgentState", "{'availability':'BUSY'}", "/body");
    invalid(".ams.routing.SetAgentState", "{}", "/body");
  }

  @Test
  void subscribeRoutingTasks() {
    valid(".ams.routing.SubscribeRoutingTasks", "{'channelType':'MESSAGING','agentId':'acct.7','brandId':'acct'}");
    valid(".ams.routing.SubscribeRoutingTasks", null);
    invalid(".ams.routing.SubscribeRoutingTasks", "'MESSAGING'", "/body");
  }

  // ---- history and files ----

  @Test
  void queryMessages() {
    valid(".ams.ms.QueryMessages", "{'dialogId':'d1','newerThanSequence':0}");
    valid(".ams.ms.QueryMessages", "{'dialogId':'d1','fromSeq':5,'newerThanSequence':5}");
    invalid(".ams.ms.QueryMessages", "{'newerThanSequence':0}", "dialogId");
    invalid(".ams.ms.QueryMessages", "{'dialogId':'d1','fromSeq':'five'}", "/body/fromSeq");
    invalid(".ams.ms.QueryMessages", null, "body");
  }

  @Test
  void subscribeMessagingEvents() {
    valid("ms.SubscribeMessagingEvents", "{'dialogId':'d1','fromSeq':0}");
    invalid("ms.SubscribeMessagingEvents", "{'fromSeq':0}", "dialogId");
  }

  @Test
  void generateUrlForUploadFile() {
    valid(".ams.ms.GenerateURLForUploadFile", "{'fileSize':'20480','fileType':'PNG'}");
    valid(".ams.ms.GenerateURLForUploadFile", "{'fileSize':'20480','fileType':'JPEG'}");
    validWithNote(".ams.ms.GenerateURLForUploadFile", "{'fileSize':20480,'fileType':'JPG'}", "NumericSize");
    invalid(".ams.ms.GenerateURLForUploadFile", "{'fileSize':'20480','fileType':'BMP'}", "/body");
    invalid(".ams.ms.GenerateURLForUploadFile", "{'fileType':'PNG'}", "/body");
  }

  @Test
  void generateUrlForDownloadFile() {
    valid(".ams.ms.GenerateURLForDownloadFile", "{'relativePath':'/v1/AUTH_async-images/acct/u.PNG'}");
    invalid(".ams.ms.GenerateURLForDownloadFile", "{}", "relativePath");
  }

  @ParameterizedTest
  @ValueSource(strings = {".ams.userprofile.GetUserProfile", "userprofile.GetUserProfile"})
  void getUserProfileTakesABareConsumerId(String type) {
    valid(type, "'consumer-1'");
    invalid(type, "{'userId':'consumer-1'}", "/body");
  }

  @Test
  void agentRequestConversation() {
    valid(".ams.cm.AgentRequestConversation", "{'consumerId':'c-1','channelType':'MESSAGING'}");
    invalid(".ams.cm.AgentRequestConversation", "{}", "consumerId");
  }

  @Test
  void everyKnownTypeLoadsItsSchemas() {
    // a broken $ref would only show up when a type is first used; load them all here
    for (String t : v.knownTypes()) {
      SchemaValidator.Result r = check(t, null);
      assertThat(r.hasSchema()).as(t).isTrue();
    }
    assertThat(v.knownTypes()).hasSizeGreaterThanOrEqualTo(16);
    assertThat(List.of("routing.SubscribeRoutingTasks", "ms.QueryMessages", "ms.GenerateURLForUploadFile"))
        .allSatisfy(t -> assertThat(v.knownTypes()).contains(t));
  }

  @Test
  void eventTypeAndContentTypeArePinnedByTheHarness() {
    // upstream accepts both: its type and contentType carry only defaults
    invalid(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'Bogus','contentType':'text/plain','message':'x'}}",
        "/body/event/type");
    invalid(".ams.ms.PublishEvent", "{'dialogId':'d1','event':{'type':'ContentEvent','contentType':'image/png','message':'x'}}",
        "/body/event/contentType");
  }
}
