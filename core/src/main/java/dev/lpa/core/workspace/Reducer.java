package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Ring;
import dev.lpa.core.model.RingDetails;
import dev.lpa.core.model.Role;
import dev.lpa.core.model.Session;
import dev.lpa.core.ums.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;
import org.pcollections.PVector;
import org.pcollections.TreePVector;

/**
 * The pure heart of the workspace: {@code (state, input, now) -> (state, events)}. No network, no
 * clock, no mutation: the same inputs give the same snapshot, so it is tested on its own.
 *
 * <p>Over 400 lines because it is one function over every input kind: splitting the inputs'
 * rules into files would spread the one rule set (scopes, merges, ordering) that ReducerTest
 * reads as sentences.
 *
 * <p>Rules kept here: messages are unique per (dialog, sequence), so a backfill after a reconnect
 * never doubles one; an outbox message is PENDING until the server gives its sequence, then it
 * merges with the echo of itself; a DELETE of a closed conversation keeps it (closed list), any
 * other DELETE removes it; the first notification of a subscription is the complete set of its
 * scope; a conversation whose due time passed since the last reduction raises BecameOverdue.
 */
public final class Reducer {
  private Reducer() {}

  /** What the workspace feeds in. */
  public sealed interface Input {}

  /** Conversation list changes; {@code first} marks a subscription's first notification (its full set). */
  public record Conversations(Scope scope, boolean first, List<Notification.Change> changes,
      Map<String, String> skillNames) implements Input {}

  public enum Scope { MINE, TEAM }

  /** Messaging events (live or from a history query) of one dialog. */
  public record Events(String dialogId, List<JsonNode> events, Map<String, String> agentNames) implements Input {
    public Events(String dialogId, List<JsonNode> events) {
      this(dialogId, events, Map.of());
    }
  }

  /** Display names of the account's users by legacy id: fills agent messages' sender names. */
  public record AgentNames(Map<String, String> names) implements Input {}

  /**
   * Routing task changes; {@code first} marks the subscription's first notification, which is the
   * whole set the server offers now: it replaces the rings (a ring the server dropped while the
   * socket was down must not linger).
   */
  public record Routing(List<Notification.Change> changes, boolean first) implements Input {
    public Routing(List<Notification.Change> changes) {
      this(changes, false);
    }
  }

  public record AgentStateIs(AgentState state) implements Input {}

  public record ConnectionIs(ConnectionState state, String detail) implements Input {}

  public record SnapshotComplete() implements Input {}

  public record OutboxQueued(Message pending) implements Input {}

  public record OutboxSent(String conversationId, String localId, long sequence, Instant at) implements Input {}

  public record OutboxFailed(String conversationId, String localId, String reason) implements Input {}

  public record ConsumerKnown(ConsumerProfile profile) implements Input {}

  /** Several profiles at once (a burst of look-ups answered together): one snapshot, not one each. */
  public record ConsumersKnown(List<ConsumerProfile> profiles) implements Input {}

  public record SkillNames(Map<String, String> names) implements Input {}

  /** A closed conversation loaded from history for the closed list. */
  public record ClosedLoaded(List<Conversation> conversations) implements Input {}

  /** What was looked up for a ringing conversation; merged into what is known, kept while it rings. */
  public record RingDetailsKnown(RingDetails details) implements Input {}

  /** Time passes (the clock check for overdue). */
  public record Tick() implements Input {}

  /** How long a manager's state keeps closed conversations: the All tab shows 14 days of them. */
  public static final java.time.Duration TEAM_CLOSED_KEPT = java.time.Duration.ofDays(14);

  public record Result(WorkspaceState state, List<WorkspaceEvent> events) {}

  /**
   * A consumer's COMPOSING not confirmed by a newer chat state for this long is stale: the
   * consumer's client may have gone away without sending ACTIVE (LivePerson's clients expire it too).
   */
  public static final java.time.Duration TYPING_STALE_AFTER = java.time.Duration.ofSeconds(30);

