package dev.lpa.tui;

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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-memory workspace that behaves like core's: operations change the state, publish a new
 * snapshot and the matching event, then complete. It records every call so tests can assert on
 * what the console asked for.
 */
final class FakeWorkspace implements Workspace {
  static final String ACCOUNT = "90233546";

  final Clock clock;
  final List<String> calls = new CopyOnWriteArrayList<>();
  final Map<String, String> failReturn = new HashMap<>();
  final Map<String, List<ConversationWithMessages>> previous = new HashMap<>();
  /** Profiles richer than what the conversation carries (rings often know only the id). */
  final Map<String, ConsumerProfile> profiles = new HashMap<>();
  final List<Skill> skills = new ArrayList<>(List.of(
      new Skill("10", "Billing", List.of(), 3),
      new Skill("11", "Sales", List.of(), 0),
      new Skill("12", "Tech support", List.of(), 2)));
  final List<Agent> agents = new ArrayList<>(List.of(
      new Agent("1", "pid-1", "agent1", "Alex Agent", "Alex", null, false, List.of("10"), AgentState.ONLINE, 2, 5),
      new Agent("2", "pid-2", "agent2", "Bea Berg", "Bea", null, false, List.of("10"), AgentState.ONLINE, 1, 5),
      new Agent("3", "pid-3", "agent3", "Cem Cohen", "Cem", null, false, List.of("11"), AgentState.AWAY, 0, 5)));
  final List<CannedResponse> canned = new ArrayList<>(List.of(
      new CannedResponse("c1", "Greeting", "Hello {consumer.name}, how can I help?", "Openers", "hi", List.of()),
      new CannedResponse("c2", "Follow-up", "Is there anything else?", "Closers", "else", List.of()),
      new CannedResponse("c3", "Goodbye", "Thanks for writing, bye!", "Closers", "bye", List.of())));

  private final List<Consumer<WorkspaceState>> stateListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<WorkspaceEvent>> eventListeners = new CopyOnWriteArrayList<>();
  private final Session me;
  private AgentState agentState = AgentState.ONLINE;
  private ConnectionState connection = ConnectionState.CONNECTED;
  private final Map<String, Conversation> conversations = new LinkedHashMap<>();
  private final Map<String, List<Message>> messages = new LinkedHashMap<>();
  private final List<Ring> rings = new ArrayList<>();
  /** What core would have looked up for ringing conversations (by conversation id). */
  final Map<String, dev.lpa.core.model.RingDetails> ringDetails = new HashMap<>();
  private final Set<String> typing = new LinkedHashSet<>();
  private long seq;
  private volatile WorkspaceState state;

  FakeWorkspace(Clock clock) {
    this(clock, false);
  }

  FakeWorkspace(Clock clock, boolean manager) {
    this(clock, manager, manager ? "Helen Okafor" : "Alex Agent");
  }

  FakeWorkspace(Clock clock, boolean manager, String agentName) {
    this.clock = clock;
    this.me = new Session("default", ACCOUNT, manager ? "manager1" : "agent1", ACCOUNT + ".1", "pid-1",
        agentName, manager, clock.instant().plus(Duration.ofHours(8)));
    publish();
  }

  // ------------------------------------------------------------------ test helpers

  static Conversation conversation(String id, String consumerName, String phone, String skill,
      Instant started, Instant due, Role myRole, int unread) {
    String[] name = consumerName == null ? new String[] {null, null} : consumerName.split(" ", 2);
    ConsumerProfile p = new ConsumerProfile("consumer-" + id, name[0], name.length > 1 ? name[1] : null,
        phone, null, null, phone != null ? "SMS" : "WEB", Map.of());
    List<Participant> parts = new ArrayList<>();
    parts.add(new Participant("consumer-" + id, null, Role.CONSUMER, "ACTIVE"));
    if (myRole == Role.ASSIGNED_AGENT) {
      parts.add(new Participant(ACCOUNT + ".1", "pid-1", Role.ASSIGNED_AGENT, "ACTIVE"));
    }
    Dialog main = new Dialog(id, "MAIN", "MESSAGING", "OPEN", parts, Map.of(), started, null);
    return new Conversation(id, p, skillId(skill), skill, "OPEN", started, null, new Ttr("NORMAL", 3600),
        due, null, parts, List.of(main), myRole, unread, null, null, started, null);
  }

