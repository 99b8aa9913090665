package dev.lpa.core.workspace;

import static dev.lpa.core.workspace.ReducerTest.ME;
import static dev.lpa.core.workspace.ReducerTest.T0;
import static dev.lpa.core.workspace.ReducerTest.changes;
import static dev.lpa.core.workspace.ReducerTest.conv;
import static dev.lpa.core.workspace.ReducerTest.text;
import static dev.lpa.core.workspace.ReducerTest.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.ums.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The snapshot's indexes: each input touches what it changes and the indexes follow. */
class StateIndexTest {
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

  /** A conversation of another consumer, due at {@code due} (null: waiting for the consumer). */
  static ObjectNode convOf(String id, String consumer, Instant due) {
    ObjectNode r = conv(id, "OPEN", due == null ? -1 : due.toEpochMilli(), T0.toEpochMilli(), ME.userId(), ME.userPid());
    ObjectNode d = (ObjectNode) r.get("conversationDetails");
    ((com.fasterxml.jackson.databind.node.ArrayNode) d.get("participants").get("CONSUMER")).removeAll().add(consumer);
    ((com.fasterxml.jackson.databind.node.ArrayNode) d.get("participantsPId").get("CONSUMER")).removeAll().add(consumer);
    return r;
  }

  static ObjectNode from(String conv, String consumer, long seq, String text) {
    ObjectNode e = text(conv, seq, true, text);
    return e.put("originatorId", consumer).put("originatorPId", consumer);
  }

  static ConsumerProfile profile(String id, String first) {
    return new ConsumerProfile(id, first, null, null, null, null, null, Map.of());
  }

  @Test
  void aProfileArrivingTouchesOnlyItsConsumersConversations() {
    feed(upsert(convOf("c1", "alice", null), convOf("c2", "bob", null), convOf("c3", "alice", null)));
    feed(new Reducer.Events("c1", List.of(from("c1", "alice", 0, "hi"))));
    feed(new Reducer.Events("c2", List.of(from("c2", "bob", 0, "hello"))));
    WorkspaceState before = s;

    feed(new Reducer.ConsumerKnown(profile("alice", "Alice")));

    assertThat(s.conversations().get("c1").consumer().firstName()).isEqualTo("Alice");
    assertThat(s.conversations().get("c3").consumer().firstName()).isEqualTo("Alice");
    assertThat(s.messagesOf("c1")).singleElement().extracting(Message::senderName).isEqualTo("Alice");
    // bob's row and bob's messages are the very objects of the snapshot before
    assertThat(s.conversations().get("c2")).isSameAs(before.conversations().get("c2"));
    assertThat(s.messagesOf("c2")).isSameAs(before.messagesOf("c2"));
    assertThat(s.index().ofConsumer("alice")).containsExactlyInAnyOrder("c1", "c3");
    assertThat(s.directory().consumer("alice").firstName()).isEqualTo("Alice");
  }

  @Test
  void profilesArrivingTogetherMakeOneSnapshot() {
    feed(upsert(convOf("c1", "alice", null), convOf("c2", "bob", null)));
    feed(new Reducer.ConsumersKnown(List.of(profile("alice", "Alice"), profile("bob", "Bob"))));
    assertThat(s.conversations().values()).extracting(c -> c.consumer().firstName())
        .containsExactlyInAnyOrder("Alice", "Bob");
  }

  @Test
  void aMessageOfASecondDialogFindsItsConversationThroughTheDialogIndex() {
    ObjectNode r = convOf("c1", "alice", null);
    ObjectNode survey = ((com.fasterxml.jackson.databind.node.ArrayNode) r.get("conversationDetails").get("dialogs"))
        .addObject();
    survey.put("dialogId", "d-survey").put("dialogType", "POST_SURVEY").put("channelType", "MESSAGING")
        .put("state", "OPEN");
    survey.putArray("participantsDetails");
    feed(upsert(r));
    assertThat(s.index().conversationOfDialog("d-survey")).isEqualTo("c1");

    ObjectNode ev = from("c1", "alice", 0, "5 stars");
    ev.remove("conversationId");
    ev.put("dialogId", "d-survey");
    feed(new Reducer.Events("d-survey", List.of(ev)));
    assertThat(s.messagesOf("c1")).singleElement().extracting(Message::dialogId).isEqualTo("d-survey");

    feed(changes(false, Reducer.Scope.MINE, "DELETE", conv("c1", "OPEN", -1, T0.toEpochMilli() + 5)));
    assertThat(s.index().conversationOfDialog("d-survey")).isNull();
  }

  @Test
  void theDueIndexHoldsOnlyOpenConversationsAtTheirCurrentDueTime() {
    feed(upsert(convOf("c1", "alice", T0.plusSeconds(60)), convOf("c2", "bob", T0.plusSeconds(120))));
    assertThat(s.index().dueBetween(T0, T0.plusSeconds(90))).extracting(Conversation::id).containsExactly("c1");
    // the agent answered: c1 waits for the consumer now and leaves the due index
    ObjectNode answered = convOf("c1", "alice", null);
    ((ObjectNode) answered.get("conversationDetails")).put("metaDataLastUpdateTs", T0.toEpochMilli() + 10);
    feed(upsert(answered));
    assertThat(s.index().dueBetween(T0, T0.plusSeconds(200))).extracting(Conversation::id).containsExactly("c2");
  }

