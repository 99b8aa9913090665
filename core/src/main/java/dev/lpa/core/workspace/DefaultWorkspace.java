package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.auth.AuthSession;
import dev.lpa.core.auth.Tuning;
import dev.lpa.core.internal.CoreLog;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.CannedResponse;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Dialog;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.QueueHealth;
import dev.lpa.core.model.Role;
import dev.lpa.core.model.Session;
import dev.lpa.core.model.Skill;
import dev.lpa.core.rest.RestClient;
import dev.lpa.core.store.LocalStore;
import dev.lpa.core.ums.Notification;
import dev.lpa.core.ums.UmsClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The live workspace: socket notifications go through the pure {@link Reducer} on one serial
 * thread, the new snapshot replaces the old atomically, then listeners hear of it. Operations
 * are socket requests or REST calls whose futures complete on the server's answer.
 *
 * <p>A façade over parts with one job each: {@link Requests} (the one owner of wire shapes),
 * {@link SubscriptionRound} (each connection's subscriptions and their first notifications),
 * {@link HistorySync} (the history cursors and the queries that move them), {@link StoreSync}
 * (the local store as a cache: read back at start, following each notification), {@link
 * ConsumerLookups} (profiles, once per run), {@link RingDetailsLookup} (the ring banner's
 * details), {@link Outbox} (what the agent sends, exactly once), {@link ConversationActions}
 * (transfers, returns, closes, joins), {@link FileTransfer} (files in and out), {@link
 * SimulatorExtras} (calls and forms), {@link CannedText} (placeholders), {@link HistoryQueries}
 * (REST searches and the team), {@link BoundedWindow} (pipelined look-ups). What is still here,
 * and why this file is over the ~400 lines aimed for: the serial loop itself, the start and close,
 * the follow-up of a conversation notification, ring accept/reject, and the one-line delegations
 * of the {@link Workspace} surface (about forty operations, each resolving its conversation).
 *
 * <p>Thread rules, by construction where they can be: the state changes only through {@code
 * feed}/{@code applyNow} on the serial thread; {@link SubscriptionRound} and {@link HistorySync}
 * keep plain collections that only their own serial-thread tasks touch; SQLite writes run on the
 * store thread ({@code toStore}), except the history's events and cursors, which {@link
 * HistorySync} writes on the serial thread so a cursor is never stored ahead of what it covers;
 * file reads and writes run on {@code blocking}. No caller's thread waits on any of them.
 */
public final class DefaultWorkspace implements Workspace {
  private final StartMode mode;
  /** Consumer look-ups a listing waits for before it is ready (LISTING only; serial thread adds). */
  private final List<CompletableFuture<?>> listedProfiles = new CopyOnWriteArrayList<>();
  private final AuthSession auth;
  private final RestClient rest;
  /** The history searches and the team: REST questions that change no state. */
  private final HistoryQueries history;
  private final LocalStore store;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService serial;
  /** Batched store writes (a notification's conversations, names), in order, off the serial thread. */
  private final ExecutorService storeWriter;
  /** File reads and preview decoding, so no operation blocks its caller on them. */
  private final ExecutorService blocking;
  /** The local store as a cache: read back at start, following each conversation notification. */
  private final StoreSync storeSync;
  /** Each connection's subscriptions and their first notifications; its state lives on the serial thread. */
  private final SubscriptionRound round;
  /** The history cursors and the queries that move them; its state lives on the serial thread. */
  private final HistorySync historySync;
  /** Transfers, returns, closes, joins, urgency: one request each, no state of their own. */
  private final ConversationActions actions;
  /** Photos and documents sent and downloaded, their bytes read and written off the caller's thread. */
  private final FileTransfer files;
  /** Calls and secure forms, where the account's CSDS announces the simulator's extras. */
  private final SimulatorExtras extras;
  /** Look-ups on the socket (profiles, backfills): pipelined, at most this many in flight each. */
  static final int LOOKUP_WINDOW = 32;
  /** Consumer profiles: asked once per run, remembered in the store, a burst as one input. */
  private final ConsumerLookups profiles;
  private final Duration timeout;
  private final UmsClient ums;
  private final Session me;
  private final AtomicReference<WorkspaceState> state;
  private final List<Consumer<WorkspaceState>> stateListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<WorkspaceEvent>> eventListeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<WorkspaceState> ready = new CompletableFuture<>();
  private final CompletableFuture<Void> lookUps = new CompletableFuture<>();
  /** Completes once the store's conversations are queued for the reducer (the subscriptions wait for it). */
  private final CompletableFuture<Void> storeRead = new CompletableFuture<>();
  private final AtomicBoolean accepting = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The ring banner's details (consumer name, skill, excerpt), each ring looked up once. */
  private final RingDetailsLookup ringDetails;
  private final Map<String, JsonNode> skillConfig = new ConcurrentHashMap<>();
  /** What the agent sends, until the server has it; null without a store. */
  private final Outbox outbox;
  private volatile JsonNode meUser;
  private volatile AgentState wantedState;
  private ScheduledFuture<?> ticker;
  private volatile Runnable onClose = () -> { };