  private static String skillId(String name) {
    return switch (name) {
      case "Billing" -> "10";
      case "Sales" -> "11";
      default -> "12";
    };
  }

  /** Many conversations, one consumer message each, published as one snapshot. */
  synchronized void putMany(List<Conversation> cs, Instant at) {
    for (Conversation c : cs) {
      Message m = new Message(c.id(), c.id(), seq++, at, Message.Sender.CONSUMER, c.consumer().id(), null,
          c.consumer().displayName(), new Message.Text("Message from " + c.consumer().displayName()),
          Message.Delivery.DELIVERED, null);
      messages.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(m);
      conversations.put(c.id(), withLast(c, m));
    }
    publish();
  }

  synchronized void put(Conversation c) {
    conversations.put(c.id(), c);
    publish();
  }

  synchronized void add(Message m) {
    messages.computeIfAbsent(m.conversationId(), k -> new ArrayList<>()).add(m);
    Conversation c = conversations.get(m.conversationId());
    if (c != null) {
      conversations.put(c.id(), withLast(c, m));
    }
    publish();
    emit(new WorkspaceEvent.MessageAdded(clock.instant(), m));
  }

  synchronized Message consumerSays(String convId, String text, Instant at) {
    Conversation c = conversations.get(convId);
    Message m = new Message(convId, convId, seq++, at, Message.Sender.CONSUMER, c.consumer().id(), null,
        c.consumer().displayName(), new Message.Text(text), Message.Delivery.DELIVERED, null);
    messages.computeIfAbsent(convId, k -> new ArrayList<>()).add(m);
    Conversation u = withLast(c, m);
    u = copy(u, u.state(), u.effectiveTtr() == null ? at.plusSeconds(u.ttr().seconds()) : u.effectiveTtr(),
        u.myRole(), u.unread() + 1, u.ended(), u.dialogs());
    conversations.put(convId, u);
    publish();
    emit(new WorkspaceEvent.MessageAdded(clock.instant(), m));
    return m;
  }

  synchronized void addMessage(String convId, Message.Sender sender, String name, Message.Content content,
      Instant at, Message.Delivery delivery) {
    Message m = new Message(convId, convId, seq++, at, sender, sender == Message.Sender.CONSUMER ? "consumer-" + convId
        : ACCOUNT + ".1", null, name, content, delivery, null);
    messages.computeIfAbsent(convId, k -> new ArrayList<>()).add(m);
    Conversation c = conversations.get(convId);
    if (c != null && !(content instanceof Message.SystemNote)) {
      conversations.put(convId, withLast(c, m));
    }
    publish();
  }

  synchronized Ring ring(String convId, Instant expires) {
    Ring r = new Ring("ring-" + convId, convId, "consumer-" + convId, conversations.get(convId).skillId(),
        "WAITING", expires, false);
    rings.add(r);
    publish();
    emit(new WorkspaceEvent.RingOffered(clock.instant(), r, conversations.get(convId)));
    return r;
  }

  /** A ring for a conversation this agent cannot see yet, as rings usually come. */
  synchronized Ring ringOnly(String convId, String consumerId, String skillId, Instant expires,
      dev.lpa.core.model.RingDetails details) {
    Ring r = new Ring("ring-" + convId, convId, consumerId, skillId, "WAITING", expires, false);
    rings.add(r);
    if (details != null) {
      ringDetails.put(convId, details);
    }
    publish();
    emit(new WorkspaceEvent.RingOffered(clock.instant(), r, null));
    return r;
  }

  /** Core's look-up of who rings answers after the ring (as it usually does). */
  synchronized void ringLookedUp(String convId, dev.lpa.core.model.RingDetails details) {
    ringDetails.put(convId, details);
    publish();
  }