  public static WorkspaceState initial(Session me, Instant now) {
    return new WorkspaceState(me, AgentState.OFFLINE, ConnectionState.CONNECTING, null, ConversationIndex.EMPTY,
        HashTreePMap.empty(), List.of(), HashTreePSet.empty(), false, now, HashTreePMap.empty(), HashTreePMap.empty(),
        Directory.EMPTY);
  }

  public static WorkspaceState apply(WorkspaceState s, Input in, Instant now) {
    return reduce(s, in, now).state();
  }

  public static Result reduce(WorkspaceState s, Input in, Instant now) {
    Builder b = new Builder(s, now);
    if (in instanceof Conversations c) {
      conversations(b, c);
    } else if (in instanceof Events e) {
      events(b, e);
    } else if (in instanceof Routing r) {
      routing(b, r);
    } else if (in instanceof AgentStateIs a) {
      if (a.state() != b.agentState) {
        b.agentState = a.state();
        b.events.add(new WorkspaceEvent.AgentStateChanged(now, a.state()));
      }
    } else if (in instanceof ConnectionIs c) {
      if (c.state() != b.connection || !Objects.equals(c.detail(), b.connectionDetail)) {
        b.connection = c.state();
        b.connectionDetail = c.detail();
        b.events.add(new WorkspaceEvent.ConnectionChanged(now, c.state(), c.detail()));
      }
    } else if (in instanceof SnapshotComplete) {
      b.snapshotComplete = true;
    } else if (in instanceof OutboxQueued q) {
      b.addMessage(q.pending());
    } else if (in instanceof OutboxSent o) {
      outboxSent(b, o);
    } else if (in instanceof OutboxFailed f) {
      b.mapMessages(f.conversationId(), m -> f.localId().equals(m.localId()) && m.sequence() < 0
          ? with(m, Message.Delivery.FAILED) : m);
    } else if (in instanceof ConsumerKnown k) {
      consumerKnown(b, k.profile());
    } else if (in instanceof ConsumersKnown k) {
      k.profiles().forEach(p -> consumerKnown(b, p));
    } else if (in instanceof RingDetailsKnown k) {
      String id = k.details().conversationId();
      // a look-up that returns after its ring ended has nothing left to describe
      Ring ring = b.rings.values().stream().filter(r -> r.conversationId().equals(id)).findFirst().orElse(null);
      if (ring != null) {
        RingDetails old = b.ringDetails.get(id);
        if (old == null) {
          // the stored details always name a consumer, if only by the ring's id
          old = new RingDetails(id, new ConsumerProfile(ring.consumerId(), null, null, null, null, null, null,
              Map.of()), null, null);
        }
        b.putRingDetails(id, old.merge(k.details()));
      }
    } else if (in instanceof AgentNames n) {
      b.directory = b.directory.withAgents(n.names());
      // once per run (the account's users arrive after the first snapshot): linear, not per event
      if (!n.names().isEmpty()) {
        b.mapAllMessages(m -> m.sender() != Message.Sender.CONSUMER && m.senderName() == null
            && m.senderId() != null && n.names().containsKey(m.senderId()) ? withName(m, n.names().get(m.senderId())) : m);
      }
    } else if (in instanceof SkillNames n) {
      b.directory = b.directory.withSkills(n.names());
      if (!n.names().isEmpty()) {
        for (Conversation c : b.convs.ordered()) {
          String name = n.names().get(c.skillId());
          if (name != null && !name.equals(c.skillName())) {
            b.putConv(withSkillName(c, name));
          }
        }
      }
      // rings may come before the skill names: their banners get the name once it is known
      for (Ring r : b.rings.values()) {
        String name = n.names().get(r.skillId());
        if (name != null) {
          RingDetails named = new RingDetails(r.conversationId(), new ConsumerProfile(r.consumerId(), null, null, null,
              null, null, null, Map.of()), name, null);
          RingDetails old = b.ringDetails.get(r.conversationId());
          b.putRingDetails(r.conversationId(), old == null ? named : old.merge(named));
        }
      }
    } else if (in instanceof ClosedLoaded l) {
      for (Conversation c : l.conversations()) {
        if (!b.convs.contains(c.id())) {
          b.putConv(c);
        }
      }
    }
    if (in instanceof Tick) {
      // closed conversations are kept for a day (the "My" closed list), a manager's for the All
      // tab's 14 days; then forgotten
      java.time.Duration keep = b.me != null && b.me.manager() ? TEAM_CLOSED_KEPT : java.time.Duration.ofDays(1);
      for (Conversation c : List.copyOf(b.convs.endedBefore(now.minus(keep)))) {
        b.removeConv(c.id());
        b.removeMessages(c.id());
      }
    }
    staleTyping(b);
    // details live as long as a ring for their conversation does
    if (!b.ringDetails.isEmpty()) {
      for (String id : List.copyOf(b.ringDetails.keySet())) {
        if (b.rings.values().stream().noneMatch(r -> r.conversationId().equals(id))) {
          b.ringDetails = b.ringDetails.minus(id);
        }
      }
    }
    // the overdue check below runs on every input
    b.finishConversations();
    overdue(b, s.updated(), now);
    WorkspaceState next = b.build();
    if (b.events.isEmpty() && sameContent(s, next)) {
      // nothing happened (a quiet clock tick): the same snapshot, so nobody redraws; keeping
      // its older "updated" also keeps the overdue window open until something does happen
      return new Result(s, List.of());
    }
    return new Result(next, List.copyOf(b.events));
  }

