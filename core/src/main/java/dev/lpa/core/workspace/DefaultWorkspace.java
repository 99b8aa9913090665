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
import dev.lpa.core.model.RingDetails;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Dialog;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Participant;
import dev.lpa.core.model.QueueHealth;
import dev.lpa.core.model.Role;
import dev.lpa.core.model.Session;
import dev.lpa.core.model.Skill;
import dev.lpa.core.rest.RestClient;
import dev.lpa.core.store.LocalStore;
import dev.lpa.core.store.StoredMessage;
import dev.lpa.core.ums.Notification;
import dev.lpa.core.ums.UmsClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * <p>Why this file is still this long (issue 9 asks for a façade over parts with one job each):
 * the start modes, the logger, the history mapper and queries (HistoryQueries) and the
 * non-blocking file and outbox paths went in first; the split into the serial loop, typed request builders, the
 * subscription round, history sync and cursors, the outbox and files is the next step and is
 * not done. Until then the thread rules are: {@code subScopes}, {@code subFirstSeen},
 * {@code early} and the round counters only on the serial thread; the state only through
 * {@code feed}/{@code applyNow}; SQLite writes on the store thread ({@code toStore}), file
 * reads on {@code blocking}.
 */
public final class DefaultWorkspace implements Workspace {
  private static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
  private static final int PREVIEW_MAX_BYTES = 30 * 1024;

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
  /** Profile look-ups on the socket: pipelined, at most this many in flight. */
  static final int LOOKUP_WINDOW = 32;
  private final BoundedWindow lookupWindow;
  /** Background history queries (backfills), bounded the same way; a conversation the user opens does not wait. */
  private final BoundedWindow syncWindow;
  /** Profiles that arrived and wait for one ConsumersKnown input between them. */
  private final java.util.concurrent.ConcurrentLinkedQueue<ConsumerProfile> arrivedProfiles =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final AtomicBoolean profilesDrainQueued = new AtomicBoolean();
  private final Duration timeout;
  private final UmsClient ums;
  private final Session me;
  private final AtomicReference<WorkspaceState> state;
  private final List<Consumer<WorkspaceState>> stateListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<WorkspaceEvent>> eventListeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<WorkspaceState> ready = new CompletableFuture<>();
  private final CompletableFuture<Void> lookUps = new CompletableFuture<>();
  private final AtomicBoolean accepting = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Map<String, ConsumerProfile> consumers = new ConcurrentHashMap<>();
  private final Set<String> profileRequested = ConcurrentHashMap.newKeySet();
  /** Conversations of current rings already looked up (banner details). */
  private final Set<String> ringLookups = ConcurrentHashMap.newKeySet();
  private final Map<String, String> skillNames = new ConcurrentHashMap<>();
  private final Map<String, String> agentNames = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> skillConfig = new ConcurrentHashMap<>();
  /** What the agent sends, until the server has it; null without a store. */
  private final Outbox outbox;
  private final Set<String> loading = ConcurrentHashMap.newKeySet();
  /** Per dialog, the sequence up to which every event is known (from a history query on). */
  private final Map<String, Long> synced = new ConcurrentHashMap<>();
  /** Dialogs whose cursor predates a connection loss: only a history query moves them on. */
  private final Set<String> stale = ConcurrentHashMap.newKeySet();
  private volatile JsonNode meUser;
  private volatile AgentState wantedState;
  private ScheduledFuture<?> ticker;
  private volatile Runnable onClose = () -> { };