  /** The ring ends (answered elsewhere, withdrawn) with the event core raises for it. */
  synchronized void ringEnded(String ringId) {
    Ring r = rings.stream().filter(x -> x.ringId().equals(ringId)).findFirst().orElseThrow();
    rings.remove(r);
    publish();
    emit(new WorkspaceEvent.RingEnded(clock.instant(), r));
  }

  synchronized void expireRing(String ringId) {
    rings.removeIf(r -> r.ringId().equals(ringId));
    conversations.values().removeIf(c -> c.myRole() == null && ringId.equals("ring-" + c.id()));
    publish();
  }

  /** The conversation leaves the state with no event (as a fresh snapshot after a reconnect may do). */
  synchronized void dropSilently(String convId) {
    conversations.remove(convId);
    publish();
  }

  synchronized void setConnection(ConnectionState s) {
    connection = s;
    publish();
    emit(new WorkspaceEvent.ConnectionChanged(clock.instant(), s, ""));
  }

  synchronized void setTypingFlag(String convId, boolean on) {
    if (on) {
      typing.add(convId);
    } else {
      typing.remove(convId);
    }
    publish();
  }

  synchronized void becameOverdue(String convId) {
    emit(new WorkspaceEvent.BecameOverdue(clock.instant(), conversations.get(convId)));
  }

  List<Message> messagesOf(String id) {
    return state.messagesOf(id);
  }

  private static Conversation withLast(Conversation c, Message m) {
    return new Conversation(c.id(), c.consumer(), c.skillId(), c.skillName(), c.state(), c.started(), c.ended(),
        c.ttr(), c.effectiveTtr(), c.manualDue(), c.participants(), c.dialogs(), c.myRole(), c.unread(), m,
        c.lastAgentActivity(), m.time(), c.closeReason());
  }

  static Conversation copy(Conversation c, String st, Instant due, Role role, int unread, Instant ended,
      List<Dialog> dialogs) {
    return new Conversation(c.id(), c.consumer(), c.skillId(), c.skillName(), st, c.started(), ended, c.ttr(),
        due, c.manualDue(), c.participants(), dialogs, role, unread, c.lastMessage(), c.lastAgentActivity(),
        c.lastUpdated(), c.closeReason());
  }

  private void publish() {
    Map<String, List<Message>> msgs = new LinkedHashMap<>();
    messages.forEach((k, v) -> msgs.put(k, List.copyOf(v)));
    state = new WorkspaceState(me, agentState, connection, "", Map.copyOf(conversations), Map.copyOf(msgs),
        List.copyOf(rings), Set.copyOf(typing), true, clock.instant(), Map.copyOf(ringDetails), Map.of());
    for (Consumer<WorkspaceState> l : stateListeners) {
      l.accept(state);
    }
  }

  private void emit(WorkspaceEvent e) {
    for (Consumer<WorkspaceEvent> l : eventListeners) {
      l.accept(e);
    }
  }

  private static <T> CompletableFuture<T> fail(LpaException.Kind kind, String msg) {
    return CompletableFuture.failedFuture(new LpaException(kind, msg));
  }

  private synchronized CompletableFuture<Void> remove(String id, String reason) {
    if (!conversations.containsKey(id)) {
      return fail(LpaException.Kind.NOT_FOUND, "no conversation " + id);
    }
    conversations.remove(id);
    publish();
    emit(new WorkspaceEvent.ConversationRemoved(clock.instant(), id, reason));
    return CompletableFuture.completedFuture(null);
  }