  // per connection round, touched only on the serial thread
  /** Whether the manager's closed conversations of the last 14 days were asked for this run. */
  private volatile boolean closedLoaded;

  public DefaultWorkspace(AuthSession auth, RestClient rest, LocalStore store, Clock clock,
      ScheduledExecutorService scheduler, Duration requestTimeout, Tuning tuning) {
    this(auth, rest, store, clock, scheduler, requestTimeout, tuning, StartMode.LIVE);
  }

  public DefaultWorkspace(AuthSession auth, RestClient rest, LocalStore store, Clock clock,
      ScheduledExecutorService scheduler, Duration requestTimeout, Tuning tuning, StartMode mode) {
    this.mode = Objects.requireNonNull(mode);
    this.auth = auth;
    this.rest = rest;
    this.store = store;
    this.clock = clock;
    this.scheduler = scheduler;
    this.timeout = requestTimeout;
    this.me = auth.session();
    this.history = new HistoryQueries(rest, clock, me);
    this.serial = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "lpa-workspace");
      t.setDaemon(true);
      return t;
    });
    this.storeWriter = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "lpa-store");
      t.setDaemon(true);
      return t;
    });
    this.blocking = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "lpa-files");
      t.setDaemon(true);
      return t;
    });
    this.state = new AtomicReference<>(Reducer.initial(me, clock.instant()));
    this.outbox = store == null ? null
        : new Outbox(store, me, clock, mode, requestTimeout, storeWriter, new OutboxHost());
    this.ums = new UmsClient(auth, scheduler, requestTimeout, tuning.keepaliveEvery(), tuning.socket(), tuning.rest(),
        new SocketListener());
    this.storeSync = new StoreSync(store, mode, storeWriter);
    this.round = new SubscriptionRound(serial, scheduler, new RoundHost());
    this.profiles = new ConsumerLookups(ums, new BoundedWindow(LOOKUP_WINDOW, scheduler), serial,
        new ConsumerLookups.Host() {
          @Override
          public void knownNow(List<ConsumerProfile> batch) {
            applyNow(new Reducer.ConsumersKnown(batch));
          }

          @Override
          public void toStore(Consumer<LocalStore> write) {
            DefaultWorkspace.this.toStore(write);
          }
        });
    this.ringDetails = new RingDetailsLookup(ums, me, profiles, state::get, this::feed);
    this.historySync = new HistorySync(serial, ums, new BoundedWindow(LOOKUP_WINDOW, scheduler), store, this::feed,
        this::conversationOfDialog);
    this.actions = new ConversationActions(ums, rest, me, skillConfig);
    this.files = new FileTransfer(ums, rest, blocking, this::viaOutbox);
    this.extras = new SimulatorExtras(auth, ums, rest, me, clock, actions, this::until);
    long tick = tuning.tickEvery().toMillis();
    this.ticker = scheduler.scheduleWithFixedDelay(() -> feed(new Reducer.Tick()), tick, tick, TimeUnit.MILLISECONDS);
  }

  /** Runs after {@link #close()} (the client releases the session, store and HTTP pool). */
  public void onClose(Runnable r) {
    this.onClose = r;
  }

  /** The socket, for tests that tap frames or drop the connection. */
  public UmsClient socket() {
    return ums;
  }

  /** Connects and starts the subscriptions; completes once connected (see {@link #ready()}). */
  public CompletableFuture<Workspace> start() {
    CoreLog.step("workspace: start");
    // the socket's handshake runs while the store is read; the subscriptions wait for what the
    // store gave to be queued first, so the server's snapshot always lands on top of it
    CompletableFuture<Void> connected = ums.connect();
    try {
      restore();
      pending();
    } finally {
      storeRead.complete(null);
    }
    CoreLog.step("workspace: store restored");
    // the agent's own profile fills canned responses: a one-shot command sends none
    CompletableFuture<Void> meLookUp = mode != StartMode.LIVE ? CompletableFuture.completedFuture(null)
        : rest.user(userNumber()).thenAccept(u -> meUser = u).exceptionally(CoreLog.ignore("the agent's own profile"));
    CompletableFuture<Void> agentsLookUp = rest.users().thenAccept(list -> {
      Map<String, String> names = new HashMap<>();
      for (JsonNode u : list) {
        String name = first(Json.text(u, "nickname"), Json.text(u, "fullName"), Json.text(u, "loginName"));
        if (name != null) {
          names.put(me.accountId() + "." + Json.text(u, "id"), name);
        }
      }
      feed(new Reducer.AgentNames(Map.copyOf(names)));
      toStore(st -> StoredDirectory.saveNames(st, StoredDirectory.AGENT, names));
    }).exceptionally(CoreLog.ignore("agent names"));
    CompletableFuture<Void> skillsLookUp = rest.skillsRaw().thenAccept(list -> {
      Map<String, String> names = new HashMap<>();
      for (JsonNode s : list) {
        String id = Json.text(s, "id");
        names.put(id, Json.text(s, "name"));
        skillConfig.put(id, s);
      }
      feed(new Reducer.SkillNames(Map.copyOf(names)));
      toStore(st -> StoredDirectory.saveNames(st, StoredDirectory.SKILL, names));
    }).exceptionally(CoreLog.ignore("skill names"));
    CompletableFuture.allOf(meLookUp, agentsLookUp, skillsLookUp).whenComplete((v, t) -> lookUps.complete(null));
    return connected.thenApply(v -> {
      CoreLog.step("workspace: connected");
      return (Workspace) this;
    });
  }

  /** What the last run saw, shown at once (see {@link StoreSync#restore()}). */
  private void restore() {
    StoreSync.Restored r = storeSync.restore();
    profiles.restored(r.profiles());
    r.inputs().forEach(this::feed);
    historySync.restored(r.cursors());
  }

  /** Runs a store write on the store's thread; the cache is best effort, the live state is already right. */
  private void toStore(Consumer<LocalStore> write) {
    storeSync.write(write);
  }

  private String conversationOfDialog(String dialogId) {
    return state.get().index().conversationOfDialog(dialogId);
  }

  /** The outbox of an earlier run shows as PENDING until it is resolved after the first snapshot. */
  private void pending() {
    if (outbox != null) {
      outbox.showPending();
    }
  }

  private String userNumber() {
    String u = me.userId();
    int dot = u.indexOf('.');
    return dot >= 0 ? u.substring(dot + 1) : u;
  }

  // --- the serial pipeline ---

  private CompletableFuture<WorkspaceState> feed(Reducer.Input in) {
    CompletableFuture<WorkspaceState> done = new CompletableFuture<>();
    try {
      serial.execute(() -> {
        try {
          done.complete(applyNow(in));
        } catch (RuntimeException e) {
          done.completeExceptionally(e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      done.completeExceptionally(new LpaException(Kind.CANCELLED, "workspace closed"));
    }
    return done;
  }

  /**
   * Applies an input at once; serial thread only (a task already there that must see its input
   * in the state before the tasks queued behind it).
   */
  private WorkspaceState applyNow(Reducer.Input in) {
    WorkspaceState prev = state.get();
    Reducer.Result r = Reducer.reduce(prev, in, clock.instant());
    if (r.state() == prev) {
      return prev;
    }
    state.set(r.state());
    for (Consumer<WorkspaceState> l : stateListeners) {
      safely(() -> l.accept(r.state()));
    }
    for (WorkspaceEvent e : r.events()) {
      for (Consumer<WorkspaceEvent> l : eventListeners) {
        safely(() -> l.accept(e));
      }
    }
    return r.state();
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // a faulty listener must not stop the others nor the pipeline
      CoreLog.swallowed("a workspace listener", e);
    }
  }

  private void onSerial(Runnable r) {
    try {
      serial.execute(r);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed
    }
  }

  private final class SocketListener implements UmsClient.Listener {
    @Override
    public void onOpen(boolean reconnect) {
      storeRead.thenRun(() -> subscribe(reconnect));
    }

    @Override
    public void onNotification(Notification n) {
      if (n instanceof Notification.ConversationChanges c) {
        round.conversations(c);
      } else if (n instanceof Notification.MessagingEvents e) {
        // agent names come from the state's directory: no copy of the account's users per event
        feed(new Reducer.Events(e.dialogId(), e.events()));
        historySync.live(e.dialogId(), e.events());
      } else if (n instanceof Notification.RoutingTasks r) {
        round.routing(r);
      } else if (n instanceof Notification.AgentStates a) {
        for (Notification.Change ch : a.changes()) {
          String av = Json.text(ch.result(), "availability");
          if (av != null) {
            try {
              feed(new Reducer.AgentStateIs(AgentState.parse(av)));
            } catch (IllegalArgumentException e) {
              // an availability we do not know: keep the last one
              CoreLog.swallowed("an agent state notification with availability " + av, e);
            }
          }
        }
      }
    }

    @Override
    public void onConnection(UmsClient.Link link, String detail) {
      ConnectionState s = switch (link) {
        case CONNECTING -> ConnectionState.CONNECTING;
        case CONNECTED -> ConnectionState.CONNECTED;
        case RECONNECTING -> ConnectionState.RECONNECTING;
        case OFFLINE -> ConnectionState.OFFLINE;
        case LOGGED_OUT -> ConnectionState.LOGGED_OUT;
      };
      if (s != ConnectionState.CONNECTED) {
        historySync.connectionLost();
      }
      feed(new Reducer.ConnectionIs(s, detail));
      if (s == ConnectionState.LOGGED_OUT) {
        ready.completeExceptionally(new LpaException(Kind.NOT_LOGGED_IN, detail == null ? "logged out" : detail));
      }
    }
  }

  /**
   * A subscription's notifications may come before its response (the server sends the snapshot
   * first): until every conversation subscription of this round answered, notifications of an
   * unknown subscription wait, so their scope and "first" flag are right. Serial thread only.
   */
  /** What the subscription round hands on, on the serial thread. */
  private final class RoundHost implements SubscriptionRound.Host {
    @Override
    public void conversations(Notification.ConversationChanges c, Reducer.Scope scope, boolean first) {
      WorkspaceState before = state.get();
      // the whole notification (a first snapshot: thousands of changes) is one reducer input
      feed(new Reducer.Conversations(scope, first, c.changes(), Map.of()));
      onSerial(() -> {
        WorkspaceState after = state.get();
        storeSync.follow(c.changes(), first, before, after);
        afterConversations(before, after, c.changes(), first);
      });
    }

    @Override
    public void routing(Notification.RoutingTasks r, boolean first) {
      // the first notification of a (re)subscription is the whole offer: it replaces the rings
      feed(new Reducer.Routing(r.changes(), first)).thenAccept(ringDetails::ringsChanged);
    }

    @Override
    public void complete() {
      feed(new Reducer.SnapshotComplete()).thenAccept(s -> afterSnapshot());
    }

    @Override
    public void refused(LpaException e) {
      if (!ready.isDone()) {
        ready.completeExceptionally(e);
      }
    }
  }

  /**
   * New conversations get their history and consumer profile. Only the notification's own
   * conversations are looked at; profiles already known go in as one input.
   */
  private void afterConversations(WorkspaceState before, WorkspaceState now, List<Notification.Change> changes,
      boolean first) {
    List<ConsumerProfile> known = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Notification.Change ch : changes) {
      String id = ch.convId();
      Conversation c = id == null || !seen.add(id) ? null : now.conversations().get(id);
      if (c == null || !c.open()) {
        continue;
      }
      // history is fetched for conversations this user takes part in; a team conversation gets
      // its newest message with the notification, and the rest when it is opened (loadMessages).
      // A first notification's conversations are backfilled once the round's snapshot is
      // complete (afterSnapshot), so asking here too would query each twice.
      if (!first && mode != StartMode.BULK && c.myRole() != null && (!before.conversations().containsKey(c.id())
          || before.conversations().get(c.id()).myRole() == null || !now.messages().containsKey(c.id()))) {
        historySync.backfill(c);
      }
      String cid = c.consumer() == null ? null : c.consumer().id();
      if (cid != null && c.consumer().firstName() == null) {
        ConsumerProfile p = profiles.known(cid);
        CompletableFuture<Void> f = p != null || mode == StartMode.BULK ? null : profiles.requestOnce(cid);
        if (p != null) {
          known.add(p);
        } else if (f != null) {
          if (mode == StartMode.LISTING && !ready.isDone()) {
            // only what the listing prints at ready; later ones (a shell keeps it open) are not kept
            listedProfiles.add(f);
          }
        }
      }
    }
    if (!known.isEmpty()) {
      feed(new Reducer.ConsumersKnown(known));
    }
  }

  private void subscribe(boolean reconnect) {
    // a one-shot command asks for conversations only: rings and agent state are a live face's
    round.begin(me.manager() ? 2 : 1, mode == StartMode.LIVE);
    if (reconnect && wantedState != null) {
      ums.request(".ams.routing.SetAgentState", Requests.setAgentState(me, wantedState))
          .exceptionally(CoreLog.ignore("setting the agent state again after the reconnect"));
    }
    round.subscribed(ums.request(".ams.aam.SubscribeExConversations", Requests.subscribeExConversations(me.userId())),
        Reducer.Scope.MINE);
    if (me.manager()) {
      round.subscribed(ums.request(".ams.aam.SubscribeExConversations", Requests.subscribeExConversations(null)),
          Reducer.Scope.TEAM);
    }
    if (mode != StartMode.LIVE) {
      return;
    }
    round.subscribed(ums.request(".ams.routing.SubscribeRoutingTasks", Requests.subscribeRoutingTasks(me)), null);
    ums.request(".ams.routing.SubscribeAgentsState", Requests.subscribeAgentsState(me)).exceptionally(CoreLog.ignore("the agent state subscription"));
  }

  /** After every (re)connection's snapshot: backfill the open dialogs, then resolve the outbox. */
  private void afterSnapshot() {
    WorkspaceState s = state.get();
    List<CompletableFuture<?>> loads = new ArrayList<>();
    // the outbox must not be judged on a history that is not loaded yet
    loads.add(historySync.backfillOpen(mode == StartMode.BULK ? List.of() : s.conversations().values()));
    if (mode == StartMode.LISTING) {
      // a listing prints names: the skills' and agents' (asked at start) and the consumers' of
      // the first snapshot (one bounded batch); each fails into "unknown", never into the listing
      loads.addAll(listedProfiles);
      listedProfiles.clear();
      loads.add(lookUps);
    }
    CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new))
        .thenCompose(v -> {
          CoreLog.step("workspace: backfilled");
          return outbox == null ? CompletableFuture.completedFuture(null) : outbox.flush();
        })
        // through the serial queue: what the awaited look-ups fed is in the state by then
        .whenComplete((v, t) -> onSerial(() -> {
          CoreLog.step("workspace: ready");
          ready.complete(state.get());
        }));
    if (me.manager() && !closedLoaded && mode == StartMode.LIVE) {
      // the All tab's closed part: the team's last 14 days from history, once per run, beside
      // the live list (what closes from now on arrives as notifications)
      closedLoaded = true;
      teamClosed().thenAccept(list -> feed(new Reducer.ClosedLoaded(list)))
          .exceptionally(CoreLog.ignore("the team's closed conversations of the last 14 days"));
    }
  }

  // --- history (HistorySync) ---

  @Override
  public CompletableFuture<List<Message>> loadMessages(String conversationId) {
    return guard(() -> {
      Conversation c = conversation(conversationId);
      List<CompletableFuture<List<Message>>> all = new ArrayList<>();
      for (Dialog d : c.dialogs()) {
        if (!"COBROWSE".equals(d.channelType())) {
          all.add(historySync.query(c.id(), d.id(), 0));
        }
      }
      return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .thenApply(v -> state.get().messagesOf(c.id()));
    });
  }

  // --- public surface ---

  @Override
  public WorkspaceState state() {
    return state.get();
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
    return ready;
  }

  /**
   * Completes once the REST look-ups made at start (this agent, the account's agents, the
   * skills) have answered, successfully or not; {@link #ready()} does not wait for them. Never
   * completes exceptionally.
   */
  public CompletableFuture<Void> startupLookUps() {
    return lookUps;
  }

  @Override
  public CompletableFuture<Void> setAgentState(AgentState s) {
    return guard(() -> {
      wantedState = s;
      return ums.request(".ams.routing.SetAgentState", Requests.setAgentState(me, s)).thenApply(r -> null);
    });
  }

  // --- rings ---

  @Override
  public CompletableFuture<Conversation> acceptRing(String ringId) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new LpaException(Kind.CANCELLED, "the workspace is closed"));
    }
    if (!accepting.compareAndSet(false, true)) {
      return CompletableFuture.failedFuture(new LpaException(Kind.INVALID, "another accept is still running"));
    }
    CompletableFuture<Conversation> out;
    try {
      var ring = ring(ringId);
      String convId = ring.conversationId();
      CompletableFuture<Conversation> assigned = until(s -> {
        Conversation c = s.conversations().get(convId);
        return c != null && c.open() && c.myRole() == Role.ASSIGNED_AGENT ? c : null;
      });
      out = ums.request(".ams.routing.UpdateRingState", Requests.updateRingState(ring.ringId(), "ACCEPTED"))
          .thenCompose(r -> assigned)
          .thenCompose(this::withConsumerProfile);
    } catch (LpaException e) {
      out = CompletableFuture.failedFuture(e);
    }
    return out.whenComplete((c, t) -> accepting.set(false));
  }

  /** The conversation with its consumer's profile (loaded now if it was not yet): callers show the name. */
  private CompletableFuture<Conversation> withConsumerProfile(Conversation c) {
    String cid = c.consumer() == null ? null : c.consumer().id();
    if (cid == null || c.consumer().firstName() != null || c.consumer().phone() != null) {
      return CompletableFuture.completedFuture(c);
    }
    return profiles.knownOrFetch(cid).thenCompose(profile -> {
      profiles.remember(profile);
      return feed(new Reducer.ConsumerKnown(profile));
    }).thenApply(s -> s.conversations().getOrDefault(c.id(), c)).exceptionally(t -> c);
  }

  @Override
  public CompletableFuture<Void> rejectRing(String ringId) {
    return guard(() -> ums.request(".ams.routing.UpdateRingState",
        Requests.updateRingState(ring(ringId).ringId(), "REJECTED")).thenApply(r -> null));
  }

  private dev.lpa.core.model.Ring ring(String idOrPrefix) {
    List<dev.lpa.core.model.Ring> rs = state.get().rings();
    for (var r : rs) {
      if (r.ringId().equals(idOrPrefix)) {
        return r;
      }
    }
    List<dev.lpa.core.model.Ring> m = rs.stream()
        .filter(r -> r.ringId().startsWith(idOrPrefix) || r.conversationId().startsWith(idOrPrefix)).toList();
    if (m.size() == 1) {
      return m.get(0);
    }
    throw new LpaException(Kind.NOT_FOUND, m.isEmpty() ? "no ring " + idOrPrefix : "ambiguous ring " + idOrPrefix);
  }

  /** Completes with the first non-null value {@code f} gives for a snapshot, or TIMEOUT. */
  private <T> CompletableFuture<T> until(java.util.function.Function<WorkspaceState, T> f) {
    CompletableFuture<T> out = new CompletableFuture<>();
    Consumer<WorkspaceState> l = s -> {
      T v = f.apply(s);
      if (v != null) {
        out.complete(v);
      }
    };
    stateListeners.add(l);
    T now = f.apply(state.get());
    if (now != null) {
      out.complete(now);
    }
    ScheduledFuture<?> to = scheduler.schedule(() -> out.completeExceptionally(
        new LpaException(Kind.TIMEOUT, "the server did not confirm in time")), timeout.toMillis(), TimeUnit.MILLISECONDS);
    return out.whenComplete((v, t) -> {
      stateListeners.remove(l);
      to.cancel(false);
    });
  }

  // --- messages ---

  @Override
  public CompletableFuture<Message> sendText(String conversationId, String text) {
    return guard(() -> {
      if (text == null || text.isBlank()) {
        throw new LpaException(Kind.INVALID, "empty message");
      }
      String tooLong = MessageLimits.tooLong(text);
      if (tooLong != null) {
        throw new LpaException(Kind.INVALID, tooLong);
      }
      Conversation c = writable(conversationId);
      return viaOutbox(c, "text", Requests.text(text));
    });
  }

  private CompletableFuture<Message> viaOutbox(Conversation c, String kind, ObjectNode event) {
    if (outbox == null) {
      return publish(c.id(), c.mainDialogId(), event, null).thenApply(seq -> state.get().messagesOf(c.id()).stream()
          .filter(m -> m.sequence() == seq).findFirst().orElse(null));
    }
    return outbox.enqueue(c, kind, event);
  }

  /** The outbox's view of the workspace. */
  private final class OutboxHost implements Outbox.Host {
    @Override
    public CompletableFuture<WorkspaceState> feed(Reducer.Input in) {
      return DefaultWorkspace.this.feed(in);
    }

    @Override
    public WorkspaceState state() {
      return state.get();
    }

    @Override
    public boolean closed() {
      return closed.get();
    }

    @Override
    public CompletableFuture<Long> publish(String convId, String dialogId, JsonNode event, String localId) {
      return DefaultWorkspace.this.publish(convId, dialogId, event, localId);
    }

    @Override
    public CompletableFuture<?> readHistory(String convId, String dialogId) {
      return historySync.query(convId, dialogId, 0);
    }

    @Override
    public void ownSequence(String dialogId, long seq) {
      historySync.ownSequence(dialogId, seq);
    }
  }

  private CompletableFuture<Long> publish(String convId, String dialogId, JsonNode event, String localId) {
    ObjectNode body = Requests.publishEvent(convId, dialogId, event);
    ArrayNode meta = localId == null ? null : Requests.externalId(localId);
    return ums.request(".ams.ms.PublishEvent", body, meta, false).thenApply(r -> Json.num(r, "sequence", -1));
  }

  @Override
  public CompletableFuture<Message> sendFile(String conversationId, Path file, String caption) {
    return guard(() -> files.send(writable(conversationId), file, caption));
  }

  @Override
  public String fillCanned(CannedResponse canned, String conversationId) {
    Conversation c = conversation(conversationId);
    return CannedText.fill(canned, c, me, meUser, skillConfig.get(c.skillId()));
  }

  @Override
  public CompletableFuture<Void> markRead(String conversationId) {
    return guard(() -> {
      Conversation c = conversation(conversationId);
      if (c.myRole() == null) {
        // a manager reading a conversation it has not joined is no participant: LivePerson
        // refuses its receipts, and the consumer must not see a reader it does not know of
        return CompletableFuture.completedFuture(null);
      }
      Map<String, List<Long>> perDialog = new LinkedHashMap<>();
      for (Message m : state.get().messagesOf(c.id())) {
        if (m.sender() == Message.Sender.CONSUMER && m.sequence() >= 0 && m.delivery() != Message.Delivery.READ) {
          perDialog.computeIfAbsent(m.dialogId(), k -> new ArrayList<>()).add(m.sequence());
        }
      }
      List<CompletableFuture<Long>> all = new ArrayList<>();
      perDialog.forEach((dialog, seqs) -> {
        all.add(publish(c.id(), dialog, Requests.readReceipt(seqs), null));
      });
      return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    });
  }

  @Override
  public CompletableFuture<Void> setTyping(String conversationId, boolean typing) {
    return guard(() -> {
      Conversation c = conversation(conversationId);
      if (c.myRole() == null || c.myRole() == Role.READER) {
        return CompletableFuture.completedFuture(null); // not joined, or joined to read only: nothing to show
      }
      return publish(c.id(), c.mainDialogId(), Requests.chatState(typing), null).thenApply(x -> null);
    });
  }

  // --- conversation actions (ConversationActions), calls and forms (SimulatorExtras), files ---

  @Override
  public CompletableFuture<Void> transferToSkill(String conversationId, String skillId, String note) {
    return guard(() -> actions.transferToSkill(openConversation(conversationId), skillId, note));
  }

  @Override
  public CompletableFuture<Void> transferToAgent(String conversationId, String agentUserId, String note) {
    return guard(() -> actions.transferToAgent(openConversation(conversationId), agentUserId, note));
  }

  @Override
  public CompletableFuture<Void> returnToQueue(String conversationId) {
    return guard(() -> actions.returnToQueue(openConversation(conversationId)));
  }

  @Override
  public CompletableFuture<Void> close(String conversationId) {
    return guard(() -> actions.close(openConversation(conversationId)));
  }

  @Override
  public CompletableFuture<Void> join(String conversationId, boolean silent) {
    return guard(() -> actions.join(openConversation(conversationId), silent));
  }

  @Override
  public CompletableFuture<Void> leave(String conversationId) {
    return guard(() -> actions.leave(conversation(conversationId)));
  }

  @Override
  public CompletableFuture<Void> setUrgent(String conversationId, boolean urgent) {
    return guard(() -> actions.setUrgent(openConversation(conversationId), urgent));
  }

  @Override
  public CompletableFuture<Void> setManualDueTime(String conversationId, Instant due) {
    return guard(() -> actions.setManualDueTime(openConversation(conversationId), due));
  }

  @Override
  public CompletableFuture<CallInvitation> inviteCall(String conversationId, String mode) {
    return guard(() -> extras.inviteCall(openConversation(conversationId), mode));
  }

  @Override
  public CompletableFuture<Message> inviteSecureForm(String conversationId, String formId, String title) {
    return guard(() -> {
      Conversation c = writable(conversationId);
      String consumerId = c.consumer() == null ? "consumer" : c.consumer().id();
      String invitationId = consumerId + "-" + UUID.randomUUID() + "-" + clock.millis() + "-1";
      return viaOutbox(c, "form", Requests.secureFormInvitation(formId, invitationId, title));
    });
  }

  @Override
  public CompletableFuture<Map<String, String>> readSecureForm(String conversationId, String submissionId) {
    return guard(() -> extras.readSecureForm(state.get().messagesOf(conversation(conversationId).id()), submissionId));
  }

  @Override
  public CompletableFuture<Path> downloadFile(String relativePath, Path target) {
    return guard(() -> files.download(relativePath, target));
  }

  // --- look-ups ---

  @Override
  public CompletableFuture<List<ConversationWithMessages>> previousConversations(String conversationId) {
    return guard(() -> history.previous(conversation(conversationId)));
  }

  @Override
  public CompletableFuture<List<ConversationWithMessages>> searchClosed(ClosedSearch search) {
    return guard(() -> history.searchClosed(search));
  }

  @Override
  public CompletableFuture<List<CannedResponse>> cannedResponses(String skillId) {
    return guard(() -> rest.cannedResponses(skillId));
  }

  @Override
  public CompletableFuture<List<Skill>> skills() {
    return guard(rest::skills);
  }

  @Override
  public CompletableFuture<List<Agent>> agents() {
    return guard(rest::agents);
  }

  @Override
  public CompletableFuture<ConsumerProfile> consumerProfile(String conversationId) {
    return guard(() -> {
      String cid;
      String id;
      dev.lpa.core.model.Ring ringing = ringingOnly(conversationId);
      if (ringing != null) {
        // offered but not accepted: not in the lists yet, yet the agent may read who is waiting
        cid = ringing.consumerId();
        id = ringing.conversationId();
      } else {
        Conversation c = conversation(conversationId);
        cid = c.consumer() == null ? null : c.consumer().id();
        id = c.id();
      }
      if (cid == null || cid.isEmpty()) {
        throw new LpaException(Kind.NOT_FOUND, "no consumer known for " + id);
      }
      return profiles.fetch(cid).thenApply(p -> {
        profiles.remember(p);
        feed(new Reducer.ConsumerKnown(p));
        return p;
      });
    });
  }

  @Override
  public CompletableFuture<List<QueueHealth>> queueHealth() {
    return guard(rest::queueHealth);
  }

  @Override
  public CompletableFuture<dev.lpa.core.manager.Team> team() {
    return guard(history::team);
  }

  @Override
  public CompletableFuture<List<Conversation>> teamClosed() {
    return team().thenCompose(t -> guard(() -> history.teamClosed(t)));
  }

  @Override
  public String resolveConversationId(String idOrPrefix) {
    if (idOrPrefix == null || idOrPrefix.isBlank()) {
      throw new LpaException(Kind.NOT_FOUND, "no conversation id given");
    }
    Map<String, Conversation> all = state.get().conversations();
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

  /** The ring of a conversation that rings but is not in the state, by full id; else null. */
  private dev.lpa.core.model.Ring ringingOnly(String conversationId) {
    WorkspaceState s = state.get();
    if (conversationId == null || s.conversations().containsKey(conversationId)) {
      return null;
    }
    return s.rings().stream().filter(r -> conversationId.equals(r.conversationId())).findFirst().orElse(null);
  }

  private Conversation conversation(String idOrPrefix) {
    return state.get().conversations().get(resolveConversationId(idOrPrefix));
  }

  private Conversation openConversation(String idOrPrefix) {
    Conversation c = conversation(idOrPrefix);
    if (!c.open()) {
      throw new LpaException(Kind.INVALID, "conversation " + c.id() + " is closed");
    }
    return c;
  }

  /** Open, and this user may write in it (assigned, or joined as manager). */
  private Conversation writable(String idOrPrefix) {
    Conversation c = openConversation(idOrPrefix);
    if (c.myRole() == Role.READER) {
      throw new LpaException(Kind.FORBIDDEN, "a silent (reader) participant cannot write");
    }
    return c;
  }

  /** Turns exceptions thrown while preparing an operation into a failed future. */
  private <T> CompletableFuture<T> guard(java.util.function.Supplier<CompletableFuture<T>> op) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new LpaException(Kind.CANCELLED, "the workspace is closed"));
    }
    try {
      return op.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e instanceof LpaException ? e
          : new LpaException(Kind.ERROR, String.valueOf(e.getMessage()), e));
    }
  }

  @SafeVarargs
  private static <T> T first(T... xs) {
    for (T x : xs) {
      if (x != null) {
        return x;
      }
    }
    return null;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (ticker != null) {
      ticker.cancel(false);
    }
    ums.close();
    if (outbox != null) {
      outbox.release();
    }
    CoreLog.step("workspace: closing");
    blocking.shutdownNow();
    serial.shutdown();
    try {
      serial.awaitTermination(2, TimeUnit.SECONDS);
      CoreLog.step("workspace: serial work done");
      // the store's pending writes land before the client closes the store
      storeWriter.shutdown();
      storeWriter.awaitTermination(5, TimeUnit.SECONDS);
      CoreLog.step("workspace: store writes done");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (outbox != null) {
      outbox.cancelWaiters();
    }
    if (!ready.isDone()) {
      ready.completeExceptionally(new LpaException(Kind.CANCELLED, "workspace closed"));
    }
    safely(onClose);
    CoreLog.step("workspace: closed");
  }
}