  // per connection round, touched only on the serial thread
  private final Map<String, Reducer.Scope> subScopes = new HashMap<>();
  private final Set<String> subFirstSeen = new HashSet<>();
  private int subExpected;
  private int convOutstanding;
  private final Map<String, List<Notification.ConversationChanges>> early = new LinkedHashMap<>();
  private boolean roundComplete;
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
    this.lookupWindow = new BoundedWindow(LOOKUP_WINDOW, scheduler);
    this.syncWindow = new BoundedWindow(LOOKUP_WINDOW, scheduler);
    this.state = new AtomicReference<>(Reducer.initial(me, clock.instant()));
    this.outbox = store == null ? null
        : new Outbox(store, me, clock, mode, requestTimeout, storeWriter, new OutboxHost());
    this.ums = new UmsClient(auth, scheduler, requestTimeout, tuning.keepaliveEvery(), tuning.socket(), tuning.rest(),
        new SocketListener());
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
    restore();
    pending();
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
      agentNames.putAll(names);
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
      skillNames.putAll(names);
      feed(new Reducer.SkillNames(Map.copyOf(names)));
      toStore(st -> StoredDirectory.saveNames(st, StoredDirectory.SKILL, names));
    }).exceptionally(CoreLog.ignore("skill names"));
    CompletableFuture.allOf(meLookUp, agentsLookUp, skillsLookUp).whenComplete((v, t) -> lookUps.complete(null));
    return ums.connect().thenApply(v -> {
      CoreLog.step("workspace: connected");
      return (Workspace) this;
    });
  }

  /**
   * What the last run saw, shown at once: conversations and messages from the local store. The
   * first snapshot then drops what ended meanwhile, and the backfill asks only for sequences
   * after the last stored one.
   */
  private void restore() {
    if (store == null) {
      return;
    }
    try {
      // names first, so the restored rows show them and the first snapshot asks only for new ones
      Map<String, String> agents = StoredDirectory.names(store, StoredDirectory.AGENT);
      Map<String, String> skills = StoredDirectory.names(store, StoredDirectory.SKILL);
      List<ConsumerProfile> profiles = StoredDirectory.consumers(store);
      agentNames.putAll(agents);
      skillNames.putAll(skills);
      profiles.forEach(p -> consumers.put(p.id(), p));
      feed(new Reducer.AgentNames(Map.copyOf(agents)));
      feed(new Reducer.SkillNames(Map.copyOf(skills)));
      feed(new Reducer.ConsumersKnown(List.copyOf(profiles)));
      Map<String, String> convs = store.loadConversations();
      // two queries for all of it: one per conversation is thousands of round trips at scale
      Map<String, List<StoredMessage>> messages = store.loadAllMessages();
      Map<String, Long> cursors = store.loadCursors();
      if (mode != StartMode.LIVE) {
        // a one-shot command shows the first snapshot, not what the last run saw: only the
        // conversations whose history is kept come back, so a backfill from their cursor adds
        // to the messages it already has (the team's thousands stay in the store)
        convs = new LinkedHashMap<>(convs);
        convs.keySet().removeIf(id -> !messages.containsKey(id) && !cursors.containsKey(id));
      }
      List<Notification.Change> changes = new ArrayList<>();
      // the store keeps only whole conversations (with conversationDetails), by their convId
      convs.forEach((id, json) -> changes.add(new Notification.Change("UPSERT", json, id, true)));
      if (!changes.isEmpty()) {
        feed(new Reducer.Conversations(Reducer.Scope.MINE, false, changes, Map.of()));
      }
      for (String id : convs.keySet()) {
        Map<String, List<JsonNode>> byDialog = new LinkedHashMap<>();
        for (var m : messages.getOrDefault(id, List.of())) {
          byDialog.computeIfAbsent(m.dialogId(), k -> new ArrayList<>()).add(Json.parse(m.json()));
        }
        byDialog.forEach((dialog, evs) -> feed(new Reducer.Events(dialog, evs)));
        for (String dialog : byDialog.keySet()) {
          Long c = cursors.get(dialog);
          if (c != null) {
            synced.put(dialog, c);
          }
        }
      }
    } catch (RuntimeException e) {
      // an unreadable cache is not worth failing the start: the server has everything
      CoreLog.swallowed("the local store's conversations (starting without them)", e);
    }
  }

  /**
   * The store follows one notification: its conversations written and the ones it removed
   * deleted, in one transaction on the store's thread. Only the notification's own ids are
   * looked at, except for a first notification, which may remove any conversation of its scope.
   */
  private void persistConversations(List<Notification.Change> changes, boolean first, WorkspaceState before,
      WorkspaceState after) {
    if (store == null) {
      return;
    }
    Map<String, String> upserts = new LinkedHashMap<>();
    Set<String> deletes = new HashSet<>();
    for (Notification.Change ch : changes) {
      String id = ch.convId();
      if (id == null) {
        continue;
      }
      if (after.conversations().containsKey(id)) {
        if (mode != StartMode.LIVE && after.conversations().get(id).myRole() == null) {
          continue; // the team's cache is a live start's: a listing neither reads nor keeps it
        }
        if (ch.hasDetails()) {
          upserts.put(id, ch.resultJson());
        }
      } else if (before.conversations().containsKey(id)) {
        deletes.add(id);
      }
    }
    if (first) {
      for (String id : before.conversations().keySet()) {
        if (!after.conversations().containsKey(id)) {
          deletes.add(id);
        }
      }
    }
    if (upserts.isEmpty() && deletes.isEmpty()) {
      return;
    }
    toStore(st -> st.saveConversations(upserts, deletes));
  }

  /** Runs a store write on the store's thread; the cache is best effort, the live state is already right. */
  private void toStore(Consumer<LocalStore> write) {
    if (store == null) {
      return;
    }
    try {
      storeWriter.execute(() -> {
        try {
          write.accept(store);
        } catch (RuntimeException e) {
          // best effort: the server has everything
          CoreLog.swallowed("a local store write (the cache misses it until the next run)", e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed
    }
  }

  private void persistEvents(String dialogId, List<JsonNode> events) {
    if (store == null) {
      return;
    }
    try {
      Map<String, List<StoredMessage>> byConv = new LinkedHashMap<>();
      for (JsonNode ev : events) {
        long seq = Json.num(ev, "sequence", -1);
        String dialog = first(Json.text(ev, "dialogId"), dialogId);
        if (seq < 0 || dialog == null) {
          continue; // typing and other unnumbered events are not history
        }
        String conv = first(Json.text(ev, "conversationId"), conversationOfDialog(dialog), dialog);
        byConv.computeIfAbsent(conv, k -> new ArrayList<>()).add(new StoredMessage(dialog, seq, Json.write(ev)));
      }
      // on this thread, before the cursor that covers them is saved (a crash between the two
      // must not leave a cursor past messages the store lacks)
      byConv.forEach(store::saveMessages);
    } catch (RuntimeException e) {
      // best effort, as above
      CoreLog.swallowed("storing messages of " + dialogId, e);
    }
  }

  private void saveCursor(String dialogId) {
    Long c = synced.get(dialogId);
    if (store != null && c != null && c >= 0) {
      try {
        // synchronous: the outbox relies on the cursor being stored when a send completes
        store.setCursor(dialogId, c);
      } catch (RuntimeException e) {
        // best effort: the next run asks again from the older cursor
        CoreLog.swallowed("storing the history cursor of " + dialogId, e);
      }
    }
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
      subscribe(reconnect);
    }

    @Override
    public void onNotification(Notification n) {
      if (n instanceof Notification.ConversationChanges c) {
        onSerial(() -> conversationsChanged(c));
      } else if (n instanceof Notification.MessagingEvents e) {
        for (JsonNode ev : e.events()) {
          String d = first(Json.text(ev, "dialogId"), e.dialogId());
          long seq = Json.num(ev, "sequence", -1);
          // live events extend a synced dialog; after a connection loss only a query may
          if (d != null && seq >= 0 && synced.containsKey(d) && !stale.contains(d)) {
            synced.merge(d, seq, Math::max);
          }
        }
        // agent names come from the state's directory: no copy of the account's users per event
        feed(new Reducer.Events(e.dialogId(), e.events()));
        onSerial(() -> {
          persistEvents(e.dialogId(), e.events());
          for (JsonNode ev : e.events()) {
            String d = first(Json.text(ev, "dialogId"), e.dialogId());
            if (d != null) {
              saveCursor(d);
            }
          }
        });
      } else if (n instanceof Notification.RoutingTasks r) {
        onSerial(() -> {
          boolean first = r.subscriptionId() != null && subFirstSeen.add(r.subscriptionId());
          // the first notification of a (re)subscription is the whole offer: it replaces the rings
          feed(new Reducer.Routing(r.changes(), first)).thenAccept(DefaultWorkspace.this::lookUpRings);
          checkRound();
        });
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
        stale.addAll(synced.keySet());
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
  private void conversationsChanged(Notification.ConversationChanges c) {
    String sub = c.subscriptionId();
    if (sub != null && !subScopes.containsKey(sub) && convOutstanding > 0) {
      early.computeIfAbsent(sub, k -> new ArrayList<>()).add(c);
      return;
    }
    Reducer.Scope scope = subScopes.getOrDefault(sub, Reducer.Scope.MINE);
    if (scope == null) {
      scope = Reducer.Scope.MINE;
    }
    boolean first = sub != null && subFirstSeen.add(sub);
    if (first) {
      CoreLog.step("workspace: first notification of " + scope + ", " + c.changes().size() + " changes");
    }
    WorkspaceState before = state.get();
    // the whole notification (a first snapshot: thousands of changes) is one reducer input
    feed(new Reducer.Conversations(scope, first, c.changes(), Map.of()));
    onSerial(() -> {
      WorkspaceState after = state.get();
      persistConversations(c.changes(), first, before, after);
      afterConversations(before, after, c.changes(), first);
    });
    checkRound();
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
        backfill(c);
      }
      String cid = c.consumer() == null ? null : c.consumer().id();
      if (cid != null && c.consumer().firstName() == null) {
        ConsumerProfile p = consumers.get(cid);
        if (p != null) {
          known.add(p);
        } else if (mode != StartMode.BULK && profileRequested.add(cid)) {
          CompletableFuture<Void> f = fetchProfile(cid).thenAccept(this::profileArrived).exceptionally(t -> {
            profileRequested.remove(cid);
            CoreLog.swallowed("a consumer's profile (the name stays unknown)", t);
            return null;
          });
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

  /** A profile learned outside the first-snapshot burst: kept for this run and the next. */
  private void remember(ConsumerProfile p) {
    if (!p.equals(consumers.put(p.id(), p))) {
      toStore(st -> StoredDirectory.saveConsumers(st, List.of(p)));
    }
  }

  /**
   * Profiles answered together (a burst from the first snapshot) become one input: the first
   * arrival queues a drain on the serial thread, later ones join it until it runs.
   */
  private void profileArrived(ConsumerProfile p) {
    consumers.put(p.id(), p);
    arrivedProfiles.add(p);
    if (profilesDrainQueued.compareAndSet(false, true)) {
      onSerial(() -> {
        profilesDrainQueued.set(false);
        List<ConsumerProfile> batch = new ArrayList<>();
        for (ConsumerProfile x; (x = arrivedProfiles.poll()) != null; ) {
          batch.add(x);
        }
        if (!batch.isEmpty()) {
          applyNow(new Reducer.ConsumersKnown(batch));
          toStore(st -> StoredDirectory.saveConsumers(st, batch));
        }
      });
    }
  }

  /**
   * A ring names only ids, and its conversation is usually not visible yet: the banner's consumer
   * name comes from the profile (readable by any agent), the excerpt from the dialog's history
   * when the server lets a ringed agent query it. Each conversation is looked up once per ring.
   */
  private void lookUpRings(WorkspaceState s) {
    ringLookups.retainAll(s.rings().stream().map(dev.lpa.core.model.Ring::conversationId).toList());
    for (dev.lpa.core.model.Ring r : s.rings()) {
      if (!r.waiting() || !ringLookups.add(r.conversationId())) {
        continue;
      }
      String convId = r.conversationId();
      String cid = r.consumerId();
      if (cid != null && !cid.isEmpty()) {
        ConsumerProfile known = consumers.get(cid);
        CompletableFuture<ConsumerProfile> p = known != null ? CompletableFuture.completedFuture(known)
            : fetchProfile(cid);
        p.thenAccept(profile -> {
          remember(profile);
          feed(new Reducer.RingDetailsKnown(new RingDetails(convId, profile, skillNames.get(r.skillId()), null)));
        }).exceptionally(CoreLog.ignore("the ringing consumer's profile (the banner goes without the name)"));
      } else if (skillNames.containsKey(r.skillId())) {
        feed(new Reducer.RingDetailsKnown(new RingDetails(convId, null, skillNames.get(r.skillId()), null)));
      }
      if (s.ringDetailsOf(r).lastConsumerMessage() == null) {
        ums.request(".ams.ms.QueryMessages", Requests.queryMessages(convId, convId, 0)).thenAccept(resp -> {
          Message last = lastConsumerMessage(resp, convId, cid);
          if (last != null) {
            feed(new Reducer.RingDetailsKnown(new RingDetails(convId, null, null, last)));
          }
        }).exceptionally(CoreLog.ignore("the ringing conversation's history (refused before accept: the banner"
            + " goes without an excerpt)"));
      }
    }
  }

  private Message lastConsumerMessage(JsonNode resp, String convId, String consumerId) {
    JsonNode arr = resp.isArray() ? resp : resp.has("changes") ? resp.get("changes") : Json.arr();
    Message last = null;
    for (JsonNode ev : arr) {
      WireMapper.Event e = WireMapper.event(ev, convId, me, consumerId, null, Map.of());
      if (e.message() != null && e.message().sender() == Message.Sender.CONSUMER && !e.message().isPrivate()) {
        last = e.message();
      }
    }
    return last;
  }

  private void subscribe(boolean reconnect) {
    onSerial(() -> {
      subScopes.clear();
      subFirstSeen.clear();
      roundComplete = false;
      convOutstanding = me.manager() ? 2 : 1;
      // a one-shot command asks for conversations only: rings and agent state are a live face's
      subExpected = convOutstanding + (mode == StartMode.LIVE ? 1 : 0);
      early.clear();
    });
    if (reconnect && wantedState != null) {
      ums.request(".ams.routing.SetAgentState", Requests.setAgentState(me, wantedState))
          .exceptionally(CoreLog.ignore("setting the agent state again after the reconnect"));
    }
    register(ums.request(".ams.aam.SubscribeExConversations", Requests.subscribeExConversations(me.userId())),
        Reducer.Scope.MINE);
    if (me.manager()) {
      register(ums.request(".ams.aam.SubscribeExConversations", Requests.subscribeExConversations(null)),
          Reducer.Scope.TEAM);
    }
    if (mode != StartMode.LIVE) {
      return;
    }
    register(ums.request(".ams.routing.SubscribeRoutingTasks", Requests.subscribeRoutingTasks(me)), null);
    ums.request(".ams.routing.SubscribeAgentsState", Requests.subscribeAgentsState(me)).exceptionally(CoreLog.ignore("the agent state subscription"));
  }

  private void register(CompletableFuture<JsonNode> sub, Reducer.Scope scope) {
    // runs inline on the socket's reader thread when the response arrives, so the id is known
    // on the serial thread before the subscription's first notification is handled
    sub.whenComplete((body, err) -> onSerial(() -> {
      if (scope != null) {
        convOutstanding--;
      }
      if (err != null) {
        replayEarly(null);
        LpaException e = LpaException.from(err);
        if (scope == null && e.kind() != Kind.GAVE_UP) {
          // no rings for this user (e.g. a manager without routing): the rest still works
          String none = "refused-" + UUID.randomUUID();
          subScopes.put(none, null);
          subFirstSeen.add(none);
          checkRound();
        } else if (!ready.isDone() && e.kind() != Kind.GAVE_UP) {
          ready.completeExceptionally(e);
        }
        return;
      }
      String id = Json.text(body, "subscriptionId");
      CoreLog.step("workspace: subscription " + (scope == null ? "ROUTING" : scope) + " answered");
      if (id == null) {
        id = "anonymous-" + UUID.randomUUID();
        subFirstSeen.add(id);
      }
      subScopes.put(id, scope);
      replayEarly(id);
      checkRound();
      String answered = id;
      scheduler.schedule(() -> onSerial(() -> noFirstNotification(answered, scope)),
          FIRST_NOTIFICATION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }));
  }

  /**
   * How long after a subscription's response its first notification may take. LivePerson
   * documents an immediate notification for routing tasks, and nothing for a conversation
   * subscription with nothing to return: past this wait, silence means "nothing".
   */
  static final java.time.Duration FIRST_NOTIFICATION_WAIT = java.time.Duration.ofSeconds(2);

  /** A subscription answered but sent no first notification in time: it is an empty one. */
  private void noFirstNotification(String id, Reducer.Scope scope) {
    if (!subScopes.containsKey(id) || subFirstSeen.contains(id)) {
      return; // seen meanwhile, or a later connection replaced this subscription
    }
    if (scope != null) {
      conversationsChanged(new Notification.ConversationChanges(id, List.of()));
    } else {
      subFirstSeen.add(id);
      checkRound();
    }
  }

  private void replayEarly(String id) {
    if (id != null) {
      List<Notification.ConversationChanges> mine = early.remove(id);
      if (mine != null) {
        mine.forEach(this::conversationsChanged);
      }
    }
    if (convOutstanding <= 0 && !early.isEmpty()) {
      List<Notification.ConversationChanges> rest = new ArrayList<>();
      early.values().forEach(rest::addAll);
      early.clear();
      rest.forEach(this::conversationsChanged);
    }
  }

  private void checkRound() {
    if (roundComplete || subScopes.size() < subExpected || !subFirstSeen.containsAll(subScopes.keySet())) {
      return;
    }
    roundComplete = true;
    CoreLog.step("workspace: every subscription answered");
    feed(new Reducer.SnapshotComplete()).thenAccept(s -> afterSnapshot());
  }

  /** After every (re)connection's snapshot: backfill the open dialogs, then resolve the outbox. */
  private void afterSnapshot() {
    WorkspaceState s = state.get();
    List<CompletableFuture<?>> loads = new ArrayList<>();
    for (Conversation c : mode == StartMode.BULK ? List.<Conversation>of() : s.conversations().values()) {
      if (c.open() && (c.myRole() != null || synced.containsKey(c.mainDialogId()))) {
        // a fresh query even when one is in flight: that one may predate this connection, and
        // the outbox must not be judged on a history that is not loaded yet
        loads.add(backfill(c, true).exceptionally(CoreLog.ignore("the history of " + c.id())));
      }
    }
    if (mode == StartMode.LISTING) {
      // a listing prints names: the skills' and agents' (asked at start) and the consumers' of
      // the first snapshot (one bounded batch); each fails into "unknown", never into the listing
      loads.addAll(listedProfiles);
      listedProfiles.clear();
      loads.add(lookUps);
    }
    CoreLog.step("workspace: snapshot applied, " + loads.size() + " backfills");
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

  // --- history ---

  /** Missed messages of the main dialog: from the last known sequence on (duplicates merge away). */
  private CompletableFuture<List<Message>> backfill(Conversation c) {
    return backfill(c, false);
  }

  private CompletableFuture<List<Message>> backfill(Conversation c, boolean force) {
    String dialog = c.mainDialogId();
    if (!loading.add(dialog) && !force) {
      return CompletableFuture.completedFuture(List.of());
    }
    // from the sync cursor, not from the newest message known: that one may have come alone
    // (with the conversation) and left a gap before it
    long from = Math.max(0, synced.getOrDefault(dialog, 0L));
    // a thousand conversations' backfills pipeline through the window instead of all at once
    return query(c.id(), dialog, from, true).whenComplete((v, t) -> loading.remove(dialog));
  }

  private CompletableFuture<List<Message>> query(String convId, String dialogId, long from) {
    return query(convId, dialogId, from, false);
  }

  private CompletableFuture<List<Message>> query(String convId, String dialogId, long from, boolean background) {
    ObjectNode body = Requests.queryMessages(convId, dialogId, from);
    CompletableFuture<JsonNode> asked = background
        ? syncWindow.submit(() -> ums.request(".ams.ms.QueryMessages", body))
        : ums.request(".ams.ms.QueryMessages", body);
    return asked.thenCompose(r -> {
      List<JsonNode> evs = new ArrayList<>();
      JsonNode arr = r.isArray() ? r : r.has("changes") ? r.get("changes") : Json.arr();
      arr.forEach(evs::add);
      long max = evs.stream().mapToLong(ev -> Json.num(ev, "sequence", -1)).max().orElse(-1);
      // everything from `from` on is now known: the dialog is in sync up to its newest event
      synced.merge(dialogId, max, Math::max);
      stale.remove(dialogId);
      onSerial(() -> {
        persistEvents(dialogId, evs);
        saveCursor(dialogId);
      });
      return feed(new Reducer.Events(dialogId, evs));
    }).thenApply(s -> s.messagesOf(convId));
  }

  @Override
  public CompletableFuture<List<Message>> loadMessages(String conversationId) {
    return guard(() -> {
      Conversation c = conversation(conversationId);
      List<CompletableFuture<List<Message>>> all = new ArrayList<>();
      for (Dialog d : c.dialogs()) {
        if (!"COBROWSE".equals(d.channelType())) {
          all.add(query(c.id(), d.id(), 0));
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
    ConsumerProfile known = consumers.get(cid);
    CompletableFuture<ConsumerProfile> p = known != null ? CompletableFuture.completedFuture(known) : fetchProfile(cid);
    return p.thenCompose(profile -> {
      remember(profile);
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
      return query(convId, dialogId, 0);
    }

    @Override
    public void ownSequence(String dialogId, long seq) {
      // our own sequence right after the cursor leaves no gap; on the serial thread, the
      // cursor's only writer
      onSerial(() -> {
        Long cursor = stale.contains(dialogId) ? null
            : synced.computeIfPresent(dialogId, (k, c) -> c == seq - 1 ? seq : c);
        if (cursor != null && cursor == seq) {
          saveCursor(dialogId);
        }
      });
    }
  }

  private CompletableFuture<Long> publish(String convId, String dialogId, JsonNode event, String localId) {
    ObjectNode body = Requests.publishEvent(convId, dialogId, event);
    ArrayNode meta = localId == null ? null : Requests.externalId(localId);
    return ums.request(".ams.ms.PublishEvent", body, meta, false).thenApply(r -> Json.num(r, "sequence", -1));
  }

  @Override
  public CompletableFuture<Message> sendFile(String conversationId, Path file, String caption) {
    return guard(() -> {
      Conversation c = writable(conversationId);
      // reading the file and decoding its preview run off the caller's thread (a console's)
      return CompletableFuture.supplyAsync(() -> readForUpload(file), blocking)
          .thenCompose(up -> upload(c, up, caption));
    });
  }

  private record Upload(byte[] bytes, String type, String preview) {}

  private static Upload readForUpload(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new LpaException(Kind.INVALID, "cannot read " + file + ": " + e.getMessage(), e);
    }
    if (bytes.length == 0 || bytes.length > MAX_FILE_BYTES) {
      throw new LpaException(Kind.INVALID, "a file must have 1 byte to 5 MB, " + file + " has " + bytes.length);
    }
    String type = Thumbnails.fileType(file, bytes);
    return new Upload(bytes, type, Thumbnails.preview(bytes, PREVIEW_MAX_BYTES));
  }

  private CompletableFuture<Message> upload(Conversation c, Upload up, String caption) {
    byte[] bytes = up.bytes();
    String type = up.type();
    String preview = up.preview();
    {
      ObjectNode req = Requests.generateUrlForUploadFile(bytes.length, type);
      return ums.request(".ams.ms.GenerateURLForUploadFile", req).thenCompose(ans -> rest.fileUrl(ans)
          .thenCompose(url -> rest.upload(url, bytes, Thumbnails.mime(type)))
          .thenCompose(v -> {
            return viaOutbox(c, "file", Requests.hostedFile(caption, Json.text(ans, "relativePath"), type, preview));
          }));
    }
  }

  @Override
  public String fillCanned(CannedResponse canned, String conversationId) {
    Conversation c = conversation(conversationId);
    JsonNode u = meUser;
    Map<String, String> v = new LinkedHashMap<>();
    String nick = u == null ? me.displayName() : first(Json.text(u, "nickname"), me.displayName());
    String full = u == null ? me.displayName() : first(Json.text(u, "fullName"), me.displayName());
    v.put("agent nickname", nick);
    v.put("agent name", full);
    v.put("agent email", u == null ? "" : first(Json.text(u, "email"), ""));
    JsonNode sk = skillConfig.get(c.skillId());
    v.put("skill name", first(c.skillName(), sk == null ? null : Json.text(sk, "name"), ""));
    v.put("skill description", sk == null ? "" : first(Json.text(sk, "description"), ""));
    ConsumerProfile p = c.consumer();
    String cname = p == null || (p.firstName() == null && p.lastName() == null) ? "" : p.displayName();
    v.put("consumer name", cname);
    v.put("consumer first name", p == null ? "" : first(p.firstName(), ""));
    v.put("consumer email", p == null ? "" : first(p.email(), ""));
    v.put("consumer phone", p == null ? "" : first(p.phone(), ""));
    String text = canned.text() == null ? "" : canned.text();
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf('{', i);
      int close = open < 0 ? -1 : text.indexOf('}', open);
      if (open < 0 || close < 0) {
        out.append(text, i, text.length());
        break;
      }
      out.append(text, i, open);
      String key = text.substring(open + 1, close).trim().toLowerCase(Locale.ROOT).replace('.', ' ').replace('_', ' ');
      String val = v.get(key);
      out.append(val != null ? val : text.substring(open, close + 1));
      i = close + 1;
    }
    return out.toString();
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

  // --- conversation actions ---

  private CompletableFuture<Void> update(Conversation c, ArrayNode fields) {
    return ums.request(".ams.cm.UpdateConversationField", Requests.updateConversationField(c.id(), fields))
        .thenApply(r -> null);
  }

  private CompletableFuture<Void> privateNote(Conversation c, String note) {
    if (note == null || note.isBlank()) {
      return CompletableFuture.completedFuture(null);
    }
    return ums.request(".ams.ms.PublishEvent", Requests.privateNote(c.id(), c.mainDialogId(), note), null, false).thenApply(r -> null);
  }

  private String assignedId(Conversation c) {
    Participant a = c.participants().stream()
        .filter(p -> p.role() == Role.ASSIGNED_AGENT && !p.suggested()).findFirst().orElse(null);
    if (a == null) {
      throw new LpaException(Kind.INVALID, "conversation " + c.id() + " has no assigned agent");
    }
    return a.id();
  }

  @Override
  public CompletableFuture<Void> transferToSkill(String conversationId, String skillId, String note) {
    return guard(() -> {
      Conversation c = openConversation(conversationId);
      if (skillId == null || skillId.isBlank()) {
        throw new LpaException(Kind.INVALID, "no target skill");
      }
      ArrayNode f = Requests.toSkill(assignedId(c), skillId);
      return privateNote(c, note).thenCompose(v -> update(c, f));
    });
  }

  @Override
  public CompletableFuture<Void> transferToAgent(String conversationId, String agentUserId, String note) {
    return guard(() -> {
      Conversation c = openConversation(conversationId);
      if (agentUserId == null || agentUserId.isBlank()) {
        throw new LpaException(Kind.INVALID, "no target agent");
      }
      String assigned = assignedId(c);
      return agentLegacyId(agentUserId.trim()).thenCompose(target -> {
        ArrayNode f = Requests.toAgent(assigned, target, c.skillId());
        return privateNote(c, note).thenCompose(v -> update(c, f));
      });
    });
  }

  /** A user id ("1002"), legacy id ("acct.1002") or login name ("agent2") as the legacy id. */
  private CompletableFuture<String> agentLegacyId(String agent) {
    if (agent.matches("\\d+")) {
      return CompletableFuture.completedFuture(me.accountId() + "." + agent);
    }
    if (agent.matches("\\d+\\.\\d+")) {
      return CompletableFuture.completedFuture(agent);
    }
    return rest.users().thenApply(users -> {
      for (JsonNode u : users) {
        if (agent.equalsIgnoreCase(Json.text(u, "loginName"))) {
          return me.accountId() + "." + Json.text(u, "id");
        }
      }
      throw new LpaException(Kind.NOT_FOUND, "no agent " + agent);
    });
  }

  @Override
  public CompletableFuture<Void> returnToQueue(String conversationId) {
    return guard(() -> {
      Conversation c = openConversation(conversationId);
      ArrayNode f = Requests.participantsChange("REMOVE", assignedId(c), "ASSIGNED_AGENT");
      if (c.myRole() != null || !me.manager()) {
        return update(c, f);
      }
      // the app's manager returns to the queue without joining; LivePerson's API takes the change
      // only from a participant, so, as the app does inside, join, return, then leave again (a failed
      // leave only leaves the manager joined; the return's own failure is what the caller hears)
      ArrayNode join = Requests.participantsChange("ADD", me.userId(), "MANAGER");
      ArrayNode leave = Requests.participantsChange("REMOVE", me.userId(), "MANAGER");
      return update(c, join).thenCompose(v -> update(c, f).handle((ok, err) -> err))
          .thenCompose(err -> update(c, leave).handle((ok, leaveErr) -> {
            if (err != null) {
              throw err instanceof java.util.concurrent.CompletionException ce ? ce : new java.util.concurrent.CompletionException(err);
            }
            return null;
          }));
    });
  }

  @Override
  public CompletableFuture<Void> close(String conversationId) {
    return guard(() -> {
      Conversation c = openConversation(conversationId);
      if (me.manager() && c.myRole() == null) {
        // LivePerson's API would let a manager close it (its close bots do); the app lets a
        // manager end only what is assigned to it or what it joined
        throw new LpaException(Kind.FORBIDDEN, "a manager ends only conversations assigned to it or that it joined"
            + " (lpa join " + c.id().substring(0, 8) + " first)");
      }
      return update(c, Requests.closeConversation());
    });
  }

  @Override
  public CompletableFuture<Void> join(String conversationId, boolean silent) {
    return guard(() -> {
      Conversation c = openConversation(conversationId);
      return update(c, Requests.participantsChange("ADD", me.userId(), silent ? "READER" : "MANAGER"));
    });
  }

  @Override
  public CompletableFuture<Void> leave(String conversationId) {
    return guard(() -> {
      Conversation c = conversation(conversationId);
      Role role = c.myRole();
      if (role == null) {
        throw new LpaException(Kind.INVALID, "not a participant of " + c.id());
      }
      return update(c, Requests.participantsChange("REMOVE", me.userId(), role.name()));
    });
  }

  @Override
  public CompletableFuture<Void> setUrgent(String conversationId, boolean urgent) {
    return guard(() -> {
      Conversation c = openConversation(conversationId);
      JsonNode sk = skillConfig.get(c.skillId());
      long secs = urgent ? positive(Json.num(sk, "slaUrgentResponseTime", 0), 600)
          : positive(Json.num(sk, "slaDefaultResponseTime", 0), 3600);
      return update(c, Requests.ttr(urgent, secs));
    });
  }

  private static long positive(long v, long dflt) {
    return v > 0 ? v : dflt;
  }

  @Override
  public CompletableFuture<Void> setManualDueTime(String conversationId, Instant due) {
    return guard(() -> {
      Conversation c = openConversation(conversationId);
      return update(c, Requests.manualEttr(due));
    });
  }

  /** The CSDS service by which the simulator announces the extras LivePerson documents no API for. */
  static final String SIMULATOR_EXTRAS = "lpaSimulatorExtras";

  /**
   * Fails with one line, before any request, unless the account's CSDS announces the simulator's
   * extras: LivePerson's documentation and SDK give agent applications no way to do {@code what}.
   */
  private CompletableFuture<Void> simulatorOnly(String what) {
    return auth.domains().all().thenAccept(m -> {
      if (!m.containsKey(SIMULATOR_EXTRAS)) {
        throw new LpaException(Kind.ERROR, what + " works on the simulator only: LivePerson documents"
            + " no way for an agent application to do it");
      }
    });
  }

  @Override
  public CompletableFuture<CallInvitation> inviteCall(String conversationId, String mode) {
    return guard(() -> {
      Conversation c = openConversation(conversationId);
      String m = mode == null ? "VIDEO_CALL" : mode.toUpperCase(Locale.ROOT);
      if (!m.equals("VIDEO_CALL") && !m.equals("VOICE_CALL")) {
        throw new LpaException(Kind.INVALID, "call mode must be VIDEO_CALL or VOICE_CALL");
      }
      return simulatorOnly("a call invitation").thenCompose(ok -> callInvitation(c, m));
    });
  }

  private CompletableFuture<CallInvitation> callInvitation(Conversation c, String m) {
    String dialogId = UUID.randomUUID().toString();
    String consumerId = c.consumer() == null ? "" : c.consumer().id();
    String serviceId = consumerId + "#" + UUID.randomUUID();
    Instant now = clock.instant();
    ArrayNode f = Requests.callDialog(dialogId, consumerId, me.userId(), m, serviceId, now);
    CompletableFuture<Dialog> shown = until(s -> {
      Conversation x = s.conversations().get(c.id());
      return x == null ? null : x.dialogs().stream().filter(dd -> "COBROWSE".equals(dd.channelType())
          && (dialogId.equals(dd.id()) || serviceId.equals(dd.metaData().get("serviceId")))).findFirst().orElse(null);
    });
    return update(c, f).thenCompose(v -> shown.exceptionally(CoreLog.ignore("the call dialog's notification")))
        .thenCompose(dialog -> {
      String link = dialog == null ? null : first(dialog.metaData().get("agentUrl"), dialog.metaData().get("callLink"));
      String state = dialog == null ? "INVITED" : first(dialog.metaData().get("sessionState"), "INVITED");
      String did = dialog == null ? dialogId : dialog.id();
      if (link != null) {
        return CompletableFuture.completedFuture(new CallInvitation(c.id(), did, m, state, link));
      }
      return auth.domains().host("asyncMessagingEnt", "facadeMsg").thenApply(h -> new CallInvitation(c.id(), did, m,
          state, auth.http().base(h) + "/call/" + java.net.URLEncoder.encode(serviceId, java.nio.charset.StandardCharsets.UTF_8)));
    });
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
    return guard(() -> {
      Conversation c = conversation(conversationId);
      Message sub = state.get().messagesOf(c.id()).stream()
          .filter(m -> m.content() instanceof Message.FormSubmission fs && submissionId.equals(fs.submissionId()))
          .findFirst().orElseThrow(() -> new LpaException(Kind.NOT_FOUND, "no form submission " + submissionId));
      String invitation = ((Message.FormSubmission) sub.content()).invitationId();
      ObjectNode body = Requests.generateDownloadToken(sub.dialogId(), submissionId, invitation);
      return simulatorOnly("reading a secure form")
          .thenCompose(ok -> ums.request(".ams.ms.token.GenerateDownloadToken", body)).thenCompose(ans -> {
        JsonNode tok = ans.path("token");
        String otk = first(Json.text(tok, "readOtk"), Json.text(ans, "readOtk"), Json.text(ans, "token"));
        if (otk == null) {
          throw new LpaException(Kind.ERROR, "no read token in the answer");
        }
        return auth.domains().all().thenCompose(m -> {
          String host = first(m.get("pciGateway"), m.get("asyncMessagingEnt"), m.get("facadeMsg"));
          return rest.getAbsolute(auth.http().base(host) + "/forms/" + submissionId + "?token=" + otk, "secure form");
        });
      }).thenApply(DefaultWorkspace::formValues);
    });
  }

  static Map<String, String> formValues(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode values = n.has("values") ? n.get("values") : n.has("fields") ? n.get("fields") : n;
    if (values.isArray()) {
      for (JsonNode v : values) {
        out.put(Json.text(v, "name"), Json.text(v, "value"));
      }
    } else if (values.isObject()) {
      values.properties().forEach(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
          : Json.write(e.getValue())));
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public CompletableFuture<Path> downloadFile(String relativePath, Path target) {
    return guard(() -> downloadNow(relativePath, target));
  }

  private CompletableFuture<Path> downloadNow(String relativePath, Path target) {
    return ums.request(".ams.ms.GenerateURLForDownloadFile", Requests.generateUrlForDownloadFile(relativePath))
        .thenCompose(rest::fileUrl).thenCompose(rest::download).thenApply(bytes -> {
          try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
              Files.createDirectories(parent);
            }
            Path tmp = Files.createTempFile(parent, ".lpa-download", ".part");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
          } catch (IOException e) {
            throw new LpaException(Kind.ERROR, "cannot write " + target + ": " + e.getMessage(), e);
          }
        });
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
      return fetchProfile(cid).thenApply(p -> {
        remember(p);
        feed(new Reducer.ConsumerKnown(p));
        return p;
      });
    });
  }

  private CompletableFuture<ConsumerProfile> fetchProfile(String consumerId) {
    return lookupWindow.submit(() -> ums.request(".ams.userprofile.GetUserProfile", Requests.getUserProfile(consumerId)))
        .thenApply(body -> Profiles.consumer(consumerId, body));
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
