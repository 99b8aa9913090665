package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Role;
import dev.lpa.core.model.Session;
import dev.lpa.core.ums.Notification;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reducer alone: JSON in, snapshots and events out, no network and no clock. */
class ReducerTest {
  static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
  static final Session ME = new Session("default", "123", "agent1", "123.1001", "pid-me", "Maya", false, null);
  static final String CONSUMER = "cons-1";

  private WorkspaceState s = Reducer.initial(ME, T0);
  private List<WorkspaceEvent> events = List.of();

  private void feed(Reducer.Input in, Instant at) {
    Reducer.Result r = Reducer.reduce(s, in, at);
    s = r.state();
    events = r.events();
  }

  private void feed(Reducer.Input in) {
    feed(in, T0.plusSeconds(1));
  }

  static ObjectNode conv(String id, String state, long ettr, long updated, String... assigned) {
    ObjectNode r = Json.obj().put("convId", id).put("effectiveTTR", ettr);
    ObjectNode d = r.putObject("conversationDetails");
    d.put("skillId", "1001").put("state", state).put("startTs", T0.toEpochMilli()).put("metaDataLastUpdateTs", updated);
    if ("CLOSE".equals(state)) {
      d.put("endTs", updated).put("closeReason", "AGENT");
    }
    d.putObject("ttr").put("ttrType", "NORMAL").put("value", 3600);
    ObjectNode p = d.putObject("participants");
    ObjectNode pp = d.putObject("participantsPId");
    p.putArray("CONSUMER").add(CONSUMER);
    pp.putArray("CONSUMER").add(CONSUMER);
    if (assigned.length > 0) {
      p.putArray("ASSIGNED_AGENT").add(assigned[0]);
      pp.putArray("ASSIGNED_AGENT").add(assigned[1]);
    }
    ObjectNode dlg = d.putArray("dialogs").addObject();
    dlg.put("dialogId", id).put("dialogType", "MAIN").put("channelType", "MESSAGING").put("state", state);
    dlg.putArray("participantsDetails").addObject().put("id", CONSUMER).put("role", "CONSUMER").put("state", "ACTIVE");
    return r;
  }

  static Reducer.Conversations upsert(JsonNode... results) {
    return changes(false, Reducer.Scope.MINE, "UPSERT", results);
  }

  static Reducer.Conversations changes(boolean first, Reducer.Scope scope, String type, JsonNode... results) {
    return new Reducer.Conversations(scope, first,
        java.util.Arrays.stream(results).map(r -> new Notification.Change(type, r)).toList(), java.util.Map.of("1001", "General"));
  }

  static ObjectNode text(String conv, long seq, boolean fromConsumer, String text) {
    ObjectNode e = Json.obj().put("sequence", seq).put("dialogId", conv).put("conversationId", conv)
        .put("serverTimestamp", T0.toEpochMilli() + seq * 1000)
        .put("originatorId", fromConsumer ? CONSUMER : ME.userId())
        .put("originatorPId", fromConsumer ? CONSUMER : ME.userPid());
    e.putObject("originatorMetadata").put("role", fromConsumer ? "CONSUMER" : "ASSIGNED_AGENT");
    e.putObject("event").put("type", "ContentEvent").put("contentType", "text/plain").put("message", text);
    return e;
  }

  static ObjectNode receipt(String conv, long seq, boolean fromConsumer, String status, long... seqs) {
    ObjectNode e = Json.obj().put("sequence", seq).put("dialogId", conv)
        .put("originatorId", fromConsumer ? CONSUMER : ME.userId())
        .put("originatorPId", fromConsumer ? CONSUMER : ME.userPid());
    e.putObject("originatorMetadata").put("role", fromConsumer ? "CONSUMER" : "ASSIGNED_AGENT");
    ObjectNode ev = e.putObject("event").put("type", "AcceptStatusEvent").put("status", status);
    var l = ev.putArray("sequenceList");
    for (long x : seqs) {
      l.add(x);
    }
    return e;
  }

  private void mine(String id) {
    feed(upsert(conv(id, "OPEN", -1, T0.toEpochMilli(), ME.userId(), ME.userPid())));
  }

