package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.LpaException;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Ring;
import dev.lpa.core.model.Role;
import dev.lpa.core.testkit.Await;
import dev.lpa.core.usecase.MyConversations;
import dev.lpa.core.usecase.Rings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Workspace} promises its faces, asserted the same way on the simulator-backed
 * {@code DefaultWorkspace} and on the scripted one the cli and console tests use: if the scripted
 * workspace drifts from the real one, its subclass fails here.
 */
abstract class WorkspaceContract {
  static final Duration PATIENCE = Duration.ofSeconds(10);

  /** The workspace of a freshly logged-in agent on an empty desk, skill {@link #skill()}. */
  protected abstract Workspace agent() throws Exception;

  /** A new consumer writes {@code text} on {@link #skill()}: the online agent is rung. Returns the conversation id. */
  protected abstract String consumerStarts(String name, String text) throws Exception;

  protected abstract void consumerWrites(String conversationId, String text) throws Exception;

  /** The skill the agent serves. */
  protected abstract String skill();

  /** Another skill of the account, to transfer to. */
  protected abstract String otherSkill();

  Workspace w;
  List<WorkspaceEvent> events;

  @BeforeEach
  void online() throws Exception {
    w = agent();
    events = new java.util.concurrent.CopyOnWriteArrayList<>();
    w.onEvent(events::add);
    get(w.setAgentState(AgentState.ONLINE));
    await(s -> s.agentState() == AgentState.ONLINE);
  }

  static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  WorkspaceState await(Predicate<WorkspaceState> p) {
    Await.until(() -> p.test(w.state()), PATIENCE, () -> { }, () -> "last state " + w.state());
    return w.state();
  }

  static LpaException failure(CompletableFuture<?> f) {
    try {
      get(f);
    } catch (Exception e) {
      return LpaException.from(e);
    }
    throw new AssertionError("expected a failure");
  }

  /** A ring, accepted: the conversation is then this agent's, with the consumer's first message. */
  String accepted(String name, String text) throws Exception {
    String conv = consumerStarts(name, text);
    WorkspaceState s = await(st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv) && r.waiting()));
    Ring ring = s.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow();
    get(w.acceptRing(ring.ringId()));
    await(st -> st.messagesOf(conv).stream().anyMatch(m -> m.content() instanceof Message.Text t && t.text().equals(text)));
    return conv;
  }

  static long count(WorkspaceState s, String conv, String text) {
    return s.messagesOf(conv).stream().filter(m -> m.content() instanceof Message.Text t && t.text().equals(text)).count();
  }

  @Test
  void aRingArrivesWithAnEventAndIsTheNextOne() throws Exception {
    String conv = consumerStarts("Olivia Martin", "my order is late");
    WorkspaceState s = await(st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
    Ring ring = Rings.next(s).orElseThrow();
    assertThat(ring.conversationId()).isEqualTo(conv);
    assertThat(ring.waiting()).isTrue();
    assertThat(ring.skillId()).isEqualTo(skill());
    Await.until(() -> events.stream().anyMatch(e -> e instanceof WorkspaceEvent.RingOffered o
        && o.ring().conversationId().equals(conv)), PATIENCE);
    // it rings; it is not mine yet
    assertThat(MyConversations.open(s)).extracting(Conversation::id).doesNotContain(conv);
  }

  @Test
  void acceptMakesItMineNamedWithTheConsumersMessageUnread() throws Exception {
    String conv = consumerStarts("Olivia Martin", "my order is late");
    WorkspaceState s = await(st -> Rings.next(st).isPresent());
    Conversation c = get(w.acceptRing(Rings.next(s).orElseThrow().ringId()));
    assertThat(c.id()).isEqualTo(conv);
    assertThat(c.myRole()).isEqualTo(Role.ASSIGNED_AGENT);
    assertThat(c.consumer().displayName()).isEqualTo("Olivia Martin");
    s = await(st -> st.rings().stream().noneMatch(r -> r.conversationId().equals(conv))
        && count(st, conv, "my order is late") == 1);
    assertThat(MyConversations.open(s)).extracting(Conversation::id).containsExactly(conv);
    assertThat(s.conversations().get(conv).unread()).isEqualTo(1);
    assertThat(events).anyMatch(e -> e instanceof WorkspaceEvent.RingEnded r && r.ring().conversationId().equals(conv));

    get(w.markRead(conv));
    await(st -> st.conversations().get(conv).unread() == 0);
  }

  @Test
  void aSentMessageAppearsOnceWithTheServersSequence() throws Exception {
    String conv = accepted("Liam Chen", "hello?");
    Message sent = get(w.sendText(conv.substring(0, 6), "How can I help?"));
    assertThat(sent.sequence()).isNotNegative();
    assertThat(sent.sender()).isEqualTo(Message.Sender.AGENT);
    assertThat(sent.delivery()).isNotIn(Message.Delivery.PENDING, Message.Delivery.FAILED);
    // answered: nothing is due until the consumer writes again
    await(st -> st.conversations().get(conv).effectiveTtr() == null);
    // the consumer's answer comes after the echo of ours: by then a second copy would be there
    consumerWrites(conv, "my card was charged twice");
    WorkspaceState s = await(st -> count(st, conv, "my card was charged twice") == 1);
    assertThat(count(s, conv, "How can I help?")).isEqualTo(1);
    assertThat(s.messagesOf(conv)).extracting(Message::content).map(Object::toString).hasSize(3);
    assertThat(s.conversations().get(conv).lastMessage().excerpt()).isEqualTo("my card was charged twice");
  }

  @Test
  void closeTakesItOutOfMyOpenConversationsAndKeepsItClosed() throws Exception {
    String conv = accepted("Emma Stone", "thanks, that is all");
    get(w.close(conv));
    WorkspaceState s = await(st -> st.conversations().containsKey(conv) && !st.conversations().get(conv).open());
    assertThat(MyConversations.open(s)).isEmpty();
    Await.until(() -> events.stream().anyMatch(e -> e instanceof WorkspaceEvent.ConversationRemoved r
        && r.conversationId().equals(conv) && r.reason().equals("closed")), PATIENCE);
    assertThat(failure(w.sendText(conv, "still there?")).kind()).isEqualTo(LpaException.Kind.INVALID);
  }

  @Test
  void returnToQueueTakesItAway() throws Exception {
    String conv = accepted("Noah Park", "anyone there?");
    get(w.returnToQueue(conv));
    await(st -> !st.conversations().containsKey(conv));
    Await.until(() -> events.stream().anyMatch(e -> e instanceof WorkspaceEvent.ConversationRemoved r
        && r.conversationId().equals(conv)), PATIENCE);
    assertThat(MyConversations.open(w.state())).isEmpty();
  }

  @Test
  void transferToASkillTakesItAway() throws Exception {
    String conv = accepted("Mia Wong", "I need billing");
    get(w.transferToSkill(conv, otherSkill(), "billing question"));
    await(st -> !st.conversations().containsKey(conv));
    assertThat(MyConversations.open(w.state())).isEmpty();
  }

  @Test
  void unknownConversationsAndRingsAreNotFound() throws Exception {
    assertThat(failure(w.sendText("no-such-conversation", "hi")).kind()).isEqualTo(LpaException.Kind.NOT_FOUND);
    assertThat(failure(w.returnToQueue("no-such-conversation")).kind()).isEqualTo(LpaException.Kind.NOT_FOUND);
    assertThat(failure(w.acceptRing("no-such-ring")).kind()).isEqualTo(LpaException.Kind.NOT_FOUND);
  }
}
