package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.internal.CoreLog;
import dev.lpa.core.internal.Json;
import dev.lpa.core.ums.Notification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One connection's subscription round: which subscription id is which scope (my conversations,
 * the team's, the routing tasks), which has sent its first notification (the whole snapshot of
 * its scope), notifications that came before their subscription's answer (kept and replayed), a
 * first notification that never comes (an empty one, after {@link #FIRST_NOTIFICATION_WAIT}), and
 * when the round is complete (every subscription has its first notification).
 *
 * <p>Thread rule, by construction: its state is plain collections touched only in tasks it runs
 * on {@code serial}, the workspace's serial thread; every method may be called from any thread.
 * The host is called on that thread too.
 */
final class SubscriptionRound {
  /**
   * How long after a subscription's response its first notification may take. LivePerson
   * documents an immediate notification for routing tasks, and nothing for a conversation
   * subscription with nothing to return: past this wait, silence means "nothing".
   */
  static final Duration FIRST_NOTIFICATION_WAIT = Duration.ofSeconds(2);

  /** What the round hands on; every call on the serial thread. */
  interface Host {
    /** A conversation-list notification, with its subscription's scope; {@code first}: the whole snapshot. */
    void conversations(Notification.ConversationChanges c, Reducer.Scope scope, boolean first);

    /** Rings; {@code first}: the whole offer, replacing the rings known. */
    void routing(Notification.RoutingTasks r, boolean first);

    /** Every subscription of the round has sent its first notification. */
    void complete();

    /** A conversation subscription was refused (not a give-up after retries). */
    void refused(LpaException e);
  }

  private final Executor serial;
  private final ScheduledExecutorService scheduler;
  private final Host host;

  private final Map<String, Reducer.Scope> scopes = new HashMap<>();
  private final Set<String> firstSeen = new HashSet<>();
  private final Map<String, List<Notification.ConversationChanges>> early = new LinkedHashMap<>();
  private int expected;
  private int conversationsOutstanding;
  private boolean complete;

  SubscriptionRound(Executor serial, ScheduledExecutorService scheduler, Host host) {
    this.serial = serial;
    this.scheduler = scheduler;
    this.host = host;
  }

  /**
   * A (re)connection starts a round of {@code conversationSubscriptions} conversation
   * subscriptions, plus the routing one when {@code routing}.
   */
  void begin(int conversationSubscriptions, boolean routing) {
    run(() -> {
      scopes.clear();
      firstSeen.clear();
      early.clear();
      complete = false;
      conversationsOutstanding = conversationSubscriptions;
      expected = conversationSubscriptions + (routing ? 1 : 0);
    });
  }

  /**
   * The answer to a subscription request of {@code scope} (null: routing tasks). Called as soon
   * as the request is sent; its answer is handled in order with the notifications.
   */
  void subscribed(CompletableFuture<JsonNode> sub, Reducer.Scope scope) {
    sub.whenComplete((body, err) -> run(() -> {
      if (scope != null) {
        conversationsOutstanding--;
      }
      if (err != null) {
        replayEarly(null);
        LpaException e = LpaException.from(err);
        if (scope == null && e.kind() != Kind.GAVE_UP) {
          // no rings for this user (e.g. a manager without routing): the rest still works
          String none = "refused-" + UUID.randomUUID();
          scopes.put(none, null);
          firstSeen.add(none);
          check();
        } else if (e.kind() != Kind.GAVE_UP) {
          host.refused(e);
        }
        return;
      }
      String id = Json.text(body, "subscriptionId");
      CoreLog.step("workspace: subscription " + (scope == null ? "ROUTING" : scope) + " answered");
      if (id == null) {
        id = "anonymous-" + UUID.randomUUID();
        firstSeen.add(id);
      }
      scopes.put(id, scope);
      replayEarly(id);
      check();
      String answered = id;
      scheduler.schedule(() -> run(() -> noFirstNotification(answered, scope)),
          FIRST_NOTIFICATION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }));
  }

  void conversations(Notification.ConversationChanges c) {
    run(() -> conversationsNow(c));
  }

  void routing(Notification.RoutingTasks r) {
    run(() -> {
      boolean first = r.subscriptionId() != null && firstSeen.add(r.subscriptionId());
      host.routing(r, first);
      check();
    });
  }

  // --- on the serial thread only (called from tasks of run above) ---

  private void conversationsNow(Notification.ConversationChanges c) {
    String sub = c.subscriptionId();
    if (sub != null && !scopes.containsKey(sub) && conversationsOutstanding > 0) {
      early.computeIfAbsent(sub, k -> new ArrayList<>()).add(c);
      return;
    }
    Reducer.Scope scope = scopes.getOrDefault(sub, Reducer.Scope.MINE);
    if (scope == null) {
      scope = Reducer.Scope.MINE;
    }
    boolean first = sub != null && firstSeen.add(sub);
    if (first) {
      CoreLog.step("workspace: first notification of " + scope + ", " + c.changes().size() + " changes");
    }
    host.conversations(c, scope, first);
    check();
  }

  /** A subscription answered but sent no first notification in time: it is an empty one. */
  private void noFirstNotification(String id, Reducer.Scope scope) {
    if (!scopes.containsKey(id) || firstSeen.contains(id)) {
      return; // seen meanwhile, or a later connection replaced this subscription
    }
    if (scope != null) {
      conversationsNow(new Notification.ConversationChanges(id, List.of()));
    } else {
      firstSeen.add(id);
      check();
    }
  }

  private void replayEarly(String id) {
    if (id != null) {
      List<Notification.ConversationChanges> mine = early.remove(id);
      if (mine != null) {
        mine.forEach(this::conversationsNow);
      }
    }
    if (conversationsOutstanding <= 0 && !early.isEmpty()) {
      List<Notification.ConversationChanges> rest = new ArrayList<>();
      early.values().forEach(rest::addAll);
      early.clear();
      rest.forEach(this::conversationsNow);
    }
  }

  private void check() {
    if (complete || scopes.size() < expected || !firstSeen.containsAll(scopes.keySet())) {
      return;
    }
    complete = true;
    CoreLog.step("workspace: every subscription answered");
    host.complete();
  }

  private void run(Runnable task) {
    try {
      serial.execute(task);
    } catch (RejectedExecutionException e) {
      // the workspace closed: the round ends with it
    }
  }
}