  @Test
  void aConversationUpsertMapsRolesDueTimeAndRaisesAnEvent() {
    feed(upsert(conv("c1", "OPEN", T0.plusSeconds(3600).toEpochMilli(), T0.toEpochMilli(), ME.userId(), ME.userPid())));
    Conversation c = s.conversations().get("c1");
    assertThat(c.myRole()).isEqualTo(Role.ASSIGNED_AGENT);
    assertThat(c.consumer().id()).isEqualTo(CONSUMER);
    assertThat(c.effectiveTtr()).isEqualTo(T0.plusSeconds(3600));
    assertThat(c.ttr().seconds()).isEqualTo(3600);
    assertThat(c.assignedAgent().pid()).isEqualTo(ME.userPid());
    assertThat(c.skillName()).isEqualTo("General");
    assertThat(events).singleElement().isInstanceOf(WorkspaceEvent.ConversationUpdated.class);
  }

  @Test
  void aMessageSeenLiveAndAgainInABackfillIsKeptOnce() {
    mine("c1");
    feed(new Reducer.Events("c1", List.of(text("c1", 0, true, "hi"), text("c1", 1, true, "anyone?"))));
    assertThat(events).filteredOn(e -> e instanceof WorkspaceEvent.MessageAdded).hasSize(2);
    // after a reconnect the backfill starts at the last known sequence (inclusive) and brings more
    feed(new Reducer.Events("c1", List.of(text("c1", 1, true, "anyone?"), text("c1", 2, true, "hello??"))));
    assertThat(events).filteredOn(e -> e instanceof WorkspaceEvent.MessageAdded).hasSize(1);
    assertThat(s.messagesOf("c1")).extracting(Message::sequence).containsExactly(0L, 1L, 2L);
    assertThat(s.conversations().get("c1").unread()).isEqualTo(3);
    assertThat(s.conversations().get("c1").lastMessage().excerpt()).isEqualTo("hello??");
  }

  @Test
  void anOutboxMessageMergesWithItsEchoWhicheverComesFirst() {
    mine("c1");
    Message pending = new Message("c1", "c1", -1, T0, Message.Sender.AGENT, ME.userId(), ME.userPid(), "Maya",
        new Message.Text("on my way"), Message.Delivery.PENDING, "local-1");
    feed(new Reducer.OutboxQueued(pending));
    assertThat(s.messagesOf("c1")).singleElement().extracting(Message::delivery).isEqualTo(Message.Delivery.PENDING);

    // echo first, carrying the outbox id as ExternalId metadata
    ObjectNode echo = text("c1", 4, false, "on my way");
    echo.putArray("metadata").addObject().put("type", "ExternalId").put("id", "local-1");
    feed(new Reducer.Events("c1", List.of(echo)));
    feed(new Reducer.OutboxSent("c1", "local-1", 4, T0));
    assertThat(s.messagesOf("c1")).singleElement().satisfies(m -> {
      assertThat(m.sequence()).isEqualTo(4);
      assertThat(m.localId()).isEqualTo("local-1");
      assertThat(m.delivery()).isEqualTo(Message.Delivery.SENT);
    });

    // the other order: acknowledged first, echo (without metadata) later
    Message p2 = new Message("c1", "c1", -1, T0, Message.Sender.AGENT, ME.userId(), ME.userPid(), "Maya",
        new Message.Text("second"), Message.Delivery.PENDING, "local-2");
    feed(new Reducer.OutboxQueued(p2));
    feed(new Reducer.OutboxSent("c1", "local-2", 5, T0));
    feed(new Reducer.Events("c1", List.of(text("c1", 5, false, "second"))));
    assertThat(s.messagesOf("c1")).extracting(Message::sequence).containsExactly(4L, 5L);
    assertThat(s.messagesOf("c1").get(1).localId()).isEqualTo("local-2");
  }

  @Test
  void aFailedOutboxMessageStaysVisibleAsFailed() {
    mine("c1");
    feed(new Reducer.OutboxQueued(new Message("c1", "c1", -1, T0, Message.Sender.AGENT, ME.userId(), ME.userPid(),
        "Maya", new Message.Text("x"), Message.Delivery.PENDING, "l")));
    feed(new Reducer.OutboxFailed("c1", "l", "403"));
    assertThat(s.messagesOf("c1")).singleElement().extracting(Message::delivery).isEqualTo(Message.Delivery.FAILED);
  }