  /** Every part is persistent and replaced only when it changed: comparing references suffices. */
  private static boolean sameContent(WorkspaceState a, WorkspaceState b) {
    return a.agentState() == b.agentState() && a.connection() == b.connection()
        && Objects.equals(a.connectionDetail(), b.connectionDetail()) && a.snapshotComplete() == b.snapshotComplete()
        && a.index() == b.index() && a.messageVectors() == b.messageVectors() && a.rings() == b.rings()
        && a.typingSet() == b.typingSet() && a.ringDetailMap() == b.ringDetailMap()
        && a.typingSinceMap() == b.typingSinceMap() && a.directory() == b.directory();
  }

  private static void consumerKnown(Builder b, ConsumerProfile p) {
    b.directory = b.directory.withConsumer(p);
    // the index names this consumer's conversations: a profile touches only their rows
    for (String id : b.convs.ofConsumer(p.id())) {
      Conversation c = b.convs.get(id);
      if (c != null) {
        b.putConv(withConsumer(c, p));
      }
      b.mapMessages(id, m -> m.sender() == Message.Sender.CONSUMER && Objects.equals(m.senderId(), p.id())
          && m.senderName() == null ? withName(m, p.displayName()) : m);
    }
    for (RingDetails d : List.copyOf(b.ringDetails.values())) {
      if (d.consumer() != null && Objects.equals(d.consumer().id(), p.id())) {
        b.putRingDetails(d.conversationId(), d.merge(new RingDetails(d.conversationId(), p, null, null)));
      }
    }
  }

  // --- conversations ---