  @Test
  void aConversationBecomesOverdueOnceWhenItsDueTimePasses() {
    feed(upsert(convOf("c1", "alice", T0.plusSeconds(60)), convOf("c2", "bob", T0.plusSeconds(600))));
    feed(new Reducer.Tick(), T0.plusSeconds(59));
    assertThat(events).isEmpty();
    feed(new Reducer.Tick(), T0.plusSeconds(61));
    assertThat(events).singleElement().isInstanceOfSatisfying(WorkspaceEvent.BecameOverdue.class,
        e -> assertThat(e.conversation().id()).isEqualTo("c1"));
    feed(new Reducer.Tick(), T0.plusSeconds(62));
    assertThat(events).isEmpty();
  }

  @Test
  void closedConversationsAreForgottenADayAfterTheyEnded() {
    feed(upsert(convOf("c1", "alice", null), convOf("c2", "bob", null)));
    feed(changes(false, Reducer.Scope.MINE, "DELETE", conv("c1", "CLOSE", -1, T0.toEpochMilli() + 5, ME.userId(),
        ME.userPid())));
    feed(new Reducer.Tick(), T0.plus(Duration.ofHours(23)));
    assertThat(s.conversations()).containsKeys("c1", "c2");
    feed(new Reducer.Tick(), T0.plus(Duration.ofHours(25)));
    assertThat(s.conversations()).containsKey("c2").doesNotContainKey("c1");
    assertThat(s.index().endedBefore(T0.plus(Duration.ofDays(30)))).isEmpty();
  }

  @Test
  void theConversationsIterateInListOrderAsTheyChange() {
    feed(upsert(convOf("late", "a", T0.plusSeconds(900)), convOf("soon", "b", T0.plusSeconds(60)),
        convOf("waiting", "c", null), convOf("mid", "d", T0.plusSeconds(300))));
    assertThat(s.conversations().keySet()).containsExactlyInAnyOrder("late", "soon", "waiting", "mid");
    assertThat(ids(s.conversations().values())).containsExactly("soon", "mid", "late", "waiting");
    // "late" becomes the most urgent: it moves, the rest keep their places
    ObjectNode urgent = convOf("late", "a", T0.plusSeconds(10));
    ((ObjectNode) urgent.get("conversationDetails")).put("metaDataLastUpdateTs", T0.toEpochMilli() + 10);
    feed(upsert(urgent));
    assertThat(ids(s.conversations().values())).containsExactly("late", "soon", "mid", "waiting");
    // the ordered view and a full sort of a plain copy agree
    List<Conversation> plain = new ArrayList<>(s.conversations().values());
    assertThat(Sla.listOrder(s.conversations().values(), T0, null)).isEqualTo(Sla.listOrder(plain, T0, null));
    assertThat(Sla.firstRows(s.conversations().values(), T0, null, 2)).extracting(Conversation::id)
        .containsExactly("late", "soon");
  }

  @Test
  void aMessageLeavesEveryOtherConversationAndTheIndexesShared() {
    feed(upsert(convOf("c1", "alice", null), convOf("c2", "bob", null)));
    WorkspaceState before = s;
    feed(new Reducer.Events("c1", List.of(from("c1", "alice", 0, "hi"))));
    assertThat(s.conversations().get("c2")).isSameAs(before.conversations().get("c2"));
    assertThat(s.directory()).isSameAs(before.directory());
    assertThat(s.rings()).isSameAs(before.rings());
    // and an input that changes nothing gives the same snapshot back
    WorkspaceState now = s;
    feed(new Reducer.ConsumersKnown(List.of()));
    assertThat(s).isSameAs(now);
  }

  @Test
  void namesComeFromTheDirectoryInTheState() {
    feed(new Reducer.SkillNames(Map.of("1001", "Billing")));
    feed(new Reducer.AgentNames(Map.of("123.1002", "Noa")));
    feed(new Reducer.Conversations(Reducer.Scope.MINE, false, List.of(new Notification.Change("UPSERT",
        convOf("c1", "alice", null))), Map.of()));
    assertThat(s.conversations().get("c1").skillName()).isEqualTo("Billing");
    ObjectNode fromNoa = text("c1", 0, false, "hello").put("originatorId", "123.1002").put("originatorPId", "pid-noa");
    feed(new Reducer.Events("c1", List.of(fromNoa)));
    assertThat(s.messagesOf("c1")).singleElement().extracting(Message::senderName).isEqualTo("Noa");
    assertThat(s.directory().skillName("1001")).isEqualTo("Billing");
  }

  private static List<String> ids(java.util.Collection<Conversation> cs) {
    return cs.stream().map(Conversation::id).toList();
  }
}
