package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.internal.CoreLog;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Session;
import dev.lpa.core.store.LocalStore;
import dev.lpa.core.store.OutboxEntry;
import dev.lpa.core.store.SenderId;
import dev.lpa.core.store.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * What the agent sends, kept in the local store until the server has it: enqueued and leased to
 * this sender, published, and after a reconnect (or restart, or another process on the profile)
 * resolved against the dialog's history before it is sent again. The workspace owns the socket
 * and the state; this class reaches them only through {@link Host}.
 */
final class Outbox {
  /** What the outbox needs of the workspace. */
  interface Host {
    CompletableFuture<WorkspaceState> feed(Reducer.Input in);

    WorkspaceState state();

    boolean closed();

    /** Publishes an event; completes with its sequence. */
    CompletableFuture<Long> publish(String convId, String dialogId, JsonNode event, String localId);

    /** A fresh read of a dialog's whole history into the state. */
    CompletableFuture<?> readHistory(String convId, String dialogId);

    /** This sender's own event got {@code seq}: the dialog's cursor may move on. */
    void ownSequence(String dialogId, long seq);
  }

  private final LocalStore store;
  private final Session me;
  private final Clock clock;
  private final StartMode mode;
  /** Where the enqueue's SQLite write runs, in call order: the caller does not wait on it. */
  private final Executor storeWriter;
  private final Host host;
  private final Map<String, CompletableFuture<Message>> waiters = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  /** This sender's name on the outbox leases it holds (several processes may share the store). */
  private final String sender = SenderId.create();
  private final Duration lease;

  Outbox(LocalStore store, Session me, Clock clock, StartMode mode, Duration requestTimeout, Executor storeWriter,
      Host host) {
    this.store = Objects.requireNonNull(store);
    this.me = me;
    this.clock = clock;
    this.mode = mode;
    this.storeWriter = storeWriter;
    this.host = host;
    // long enough for a publish and its retries; a crashed holder is recognised before that
    this.lease = requestTimeout.multipliedBy(6).compareTo(Duration.ofMinutes(2)) > 0
        ? requestTimeout.multipliedBy(6) : Duration.ofMinutes(2);
  }

  /** Keeps {@code event} in the outbox and sends it; completes with the message once sent. */
  CompletableFuture<Message> enqueue(Conversation c, String kind, ObjectNode event) {
    // held by this sender from the start: another process's flush must not publish it too.
    // Written on the store's thread (the caller does not wait on SQLite), in call order.
    String payload = Json.write(event);
    CompletableFuture<Message> waiter = new CompletableFuture<>();
    CompletableFuture.supplyAsync(() -> store.enqueue(c.id(), c.mainDialogId(), kind, payload, sender, lease), storeWriter)
        .whenComplete((e, t) -> {
          if (t != null) {
            waiter.completeExceptionally(new LpaException(Kind.ERROR, "cannot keep the message in the outbox: "
                + LpaException.from(t).getMessage(), t));
            return;
          }
          waiters.put(e.localId(), waiter);
          host.feed(new Reducer.OutboxQueued(message(e))).thenRun(() -> send(e));
        });
    return waiter;
  }

  /** The outbox of an earlier run shows as PENDING until it is resolved after the first snapshot. */
  void showPending() {
    for (OutboxEntry e : store.pendingOutbox()) {
      Message m = message(e);
      if (m != null) {
        host.feed(new Reducer.OutboxQueued(m));
      }
    }
  }

  private Message message(OutboxEntry e) {
    JsonNode ev;
    try {
      ev = Json.parse(e.payloadJson());
    } catch (RuntimeException x) {
      return null;
    }
    Message.Content content = WireMapper.content(ev);
    if (content == null) {
      return null;
    }
    return new Message(e.conversationId(), e.dialogId(), -1, e.created(), Message.Sender.AGENT, me.userId(),
        me.userPid(), me.displayName(), content, Message.Delivery.PENDING, e.localId());
  }

  /** Publishes one outbox entry; a lost connection leaves it pending for the next flush. */
  private CompletableFuture<?> send(OutboxEntry e) {
    if (!inFlight.add(e.localId())) {
      return CompletableFuture.completedFuture(null);
    }
    // the lease is checked again right before publishing: the entry may have been sent by a
    // flush of this process, or be held by another sender, since it was queued
    if (store.claim(e.localId(), sender, lease, SenderId::alive) != LocalStore.Claim.CLAIMED) {
      inFlight.remove(e.localId());
      return CompletableFuture.completedFuture(null);
    }
    store.markAttempt(e.localId());
    JsonNode event = Json.parse(e.payloadJson());
    CompletableFuture<Object> answered = new CompletableFuture<>();
    host.publish(e.conversationId(), e.dialogId(), event, e.localId()).whenComplete((seq, err) -> {
      if (err == null) {
        sent(e, seq).whenComplete((s, t) -> answered.complete(null));
        inFlight.remove(e.localId());
        return;
      }
      answered.complete(null);
      inFlight.remove(e.localId());
      LpaException x = LpaException.from(err);
      if (x.kind() == Kind.GAVE_UP || x.kind() == Kind.TIMEOUT) {
        return; // unknown whether it arrived: the flush after the reconnect checks history first
      }
      store.markFailed(e.localId(), x.getMessage());
      host.feed(new Reducer.OutboxFailed(e.conversationId(), e.localId(), x.getMessage()));
      CompletableFuture<Message> w = waiters.remove(e.localId());
      if (w != null) {
        w.completeExceptionally(x);
      }
    });
    return answered;
  }