  @Test
  void receiptsMoveDeliveryBothWays() {
    mine("c1");
    feed(new Reducer.Events("c1", List.of(text("c1", 0, true, "q"), text("c1", 1, false, "a"))));
    feed(new Reducer.Events("c1", List.of(receipt("c1", 2, true, "ACCEPT", 1))));
    assertThat(s.messagesOf("c1").get(1).delivery()).isEqualTo(Message.Delivery.DELIVERED);
    feed(new Reducer.Events("c1", List.of(receipt("c1", 3, true, "READ", 1))));
    assertThat(s.messagesOf("c1").get(1).delivery()).isEqualTo(Message.Delivery.READ);
    assertThat(events).singleElement().isInstanceOf(WorkspaceEvent.DeliveryChanged.class);
    // a late ACCEPT does not move it back
    feed(new Reducer.Events("c1", List.of(receipt("c1", 4, true, "ACCEPT", 1))));
    assertThat(s.messagesOf("c1").get(1).delivery()).isEqualTo(Message.Delivery.READ);

    assertThat(s.conversations().get("c1").unread()).isEqualTo(1);
    feed(new Reducer.Events("c1", List.of(receipt("c1", 5, false, "READ", 0))));
    assertThat(s.messagesOf("c1").get(0).delivery()).isEqualTo(Message.Delivery.READ);
    assertThat(s.conversations().get("c1").unread()).isZero();
  }

  @Test
  void deleteOfAClosedConversationKeepsItClosedOtherDeletesRemove() {
    mine("c1");
    mine("c2");
    feed(changes(false, Reducer.Scope.MINE, "DELETE", conv("c1", "CLOSE", -1, T0.toEpochMilli() + 5, ME.userId(), ME.userPid())));
    assertThat(s.conversations().get("c1").open()).isFalse();
    assertThat(s.conversations().get("c1").ended()).isNotNull();
    assertThat(events).anyMatch(e -> e instanceof WorkspaceEvent.ConversationRemoved r && r.reason().equals("closed"));

    feed(changes(false, Reducer.Scope.MINE, "DELETE", conv("c2", "OPEN", -1, T0.toEpochMilli() + 5)));
    assertThat(s.conversations()).doesNotContainKey("c2");
    assertThat(events).singleElement().isInstanceOfSatisfying(WorkspaceEvent.ConversationRemoved.class,
        r -> assertThat(r.reason()).isEqualTo("returned to queue"));
  }

  @Test
  void aFirstSnapshotIsTheCompleteSetOfItsScope() {
    mine("c1");
    mine("c2");
    feed(upsert(conv("t1", "OPEN", -1, T0.toEpochMilli(), "123.1002", "pid-other")));
    // reconnect: the MINE snapshot no longer has c2 (closed while we were away)
    feed(changes(true, Reducer.Scope.MINE, "UPSERT", conv("c1", "OPEN", -1, T0.toEpochMilli() + 1, ME.userId(), ME.userPid())));
    assertThat(s.conversations()).containsKeys("c1", "t1").doesNotContainKey("c2");
    // a TEAM snapshot never removes my own conversations
    feed(new Reducer.Conversations(Reducer.Scope.TEAM, true, List.of(), java.util.Map.of()));
    assertThat(s.conversations()).containsKey("c1").doesNotContainKey("t1");
  }