  private static void conversations(Builder b, Conversations in) {
    Set<String> seen = new HashSet<>();
    for (Notification.Change ch : in.changes()) {
      String id = ch.convId();
      if (id == null) {
        continue;
      }
      seen.add(id);
      // this change's tree only, dropped with the iteration: a snapshot's thousands never coexist
      JsonNode r = ch.result();
      Conversation prev = b.convs.get(id);
      Conversation c = ch.hasDetails() ? WireMapper.conversation(r, b.me, prev,
          in.skillNames().isEmpty() ? b.directory.skills() : in.skillNames()) : prev;
      if (ch.delete()) {
        if (c != null && !c.open()) {
          b.putConv(c);
          b.events.add(new WorkspaceEvent.ConversationUpdated(b.now, c));
          b.events.add(new WorkspaceEvent.ConversationRemoved(b.now, id, "closed"));
        } else if (prev != null && heldByOtherScope(in.scope(), prev, b.me)) {
          // it left this subscription only: a manager still sees it in the team view, and
          // my own conversations are governed by MINE, not by the team subscription
          Conversation kept = in.scope() == Scope.MINE ? withRole(c != null ? c : prev, null) : prev;
          b.putConv(kept);
          b.events.add(new WorkspaceEvent.ConversationUpdated(b.now, kept));
        } else if (prev != null) {
          b.removeConv(id);
          b.removeMessages(id);
          b.stopTyping(id);
          b.events.add(new WorkspaceEvent.ConversationRemoved(b.now, id, reasonGone(prev, c, b.me)));
        }
        continue;
      }
      if (c == null) {
        continue;
      }
      ConsumerProfile known = c.consumer() == null || c.consumer().firstName() != null ? null
          : b.directory.consumer(c.consumer().id());
      if (known != null) {
        c = withConsumer(c, known); // looked up before (this run or, from the store, an earlier one)
      }
      if (prev != null && prev.lastUpdated() != null && c.lastUpdated() != null
          && c.lastUpdated().isBefore(prev.lastUpdated())) {
        continue; // notification order is not guaranteed: a stale one must not win
      }
      b.putConv(c);
      if (!c.equals(prev)) {
        b.events.add(new WorkspaceEvent.ConversationUpdated(b.now, c));
      }
      JsonNode last = r.get("lastContentEventNotification");
      if (last != null && last.isObject() && last.has("event")) {
        // the newest message comes with the conversation: lists show it without a history query
        events(b, new Events(c.mainDialogId(), List.of(last), Map.of()));
      }
    }
    if (in.first()) {
      // the first notification is the whole scope: one pass over the account, once per subscription
      for (Conversation c : b.convs.ordered()) {
        boolean inScope = in.scope() == Scope.MINE ? c.myRole() != null : c.myRole() == null;
        if (c.open() && inScope && !seen.contains(c.id())) {
          b.removeConv(c.id());
          b.removeMessages(c.id());
          b.stopTyping(c.id());
          b.events.add(new WorkspaceEvent.ConversationRemoved(b.now, c.id(), "gone while disconnected"));
        }
      }
    }
  }

  private static boolean heldByOtherScope(Scope scope, Conversation prev, Session me) {
    return scope == Scope.MINE ? me.manager() : prev.myRole() != null;
  }

  static Conversation withRole(Conversation c, Role role) {
    return new Conversation(c.id(), c.consumer(), c.skillId(), c.skillName(), c.state(), c.started(), c.ended(),
        c.ttr(), c.effectiveTtr(), c.manualDue(), c.participants(), c.dialogs(), role, c.unread(), c.lastMessage(),
        c.lastAgentActivity(), c.lastUpdated(), c.closeReason());
  }

  private static String reasonGone(Conversation prev, Conversation now, Session me) {
    Conversation c = now != null ? now : prev;
    Role role = c.myRole();
    if (c.assignedAgent() == null) {
      return "returned to queue";
    }
    if (role == null) {
      return "transferred";
    }
    return "left";
  }

  // --- messaging ---

  private static void events(Builder b, Events in) {
    for (JsonNode ev : in.events()) {
      String dialogId = first(Json.text(ev, "dialogId"), in.dialogId());
      String convId = first(Json.text(ev, "conversationId"), b.convs.conversationOfDialog(dialogId), dialogId);
      Conversation c = b.convs.get(convId);
      String consumerId = c == null || c.consumer() == null ? null : c.consumer().id();
      String consumerName = c == null || c.consumer() == null || c.consumer().firstName() == null ? null
          : c.consumer().displayName();
      WireMapper.Event e = WireMapper.event(ev, convId, b.me, consumerId, consumerName,
          in.agentNames().isEmpty() ? b.directory.agents() : in.agentNames());
      if (e.message() != null) {
        Message m = e.message();
        if (m.dialogId() == null) {
          m = new Message(m.conversationId(), dialogId, m.sequence(), m.time(), m.sender(), m.senderId(),
              m.senderPid(), m.senderName(), m.content(), m.delivery(), m.localId(), m.audience());
        }
        boolean added = b.addMessage(m);
        if (added) {
          b.events.add(new WorkspaceEvent.MessageAdded(b.now, b.find(m)));
          if (m.sender() == Message.Sender.CONSUMER) {
            b.stopTyping(convId);
          }
        }
      } else if (e.receipt() != null) {
        receipt(b, e.receipt());
      } else if (e.chatState() != null && e.chatState().fromConsumer()) {
        boolean typing = "COMPOSING".equals(e.chatState().state());
        boolean was = b.typing.contains(convId);
        if (typing) {
          b.typing = b.typing.plus(convId);
          b.typingSince = b.typingSince.plus(convId, b.now);
        } else {
          b.stopTyping(convId);
        }
        if (typing != was) {
          b.events.add(new WorkspaceEvent.ConsumerTyping(b.now, convId, typing));
        }
      }
    }
  }

