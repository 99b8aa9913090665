package dev.lpa.cli.fake;

import dev.lpa.core.LpaException;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.CannedResponse;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Dialog;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Participant;
import dev.lpa.core.model.QueueHealth;
import dev.lpa.core.model.Ring;
import dev.lpa.core.model.Role;
import dev.lpa.core.model.Session;
import dev.lpa.core.model.Skill;
import dev.lpa.core.model.Ttr;
import dev.lpa.core.workspace.CallInvitation;
import dev.lpa.core.workspace.ClosedSearch;
import dev.lpa.core.workspace.ConnectionState;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceEvent;
import dev.lpa.core.workspace.WorkspaceState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-memory workspace with the behaviour the commands rely on: operations change the state the
 * way the server's notifications would, listeners hear about it, and chosen ids fail. It lets the
 * command tests pin exact outputs and every exit code without a network.
 */
public final class FakeWorkspace implements Workspace {
  public static final String ACCOUNT = "90233546";
  public final Clock clock;
  public final Session me;
  public final Map<String, Conversation> conversations = new LinkedHashMap<>();
  public final Map<String, List<Message>> messages = new LinkedHashMap<>();
  public final List<Ring> rings = new CopyOnWriteArrayList<>();
  public final List<Skill> skills = new ArrayList<>(List.of(
      new Skill("1001", "General", List.of(), 2),
      new Skill("1003", "Billing", List.of(), 1)));
  public final List<Agent> agents = new ArrayList<>();
  public final List<CannedResponse> canned = new ArrayList<>(List.of(
      new CannedResponse("501", "Greeting", "Hello {consumer.name}, how can I help?", "General", "greet", List.of()),
      new CannedResponse("502", "Refund", "Your refund is on its way.", "Billing", "refund", List.of("1003"))));
  /** Conversation ids whose operations fail, and how. */
  public final Map<String, LpaException> failing = new LinkedHashMap<>();
  public final List<String> calls = new CopyOnWriteArrayList<>();
  public final Set<String> closedHistory = new HashSet<>();
  private final List<Consumer<WorkspaceState>> stateListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<WorkspaceEvent>> eventListeners = new CopyOnWriteArrayList<>();
  private AgentState agentState = AgentState.AWAY;
  private volatile WorkspaceState state;
  public volatile boolean closed;

  public FakeWorkspace(Clock clock, String profile, String login) {
    this.clock = clock;
    String userId = login.replaceAll("\\D", "");
    this.me = new Session(profile, ACCOUNT, login, ACCOUNT + "." + userId, "pid-" + login,
        "Agent " + userId, login.startsWith("manager"), clock.instant().plus(Duration.ofHours(8)));
    for (int i = 1; i <= 3; i++) {
      agents.add(new Agent(Integer.toString(i), "pid-agent" + i, "agent" + i, "Agent " + i, "A" + i, null,
          false, List.of("1001"), i == 1 ? AgentState.ONLINE : AgentState.AWAY, 0, 5));
    }
    publish();
  }

  // --- building the scene ---

  /** An open conversation assigned to {@code agentLogin} (null: in the queue). */
  public Conversation add(String id, String consumerName, String skillId, String agentLogin,
      Instant due, Instant lastMessageAt, String lastText) {
    String skillName = skills.stream().filter(s -> s.id().equals(skillId)).map(Skill::name).findFirst().orElse(skillId);
    List<Participant> ps = new ArrayList<>();
    ps.add(new Participant("consumer-" + id, null, Role.CONSUMER, "ACTIVE"));
    Role myRole = null;
    if (agentLogin != null) {
      String uid = ACCOUNT + "." + agentLogin.replaceAll("\\D", "");
      ps.add(new Participant(uid, "pid-" + agentLogin, Role.ASSIGNED_AGENT, "ACTIVE"));
      if (uid.equals(me.userId())) {
        myRole = Role.ASSIGNED_AGENT;
      }
    }
    Message last = lastText == null ? null : new Message(id, id, 0, lastMessageAt, Message.Sender.CONSUMER,
        "consumer-" + id, null, consumerName, new Message.Text(lastText), Message.Delivery.DELIVERED, null);
    Conversation c = new Conversation(id, new ConsumerProfile("consumer-" + id, consumerName, null, null, null, null, "WEB", Map.of()),
        skillId, skillName, "OPEN", lastMessageAt == null ? clock.instant() : lastMessageAt.minusSeconds(60), null,
        new Ttr("NORMAL", 3600), due, null, List.copyOf(ps),
        List.of(new Dialog(id, "MAIN", "MESSAGING", "OPEN", List.copyOf(ps), Map.of(), clock.instant(), null)),
        myRole, last == null ? 0 : 1, last, null, clock.instant(), null);
    conversations.put(id, c);
    messages.put(id, last == null ? new ArrayList<>() : new ArrayList<>(List.of(last)));
    publish();
    return c;
  }