  @Test
  void aManagerLeavingKeepsTheConversationInTheTeamView() {
    Session mgr = new Session("default", "123", "manager1", "123.2001", "pid-m", "Helen", true, null);
    s = Reducer.initial(mgr, T0);
    ObjectNode joined = conv("c1", "OPEN", -1, T0.toEpochMilli(), "123.1001", "pid-a");
    ((ObjectNode) joined.path("conversationDetails").path("participants")).putArray("MANAGER").add("123.2001");
    ((ObjectNode) joined.path("conversationDetails").path("participantsPId")).putArray("MANAGER").add("pid-m");
    feed(upsert(joined));
    assertThat(s.conversations().get("c1").myRole()).isEqualTo(Role.MANAGER);
    feed(changes(false, Reducer.Scope.MINE, "DELETE", conv("c1", "OPEN", -1, T0.toEpochMilli() + 1, "123.1001", "pid-a")));
    assertThat(s.conversations().get("c1").myRole()).isNull();
    // the team view dropping it (transferred out of the team) removes it
    feed(changes(false, Reducer.Scope.TEAM, "DELETE", conv("c1", "OPEN", -1, T0.toEpochMilli() + 2, "123.1009", "pid-x")));
    assertThat(s.conversations()).doesNotContainKey("c1");
  }

  @Test
  void unassignedSkillConversationsStayInTheStateButNotInTheList() {
    ObjectNode r = conv("u1", "OPEN", -1, T0.toEpochMilli(), ME.userId(), ME.userPid());
    ((ObjectNode) r.get("conversationDetails")).put("skillId", "-1");
    feed(upsert(r));
    mine("c1");
    assertThat(s.conversations()).containsKeys("u1", "c1");
    assertThat(s.conversations().get("u1").unassignedSkill()).isTrue();
    assertThat(dev.lpa.core.sla.Sla.listOrder(s.conversations().values(), T0, null))
        .extracting(Conversation::id).containsExactly("c1");
  }

  @Test
  void agentMessagesCarryTheAgentsName() {
    mine("c1");
    ObjectNode other = text("c1", 0, false, "from a colleague");
    other.put("originatorId", "123.1002").put("originatorPId", "pid-tom");
    feed(new Reducer.Events("c1", List.of(other, text("c1", 1, false, "from me")), java.util.Map.of("123.1002", "Tom")));
    assertThat(s.messagesOf("c1")).extracting(Message::senderName).containsExactly("Tom", "Maya");
    ObjectNode unknown = text("c1", 2, false, "from someone new");
    unknown.put("originatorId", "123.1003").put("originatorPId", "pid-aisha");
    feed(new Reducer.Events("c1", List.of(unknown)));
    assertThat(s.messagesOf("c1").get(2).senderName()).isNull();
    feed(new Reducer.AgentNames(java.util.Map.of("123.1003", "Aisha")));
    assertThat(s.messagesOf("c1").get(2).senderName()).isEqualTo("Aisha");
  }

  @Test
  void closedConversationsAreForgottenAfterADay() {
    mine("c1");
    feed(changes(false, Reducer.Scope.MINE, "DELETE", conv("c1", "CLOSE", -1, T0.toEpochMilli() + 5, ME.userId(), ME.userPid())));
    feed(new Reducer.Tick(), T0.plus(java.time.Duration.ofHours(23)));
    assertThat(s.conversations()).containsKey("c1");
    feed(new Reducer.Tick(), T0.plus(java.time.Duration.ofHours(25)));
    assertThat(s.conversations()).doesNotContainKey("c1");
  }

  @Test
  void aQuietTickGivesTheSameSnapshotSoNobodyRedraws() {
    mine("c1");
    WorkspaceState before = s;
    feed(new Reducer.Tick(), T0.plusSeconds(30));
    assertThat(s).isSameAs(before);
    assertThat(events).isEmpty();
  }

  @Test
  void theNewestMessageComesWithTheConversation() {
    ObjectNode r = conv("t1", "OPEN", T0.plusSeconds(60).toEpochMilli(), T0.toEpochMilli(), "123.1002", "pid-tom");
    r.set("lastContentEventNotification", text("t1", 7, true, "where is my parcel?"));
    feed(upsert(r));
    assertThat(s.conversations().get("t1").lastMessage().excerpt()).isEqualTo("where is my parcel?");
    assertThat(s.messagesOf("t1")).singleElement().extracting(Message::sequence).isEqualTo(7L);
    // the same message again in a backfill is not doubled
    feed(new Reducer.Events("t1", List.of(text("t1", 6, true, "hello"), text("t1", 7, true, "where is my parcel?"))));
    assertThat(s.messagesOf("t1")).extracting(Message::sequence).containsExactly(6L, 7L);
  }