  private static void receipt(Builder b, WireMapper.Receipt r) {
    Set<Long> seqs = new HashSet<>(r.sequences());
    Message.Delivery target = switch (r.status() == null ? "" : r.status()) {
      case "ACCEPT" -> Message.Delivery.DELIVERED;
      case "READ", "ACCESS" -> Message.Delivery.READ;
      default -> null;
    };
    if (target == null) {
      return;
    }
    List<Message> changed = new ArrayList<>();
    b.mapMessages(r.conversationId(), m -> {
      if (!seqs.contains(m.sequence()) || (r.dialogId() != null && !r.dialogId().equals(m.dialogId()))) {
        return m;
      }
      boolean mine = m.sender() != Message.Sender.CONSUMER;
      // a consumer's receipt moves the agents' messages; an agent's READ marks consumer messages read
      if ((r.fromConsumer() && mine) || (!r.fromConsumer() && !mine && target == Message.Delivery.READ)) {
        if (m.delivery().ordinal() < target.ordinal() || m.delivery() == Message.Delivery.FAILED) {
          Message n = with(m, target);
          if (mine) {
            changed.add(n);
          }
          return n;
        }
      }
      return m;
    });
    changed.forEach(m -> b.events.add(new WorkspaceEvent.DeliveryChanged(b.now, m)));
  }

  private static void outboxSent(Builder b, OutboxSent o) {
    PVector<Message> list = b.messages.get(o.conversationId());
    if (list == null) {
      return;
    }
    int pendingAt = -1;
    for (int i = 0; i < list.size() && pendingAt < 0; i++) {
      if (o.localId().equals(list.get(i).localId()) && list.get(i).sequence() < 0) {
        pendingAt = i;
      }
    }
    if (pendingAt < 0) {
      return;
    }
    Message pending = list.get(pendingAt);
    PVector<Message> out = list.minus(pendingAt);
    int echoAt = -1;
    for (int i = 0; i < out.size() && echoAt < 0; i++) {
      Message m = out.get(i);
      if (m.sequence() == o.sequence() && Objects.equals(m.dialogId(), pending.dialogId())) {
        echoAt = i;
      }
    }
    if (echoAt >= 0) {
      Message echo = out.get(echoAt);
      b.putMessages(o.conversationId(), out.with(echoAt, new Message(echo.conversationId(), echo.dialogId(),
          echo.sequence(), echo.time(), echo.sender(), echo.senderId(), echo.senderPid(), echo.senderName(),
          echo.content(), echo.delivery(), o.localId(), echo.audience())));
    } else {
      b.putMessages(o.conversationId(), out);
      Message sent = new Message(pending.conversationId(), pending.dialogId(), o.sequence(),
          o.at() == null ? pending.time() : o.at(), pending.sender(), pending.senderId(), pending.senderPid(),
          pending.senderName(), pending.content(), Message.Delivery.SENT, o.localId(), pending.audience());
      b.addMessage(sent);
      b.events.add(new WorkspaceEvent.DeliveryChanged(b.now, sent));
    }
  }

  // --- routing ---

