package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.LpaClient;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.SimFixture;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.store.LocalStore;
import dev.lpa.core.store.OutboxEntry;
import dev.lpa.core.testkit.Await;
import dev.lpa.sim.DemoAccount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection loss, session expiry and crashes: nothing lost, nothing doubled. */
class ResilienceSimTest {
  @TempDir Path dir;
  SimFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new SimFixture(dir);
  }

  @AfterEach
  void stop() throws Exception {
    List<String> problems = f.frameProblems();
    f.close();
    assertThat(problems).as("frames that do not match LivePerson's schemas").isEmpty();
  }

  @Test
  void theSocketIsKeptAliveWithGetClock() throws Exception {
    dev.lpa.core.auth.Tuning t = dev.lpa.core.auth.Tuning.fast();
    LpaClient c = f.client("keepalive", Map.of(), new dev.lpa.core.auth.Tuning(t.rest(), t.socket(), t.refreshEvery(),
        java.time.Duration.ofMillis(100), t.tickEvery()));
    f.login(c, "agent4");
    DefaultWorkspace w = f.open(c);
    Await.until(() -> f.frames.stream().filter(x -> x.contains("\"type\":\".GetClock\"")).count() >= 3,
        Duration.ofSeconds(5), () -> "3 GetClock frames; frames sent: " + f.frames);
    assertThat(w.state().connection()).isEqualTo(ConnectionState.CONNECTED);
  }

  static <T> T get(CompletableFuture<T> fut) throws Exception {
    return fut.get(10, TimeUnit.SECONDS);
  }

  String accepted(Workspace w, String consumer, String... msgs) throws Exception {
    get(w.setAgentState(AgentState.ONLINE));
    String conv = f.admin().createConversation(DemoAccount.SKILL_GENERAL, consumer, List.of(msgs));
    WorkspaceState s = SimFixture.await(w, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
    get(w.acceptRing(s.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow().ringId()));
    SimFixture.await(w, st -> st.messagesOf(conv).size() >= msgs.length);
    return conv;
  }

  static long count(List<Message> msgs, String text) {
    return msgs.stream().filter(m -> m.content() instanceof Message.Text t && t.text().equals(text)).count();
  }

  @Test
  void aReconnectInTheMiddleOfAConversationLosesNothingAndDoublesNothing() throws Exception {
    DefaultWorkspace w = f.open("agent1");
    List<WorkspaceEvent> events = new CopyOnWriteArrayList<>();
    w.onEvent(events::add);
    String conv = accepted(w, "Olivia Martin", "m1");
    get(w.sendText(conv, "a1"));

    assertThat(f.admin().dropSockets()).isEqualTo(1);
    // while the socket is down: the consumer writes, and the agent writes too
    f.admin().consumerSays(conv, "m2");
    CompletableFuture<Message> a2 = w.sendText(conv, "a2");
    f.admin().consumerSays(conv, "m3");

    assertThat(get(a2).sequence()).isPositive();
    WorkspaceState s = SimFixture.await(w, st -> st.connection() == ConnectionState.CONNECTED
        && count(st.messagesOf(conv), "m3") == 1);
    assertThat(events).anyMatch(e -> e instanceof WorkspaceEvent.ConnectionChanged c
        && c.state() == ConnectionState.RECONNECTING);
    f.admin().consumerSays(conv, "m4");
    get(w.sendText(conv, "a3"));
    s = SimFixture.await(w, st -> count(st.messagesOf(conv), "m4") == 1);

    for (String t : List.of("m1", "a1", "m2", "a2", "m3", "m4", "a3")) {
      assertThat(count(s.messagesOf(conv), t)).as("copies of %s in the workspace", t).isEqualTo(1);
    }
    List<Long> seqs = s.messagesOf(conv).stream().map(Message::sequence).toList();
    assertThat(seqs).doesNotHaveDuplicates().isSorted();
    assertThat(events.stream().filter(e -> e instanceof WorkspaceEvent.MessageAdded m
        && m.message().content() instanceof Message.Text t && t.text().equals("m2"))).hasSize(1);

    // the server's own record agrees: each text once
    List<Message> server = get(w.loadMessages(conv));
    for (String t : List.of("m1", "a1", "m2", "a2", "m3", "m4", "a3")) {
      assertThat(count(server, t)).as("copies of %s on the server", t).isEqualTo(1);
    }
    // the agent asked to be online before the drop, so it is online again after it
    SimFixture.await(w, st -> "ONLINE".equals(f.admin().agentState("agent1")));
  }

  @Test
  void aMessageLeftInTheOutboxByACrashIsSentExactlyOnceAfterRestart() throws Exception {
    LpaClient crashing = f.client("crash");
    f.login(crashing, "agent1");
    DefaultWorkspace first = f.open(crashing);
    String conv = accepted(first, "Kenji Watanabe", "hello?");
    first.close();

    // what a crash leaves: one message never sent, one sent (with its id) before the ack was
    // stored, one sent by an older build that did not tag messages
    Path db = f.config("crash", Map.of()).dataDir().resolve("default.db");
    OutboxEntry never;
    OutboxEntry tagged;
    OutboxEntry untagged;
    try (LocalStore store = LocalStore.open(db, f.clock)) {
      never = store.enqueue(conv, conv, "text", event("never sent"));
      tagged = store.enqueue(conv, conv, "text", event("sent, ack lost"));
      untagged = store.enqueue(conv, conv, "text", event("sent, no id"));
    }
    DefaultWorkspace other = f.open("agent1");
    publish(other, conv, "sent, ack lost", tagged.localId());
    publish(other, conv, "sent, no id", null);
    other.close();

    DefaultWorkspace restarted = f.open(crashing);
    WorkspaceState s = SimFixture.await(restarted, st -> st.messagesOf(conv).stream()
        .noneMatch(m -> m.delivery() == Message.Delivery.PENDING) && count(st.messagesOf(conv), "never sent") == 1);
    List<Message> server = get(restarted.loadMessages(conv));
    assertThat(count(server, "never sent")).isEqualTo(1);
    assertThat(count(server, "sent, ack lost")).isEqualTo(1);
    assertThat(count(server, "sent, no id")).isEqualTo(1);
    assertThat(s.messagesOf(conv)).filteredOn(m -> never.localId().equals(m.localId())).singleElement()
        .satisfies(m -> assertThat(m.sequence()).isPositive());
    try (LocalStore store = LocalStore.open(db, f.clock)) {
      assertThat(store.pendingOutbox()).isEmpty();
      assertThat(store.sentSequence(tagged.localId())).isPresent();
      assertThat(store.sentSequence(untagged.localId())).isPresent();
    }
  }

  @Test
  void aClosedConversationKeepsItsConsumersNameInTheNextRun() throws Exception {
    LpaClient c = f.client("closed-name");
    f.login(c, "agent3");
    DefaultWorkspace first = f.open(c);
    String conv = accepted(first, "Ines Duarte", "hello?");
    SimFixture.await(first, st -> st.conversations().get(conv).consumer().firstName() != null);
    f.admin().consumerCloses(conv);
    SimFixture.await(first, st -> !st.conversations().get(conv).open());
    first.close();

    DefaultWorkspace again = f.open(c);
    WorkspaceState s = SimFixture.await(again, st -> st.conversations().containsKey(conv));
    assertThat(s.conversations().get(conv).open()).isFalse();
    assertThat(s.conversations().get(conv).consumer().displayName()).isEqualTo("Ines Duarte");
  }

  @Test
  void aRestartShowsWhatWasStoredAndAsksOnlyForWhatIsNew() throws Exception {
    LpaClient c = f.client("restart");
    f.login(c, "agent5");
    DefaultWorkspace first = f.open(c);
    get(first.setAgentState(AgentState.ONLINE));
    String conv = f.admin().createConversation(DemoAccount.SKILL_TECH, "Fatima Zahra", List.of("one", "two"));
    WorkspaceState s0 = SimFixture.await(first, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
    get(first.acceptRing(s0.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow().ringId()));
    SimFixture.await(first, st -> count(st.messagesOf(conv), "two") == 1);
    long lastSeq = get(first.sendText(conv, "three")).sequence();
    first.close();

    f.admin().consumerSays(conv, "four, while you were away");
    f.frames.clear();
    DefaultWorkspace again = f.open(c);
    WorkspaceState s = SimFixture.await(again, st -> count(st.messagesOf(conv), "four, while you were away") == 1);
    for (String t : List.of("one", "two", "three")) {
      assertThat(count(s.messagesOf(conv), t)).isEqualTo(1);
    }
    // the backfill started at the last stored sequence, not at the beginning of the dialog
    List<Long> from = f.frames.stream().filter(x -> x.contains("QueryMessages") && x.contains(conv))
        .map(x -> Json.parse(x).path("body").path("newerThanSequence").asLong(-1)).toList();
    assertThat(from).isNotEmpty().allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(lastSeq));
  }

  @Test
  void aSentMessageMovesTheStoredCursorBeforeTheSenderHearsItWasSent() throws Exception {
    LpaClient c = f.client("cursor");
    f.login(c, "agent5");
    DefaultWorkspace w = f.open(c);
    get(w.setAgentState(AgentState.ONLINE));
    String conv = f.admin().createConversation(DemoAccount.SKILL_TECH, "Kenji Sato", List.of("one", "two"));
    WorkspaceState s0 = SimFixture.await(w, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
    get(w.acceptRing(s0.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow().ringId()));
    SimFixture.await(w, st -> count(st.messagesOf(conv), "two") == 1);
    String dialog = w.state().conversations().get(conv).mainDialogId();
    Path db = f.config("cursor", Map.of()).dataDir().resolve("default.db");
    try (LocalStore reader = LocalStore.open(db, f.clock)) {
      // the backfill has stored its cursor: the dialog is in sync up to "two"
      Await.until(() -> reader.cursor(dialog).isPresent(), Duration.ofSeconds(10),
          () -> "the backfill's stored cursor of " + dialog);
      assertThat(reader.cursor(dialog)).hasValue(1);
      CompletableFuture<Message> sent = w.sendText(conv, "three");
      // Runs on the workspace's thread as the send completes, before that thread takes the next
      // event: the echo, which the server sends after its answer, cannot have moved the cursor
      // yet, so only a cursor moved by the send itself is seen here (and survives a close now).
      CompletableFuture<Long> storedWhenSent = sent.thenApply(m -> reader.cursor(dialog).orElse(-1));
      long seq = get(sent).sequence();
      assertThat(seq).isPositive();
      assertThat(get(storedWhenSent)).as("stored cursor when the send completed").isEqualTo(seq);
    }
  }

  static String event(String text) {
    return Json.write(Json.obj().put("type", "ContentEvent").put("contentType", "text/plain").put("message", text));
  }

  static void publish(DefaultWorkspace w, String conv, String text, String localId) throws Exception {
    var body = Json.obj().put("dialogId", conv).put("conversationId", conv);
    body.set("event", Json.parse(event(text)));
    var meta = Json.arr();
    if (localId != null) {
      meta.addObject().put("type", "ExternalId").put("id", localId);
    }
    get(w.socket().request(".ams.ms.PublishEvent", body, meta, false));
  }

  @Test
  void anExpiredSessionIsRenewedWithThePasswordFromTheEnvironment() throws Exception {
    LpaClient c = f.client("renew", SimFixture.env("LPA_PASSWORD", "agent2-pass"));
    f.login(c, "agent2");
    DefaultWorkspace w = f.open(c);
    String conv = accepted(w, "Sofia Rossi", "still there?");
    List<WorkspaceEvent> events = new CopyOnWriteArrayList<>();
    w.onEvent(events::add);

    assertThat(f.admin().expireSession("agent2")).isPositive();
    SimFixture.await(w, st -> events.stream().anyMatch(e -> e instanceof WorkspaceEvent.ConnectionChanged cc
        && cc.state() == ConnectionState.RECONNECTING) && st.connection() == ConnectionState.CONNECTED);
    assertThat(get(w.sendText(conv, "yes, still here")).sequence()).isPositive();
    // REST uses the renewed bearer too
    assertThat(get(w.searchClosed(ClosedSearch.myLastDay()))).isNotNull();
    assertThat(c.session("default")).isPresent();
  }

  @Test
  void anExpiredSessionWithoutAWayToRenewEndsLoggedOut() throws Exception {
    LpaClient c = f.client("expire");
    f.login(c, "agent3");
    DefaultWorkspace w = f.open(c);
    f.admin().expireSession("agent3");
    SimFixture.await(w, st -> st.connection() == ConnectionState.LOGGED_OUT);
    LpaException e = LpaException.from(catchFailure(w.setAgentState(AgentState.ONLINE)));
    assertThat(e.kind()).isEqualTo(Kind.NOT_LOGGED_IN);
    assertThat(c.session("default")).isEmpty();
    assertThat(LpaException.from(catchFailure(c.open("default"))).kind()).isEqualTo(Kind.NOT_LOGGED_IN);
  }

  static Throwable catchFailure(CompletableFuture<?> fut) {
    try {
      fut.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void aMalformedFrameDoesNotBreakTheConnection() throws Exception {
    DefaultWorkspace w = f.open("agent1");
    String conv = accepted(w, "Noah Thompson", "hi");
    assertThat(f.admin().sendMalformedFrame("agent1")).isPositive();
    f.admin().consumerSays(conv, "after the garbage");
    SimFixture.await(w, st -> count(st.messagesOf(conv), "after the garbage") == 1);
    Conversation c = w.state().conversations().get(conv);
    assertThat(c.open()).isTrue();
    assertThat(w.state().connection()).isEqualTo(ConnectionState.CONNECTED);
    w.close();
    w.close();
    assertThat(LpaException.from(catchFailure(w.sendText(conv, "after close"))).kind()).isEqualTo(Kind.CANCELLED);
  }
}