  @Test
  void aStaleUpsertDoesNotOverwriteANewerOne() {
    feed(upsert(conv("c1", "OPEN", T0.plusSeconds(60).toEpochMilli(), T0.toEpochMilli() + 100, ME.userId(), ME.userPid())));
    feed(upsert(conv("c1", "OPEN", T0.plusSeconds(999).toEpochMilli(), T0.toEpochMilli() + 50, ME.userId(), ME.userPid())));
    assertThat(s.conversations().get("c1").effectiveTtr()).isEqualTo(T0.plusSeconds(60));
  }

  static Reducer.Routing ring(String convId, String ringId, String state) {
    ObjectNode r = Json.obj().put("routingTaskId", "task-" + convId).put("conversationId", convId)
        .put("consumerId", CONSUMER).put("skillId", "1001");
    r.putArray("ringsDetails").addObject().put("ringId", ringId).put("ringState", state)
        .put("ringExpirationTs", T0.plusSeconds(60).toEpochMilli());
    return new Reducer.Routing(List.of(new Notification.Change("UPSERT", r)));
  }

  @Test
  void ringsAreOfferedThenEnded() {
    feed(ring("c9", "r1", "WAITING"));
    assertThat(s.rings()).singleElement().satisfies(r -> {
      assertThat(r.waiting()).isTrue();
      assertThat(r.expires()).isEqualTo(T0.plusSeconds(60));
    });
    assertThat(events).singleElement().isInstanceOf(WorkspaceEvent.RingOffered.class);
    feed(ring("c9", "r1", "WAITING"));
    assertThat(events).isEmpty();
    feed(ring("c9", "r1", "EXPIRED"));
    assertThat(s.rings()).isEmpty();
    assertThat(events).singleElement().isInstanceOfSatisfying(WorkspaceEvent.RingEnded.class,
        e -> assertThat(e.ring().state()).isEqualTo("EXPIRED"));
    feed(ring("c8", "r2", "WAITING"));
    feed(new Reducer.Routing(List.of(new Notification.Change("DELETE", Json.obj().put("conversationId", "c8")))));
    assertThat(s.rings()).isEmpty();
  }

  @Test
  void aRingWithOnlyRingExpirationExpiresThatLongAfterItIsSeen() {
    // the shape of LivePerson's getting-started example: convId in the ring, ringExpiration in ms
    ObjectNode r = Json.obj();
    r.putArray("ringsDetails").addObject().put("ringId", "c7_acct_1").put("ringExpiration", 72000)
        .put("ringState", "WAITING").put("convId", "c7").put("consumerId", CONSUMER).put("skillId", "-1");
    feed(new Reducer.Routing(List.of(new Notification.Change("UPSERT", r))), T0);
    assertThat(s.rings()).singleElement().satisfies(ring -> {
      assertThat(ring.conversationId()).isEqualTo("c7");
      assertThat(ring.expires()).isEqualTo(T0.plusSeconds(72));
    });
  }

  @Test
  void aResubscriptionsFirstRoutingNotificationReplacesTheRings() {
    feed(ring("c8", "r-gone", "WAITING"));
    feed(ring("c9", "r-kept", "WAITING"));
    // after a reconnect the server offers only r-kept: r-gone ended while the socket was down
    Reducer.Routing kept = ring("c9", "r-kept", "WAITING");
    feed(new Reducer.Routing(kept.changes(), true));
    assertThat(s.rings()).extracting(dev.lpa.core.model.Ring::ringId).containsExactly("r-kept");
    assertThat(events).singleElement().isInstanceOfSatisfying(WorkspaceEvent.RingEnded.class,
        e -> assertThat(e.ring().ringId()).isEqualTo("r-gone"));
    // an empty first notification: nothing rings any more
    feed(new Reducer.Routing(List.of(), true));
    assertThat(s.rings()).isEmpty();
  }