  private static void routing(Builder b, Routing in) {
    Set<String> offered = new HashSet<>();
    for (Notification.Change ch : in.changes()) {
      JsonNode r = ch.result();
      String convId = Json.text(r, "conversationId");
      if (ch.delete()) {
        for (Ring old : List.copyOf(b.rings.values())) {
          if (Objects.equals(old.conversationId(), convId)
              || Objects.equals(Json.text(r, "routingTaskId"), old.ringId())) {
            b.removeRing(old.ringId());
            if (old.waiting()) {
              b.events.add(new WorkspaceEvent.RingEnded(b.now, withRingState(old, "CANCELLED")));
            }
          }
        }
        continue;
      }
      Conversation conv = b.convs.get(convId);
      boolean transfer = conv != null && conv.participants().stream()
          .anyMatch(p -> p.suggested() && (p.id().equals(b.me.userId()) || p.id().equals(b.me.userPid())));
      for (Ring ring : WireMapper.rings(r, transfer, b.now)) {
        Ring old = b.rings.get(ring.ringId());
        if (ring.waiting()) {
          offered.add(ring.ringId());
          b.putRing(ring);
          if (old == null) {
            b.events.add(new WorkspaceEvent.RingOffered(b.now, ring, conv != null ? conv : placeholder(ring)));
          }
        } else {
          b.removeRing(ring.ringId());
          if (old != null || !"AUTO_ACCEPT".equals(ring.state())) {
            b.events.add(new WorkspaceEvent.RingEnded(b.now, ring));
          }
        }
      }
    }
    if (in.first()) {
      // the whole offer as it stands: a ring from before a reconnect that it lacks is gone
      for (Ring old : List.copyOf(b.rings.values())) {
        if (!offered.contains(old.ringId())) {
          b.removeRing(old.ringId());
          if (old.waiting()) {
            b.events.add(new WorkspaceEvent.RingEnded(b.now, withRingState(old, "CANCELLED")));
          }
        }
      }
    }
  }

  private static Conversation placeholder(Ring r) {
    return new Conversation(r.conversationId(), new ConsumerProfile(r.consumerId(), null, null, null, null, null, null,
        Map.of()), r.skillId() == null ? Conversation.UNASSIGNED_SKILL : r.skillId(), null, "OPEN", null, null, null,
        null, null, List.of(), List.of(), null, 0, null, null, null, null);
  }

  private static Ring withRingState(Ring r, String state) {
    return new Ring(r.ringId(), r.conversationId(), r.consumerId(), r.skillId(), state, r.expires(), r.transfer());
  }

  // --- typing ---

  private static void staleTyping(Builder b) {
    for (String id : List.copyOf(b.typing)) {
      Instant since = b.typingSince.get(id);
      if (since != null && !b.now.isBefore(since.plus(TYPING_STALE_AFTER))) {
        b.stopTyping(id);
        b.events.add(new WorkspaceEvent.ConsumerTyping(b.now, id, false));
      }
    }
  }

  // --- overdue ---

  private static void overdue(Builder b, Instant since, Instant now) {
    if (since == null || !now.isAfter(since)) {
      return;
    }
    // only the due times in (since, now], from the index: not a scan of the account
    for (Conversation c : b.convs.dueBetween(since, now)) {
      b.events.add(new WorkspaceEvent.BecameOverdue(now, c));
    }
  }

  // --- record helpers ---

  static Message with(Message m, Message.Delivery d) {
    return new Message(m.conversationId(), m.dialogId(), m.sequence(), m.time(), m.sender(), m.senderId(),
        m.senderPid(), m.senderName(), m.content(), d, m.localId(), m.audience());
  }

  static Message withName(Message m, String name) {
    return new Message(m.conversationId(), m.dialogId(), m.sequence(), m.time(), m.sender(), m.senderId(),
        m.senderPid(), name, m.content(), m.delivery(), m.localId(), m.audience());
  }

