package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.LpaClient;
import dev.lpa.core.SimFixture;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.store.LocalStore;
import dev.lpa.core.store.OutboxEntry;
import dev.lpa.sim.DemoAccount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-shot command's start: ready with what it prints or changes, and nothing it does not (no
 * rings, agent state, history or look-ups it would not show), the outbox still whole.
 */
class StartModeSimTest {
  @TempDir Path dir;
  SimFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new SimFixture(dir);
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  static <T> T get(CompletableFuture<T> fut) throws Exception {
    return fut.get(10, TimeUnit.SECONDS);
  }

  /** agent1 holds a conversation with three consumer messages, then the live workspace closes. */
  private String held() throws Exception {
    DefaultWorkspace live = f.open("agent1");
    get(live.setAgentState(AgentState.ONLINE));
    String conv = f.admin().createConversation(DemoAccount.SKILL_GENERAL, "Olivia Martin", List.of("first"));
    WorkspaceState s = SimFixture.await(live, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
    get(live.acceptRing(s.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow().ringId()));
    f.admin().consumerSays(conv, "second");
    f.admin().consumerSays(conv, "third");
    SimFixture.await(live, st -> st.conversations().get(conv).unread() == 3);
    get(live.setAgentState(AgentState.AWAY));
    live.close();
    return conv;
  }

  /** A fresh client (empty store) for agent1, opened in {@code mode}, ready. */
  private Workspace opened(String name, StartMode mode) throws Exception {
    LpaClient c = f.client(name);
    f.login(c, "agent1");
    Workspace w = get(c.open("default", mode));
    get(w.ready());
    return w;
  }

  /** What the clients sent from frame {@code from} on. */
  private List<String> sentSince(int from) {
    return new ArrayList<>(f.frames).subList(from, f.frames.size());
  }

  private static boolean asks(List<String> frames, String type) {
    return frames.stream().anyMatch(x -> x.contains("\"type\":\"" + type + "\""));
  }

  @Test
  void aListingIsReadyWithItsHistoryAndNamesAndAsksForNoRingsOrAgentState() throws Exception {
    String conv = held();
    int from = f.frames.size();

    try (Workspace w = opened("listing", StartMode.LISTING)) {
      Conversation c = w.state().conversations().get(conv);
      assertThat(c).isNotNull();
      // at ready, not some time after it: a listing prints and exits
      assertThat(c.consumer().firstName()).isEqualTo("Olivia");
      assertThat(c.unread()).isEqualTo(3);
      assertThat(c.lastMessage().content()).isEqualTo(new Message.Text("third"));
      assertThat(c.skillName()).isEqualTo("General");
    }
    List<String> sent = sentSince(from);
    assertThat(asks(sent, ".ams.aam.SubscribeExConversations")).isTrue();
    assertThat(asks(sent, ".ams.routing.SubscribeRoutingTasks")).isFalse();
    assertThat(asks(sent, ".ams.routing.SubscribeAgentsState")).isFalse();
  }

  @Test
  void aBulkStartIsReadyWithTheConversationsAndAsksForNoHistoryOrProfiles() throws Exception {
    String conv = held();
    int from = f.frames.size();

    try (Workspace w = opened("bulk", StartMode.BULK)) {
      assertThat(w.state().conversations()).containsKey(conv);
      get(w.returnToQueue(conv));
    }
    List<String> sent = sentSince(from);
    assertThat(asks(sent, ".ams.ms.QueryMessages")).isFalse();
    assertThat(asks(sent, ".ams.userprofile.GetUserProfile")).isFalse();
    assertThat(asks(sent, ".ams.routing.SubscribeRoutingTasks")).isFalse();
    assertThat(asks(sent, ".ams.cm.UpdateConversationField")).isTrue();
  }

  @Test
  void aOneShotStartStillSendsWhatAnEarlierRunLeftInTheOutbox() throws Exception {
    String conv = held();
    LpaClient c = f.client("leftover");
    f.login(c, "agent1");
    Path db = f.config("leftover", Map.of()).dataDir().resolve("default.db");
    OutboxEntry left;
    try (LocalStore store = LocalStore.open(db, f.clock)) {
      left = store.enqueue(conv, conv, "text", Json.write(Json.obj().put("type", "ContentEvent")
          .put("contentType", "text/plain").put("message", "left behind")));
    }

    Workspace w = get(c.open("default", StartMode.BULK));
    get(w.ready());
    assertThat(w.state().messagesOf(conv)).filteredOn(m -> left.localId().equals(m.localId())).singleElement()
        .satisfies(m -> assertThat(m.sequence()).isPositive());
    w.close();
    try (LocalStore store = LocalStore.open(db, f.clock)) {
      assertThat(store.pendingOutbox()).isEmpty();
      assertThat(store.sentSequence(left.localId())).isPresent();
    }
  }
}