  /** Completes once the state shows the entry sent. */
  private CompletableFuture<WorkspaceState> sent(OutboxEntry e, long seq) {
    store.markSent(e.localId(), seq);
    // stored as the server would echo it, so a restart knows it even if the echo came too late
    long now = clock.millis();
    Conversation conv = host.state().conversations().get(e.conversationId());
    String role = conv != null && conv.myRole() != null ? conv.myRole().name() : "ASSIGNED_AGENT";
    ObjectNode ev = Requests.echoOf(me, e.conversationId(), e.dialogId(), seq, now, role,
        Json.parse(e.payloadJson()), e.localId());
    try {
      store.saveMessages(e.conversationId(), List.of(new StoredMessage(e.dialogId(), seq, Json.write(ev))));
    } catch (RuntimeException x) {
      // best effort: the history has it
      CoreLog.swallowed("storing a sent message of " + e.conversationId(), x);
    }
    // The server answers a publish before it echoes the event, and a close in between loses
    // the echo: a restart would then ask again for what it already stored. The cursor moves
    // before the sender's future completes.
    host.ownSequence(e.dialogId(), seq);
    CompletableFuture<WorkspaceState> shown = host.feed(new Reducer.OutboxSent(e.conversationId(), e.localId(), seq,
        clock.instant()));
    shown.thenAccept(s -> {
      CompletableFuture<Message> w = waiters.remove(e.localId());
      if (w != null) {
        w.complete(s.messagesOf(e.conversationId()).stream().filter(m -> e.localId().equals(m.localId()))
            .findFirst().orElse(null));
      }
    });
    return shown;
  }

  /**
   * Resolves what an earlier connection (or run, or another process on this profile) left in the
   * outbox. Each entry is first leased, so only one sender handles it; one that may have been
   * published before (an attempt whose outcome is unknown) is looked for in a fresh read of its
   * dialog's history, by its ExternalId, before it is sent again. Found: marked sent with its
   * sequence; not found: published now.
   */
  CompletableFuture<Void> flush() {
    if (host.closed()) {
      return CompletableFuture.completedFuture(null);
    }
    List<CompletableFuture<Void>> all = new ArrayList<>();
    Set<Long> claimed = ConcurrentHashMap.newKeySet();
    for (OutboxEntry e : store.pendingOutbox()) {
      if (inFlight.contains(e.localId())) {
        continue;
      }
      LocalStore.Claim claim = store.claim(e.localId(), sender, lease, SenderId::alive);
      if (claim != LocalStore.Claim.CLAIMED) {
        continue; // another live sender has it, or it was resolved meanwhile
      }
      Conversation c = host.state().conversations().get(e.conversationId());
      if (c == null || !c.open()) {
        String why = "conversation " + e.conversationId() + " is no longer open";
        store.markFailed(e.localId(), why);
        host.feed(new Reducer.OutboxFailed(e.conversationId(), e.localId(), why));
        CompletableFuture<Message> w = waiters.remove(e.localId());
        if (w != null) {
          w.completeExceptionally(new LpaException(Kind.INVALID, why));
        }
        continue;
      }
      // an attempt was made (here or by another process): the history decides, read now
      CompletableFuture<?> history = store.attempts(e.localId()) > 0
          ? host.readHistory(c.id(), e.dialogId())
              .exceptionally(CoreLog.ignore("the history an outbox entry is looked for in"))
          : CompletableFuture.completedFuture(null);
      // a one-shot command exits after ready: it waits for the server's answer to what it sends,
      // so nothing it published is left for the next run to look for
      all.add(history.thenCompose(h -> {
        CompletableFuture<?> r = resolve(e, claimed);
        return mode == StartMode.LIVE ? CompletableFuture.completedFuture(null) : r;
      }).thenApply(x -> (Void) null)
          .exceptionally(CoreLog.ignore("resolving outbox entry " + e.localId() + " (it stays for the next flush)")));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  private CompletableFuture<?> resolve(OutboxEntry e, Set<Long> claimed) {
    Message pending = message(e);
    Message found = host.state().messagesOf(e.conversationId()).stream()
        .filter(m -> m.sequence() >= 0 && Objects.equals(m.dialogId(), e.dialogId()) && !claimed.contains(m.sequence()))
        .filter(m -> e.localId().equals(m.localId()) || sameSend(m, pending, e.created()))
        .findFirst().orElse(null);
    if (found != null && claimed.add(found.sequence())) {
      return sent(e, found.sequence());
    }
    return found == null ? send(e) : CompletableFuture.completedFuture(null);
  }

  /** Without an id echo: the same content from this user, not earlier than the outbox entry. */
  private boolean sameSend(Message m, Message pending, Instant created) {
    if (pending == null || m.localId() != null) {
      return false;
    }
    boolean fromMe = me.userId().equals(m.senderId()) || (m.senderPid() != null && m.senderPid().equals(me.userPid()));
    boolean notBefore = m.time() == null || !m.time().isBefore(created.minusSeconds(5));
    return fromMe && notBefore && Objects.equals(m.content(), pending.content());
  }

  /**
   * On close: what this sender still holds (an unanswered publish) goes to the next flush
   * anywhere, which looks for it in the history before sending it again.
   */
  void release() {
    try {
      store.releaseLeases(sender);
    } catch (RuntimeException e) {
      // the store may be closed already; a lease of a gone process is taken over anyway
      CoreLog.swallowed("releasing this process's outbox leases", e);
    }
  }

  /** After close: whoever waits for a send hears that the message stays in the outbox. */
  void cancelWaiters() {
    for (CompletableFuture<Message> w : waiters.values()) {
      w.completeExceptionally(new LpaException(Kind.CANCELLED, "workspace closed; the message stays in the outbox"));
    }
  }
}