  @Test
  void consumerTypingComesAndGoes() {
    mine("c1");
    ObjectNode typing = Json.obj().put("dialogId", "c1").put("originatorId", CONSUMER);
    typing.putObject("originatorMetadata").put("role", "CONSUMER");
    typing.putObject("event").put("type", "ChatStateEvent").put("chatState", "COMPOSING");
    feed(new Reducer.Events("c1", List.of(typing)));
    assertThat(s.consumerTyping()).containsExactly("c1");
    assertThat(events).singleElement().isInstanceOf(WorkspaceEvent.ConsumerTyping.class);
    feed(new Reducer.Events("c1", List.of(text("c1", 0, true, "done typing"))));
    assertThat(s.consumerTyping()).isEmpty();
  }

  static ObjectNode chatState(String conv, String state) {
    ObjectNode e = Json.obj().put("dialogId", conv).put("originatorId", CONSUMER);
    e.putObject("originatorMetadata").put("role", "CONSUMER");
    e.putObject("event").put("type", "ChatStateEvent").put("chatState", state);
    return e;
  }

  @Test
  void consumerTypingGoesStaleWithoutANewChatState() {
    mine("c1");
    feed(new Reducer.Events("c1", List.of(chatState("c1", "COMPOSING"))), T0.plusSeconds(1));
    // a repeated COMPOSING keeps it alive: the window counts from the newest one
    feed(new Reducer.Events("c1", List.of(chatState("c1", "COMPOSING"))), T0.plusSeconds(20));
    assertThat(events).isEmpty();
    feed(new Reducer.Tick(), T0.plusSeconds(49));
    assertThat(s.consumerTyping()).containsExactly("c1");
    assertThat(events).isEmpty();
    feed(new Reducer.Tick(), T0.plusSeconds(20).plus(Reducer.TYPING_STALE_AFTER));
    assertThat(s.consumerTyping()).isEmpty();
    assertThat(s.consumerTypingSince()).isEmpty();
    assertThat(events).singleElement().isInstanceOfSatisfying(WorkspaceEvent.ConsumerTyping.class, e -> {
      assertThat(e.conversationId()).isEqualTo("c1");
      assertThat(e.typing()).isFalse();
    });
    feed(new Reducer.Tick(), T0.plusSeconds(90));
    assertThat(events).isEmpty();
    // typing that ended properly leaves nothing behind to expire
    feed(new Reducer.Events("c1", List.of(chatState("c1", "COMPOSING"))), T0.plusSeconds(100));
    feed(new Reducer.Events("c1", List.of(chatState("c1", "ACTIVE"))), T0.plusSeconds(101));
    assertThat(s.consumerTypingSince()).isEmpty();
  }

  @Test
  void privateNotesKeepTheirAudienceThroughEveryUpdate() {
    mine("c1");
    ObjectNode note = text("c1", 0, false, "refund approved, see ticket 4411");
    note.put("messageAudience", "AGENTS_AND_MANAGERS");
    feed(new Reducer.Events("c1", List.of(note, text("c1", 1, true, "any news?"))));
    List<Message> ms = s.messagesOf("c1");
    assertThat(ms.get(0).isPrivate()).isTrue();
    assertThat(ms.get(1).isPrivate()).isFalse();
    assertThat(ms.get(1).audience()).isEqualTo(Message.Audience.ALL);
    feed(new Reducer.AgentNames(java.util.Map.of(ME.userId(), "Maya")));
    feed(new Reducer.Events("c1", List.of(receipt("c1", 2, true, "READ", 0))));
    assertThat(s.messagesOf("c1").get(0).isPrivate()).isTrue();
    // an unknown audience is not hidden
    ObjectNode odd = text("c1", 3, false, "x");
    odd.put("messageAudience", "SOMETHING_NEW");
    feed(new Reducer.Events("c1", List.of(odd)));
    assertThat(s.messagesOf("c1").get(2).isPrivate()).isFalse();
  }