  static Conversation withConsumer(Conversation c, ConsumerProfile p) {
    return new Conversation(c.id(), p, c.skillId(), c.skillName(), c.state(), c.started(), c.ended(), c.ttr(),
        c.effectiveTtr(), c.manualDue(), c.participants(), c.dialogs(), c.myRole(), c.unread(), c.lastMessage(),
        c.lastAgentActivity(), c.lastUpdated(), c.closeReason());
  }

  static Conversation withSkillName(Conversation c, String name) {
    return new Conversation(c.id(), c.consumer(), c.skillId(), name, c.state(), c.started(), c.ended(), c.ttr(),
        c.effectiveTtr(), c.manualDue(), c.participants(), c.dialogs(), c.myRole(), c.unread(), c.lastMessage(),
        c.lastAgentActivity(), c.lastUpdated(), c.closeReason());
  }

  static Conversation withDerived(Conversation c, int unread, Message last, Instant lastAgent) {
    return new Conversation(c.id(), c.consumer(), c.skillId(), c.skillName(), c.state(), c.started(), c.ended(),
        c.ttr(), c.effectiveTtr(), c.manualDue(), c.participants(), c.dialogs(), c.myRole(), unread, last, lastAgent,
        c.lastUpdated(), c.closeReason());
  }

  @SafeVarargs
  static <T> T first(T... xs) {
    for (T x : xs) {
      if (x != null) {
        return x;
      }
    }
    return null;
  }

  static final Comparator<Message> ORDER = (x, y) -> {
    boolean px = x.sequence() < 0;
    boolean py = y.sequence() < 0;
    if (px != py) {
      return px ? 1 : -1; // outbox messages after everything the server numbered
    }
    if (!px) {
      int d = Objects.compare(x.dialogId(), y.dialogId(), Comparator.nullsFirst(Comparator.naturalOrder()));
      if (d != 0 && x.time() != null && y.time() != null) {
        return x.time().compareTo(y.time());
      }
      return Long.compare(x.sequence(), y.sequence());
    }
    return Comparator.nullsLast(Comparator.<Instant>naturalOrder()).compare(x.time(), y.time());
  };

  /**
   * The working copy of one reduction: references to the persistent parts of the snapshot, each
   * replaced only when it changes, so build() shares whatever this input did not touch.
   */
  private static final class Builder {
    final Session me;
    final Instant now;
    final WorkspaceState orig;
    AgentState agentState;
    ConnectionState connection;
    String connectionDetail;
    boolean snapshotComplete;
    ConversationIndex convs;
    PMap<String, PVector<Message>> messages;
    final Map<String, Ring> rings = new LinkedHashMap<>();
    boolean ringsChanged;
    PSet<String> typing;
    PMap<String, Instant> typingSince;
    PMap<String, RingDetails> ringDetails;
    Directory directory;
    final List<WorkspaceEvent> events = new ArrayList<>();
    final Set<String> touched = new HashSet<>();

    Builder(WorkspaceState s, Instant now) {
      this.orig = s;
      this.me = s.me();
      this.now = now;
      this.agentState = s.agentState();
      this.connection = s.connection();
      this.connectionDetail = s.connectionDetail();
      this.snapshotComplete = s.snapshotComplete();
      this.convs = s.index();
      this.messages = s.messageVectors();
      // rings are the few offered to one agent: a plain copy is cheap
      s.rings().forEach(r -> rings.put(r.ringId(), r));
      this.typing = s.typingSet();
      this.typingSince = s.typingSinceMap();
      this.ringDetails = s.ringDetailMap();
      this.directory = s.directory();
    }

    void putConv(Conversation c) {
      convs = convs.with(c);
    }

    void removeConv(String id) {
      convs = convs.without(id);
    }

    void removeMessages(String id) {
      if (messages.containsKey(id)) {
        messages = messages.minus(id);
      }
    }

    void putMessages(String id, PVector<Message> list) {
      messages = messages.plus(id, list);
      touched.add(id);
    }

    void stopTyping(String id) {
      if (typing.contains(id)) {
        typing = typing.minus(id);
      }
      if (typingSince.containsKey(id)) {
        typingSince = typingSince.minus(id);
      }
    }

