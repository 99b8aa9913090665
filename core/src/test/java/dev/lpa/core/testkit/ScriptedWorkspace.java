package dev.lpa.core.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.CannedResponse;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.QueueHealth;
import dev.lpa.core.model.Ring;
import dev.lpa.core.model.RingDetails;
import dev.lpa.core.model.Session;
import dev.lpa.core.model.Skill;
import dev.lpa.core.ums.Notification;
import dev.lpa.core.workspace.CallInvitation;
import dev.lpa.core.workspace.ClosedSearch;
import dev.lpa.core.workspace.ConnectionState;
import dev.lpa.core.workspace.Reducer;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceEvent;
import dev.lpa.core.workspace.WorkspaceState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link Workspace} without a network whose state is made by the production reducer: the test
 * plays the server (a conversation arrives, the consumer writes, a ring comes) and every operation
 * succeeds by feeding the reducer what the server would notify (the simulator's order: a ring's
 * end state, then the conversation assigned; a DELETE with the conversation as it now is), or
 * fails as the test scripted it. So state and events are production's, not a second copy of them.
 *
 * <p>Inputs are reduced synchronously on the caller's thread, one at a time; listeners hear a new
 * snapshot, then its events, as from {@code DefaultWorkspace}. Every operation is recorded in
 * {@link #calls} as "name arg..." (conversation ids resolved) for tests to assert on.
 */
public final class ScriptedWorkspace implements Workspace {
  /** What every operation was asked, in order. */
  public final List<String> calls = new CopyOnWriteArrayList<>();
  /** Answers of the look-ups; tests change them freely. */
  public final List<Skill> skills = new CopyOnWriteArrayList<>();
  public final List<Agent> agents = new CopyOnWriteArrayList<>();
  public final List<CannedResponse> canned = new CopyOnWriteArrayList<>();
  public final List<QueueHealth> queueHealth = new CopyOnWriteArrayList<>();
  /** Closed conversations the history search finds (newest first, as the API answers). */
  public final List<ConversationWithMessages> history = new CopyOnWriteArrayList<>();
  /** The consumer's earlier conversations, by conversation id. */
  public final Map<String, List<ConversationWithMessages>> previous = new HashMap<>();
  /** Fields a secure form's submission carries, by submission id. */
  public final Map<String, Map<String, String>> forms = new HashMap<>();

  private final Clock clock;
  private final Session me;
  private final List<Consumer<WorkspaceState>> stateListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<WorkspaceEvent>> eventListeners = new CopyOnWriteArrayList<>();
  /** The server's side: every conversation as the test last described it. */
  private final Map<String, TestData.Conv> server = new LinkedHashMap<>();
  private final Map<String, Long> nextSequence = new HashMap<>();
  /** Messages written while the conversation rang, delivered when this agent accepts it. */
  private final Map<String, List<TestData.Msg>> waiting = new HashMap<>();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private volatile WorkspaceState state;
  private final CompletableFuture<WorkspaceState> ready = new CompletableFuture<>();
  private long lastUpdate;
  private long localIds;
  private int callDialogs;
  private volatile boolean closed;

  private record Failure(String operation, String conversationId, LpaException error) {}

  /**
   * Connected, every subscription's first (empty) notification in, snapshot complete, in
   * {@code agentState}: what a fresh login of {@code me} sees on an empty account.
   */
  public ScriptedWorkspace(Session me, Clock clock, AgentState agentState) {
    this(me, clock);
    snapshotArrives(agentState);
  }

  private ScriptedWorkspace(Session me, Clock clock) {
    this.me = me;
    this.clock = clock;
    this.state = Reducer.initial(me, clock.instant());
    feed(new Reducer.ConnectionIs(ConnectionState.CONNECTED, null));
  }

  /**
   * Connected, but no subscription has answered yet: what a face sees while a large account
   * loads; {@link #snapshotArrives} completes the start (and {@link #ready()}).
   */
  public static ScriptedWorkspace loading(Session me, Clock clock) {
    return new ScriptedWorkspace(me, clock);
  }

  /** Every subscription's first (empty) notification, then the snapshot complete, in {@code agentState}. */
  public void snapshotArrives(AgentState agentState) {
    feed(new Reducer.Conversations(Reducer.Scope.MINE, true, List.of(), Map.of()));
    if (me.manager()) {
      feed(new Reducer.Conversations(Reducer.Scope.TEAM, true, List.of(), Map.of()));
    }
    feed(new Reducer.Routing(List.of(), true));
    feed(new Reducer.AgentStateIs(agentState));
    feed(new Reducer.SnapshotComplete());
    ready.complete(state);
  }

  public Session me() {
    return me;
  }

  public Clock clock() {
    return clock;
  }

  // ------------------------------------------------------------------ the server's side

  /** Reduces one input as the workspace would and tells the listeners. */
  public synchronized WorkspaceState feed(Reducer.Input in) {
    Reducer.Result r = Reducer.reduce(state, in, clock.instant());
    if (r.state() == state) {
      return state;
    }
    state = r.state();
    for (Consumer<WorkspaceState> l : stateListeners) {
      l.accept(r.state());
    }
    for (WorkspaceEvent e : r.events()) {
      for (Consumer<WorkspaceEvent> l : eventListeners) {
        l.accept(e);
      }
    }
    return state;
  }

  /** The skills the account has: their names reach the state, and {@link #skills()} answers them. */
  public synchronized ScriptedWorkspace withSkills(Skill... list) {
    skills.clear();
    skills.addAll(List.of(list));
    Map<String, String> names = new LinkedHashMap<>();
    for (Skill s : list) {
      names.put(s.id(), s.name());
    }
    feed(new Reducer.SkillNames(names));
    return this;
  }

  /** The account's users: their names reach the state (sender names), and {@link #agents()} answers them. */
  public synchronized ScriptedWorkspace withAgents(Agent... list) {
    agents.clear();
    agents.addAll(List.of(list));
    Map<String, String> names = new LinkedHashMap<>();
    for (Agent a : list) {
      // the users API numbers users; messages name them by legacy id (account.number)
      String legacy = a.userId().contains(".") ? a.userId() : me.accountId() + "." + a.userId();
      names.put(legacy, a.nickname() != null ? a.nickname() : a.fullName());
    }
    feed(new Reducer.AgentNames(names));
    return this;
  }

  /** A display name for a user that is in no list (a bot, an agent of another group). */
  public synchronized void knownUser(String userId, String name) {
    feed(new Reducer.AgentNames(Map.of(userId, name)));
  }

  /** The conversation appears or changes (an UPSERT); its consumer's profile, if given, is then looked up. */
  public synchronized Conversation conversation(TestData.Conv c) {
    server.put(c.id(), c);
    feed(new Reducer.Conversations(scopeOf(c), false, List.of(new Notification.Change("UPSERT", c.wire(stamp()))),
        Map.of()));
    if (c.profile() != null) {
      feed(new Reducer.ConsumerKnown(c.profile()));
    }
    return state.conversations().get(c.id());
  }

  /** Many conversations in one notification (a first snapshot at scale), then their profiles at once. */
  public synchronized void conversations(List<TestData.Conv> cs) {
    Map<Reducer.Scope, List<Notification.Change>> changes = new LinkedHashMap<>();
    List<ConsumerProfile> profiles = new ArrayList<>();
    for (TestData.Conv c : cs) {
      server.put(c.id(), c);
      changes.computeIfAbsent(scopeOf(c), k -> new ArrayList<>()).add(new Notification.Change("UPSERT", c.wire(stamp())));
      if (c.profile() != null) {
        profiles.add(c.profile());
      }
    }
    changes.forEach((scope, list) -> feed(new Reducer.Conversations(scope, false, list, Map.of())));
    feed(new Reducer.ConsumersKnown(profiles));
  }

  /** The conversation leaves this agent's subscription (a DELETE with it as it now is). */
  public synchronized void leaves(String conversationId, TestData.Conv now) {
    server.put(conversationId, now);
    feed(new Reducer.Conversations(Reducer.Scope.MINE, false, List.of(new Notification.Change("DELETE",
        now.wire(stamp()))), Map.of()));
  }

  /** What the test last described for this conversation (to change and send again). */
  public synchronized TestData.Conv described(String conversationId) {
    TestData.Conv c = server.get(conversationId);
    if (c == null) {
      throw new IllegalArgumentException("no conversation " + conversationId + " in the script");
    }
    return c;
  }

  /** A messaging event of the conversation; its sequence is the next one unless set. */
  public synchronized Message message(String conversationId, TestData.Msg m) {
    long seq = m.sequence >= 0 ? m.sequence : nextSequence.getOrDefault(conversationId, 0L);
    nextSequence.merge(conversationId, seq + 1, Math::max);
    feed(new Reducer.Events(conversationId, List.of(m.wire(conversationId, seq, clock.instant()))));
    if (m.delivery == Message.Delivery.READ || m.delivery == Message.Delivery.DELIVERED) {
      boolean fromConsumer = "CONSUMER".equals(m.role);
      // a consumer's receipt moves an agent's message; the agent's READ marks a consumer's read
      if (!fromConsumer || m.delivery == Message.Delivery.READ) {
        receipt(conversationId, !fromConsumer, m.delivery == Message.Delivery.READ ? "READ" : "ACCEPT", seq);
      }
    }
    return state.messagesOf(conversationId).stream().filter(x -> x.sequence() == seq).findFirst().orElse(null);
  }

  public Message consumerSays(String conversationId, String text, Instant at) {
    return message(conversationId, fromConsumer(conversationId).text(text).at(at));
  }

  /** A message of the consumer of this conversation, to fill in. */
  public synchronized TestData.Msg fromConsumer(String conversationId) {
    String id = server.containsKey(conversationId) ? server.get(conversationId).consumerId() : "consumer-" + conversationId;
    return TestData.message().from(id, id, "CONSUMER");
  }

  /** A message this agent wrote (from another device or earlier), to fill in. */
  public TestData.Msg fromMe() {
    return TestData.message().from(me.userId(), me.userPid(), "ASSIGNED_AGENT");
  }

  /** A message of another agent or a bot, to fill in. */
  public TestData.Msg fromAgent(String userId) {
    return TestData.message().from(userId, "pid-" + userId, "ASSIGNED_AGENT");
  }

  /** A system message (no originator, as the server writes them). */
  public TestData.Msg fromSystem() {
    return TestData.message().from(null, null, "CONTROLLER");
  }

  /**
   * A closed conversation as the history search answers it (mapped by production's mapper), with
   * the consumer's messages; {@link #searchClosed} finds it.
   */
  public synchronized ConversationWithMessages inHistory(TestData.Conv c, Instant at, String... consumerTexts) {
    Map<String, String> names = new LinkedHashMap<>();
    skills.forEach(s -> names.put(s.id(), s.name()));
    Conversation conv = dev.lpa.core.workspace.WireMapper.conversation(c.wire(at), me, null, names);
    if (c.profile() != null) {
      conv = new Conversation(conv.id(), c.profile(), conv.skillId(), conv.skillName(), conv.state(), conv.started(),
          conv.ended(), conv.ttr(), conv.effectiveTtr(), conv.manualDue(), conv.participants(), conv.dialogs(),
          conv.myRole(), conv.unread(), conv.lastMessage(), conv.lastAgentActivity(), conv.lastUpdated(),
          conv.closeReason());
    }
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < consumerTexts.length; i++) {
      ObjectNode ev = TestData.message().from(c.consumerId(), c.consumerId(), "CONSUMER").text(consumerTexts[i])
          .at(at).wire(c.id(), i, at);
      messages.add(dev.lpa.core.workspace.WireMapper.event(ev, c.id(), me, c.consumerId(),
          c.profile() == null ? null : c.profile().displayName()).message());
    }
    ConversationWithMessages h = new ConversationWithMessages(conv, List.copyOf(messages));
    history.add(h);
    return h;
  }

  /** A receipt of these sequences, from the consumer or from this agent. */
  public synchronized void receipt(String conversationId, boolean byConsumer, String status, long... sequences) {
    ObjectNode e = Json.obj().put("sequence", nextSequence.getOrDefault(conversationId, 0L))
        .put("dialogId", conversationId).put("conversationId", conversationId)
        .put("serverTimestamp", clock.millis());
    String cid = server.containsKey(conversationId) ? server.get(conversationId).consumerId() : "consumer-" + conversationId;
    e.put("originatorId", byConsumer ? cid : me.userId()).put("originatorPId", byConsumer ? cid : me.userPid());
    e.putObject("originatorMetadata").put("role", byConsumer ? "CONSUMER" : "ASSIGNED_AGENT");
    ObjectNode ev = e.putObject("event").put("type", "AcceptStatusEvent").put("status", status);
    var list = ev.putArray("sequenceList");
    for (long s : sequences) {
      list.add(s);
    }
    feed(new Reducer.Events(conversationId, List.of(e)));
  }

  /** The consumer starts or stops typing. */
  public synchronized void consumerTyping(String conversationId, boolean typing) {
    String cid = described(conversationId).consumerId();
    ObjectNode e = Json.obj().put("dialogId", conversationId).put("conversationId", conversationId)
        .put("serverTimestamp", clock.millis()).put("originatorId", cid).put("originatorPId", cid);
    e.putObject("originatorMetadata").put("role", "CONSUMER");
    e.putObject("event").put("type", "ChatStateEvent").put("chatState", typing ? "COMPOSING" : "ACTIVE");
    feed(new Reducer.Events(conversationId, List.of(e)));
  }

  /**
   * A ring for the conversation, which this agent does not see until it accepts (as rings come);
   * {@code lastMessage}, when not null, is what the consumer wrote, and with the consumer's profile
   * and the skill's name it is what core's look-up for the ring finds.
   */
  public Ring ring(TestData.Conv c, Instant expires, String lastMessage) {
    return ring("ring-" + c.id(), c, expires, lastMessage);
  }

  public synchronized Ring ring(String ringId, TestData.Conv c, Instant expires, String lastMessage) {
    server.put(c.id(), c);
    feed(new Reducer.Routing(List.of(new Notification.Change("UPSERT", routingTask(c, ringId, "WAITING", expires)))));
    String skillName = skills.stream().filter(s -> s.id().equals(c.skillId())).map(Skill::name).findFirst().orElse(null);
    Message last = null;
    if (lastMessage != null) {
      long seq = nextSequence.getOrDefault(c.id(), 0L);
      nextSequence.put(c.id(), seq + 1);
      last = new Message(c.id(), c.id(), seq, clock.instant(), Message.Sender.CONSUMER, c.consumerId(), c.consumerId(),
          c.profile() == null ? null : c.profile().displayName(), new Message.Text(lastMessage),
          Message.Delivery.DELIVERED, null);
    }
    if (last != null) {
      // what the consumer wrote before the ring: this agent reads it once the conversation is its own
      waiting.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(fromConsumer(c.id()).text(lastMessage)
          .at(last.time()).sequence(last.sequence()));
    }
    // core's look-up for a ring finds the consumer and what was written; the skill's name comes with it
    if (c.profile() != null || last != null) {
      feed(new Reducer.RingDetailsKnown(new RingDetails(c.id(), c.profile(), skillName, last)));
    }
    return state.rings().stream().filter(r -> r.ringId().equals(ringId)).findFirst().orElse(null);
  }

  /** The ring ends without this agent (taken by another, withdrawn, timed out): its end state, then the task's DELETE. */
  public synchronized void ringEnds(String ringId, String endState) {
    Ring r = ringOf(ringId);
    TestData.Conv c = described(r.conversationId());
    feed(new Reducer.Routing(List.of(new Notification.Change("UPSERT", routingTask(c, ringId, endState, r.expires())))));
    feed(new Reducer.Routing(List.of(new Notification.Change("DELETE", routingTask(c, ringId, endState, r.expires())))));
  }

  public void connection(ConnectionState s, String detail) {
    feed(new Reducer.ConnectionIs(s, detail));
  }

  /** The clock moved: the workspace's periodic tick (overdue, stale typing, old closed ones). */
  public void tick() {
    feed(new Reducer.Tick());
  }

  /** Every operation named {@code operation} ("*" for any) on this conversation (null for any) fails so. */
  public void failing(String operation, String conversationId, LpaException error) {
    failures.add(new Failure(operation, conversationId, error));
  }

  public void stopFailing() {
    failures.clear();
  }

  private ObjectNode routingTask(TestData.Conv c, String ringId, String ringState, Instant expires) {
    ObjectNode r = Json.obj().put("conversationId", c.id()).put("consumerId", c.consumerId()).put("skillId", c.skillId())
        .put("routingTaskId", "task-" + c.id());
    ObjectNode d = r.putArray("ringsDetails").addObject().put("ringId", ringId).put("ringState", ringState);
    if (expires != null) {
      d.put("ringExpirationTs", expires.toEpochMilli());
    }
    return r;
  }

  /** A manager sees conversations it is not in through the team subscription. */
  private Reducer.Scope scopeOf(TestData.Conv c) {
    return me.manager() && !c.involves(me.userId()) ? Reducer.Scope.TEAM : Reducer.Scope.MINE;
  }

  /** The server's update time: never the same twice, so no change looks older than the last. */
  private Instant stamp() {
    lastUpdate = Math.max(clock.millis(), lastUpdate + 1);
    return Instant.ofEpochMilli(lastUpdate);
  }

  // ------------------------------------------------------------------ operations

  private synchronized <T> CompletableFuture<T> op(String call, String operation, String conversationId,
      Supplier<T> body) {
    calls.add(call);
    if (closed) {
      return CompletableFuture.failedFuture(new LpaException(Kind.CANCELLED, "the workspace is closed"));
    }
    for (Failure f : failures) {
      if ((f.operation().equals("*") || f.operation().equals(operation))
          && (f.conversationId() == null || f.conversationId().equals(conversationId))) {
        return CompletableFuture.failedFuture(f.error());
      }
    }
    try {
      return CompletableFuture.completedFuture(body.get());
    } catch (LpaException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A full id, or the given text when nothing matches (the operation then fails NOT_FOUND). */
  private String idOf(String idOrPrefix) {
    try {
      return resolveConversationId(idOrPrefix);
    } catch (LpaException e) {
      return idOrPrefix;
    }
  }

  private Conversation openConversation(String id) {
    Conversation c = state.conversations().get(resolveConversationId(id));
    if (!c.open()) {
      throw new LpaException(Kind.INVALID, "conversation " + c.id() + " is closed");
    }
    return c;
  }

  private Ring ringOf(String idOrPrefix) {
    for (Ring r : state.rings()) {
      if (r.ringId().equals(idOrPrefix)) {
        return r;
      }
    }
    List<Ring> m = state.rings().stream()
        .filter(r -> r.ringId().startsWith(idOrPrefix) || r.conversationId().startsWith(idOrPrefix)).toList();
    if (m.size() == 1) {
      return m.get(0);
    }
    throw new LpaException(Kind.NOT_FOUND, m.isEmpty() ? "no ring " + idOrPrefix : "ambiguous ring " + idOrPrefix);
  }

  /** The conversation as the server now has it, after {@code change}; sent as an UPSERT (or DELETE when it leaves me). */
  private void serverChanges(String id, java.util.function.UnaryOperator<TestData.Conv> change, boolean leavesMe) {
    TestData.Conv c = change.apply(described(id));
    server.put(id, c);
    boolean delete = leavesMe || c.isClosed();
    feed(new Reducer.Conversations(delete ? Reducer.Scope.MINE : scopeOf(c), false,
        List.of(new Notification.Change(delete ? "DELETE" : "UPSERT", c.wire(stamp()))), Map.of()));
  }

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

  /** How many state listeners subscribed (a test waits for a command to subscribe before it changes anything). */
  public int stateListeners() {
    return stateListeners.size();
  }

  public int eventListeners() {
    return eventListeners.size();
  }

  @Override
  public CompletableFuture<WorkspaceState> ready() {
    return ready;
  }

  @Override
  public CompletableFuture<Void> setAgentState(AgentState s) {
    return op("setAgentState " + s, "setAgentState", null, () -> {
      feed(new Reducer.AgentStateIs(s));
      return null;
    });
  }

  @Override
  public CompletableFuture<Conversation> acceptRing(String ringId) {
    Ring found;
    try {
      found = ringOf(ringId);
    } catch (LpaException e) {
      calls.add("acceptRing " + ringId);
      return CompletableFuture.failedFuture(e);
    }
    Ring r = found;
    return op("acceptRing " + r.ringId(), "acceptRing", r.conversationId(), () -> {
      TestData.Conv c = described(r.conversationId());
      feed(new Reducer.Routing(List.of(new Notification.Change("UPSERT", routingTask(c, r.ringId(), "ACCEPTED", r.expires())))));
      feed(new Reducer.Routing(List.of(new Notification.Change("DELETE", routingTask(c, r.ringId(), "ACCEPTED", r.expires())))));
      conversation(c.assignedTo(me));
      for (TestData.Msg m : waiting.getOrDefault(c.id(), List.of())) {
        message(c.id(), m);
      }
      waiting.remove(c.id());
      return state.conversations().get(c.id());
    });
  }

  @Override
  public CompletableFuture<Void> rejectRing(String ringId) {
    return op("rejectRing " + ringId, "rejectRing", null, () -> {
      ringEnds(ringOf(ringId).ringId(), "REJECTED");
      return null;
    });
  }

  @Override
  public CompletableFuture<Message> sendText(String conversationId, String text) {
    String id = idOf(conversationId);
    return send("sendText " + id + " " + text, "sendText", id, text == null || text.isBlank() ? null
        : Json.obj().put("type", "ContentEvent").put("contentType", "text/plain").put("message", text));
  }

  @Override
  public CompletableFuture<Message> sendFile(String conversationId, Path file, String caption) {
    String id = idOf(conversationId);
    String name = file.getFileName().toString();
    String type = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toUpperCase(java.util.Locale.ROOT) : "";
    ObjectNode ev = Json.obj().put("type", "ContentEvent").put("contentType", "hosted/file");
    ObjectNode m = ev.putObject("message").put("relativePath", "/files/" + name).put("fileType", type);
    if (caption != null) {
      m.put("caption", caption);
    }
    return send("sendFile " + id + " " + file, "sendFile", id, ev);
  }

  /**
   * Through the outbox as production sends: PENDING first, the server's sequence next, then the
   * echo of the event carrying its ExternalId (which must not add it twice).
   */
  private CompletableFuture<Message> send(String call, String operation, String id, ObjectNode event) {
    return op(call, operation, id, () -> {
      if (event == null) {
        throw new LpaException(Kind.INVALID, "empty message");
      }
      Conversation c = openConversation(id);
      String localId = "local-" + (++localIds);
      Instant now = clock.instant();
      feed(new Reducer.OutboxQueued(new Message(c.id(), c.mainDialogId(), -1, now, Message.Sender.AGENT, me.userId(),
          me.userPid(), me.displayName(), dev.lpa.core.workspace.WireMapper.content(event),
          Message.Delivery.PENDING, localId)));
      long seq = nextSequence.getOrDefault(c.id(), 0L);
      nextSequence.put(c.id(), seq + 1);
      feed(new Reducer.OutboxSent(c.id(), localId, seq, now));
      ObjectNode echo = fromMe().externalId(localId).at(now).wire(c.id(), seq, now);
      echo.set("event", event);
      feed(new Reducer.Events(c.mainDialogId(), List.of(echo)));
      // answered: the server drops the due time until the consumer writes again (tests set it again)
      if (server.containsKey(c.id()) && server.get(c.id()).due != null) {
        serverChanges(c.id(), x -> x.due(null), false);
      }
      return state.messagesOf(c.id()).stream().filter(x -> localId.equals(x.localId())).findFirst().orElse(null);
    });
  }

  @Override
  public String fillCanned(CannedResponse canned, String conversationId) {
    Conversation c = state.conversations().get(resolveConversationId(conversationId));
    ConsumerProfile p = c.consumer();
    String name = p == null || (p.firstName() == null && p.lastName() == null) ? "" : p.displayName();
    String text = canned.text() == null ? "" : canned.text();
    return text.replace("{consumer name}", name).replace("{consumer.name}", name)
        .replace("{consumer first name}", p == null || p.firstName() == null ? "" : p.firstName())
        .replace("{agent name}", me.displayName()).replace("{agent nickname}", me.displayName())
        .replace("{skill name}", c.skillName() == null ? "" : c.skillName());
  }

  /** This agent's READ receipt of every consumer message not yet read. */
  @Override
  public CompletableFuture<Void> markRead(String conversationId) {
    String id = idOf(conversationId);
    return op("markRead " + id, "markRead", id, () -> {
      long[] unread = state.messagesOf(resolveConversationId(id)).stream()
          .filter(m -> m.sender() == Message.Sender.CONSUMER && m.delivery() != Message.Delivery.READ && m.sequence() >= 0)
          .mapToLong(Message::sequence).toArray();
      if (unread.length > 0) {
        receipt(id, false, "READ", unread);
      }
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> setTyping(String conversationId, boolean typing) {
    String id = idOf(conversationId);
    return op("setTyping " + id + " " + typing, "setTyping", id, () -> {
      resolveConversationId(id);
      return null;
    });
  }

  @Override
  public CompletableFuture<List<Message>> loadMessages(String conversationId) {
    String id = idOf(conversationId);
    return op("loadMessages " + id, "loadMessages", id, () -> state.messagesOf(resolveConversationId(id)));
  }

  @Override
  public CompletableFuture<Void> transferToSkill(String conversationId, String skillId, String note) {
    String id = idOf(conversationId);
    return op("transferToSkill " + id + " " + skillId + " " + note, "transferToSkill", id, () -> {
      openConversation(id);
      serverChanges(id, c -> c.skill(skillId).queued(), !me.manager());
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> transferToAgent(String conversationId, String agentUserId, String note) {
    String id = idOf(conversationId);
    return op("transferToAgent " + id + " " + agentUserId + " " + note, "transferToAgent", id, () -> {
      openConversation(id);
      serverChanges(id, c -> c.suggestedTo(agentUserId), !me.manager());
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> returnToQueue(String conversationId) {
    String id = idOf(conversationId);
    return op("returnToQueue " + id, "returnToQueue", id, () -> {
      openConversation(id);
      serverChanges(id, TestData.Conv::queued, !me.manager());
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> close(String conversationId) {
    String id = idOf(conversationId);
    return op("close " + id, "close", id, () -> {
      openConversation(id);
      serverChanges(id, c -> c.closed(clock.instant(), "AGENT"), false);
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> join(String conversationId, boolean silent) {
    String id = idOf(conversationId);
    return op("join " + id + (silent ? " silent" : ""), "join", id, () -> {
      openConversation(id);
      serverChanges(id, c -> c.withoutParticipant(me.userId()).participant(silent ? "READER" : "MANAGER", me.userId(),
          me.userPid()), false);
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> leave(String conversationId) {
    String id = idOf(conversationId);
    return op("leave " + id, "leave", id, () -> {
      openConversation(id);
      serverChanges(id, c -> c.withoutParticipant(me.userId()), false);
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> setUrgent(String conversationId, boolean urgent) {
    String id = idOf(conversationId);
    return op("setUrgent " + id + " " + urgent, "setUrgent", id, () -> {
      openConversation(id);
      serverChanges(id, c -> c.urgent(urgent), false);
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> setManualDueTime(String conversationId, Instant due) {
    String id = idOf(conversationId);
    return op("setManualDueTime " + id + " " + due, "setManualDueTime", id, () -> {
      openConversation(id);
      serverChanges(id, c -> c.manualDue(due), false);
      return null;
    });
  }

  @Override
  public CompletableFuture<CallInvitation> inviteCall(String conversationId, String mode) {
    String id = idOf(conversationId);
    return op("inviteCall " + id + " " + mode, "inviteCall", id, () -> {
      openConversation(id);
      String n = Integer.toString(++callDialogs);
      String dialog = "call-" + n;
      serverChanges(id, c -> c.callDialog(dialog, mode, "INVITED", clock.instant()), false);
      return new CallInvitation(id, dialog, mode, "INVITED", "https://127.0.0.1/call/svc-" + n);
    });
  }

  @Override
  public CompletableFuture<Message> inviteSecureForm(String conversationId, String formId, String title) {
    String id = idOf(conversationId);
    ObjectNode ev = Json.obj().put("type", "ContentEvent").put("contentType", "forms/secure-invitation");
    ev.putObject("message").put("formId", formId).put("invitationId", "inv-" + formId).put("title", title);
    return send("inviteSecureForm " + id + " " + formId + " " + title, "inviteSecureForm", id, ev);
  }

  @Override
  public CompletableFuture<Map<String, String>> readSecureForm(String conversationId, String submissionId) {
    String id = idOf(conversationId);
    return op("readSecureForm " + id + " " + submissionId, "readSecureForm", id, () -> {
      Map<String, String> fields = forms.get(submissionId);
      if (fields == null) {
        throw new LpaException(Kind.NOT_FOUND, "no submission " + submissionId);
      }
      return fields;
    });
  }

  @Override
  public CompletableFuture<Path> downloadFile(String relativePath, Path target) {
    return op("downloadFile " + relativePath + " " + target, "downloadFile", null, () -> target);
  }

  @Override
  public CompletableFuture<List<ConversationWithMessages>> previousConversations(String conversationId) {
    String id = idOf(conversationId);
    return op("previousConversations " + id, "previousConversations", id, () -> previous.getOrDefault(id, List.of()));
  }

  @Override
  public CompletableFuture<List<ConversationWithMessages>> searchClosed(ClosedSearch search) {
    return op("searchClosed " + search.text() + " " + search.since(), "searchClosed", null, () -> {
      Instant from = clock.instant().minus(search.since());
      return history.stream()
          .filter(h -> h.conversation().ended() == null || !h.conversation().ended().isBefore(from))
          .filter(h -> !search.mineOnly() || h.conversation().participants().stream()
              .anyMatch(p -> p.id().equals(me.userId())))
          .filter(h -> search.text() == null || search.text().isBlank() || h.messages().stream()
              .anyMatch(m -> m.excerpt() != null && m.excerpt().toLowerCase(java.util.Locale.ROOT)
                  .contains(search.text().toLowerCase(java.util.Locale.ROOT))))
          .limit(search.limit() <= 0 ? 50 : search.limit())
          .toList();
    });
  }

  @Override
  public CompletableFuture<List<CannedResponse>> cannedResponses(String skillId) {
    return op("cannedResponses " + skillId, "cannedResponses", null, () -> canned.stream()
        .filter(c -> skillId == null || c.skillIds().isEmpty() || c.skillIds().contains(skillId)).toList());
  }

  @Override
  public CompletableFuture<List<Skill>> skills() {
    return op("skills", "skills", null, () -> List.copyOf(skills));
  }

  @Override
  public CompletableFuture<List<Agent>> agents() {
    return op("agents", "agents", null, () -> List.copyOf(agents));
  }

  @Override
  public CompletableFuture<ConsumerProfile> consumerProfile(String conversationId) {
    String id = idOf(conversationId);
    return op("consumerProfile " + id, "consumerProfile", id, () -> {
      TestData.Conv c = server.get(id);
      if (c != null && c.profile() != null) {
        return c.profile();
      }
      Conversation known = state.conversations().get(resolveConversationId(id));
      return known.consumer();
    });
  }

  @Override
  public CompletableFuture<List<QueueHealth>> queueHealth() {
    return op("queueHealth", "queueHealth", null, () -> List.copyOf(queueHealth));
  }

  @Override
  public String resolveConversationId(String idOrPrefix) {
    if (idOrPrefix == null || idOrPrefix.isBlank()) {
      throw new LpaException(Kind.NOT_FOUND, "no conversation id given");
    }
    Map<String, Conversation> all = state.conversations();
    if (all.containsKey(idOrPrefix)) {
      return idOrPrefix;
    }
    List<String> m = all.keySet().stream().filter(k -> k.startsWith(idOrPrefix)).sorted().toList();
    if (m.size() == 1) {
      return m.get(0);
    }
    throw new LpaException(Kind.NOT_FOUND, m.isEmpty() ? "no conversation " + idOrPrefix
        : "ambiguous id " + idOrPrefix + " (" + m.size() + " conversations)");
  }

  /** Opened again (the next command of a test on the same account): operations work again. */
  public void reopen() {
    closed = false;
  }

  public boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    calls.add("close-workspace");
    closed = true;
  }

  /** The events a test saw, for assertions: subscribe before acting. */
  public List<WorkspaceEvent> recordEvents() {
    List<WorkspaceEvent> seen = new CopyOnWriteArrayList<>();
    onEvent(seen::add);
    return seen;
  }
}