  @Test
  void ringDetailsFillTheBannerAndGoWithTheRing() {
    feed(ring("c9", "r1", "WAITING"));
    dev.lpa.core.model.Ring r = s.rings().get(0);
    // only the ring's ids until something is looked up
    assertThat(s.ringDetailsOf(r).consumer().id()).isEqualTo(CONSUMER);
    assertThat(s.ringDetailsOf(r).consumer().displayName()).isEqualTo(CONSUMER);
    dev.lpa.core.model.ConsumerProfile anna = new dev.lpa.core.model.ConsumerProfile(CONSUMER, "Anna", "Berg", null,
        null, null, null, java.util.Map.of());
    feed(new Reducer.RingDetailsKnown(new dev.lpa.core.model.RingDetails("c9", anna, "General", null)));
    assertThat(s.ringDetailsOf(r).consumer().displayName()).isEqualTo("Anna Berg");
    assertThat(s.ringDetailsOf(r).skillName()).isEqualTo("General");
    Message last = new Message("c9", "c9", 4, T0, Message.Sender.CONSUMER, CONSUMER, CONSUMER, null,
        new Message.Text("where is my parcel"), Message.Delivery.DELIVERED, null);
    // a later look-up adds what it knows without forgetting the name
    feed(new Reducer.RingDetailsKnown(new dev.lpa.core.model.RingDetails("c9", null, null, last)));
    assertThat(s.ringDetailsOf(r).consumer().displayName()).isEqualTo("Anna Berg");
    assertThat(s.ringDetailsOf(r).lastConsumerMessage().excerpt()).isEqualTo("where is my parcel");
    // a look-up for a conversation that no longer rings is dropped
    feed(new Reducer.RingDetailsKnown(new dev.lpa.core.model.RingDetails("c7", anna, null, null)));
    assertThat(s.ringDetails()).containsOnlyKeys("c9");
    feed(ring("c9", "r1", "EXPIRED"));
    assertThat(s.ringDetails()).isEmpty();
  }

  @Test
  void skillNamesArrivingAfterTheRingNameItsSkill() {
    feed(ring("c9", "r1", "WAITING"));
    feed(new Reducer.RingDetailsKnown(new dev.lpa.core.model.RingDetails("c9", null, null, null)));
    assertThat(s.ringDetails().get("c9").consumer().id()).isEqualTo(CONSUMER);
    feed(new Reducer.SkillNames(java.util.Map.of("1001", "General")));
    assertThat(s.ringDetailsOf(s.rings().get(0)).skillName()).isEqualTo("General");
    assertThat(s.ringDetailsOf(s.rings().get(0)).consumer().id()).isEqualTo(CONSUMER);
  }

  @Test
  void aProfileArrivingLaterNamesTheRingingConsumer() {
    feed(ring("c9", "r1", "WAITING"));
    feed(new Reducer.RingDetailsKnown(new dev.lpa.core.model.RingDetails("c9",
        new dev.lpa.core.model.ConsumerProfile(CONSUMER, null, null, null, null, null, null, java.util.Map.of()),
        null, null)));
    feed(new Reducer.ConsumerKnown(new dev.lpa.core.model.ConsumerProfile(CONSUMER, "Anna", null, null, null, null,
        null, java.util.Map.of())));
    assertThat(s.ringDetailsOf(s.rings().get(0)).consumer().displayName()).isEqualTo("Anna");
  }

  @Test
  void overdueIsRaisedOnceWhenTheDueTimePasses() {
    Instant due = T0.plusSeconds(10);
    feed(upsert(conv("c1", "OPEN", due.toEpochMilli(), T0.toEpochMilli(), ME.userId(), ME.userPid())), T0);
    feed(new Reducer.Tick(), T0.plusSeconds(5));
    assertThat(events).isEmpty();
    feed(new Reducer.Tick(), T0.plusSeconds(11));
    assertThat(events).singleElement().isInstanceOf(WorkspaceEvent.BecameOverdue.class);
    feed(new Reducer.Tick(), T0.plusSeconds(12));
    assertThat(events).isEmpty();
  }

  @Test
  void reducingNeverChangesTheInputSnapshot() {
    mine("c1");
    WorkspaceState before = s;
    WorkspaceState copy = new WorkspaceState(before.me(), before.agentState(), before.connection(),
        before.connectionDetail(), before.conversations(), before.messages(), before.rings(), before.consumerTyping(),
        before.snapshotComplete(), before.updated());
    Reducer.reduce(before, new Reducer.Events("c1", List.of(text("c1", 0, true, "x"))), T0.plusSeconds(2));
    assertThat(before).isEqualTo(copy);
    assertThat(before.messagesOf("c1")).isEmpty();
  }
}