    void putRingDetails(String id, RingDetails d) {
      if (!d.equals(ringDetails.get(id))) {
        ringDetails = ringDetails.plus(id, d);
      }
    }

    void putRing(Ring r) {
      if (!r.equals(rings.put(r.ringId(), r))) {
        ringsChanged = true;
      }
    }

    void removeRing(String ringId) {
      if (rings.remove(ringId) != null) {
        ringsChanged = true;
      }
    }

    /** Adds unless an equal (dialog, sequence) is known; returns whether it was new. */
    boolean addMessage(Message m) {
      PVector<Message> list = messages.getOrDefault(m.conversationId(), TreePVector.empty());
      if (m.sequence() >= 0) {
        for (Message o : list) {
          if (o.sequence() == m.sequence() && Objects.equals(o.dialogId(), m.dialogId())) {
            return false;
          }
        }
        if (m.localId() != null) {
          // the echo of an outbox message carrying its id: the pending copy gives way to it
          for (int i = list.size() - 1; i >= 0; i--) {
            Message o = list.get(i);
            if (m.localId().equals(o.localId()) && o.sequence() < 0) {
              list = list.minus(i);
            }
          }
        }
      } else if (m.localId() != null) {
        for (Message o : list) {
          if (m.localId().equals(o.localId())) {
            return false;
          }
        }
      }
      // messages mostly arrive in order: look for the place from the end
      int at = list.size();
      while (at > 0 && ORDER.compare(list.get(at - 1), m) > 0) {
        at--;
      }
      putMessages(m.conversationId(), list.plus(at, m));
      return true;
    }

    Message find(Message m) {
      for (Message o : messages.getOrDefault(m.conversationId(), TreePVector.empty())) {
        if (o.sequence() == m.sequence() && Objects.equals(o.dialogId(), m.dialogId())
            && Objects.equals(o.localId(), m.localId())) {
          return o;
        }
      }
      return m;
    }

    void mapMessages(String convId, java.util.function.UnaryOperator<Message> f) {
      PVector<Message> list = messages.get(convId);
      if (list == null) {
        return;
      }
      PVector<Message> out = list;
      for (int i = 0; i < list.size(); i++) {
        Message m = list.get(i);
        Message n = f.apply(m);
        if (n != m) {
          out = out.with(i, n);
        }
      }
      if (out != list) {
        putMessages(convId, out);
      }
    }

    void mapAllMessages(java.util.function.UnaryOperator<Message> f) {
      for (String id : List.copyOf(messages.keySet())) {
        mapMessages(id, f);
      }
    }

    /** Unread count, newest message and last agent activity follow the messages. */
    void finishConversations() {
      for (String id : touched) {
        Conversation c = convs.get(id);
        if (c == null) {
          continue;
        }
        List<Message> list = messages.getOrDefault(id, TreePVector.empty());
        int unread = 0;
        Message last = null;
        Instant lastAgent = c.lastAgentActivity();
        for (Message m : list) {
          if (m.content() instanceof Message.SystemNote) {
            continue;
          }
          last = m;
          if (m.sender() == Message.Sender.CONSUMER && m.delivery() != Message.Delivery.READ) {
            unread++;
          }
          if ((m.sender() == Message.Sender.AGENT || m.sender() == Message.Sender.MANAGER) && m.time() != null
              && (lastAgent == null || m.time().isAfter(lastAgent))) {
            lastAgent = m.time();
          }
        }
        putConv(withDerived(c, unread, last, lastAgent));
      }
    }

    WorkspaceState build() {
      List<Ring> rs = orig.rings();
      if (ringsChanged) {
        List<Ring> sorted = new ArrayList<>(rings.values());
        sorted.sort(Comparator.comparing((Ring r) -> !r.waiting())
            .thenComparing(Ring::expires, Comparator.nullsLast(Comparator.naturalOrder())));
        rs = List.copyOf(sorted);
      }
      return new WorkspaceState(me, agentState, connection, connectionDetail, convs, messages, rs, typing,
          snapshotComplete, now, ringDetails, typingSince, directory);
    }
  }
}