  public Ring ring(String ringId, String conversationId) {
    Ring r = new Ring(ringId, conversationId, "consumer-" + conversationId, "1001", "WAITING",
        clock.instant().plusSeconds(60), false);
    rings.add(r);
    publish();
    return r;
  }

  public void publish() {
    WorkspaceState s = new WorkspaceState(me, agentState, ConnectionState.CONNECTED, null,
        Map.copyOf(conversations), copyMessages(), List.copyOf(rings), Set.of(), true, clock.instant());
    state = s;
    stateListeners.forEach(l -> l.accept(s));
  }

  /** Blocks until a command subscribed to states, so a change made next cannot be missed. */
  public void awaitStateListener() {
    await(stateListeners);
  }

  /** Blocks until a command subscribed to events. */
  public void awaitEventListener() {
    await(eventListeners);
  }

  private static void await(List<?> listeners) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (listeners.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the command never subscribed");
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  public void emit(WorkspaceEvent e) {
    eventListeners.forEach(l -> l.accept(e));
  }

  private Map<String, List<Message>> copyMessages() {
    Map<String, List<Message>> m = new LinkedHashMap<>();
    messages.forEach((k, v) -> m.put(k, List.copyOf(v)));
    return m;
  }

  private <T> CompletableFuture<T> op(String name, String conversationId, java.util.function.Supplier<T> body) {
    calls.add(name + " " + conversationId);
    LpaException e = failing.get(conversationId);
    if (e != null) {
      return CompletableFuture.failedFuture(e);
    }
    if (conversationId != null && !conversations.containsKey(conversationId)) {
      return CompletableFuture.failedFuture(new LpaException(LpaException.Kind.NOT_FOUND, "no conversation " + conversationId));
    }
    return CompletableFuture.completedFuture(body.get());
  }

  private void replace(String id, java.util.function.UnaryOperator<Conversation> f) {
    conversations.put(id, f.apply(conversations.get(id)));
    publish();
  }

  private static Conversation withAgent(Conversation c, Participant agent, Role myRole) {
    List<Participant> ps = new ArrayList<>();
    c.participants().stream().filter(p -> p.role() != Role.ASSIGNED_AGENT).forEach(ps::add);
    if (agent != null) {
      ps.add(agent);
    }
    return new Conversation(c.id(), c.consumer(), c.skillId(), c.skillName(), c.state(), c.started(), c.ended(),
        c.ttr(), c.effectiveTtr(), c.manualDue(), List.copyOf(ps), c.dialogs(), myRole, c.unread(),
        c.lastMessage(), c.lastAgentActivity(), c.lastUpdated(), c.closeReason());
  }

  // --- Workspace ---

  @Override
  public WorkspaceState state() {
    return state;
  }

  @Override
  public AutoCloseable onState(Consumer<WorkspaceState> listener) {
    stateListeners.add(listener);
    return () -> stateListeners.remove(listener);
  }

  @Override
  public AutoCloseable onEvent(Consumer<WorkspaceEvent> listener) {
    eventListeners.add(listener);
    return () -> eventListeners.remove(listener);
  }

  @Override
  public CompletableFuture<WorkspaceState> ready() {
    return CompletableFuture.completedFuture(state);
  }

  @Override
  public CompletableFuture<Void> setAgentState(AgentState s) {
    calls.add("state " + s.cliName());
    agentState = s;
    publish();
    emit(new WorkspaceEvent.AgentStateChanged(clock.instant(), s));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Conversation> acceptRing(String ringId) {
    Ring r = rings.stream().filter(x -> x.ringId().equals(ringId)).findFirst().orElse(null);
    if (r == null) {
      return CompletableFuture.failedFuture(new LpaException(LpaException.Kind.NOT_FOUND, "no ring " + ringId));
    }
    return op("accept", r.conversationId(), () -> {
      rings.remove(r);
      replace(r.conversationId(), c -> withAgent(c, new Participant(me.userId(), me.userPid(), Role.ASSIGNED_AGENT, "ACTIVE"), Role.ASSIGNED_AGENT));
      return conversations.get(r.conversationId());
    });
  }

  @Override
  public CompletableFuture<Void> rejectRing(String ringId) {
    rings.removeIf(r -> r.ringId().equals(ringId));
    publish();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Message> sendText(String conversationId, String text) {
    return op("send", conversationId, () -> {
      List<Message> ms = messages.get(conversationId);
      Message m = new Message(conversationId, conversationId, ms.size(), clock.instant(), Message.Sender.AGENT,
          me.userId(), me.userPid(), me.displayName(), new Message.Text(text), Message.Delivery.SENT, "local-" + ms.size());
      ms.add(m);
      publish();
      emit(new WorkspaceEvent.MessageAdded(clock.instant(), m));
      return m;
    });
  }

  @Override
  public CompletableFuture<Message> sendFile(String conversationId, Path file, String caption) {
    return op("sendFile " + file.getFileName(), conversationId, () -> {
      List<Message> ms = messages.get(conversationId);
      Message m = new Message(conversationId, conversationId, ms.size(), clock.instant(), Message.Sender.AGENT,
          me.userId(), me.userPid(), me.displayName(), new Message.File("/files/" + file.getFileName(), "PNG", caption, null),
          Message.Delivery.SENT, null);
      ms.add(m);
      publish();
      return m;
    });
  }

  @Override
  public String fillCanned(CannedResponse c, String conversationId) {
    return c.text().replace("{consumer.name}", conversations.get(conversationId).consumer().displayName());
  }

  @Override
  public CompletableFuture<Void> markRead(String conversationId) {
    return op("read", conversationId, () -> null);
  }

  @Override
  public CompletableFuture<Void> setTyping(String conversationId, boolean typing) {
    return op("typing", conversationId, () -> null);
  }

  @Override
  public CompletableFuture<List<Message>> loadMessages(String conversationId) {
    return op("load", conversationId, () -> List.copyOf(messages.get(conversationId)));
  }

  @Override
  public CompletableFuture<Void> transferToSkill(String conversationId, String skillId, String note) {
    return op("transfer-skill " + skillId + (note == null ? "" : " note=" + note), conversationId, () -> {
      conversations.remove(conversationId);
      publish();
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> transferToAgent(String conversationId, String agentUserId, String note) {
    return op("transfer-agent " + agentUserId, conversationId, () -> {
      conversations.remove(conversationId);
      publish();
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> returnToQueue(String conversationId) {
    return op("return", conversationId, () -> {
      replace(conversationId, c -> withAgent(c, null, null));
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> close(String conversationId) {
    return op("close", conversationId, () -> {
      conversations.remove(conversationId);
      publish();
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> join(String conversationId, boolean silent) {
    return op("join", conversationId, () -> null);
  }

  @Override
  public CompletableFuture<Void> leave(String conversationId) {
    return op("leave", conversationId, () -> null);
  }

  @Override
  public CompletableFuture<Void> setUrgent(String conversationId, boolean urgent) {
    return op("urgent " + urgent, conversationId, () -> null);
  }

  @Override
  public CompletableFuture<Void> setManualDueTime(String conversationId, Instant due) {
    return op("due", conversationId, () -> null);
  }

  @Override
  public CompletableFuture<CallInvitation> inviteCall(String conversationId, String mode) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("not in the fake"));
  }

  @Override
  public CompletableFuture<Message> inviteSecureForm(String conversationId, String formId, String title) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("not in the fake"));
  }

  @Override
  public CompletableFuture<Map<String, String>> readSecureForm(String conversationId, String submissionId) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("not in the fake"));
  }

  @Override
  public CompletableFuture<Path> downloadFile(String relativePath, Path target) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("not in the fake"));
  }

  @Override
  public CompletableFuture<List<ConversationWithMessages>> previousConversations(String conversationId) {
    return CompletableFuture.completedFuture(List.of());
  }

  @Override
  public CompletableFuture<List<ConversationWithMessages>> searchClosed(ClosedSearch search) {
    calls.add("search " + search.text() + " " + search.since());
    Instant from = clock.instant().minus(search.since());
    return CompletableFuture.completedFuture(history.stream()
        .filter(h -> h.conversation().ended() == null || !h.conversation().ended().isBefore(from))
        .filter(h -> !search.mineOnly() || h.conversation().participants().stream().anyMatch(p -> p.id().equals(me.userId())))
        .limit(search.limit() <= 0 ? 50 : search.limit())
        .toList());
  }

  /** Closed conversations as the history API returns them. */
  public final List<ConversationWithMessages> history = new CopyOnWriteArrayList<>();

  /** A closed conversation in history, with {@code agentLogin} as its agent and one consumer message. */
  public Conversation closedInHistory(String id, String consumerName, String consumerId, String agentLogin,
      Instant started, String text) {
    List<Participant> ps = new ArrayList<>();
    ps.add(new Participant(consumerId, null, Role.CONSUMER, "ACTIVE"));
    ps.add(new Participant(ACCOUNT + "." + agentLogin.replaceAll("\\D", ""), "pid-" + agentLogin, Role.ASSIGNED_AGENT, "ACTIVE"));
    Message m = new Message(id, id, 0, started, Message.Sender.CONSUMER, consumerId, null, consumerName,
        new Message.Text(text), Message.Delivery.READ, null);
    Conversation c = new Conversation(id, new ConsumerProfile(consumerId, consumerName, null, null, null, null, "WEB", Map.of()),
        "1001", "General", "CLOSE", started, started.plusSeconds(600), new Ttr("NORMAL", 3600), null, null, List.copyOf(ps),
        List.of(new Dialog(id, "MAIN", "MESSAGING", "CLOSE", List.copyOf(ps), Map.of(), started, started.plusSeconds(600))),
        null, 0, m, null, started.plusSeconds(600), "AGENT");
    history.add(new ConversationWithMessages(c, List.of(m)));
    return c;
  }

  @Override
  public CompletableFuture<List<CannedResponse>> cannedResponses(String skillId) {
    return CompletableFuture.completedFuture(canned.stream()
        .filter(c -> skillId == null || c.skillIds().isEmpty() || c.skillIds().contains(skillId)).toList());
  }

  @Override
  public CompletableFuture<List<Skill>> skills() {
    return CompletableFuture.completedFuture(List.copyOf(skills));
  }

  @Override
  public CompletableFuture<List<Agent>> agents() {
    return CompletableFuture.completedFuture(List.copyOf(agents));
  }

  @Override
  public CompletableFuture<ConsumerProfile> consumerProfile(String conversationId) {
    return op("profile", conversationId, () -> conversations.get(conversationId).consumer());
  }

  @Override
  public CompletableFuture<List<QueueHealth>> queueHealth() {
    return CompletableFuture.completedFuture(List.of(
        new QueueHealth("1001", "General", 3, 1, 2, Duration.ofMinutes(12), 2),
        new QueueHealth("1003", "Billing", 0, 0, 0, Duration.ZERO, 1)));
  }

  @Override
  public String resolveConversationId(String idOrPrefix) {
    List<String> hits = conversations.keySet().stream().filter(k -> k.startsWith(idOrPrefix)).toList();
    if (hits.size() != 1) {
      throw new LpaException(LpaException.Kind.NOT_FOUND,
          hits.isEmpty() ? "no conversation " + idOrPrefix : "ambiguous id " + idOrPrefix);
    }
    return hits.get(0);
  }

  @Override
  public void close() {
    closed = true;
  }
}