  // ------------------------------------------------------------------ Workspace

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
  public synchronized CompletableFuture<Void> setAgentState(AgentState s) {
    calls.add("setAgentState " + s);
    agentState = s;
    publish();
    emit(new WorkspaceEvent.AgentStateChanged(clock.instant(), s));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Conversation> acceptRing(String ringId) {
    calls.add("acceptRing " + ringId);
    Ring r = rings.stream().filter(x -> x.ringId().equals(ringId)).findFirst().orElse(null);
    if (r == null) {
      return fail(LpaException.Kind.NOT_FOUND, "no ring " + ringId);
    }
    rings.remove(r);
    Conversation c = conversations.get(r.conversationId());
    List<Participant> parts = new ArrayList<>(c.participants());
    parts.add(new Participant(ACCOUNT + ".1", "pid-1", Role.ASSIGNED_AGENT, "ACTIVE"));
    Conversation mine = new Conversation(c.id(), c.consumer(), c.skillId(), c.skillName(), c.state(), c.started(),
        c.ended(), c.ttr(), c.effectiveTtr(), c.manualDue(), parts, c.dialogs(), Role.ASSIGNED_AGENT, c.unread(),
        c.lastMessage(), c.lastAgentActivity(), c.lastUpdated(), c.closeReason());
    conversations.put(c.id(), mine);
    publish();
    emit(new WorkspaceEvent.RingEnded(clock.instant(),
        new Ring(r.ringId(), r.conversationId(), r.consumerId(), r.skillId(), "ACCEPTED", r.expires(), false)));
    return CompletableFuture.completedFuture(mine);
  }

  @Override
  public CompletableFuture<Void> rejectRing(String ringId) {
    calls.add("rejectRing " + ringId);
    expireRing(ringId);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Message> sendText(String conversationId, String text) {
    calls.add("sendText " + conversationId + " " + text);
    Conversation c = conversations.get(conversationId);
    if (c == null) {
      return fail(LpaException.Kind.NOT_FOUND, "no conversation");
    }
    Instant now = clock.instant();
    Message m = new Message(conversationId, conversationId, seq++, now, Message.Sender.AGENT, me.userId(),
        me.userPid(), "Alex", new Message.Text(text), Message.Delivery.SENT, "local-" + seq);
    messages.computeIfAbsent(conversationId, k -> new ArrayList<>()).add(m);
    Conversation u = new Conversation(c.id(), c.consumer(), c.skillId(), c.skillName(), c.state(), c.started(),
        c.ended(), c.ttr(), null, c.manualDue(), c.participants(), c.dialogs(), c.myRole(), 0, m, now, now,
        c.closeReason());
    conversations.put(conversationId, u);
    publish();
    emit(new WorkspaceEvent.MessageAdded(now, m));
    return CompletableFuture.completedFuture(m);
  }

  @Override
  public CompletableFuture<Message> sendFile(String conversationId, Path file, String caption) {
    calls.add("sendFile " + conversationId + " " + file);
    return fail(LpaException.Kind.INVALID, "file sharing is off for this account");
  }

  @Override
  public String fillCanned(CannedResponse canned, String conversationId) {
    Conversation c = conversations.get(conversationId);
    return canned.text().replace("{consumer.name}", c == null ? "" : c.consumer().displayName());
  }

  @Override
  public synchronized CompletableFuture<Void> markRead(String conversationId) {
    calls.add("markRead " + conversationId);
    Conversation c = conversations.get(conversationId);
    if (c != null && c.unread() > 0) {
      conversations.put(conversationId, copy(c, c.state(), c.effectiveTtr(), c.myRole(), 0, c.ended(), c.dialogs()));
      publish();
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> setTyping(String conversationId, boolean on) {
    calls.add("setTyping " + conversationId + " " + on);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<List<Message>> loadMessages(String conversationId) {
    calls.add("loadMessages " + conversationId);
    return CompletableFuture.completedFuture(state.messagesOf(conversationId));
  }

  @Override
  public CompletableFuture<Void> transferToSkill(String conversationId, String skillId, String note) {
    calls.add("transferToSkill " + conversationId + " " + skillId + " " + note);
    return remove(conversationId, "transferred");
  }

  @Override
  public CompletableFuture<Void> transferToAgent(String conversationId, String agentUserId, String note) {
    calls.add("transferToAgent " + conversationId + " " + agentUserId + " " + note);
    return remove(conversationId, "transferred");
  }

  @Override
  public CompletableFuture<Void> returnToQueue(String conversationId) {
    calls.add("returnToQueue " + conversationId);
    String why = failReturn.get(conversationId);
    if (why != null) {
      return fail(LpaException.Kind.FORBIDDEN, why);
    }
    return remove(conversationId, "back to queue");
  }

  @Override
  public synchronized CompletableFuture<Void> close(String conversationId) {
    calls.add("close " + conversationId);
    Conversation c = conversations.get(conversationId);
    if (c == null) {
      return fail(LpaException.Kind.NOT_FOUND, "no conversation");
    }
    conversations.put(conversationId, copy(c, "CLOSE", null, c.myRole(), 0, clock.instant(), c.dialogs()));
    publish();
    emit(new WorkspaceEvent.ConversationUpdated(clock.instant(), conversations.get(conversationId)));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> join(String conversationId, boolean silent) {
    calls.add("join " + conversationId);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> leave(String conversationId) {
    calls.add("leave " + conversationId);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> setUrgent(String conversationId, boolean urgent) {
    calls.add("setUrgent " + conversationId + " " + urgent);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> setManualDueTime(String conversationId, Instant due) {
    calls.add("setManualDueTime " + conversationId);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<CallInvitation> inviteCall(String conversationId, String mode) {
    calls.add("inviteCall " + conversationId + " " + mode);
    Conversation c = conversations.get(conversationId);
    List<Dialog> dialogs = new ArrayList<>(c.dialogs());
    dialogs.add(new Dialog("call-1", "OTHER", "COBROWSE", "OPEN", List.of(),
        Map.of("mode", mode, "sessionState", "INVITED"), clock.instant(), null));
    conversations.put(conversationId, copy(c, c.state(), c.effectiveTtr(), c.myRole(), c.unread(), c.ended(), dialogs));
    publish();
    return CompletableFuture.completedFuture(
        new CallInvitation(conversationId, "call-1", mode, "INVITED", "https://127.0.0.1/call/svc-1"));
  }

  @Override
  public CompletableFuture<Message> inviteSecureForm(String conversationId, String formId, String title) {
    calls.add("inviteSecureForm " + conversationId + " " + formId + " " + title);
    return sendText(conversationId, "[form " + title + "]");
  }

  @Override
  public CompletableFuture<Map<String, String>> readSecureForm(String conversationId, String submissionId) {
    calls.add("readSecureForm " + conversationId + " " + submissionId);
    return CompletableFuture.completedFuture(Map.of("Card holder", "Ann Example"));
  }

  @Override
  public CompletableFuture<Path> downloadFile(String relativePath, Path target) {
    calls.add("downloadFile " + relativePath + " " + target);
    return CompletableFuture.completedFuture(target);
  }

  @Override
  public CompletableFuture<List<ConversationWithMessages>> previousConversations(String conversationId) {
    calls.add("previousConversations " + conversationId);
    return CompletableFuture.completedFuture(previous.getOrDefault(conversationId, List.of()));
  }

  @Override
  public CompletableFuture<List<ConversationWithMessages>> searchClosed(ClosedSearch search) {
    return CompletableFuture.completedFuture(List.of());
  }

  @Override
  public CompletableFuture<List<CannedResponse>> cannedResponses(String skillId) {
    calls.add("cannedResponses " + skillId);
    return CompletableFuture.completedFuture(List.copyOf(canned));
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
    if (profiles.containsKey(conversationId)) {
      return CompletableFuture.completedFuture(profiles.get(conversationId));
    }
    Conversation c = conversations.get(conversationId);
    return c == null ? fail(LpaException.Kind.NOT_FOUND, "no conversation")
        : CompletableFuture.completedFuture(c.consumer());
  }

  @Override
  public CompletableFuture<List<QueueHealth>> queueHealth() {
    return CompletableFuture.completedFuture(Collections.emptyList());
  }

  @Override
  public String resolveConversationId(String idOrPrefix) {
    return idOrPrefix;
  }

  @Override
  public void close() {
    calls.add("close-workspace");
  }
}
