package dev.lpa.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import dev.lpa.core.LpaException;
import dev.lpa.core.bulk.BulkExecutor;
import dev.lpa.core.bulk.BulkPlan;
import dev.lpa.core.bulk.BulkPlanner;
import dev.lpa.core.bulk.ConversationFilter;
import dev.lpa.core.bulk.BulkResult;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.CannedResponse;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Ring;
import dev.lpa.core.model.RingDetails;
import dev.lpa.core.model.Role;
import dev.lpa.core.model.Skill;
import dev.lpa.core.sla.Urgency;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.usecase.MyConversations;
import dev.lpa.core.usecase.Rings;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceEvent;
import dev.lpa.core.workspace.WorkspaceState;
import dev.lpa.tui.keys.Action;
import dev.lpa.tui.keys.Context;
import dev.lpa.tui.keys.Key;
import dev.lpa.tui.keys.KeyText;
import dev.lpa.tui.keys.Keymap;
import dev.lpa.tui.view.ChatItem;
import dev.lpa.tui.view.ChatItems;
import dev.lpa.tui.view.ConversationList;
import dev.lpa.tui.view.ListRow;
import dev.lpa.tui.view.ListScope;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The full-screen agent console: conversation list and chat over a core {@link Workspace}.
 *
 * <h2>Entry points (stable; the cli calls them)</h2>
 *
 * <ul>
 *   <li>{@link #run(Workspace, ConsoleOptions)} opens a Lanterna screen on the real terminal,
 *       runs until the user quits or logs out, and returns the process exit code (0). Pass a
 *       {@code null} workspace together with {@link ConsoleOptions#login()} to start on the login
 *       screen.
 *   <li>{@link #Console(Terminal, Clock, ConsoleOptions, Workspace)} builds a console on any
 *       Lanterna terminal (tests use {@code DefaultVirtualTerminal}) with an injected clock; call
 *       {@link #start()}, then {@link #tick()} repeatedly (or {@link #loop()}), then
 *       {@link #close()}.
 * </ul>
 *
 * <p>Threading: everything here runs on one UI thread. Core calls back on its own threads; those
 * callbacks only enqueue work that {@link #tick()} runs, so no future is ever waited on.
 */
public final class Console implements AutoCloseable {
  enum Mode { LOGIN, MAIN }

  private final Terminal terminal;
  private final Screen screen;
  final Clock clock;
  final ConsoleOptions opts;
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final ExecutorService blocking;
  private final Notifier notifier;

  // --- UI state (UI thread only) ---
  final ConsoleModel model = new ConsoleModel();
  private final Keymap keymap;
  Theme theme;
  Messages text;
  NotifyMode notifyMode;
  Mode mode;
  Workspace ws;
  private boolean ownsWorkspace;
  private final List<AutoCloseable> subscriptions = new ArrayList<>();
  WorkspaceState state;
  LoginForm login;
  /** Agent names by legacy id ({@code account.userId}) and user id, for the managers' "All" tab. */
  final Map<String, String> agentNames = new HashMap<>();
  final Map<String, List<Workspace.ConversationWithMessages>> previous = new HashMap<>();
  private final Set<String> loadingPrevious = new HashSet<>();
  /** The conversation each ring offers, from the RingOffered event (it may not be in the list). */
  final Map<String, Conversation> ringConversations = new HashMap<>();
  /**
   * New rings not yet announced, by ring id, oldest first: the notification waits (at most
   * {@link #RING_NAME_WAIT}) for core's look-up to name the consumer.
   */
  final Map<String, PendingRingNotice> ringNotices = new LinkedHashMap<>();
  /** Skill names by id, for rings that arrive before their conversation is known. */
  final Map<String, String> skillNames = new HashMap<>();
  private boolean accepting;
  private boolean typingSent;
  private boolean running;
  private int exitCode;
  private boolean dirty = true;
  /** The last unexpected exception a key or callback threw (tests assert there was none). */
  RuntimeException lastFailure;
  /** The conversation of the last overdue or message notification (Ctrl+G goes there). */
  String lastNotified;
  private Instant startedAt = Instant.EPOCH;
  private boolean openSeen;
  private long lastSecond = -1;
  private final ScreenRenderer renderer = new ScreenRenderer(this);

  /** Opens the real terminal and runs until quit or logout. */
  public static int run(Workspace ws, ConsoleOptions opts) {
    try {
      // never a Swing window (a desktop session would get one when stdin is not a tty), and
      // Ctrl+C arrives as a key so quitting restores the terminal properly
      // ConsoleTerminal fixes Lanterna's UTF-8 output (NUL bytes, broken emoji); Windows has no stty
      boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
      Terminal t = windows
          ? new DefaultTerminalFactory()
              .setForceTextTerminal(true)
              .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP)
              .createTerminal()
          : new ConsoleTerminal(System.in, System.out, java.nio.charset.Charset.defaultCharset(),
              UnixLikeTerminal.CtrlCBehaviour.TRAP);
      try (Console c = new Console(t, Clock.systemDefaultZone(), opts, ws)) {
        c.start();
        return c.loop();
      }
    } catch (IOException e) {
      throw new LpaException(LpaException.Kind.ERROR, "cannot open the terminal: " + e.getMessage(), e);
    }
  }

  /**
   * @param ws the logged-in workspace, or null to start on the login screen (needs
   *     {@link ConsoleOptions#login()})
   */
  public Console(Terminal terminal, Clock clock, ConsoleOptions opts, Workspace ws) throws IOException {
    if (ws == null && opts.login() == null) {
      throw new IllegalArgumentException("a workspace or a login handler is needed");
    }
    this.terminal = terminal;
    this.screen = new TerminalScreen(terminal);
    this.clock = clock;
    this.opts = opts;
    this.theme = Theme.resolve(opts.theme(), opts.env());
    this.text = new Messages(opts.locale());
    this.notifyMode = opts.notifications();
    this.keymap = ConsoleSettings.keymap(opts.settingsFile());
    this.blocking = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "lpa-tui-blocking");
      t.setDaemon(true);
      return t;
    });
    this.notifier = new Notifier(opts.notifications(), opts.env(), this::bell, this::raw);
    if (ws != null) {
      this.ws = ws;
      this.mode = Mode.MAIN;
    } else {
      this.mode = Mode.LOGIN;
      this.login = new LoginForm(opts.login().rememberedAccount());
    }
  }

  public void start() throws IOException {
    startedAt = clock.instant();
    screen.startScreen();
    running = true;
    if (!keymap.problems().isEmpty()) {
      // a mistyped binding keeps the default key; say so once rather than silently
      model.error(text.get("status.badKey", keymap.problems().get(0)), now());
    }
    if (ws != null) {
      bind(ws, false);
    }
    render();
  }

  /** Runs until the user quits or logs out; returns the exit code. */
  public int loop() {
    while (tick()) {
      try {
        Thread.sleep(15);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return exitCode;
  }

  /**
   * One round: reads pending keys, runs queued callbacks, re-lays out after a resize, redraws
   * when something changed. Returns false once the console has finished.
   */
  public boolean tick() {
    if (!running) {
      return false;
    }
    try {
      KeyStroke k;
      while (running && (k = screen.pollInput()) != null) {
        if (k.getKeyType() == KeyType.EOF) {
          quit();
          break;
        }
        try {
          handleKey(k);
        } catch (RuntimeException e) {
          failed(e);
        }
        dirty = true;
      }
      Runnable r;
      while ((r = queue.poll()) != null) {
        try {
          r.run();
        } catch (RuntimeException e) {
          failed(e);
        }
        dirty = true;
      }
      dropVanishedConversation();
      announceRings();
      if (screen.doResizeIfNecessary() != null) {
        dirty = true;
      }
      long sec = clock.instant().getEpochSecond();
      if (sec != lastSecond) {
        lastSecond = sec;
        dirty = true; // countdowns and due-in times move every second
      }
      if (running && dirty) {
        render();
      }
    } catch (IOException e) {
      quit();
    }
    return running;
  }

  /**
   * A conversation that left the state without a removal event (a snapshot after a reconnect)
   * must not keep its model.composer(). One just accepted may not be in the state yet, so only a
   * conversation seen before counts as gone.
   */
  private void dropVanishedConversation() {
    if (model.openId() == null || state == null) {
      openSeen = false;
      return;
    }
    if (state.conversations().containsKey(model.openId())) {
      openSeen = true;
    } else if (openSeen) {
      deselect();
    }
  }

  /** A bug in one key or callback shows in the status line instead of ending the session. */
  private void failed(RuntimeException e) {
    lastFailure = e;
    error(e);
  }

  public int exitCode() {
    return exitCode;
  }

  public boolean running() {
    return running;
  }

  @Override
  public void close() {
    running = false;
    unbind();
    if (ownsWorkspace && ws != null) {
      ws.close();
    }
    blocking.shutdownNow();
    try {
      screen.stopScreen();
    } catch (IOException | RuntimeException e) {
      // the terminal is going away anyway
    }
  }

  // ---------------------------------------------------------------- workspace

  private void bind(Workspace w, boolean owns) {
    this.ws = w;
    this.ownsWorkspace = owns;
    this.state = w.state();
    try {
      subscriptions.add(w.onState(s -> post(() -> state = s)));
      subscriptions.add(w.onEvent(e -> post(() -> onEvent(e))));
    } catch (RuntimeException e) {
      error(e);
    }
    try {
      w.ready().whenComplete((s, err) -> {
        if (err != null) {
          post(() -> error(err));
        }
      });
    } catch (RuntimeException e) {
      error(e);
    }
    call(w::skills, null, skills -> skills.forEach(s -> skillNames.put(s.id(), SafeText.line(s.name()))));
    if (manager()) {
      String account = state.me().accountId();
      call(w::agents, null, agents -> agents.forEach(a -> {
        String name = SafeText.line(a.fullName() != null && !a.fullName().isBlank() ? a.fullName() : a.loginName());
        agentNames.put(a.userId(), name);
        agentNames.put(account + "." + a.userId(), name);
        if (a.pid() != null) {
          agentNames.put(a.pid(), name);
        }
      }));
    }
    if (model.cursorId() == null) {
      List<ListRow> rows = rows();
      model.placeCursor(rows.isEmpty() ? null : rows.get(0).conversationId());
    }
  }

  private void unbind() {
    ringNotices.clear();
    for (AutoCloseable s : subscriptions) {
      try {
        s.close();
      } catch (Exception e) {
        // nothing to do: the workspace is going away
      }
    }
    subscriptions.clear();
  }

  private void post(Runnable r) {
    queue.add(r);
  }

  void onEvent(WorkspaceEvent e) {
    if (e instanceof WorkspaceEvent.RingOffered ro) {
      if (ro.conversation() != null) {
        ringConversations.put(ro.ring().ringId(), ro.conversation());
      }
      ringNotices.put(ro.ring().ringId(), new PendingRingNotice(ro.ring(), ro.conversation(), now()));
      announceRings();
    } else if (e instanceof WorkspaceEvent.RingEnded re) {
      ringConversations.remove(re.ring().ringId());
      // a ring gone before anyone could be named is no longer news
      ringNotices.remove(re.ring().ringId());
    } else if (e instanceof WorkspaceEvent.BecameOverdue bo) {
      Conversation c = bo.conversation();
      lastNotified = c.id();
      notifier.notify(text.get("notify.overdue", ConversationList.consumerName(c)),
          c.lastMessage() == null ? "" : c.lastMessage().excerpt());
    } else if (e instanceof WorkspaceEvent.MessageAdded ma) {
      Message m = ma.message();
      // history arriving with the first snapshot or a reconnect is not news
      boolean fresh = m.time() == null || !m.time().isBefore(startedAt.minusSeconds(5));
      if (m.sender() == Message.Sender.CONSUMER && fresh) {
        boolean onScreen = m.conversationId().equals(model.openId()) && (model.focus() == ConsoleModel.Pane.CHAT || layout() == LayoutMode.SPLIT);
        if (onScreen) {
          markRead(m.conversationId());
        } else {
          lastNotified = m.conversationId();
          Conversation c = conv(m.conversationId());
          String who = c == null ? SafeText.line(m.senderName()) : ConversationList.consumerName(c);
          notifier.notify(text.get("notify.message", who), m.excerpt());
        }
      }
    } else if (e instanceof WorkspaceEvent.ConversationRemoved cr) {
      model.unmark(cr.conversationId());
      if (cr.conversationId().equals(model.openId())) {
        deselect();
      }
    }
  }

  /** How long a ring's notification waits for the consumer's name before it names the id. */
  static final Duration RING_NAME_WAIT = Duration.ofSeconds(2);

  record PendingRingNotice(Ring ring, Conversation conversation, Instant offered) {}

  /**
   * Notifies the rings whose consumer now has a name, and those that waited long enough: a ring
   * usually arrives before core's look-up of who rings, and a notification naming an id is
   * little use to someone looking at another window.
   */
  void announceRings() {
    if (ringNotices.isEmpty()) {
      return;
    }
    Instant now = now();
    for (var it = ringNotices.values().iterator(); it.hasNext(); ) {
      PendingRingNotice p = it.next();
      RingDetails details = state == null ? null : state.ringDetailsOf(p.ring());
      String name = namedCaller(details, p.conversation());
      boolean waitedEnough = !now.isBefore(p.offered().plus(RING_NAME_WAIT));
      if (name == null && !waitedEnough) {
        continue;
      }
      it.remove();
      String who = name != null ? name
          : p.conversation() != null ? ConversationList.consumerName(p.conversation())
          : ConversationList.shortId(SafeText.line(p.ring().consumerId()));
      String excerpt = "";
      if (details != null && details.lastConsumerMessage() != null) {
        excerpt = details.lastConsumerMessage().excerpt();
      } else if (p.conversation() != null && p.conversation().lastMessage() != null) {
        excerpt = p.conversation().lastMessage().excerpt();
      }
      notifier.notify(text.get("notify.ring", who), excerpt);
    }
  }

  /** The consumer's name (made safe) when something names them, not only by id; else null. */
  private static String namedCaller(RingDetails details, Conversation conv) {
    ConsumerProfile p = details == null ? null : details.consumer();
    if (p != null && !p.displayName().equals(p.id())) {
      return SafeText.line(p.displayName());
    }
    if (conv != null && conv.consumer() != null && !conv.consumer().displayName().equals(conv.consumer().id())) {
      return SafeText.line(conv.consumer().displayName());
    }
    return null;
  }

  // ---------------------------------------------------------------- derived state

  LayoutMode layout() {
    return LayoutMode.forWidth(screen.getTerminalSize().getColumns());
  }

  TerminalSize size() {
    return screen.getTerminalSize();
  }

  /** The screen the console draws on (tests compare it with what reached the terminal). */
  Screen screen() {
    return screen;
  }

  Instant now() {
    return clock.instant();
  }

  List<ListRow> rows() {
    if (state == null) {
      return List.of();
    }
    return ConversationList.rowsOf(state, now(), ordered(model.filter()), model.marked(), model.markErrors());
  }

  /** The list without the filter (header counts). */
  List<ListRow> allRows() {
    return state == null ? List.of() : ConversationList.rowsOf(state, now(), ordered(null), model.marked(), model.markErrors());
  }

  private record OrderKey(ListScope scope, String filter) {}

  private final Map<OrderKey, List<Conversation>> orderCache = new HashMap<>();
  private WorkspaceState orderState;
  private long orderMinute;

  /**
   * The list's conversations in order, sorted once per snapshot (keys and frames in between reuse
   * it); the minute counts because closed conversations leave the list after a day.
   */
  private List<Conversation> ordered(String f) {
    long minute = now().getEpochSecond() / 60;
    if (orderState != state || orderMinute != minute || orderCache.size() > 8) {
      orderCache.clear(); // snapshots are immutable: a new one is the only change
      orderState = state;
      orderMinute = minute;
    }
    return orderCache.computeIfAbsent(new OrderKey(model.scope(), f), k -> ConversationList.order(state, now(), model.scope(), f));
  }

  boolean manager() {
    return state != null && state.me() != null && state.me().manager();
  }

  Conversation conv(String id) {
    return id == null || state == null ? null : state.conversations().get(id);
  }

  Conversation openConversation() {
    return conv(model.openId());
  }

  List<ChatItem> chatItems() {
    Conversation c = openConversation();
    if (c == null) {
      return List.of();
    }
    return ChatItems.build(c, state.messagesOf(c.id()), previous.get(c.id()), text, opts.zone(), theme != Theme.MONO);
  }

  /** The ring the accept keys answer: core's rule, the same as {@code lpa accept --next}. */
  Ring waitingRing() {
    // core looks up who rings (WorkspaceState#ringDetailsOf): the banner only reads the state
    return Rings.next(state).orElse(null);
  }

  long waitingRingCount() {
    return Rings.waiting(state);
  }

  /** Open conversations assigned to me: what the logout prompt offers to return. */
  List<Conversation> myOpen() {
    return MyConversations.open(state);
  }

  String statusText() {
    return model.status(now());
  }

  // ---------------------------------------------------------------- status

  void info(String msg) {
    model.info(msg, now());
  }

  void error(Throwable t) {
    LpaException e = LpaException.from(t);
    String msg = e.getMessage() == null ? e.kind().name() : e.getMessage();
    model.error(text.get("status.error", text.get("error." + e.kind().name()), SafeText.line(msg)), now());
  }

  /** Runs a workspace call; its outcome comes back through the UI queue. */
  private <T> void call(Supplier<CompletableFuture<T>> op, String progress, Consumer<T> ok) {
    if (progress != null) {
      info(progress);
    }
    CompletableFuture<T> f;
    try {
      f = op.get();
    } catch (RuntimeException e) {
      error(e);
      return;
    }
    f.whenComplete((v, err) -> post(() -> {
      if (err != null) {
        error(err);
      } else {
        ok.accept(v);
      }
    }));
  }

  private void bell() {
    try {
      terminal.bell();
    } catch (IOException e) {
      // a bell that cannot ring is not worth stopping for
    }
  }

  private void raw(String s) {
    if (opts.rawOutput() != null) {
      opts.rawOutput().accept(s);
    }
  }

  private void openSignIn(LoginForm f, URI uri) {
    try {
      opts.browser().accept(uri);
    } catch (RuntimeException e) {
      f.address = uri.toString();
    }
  }

  private void open(URI uri) {
    try {
      opts.browser().accept(uri);
    } catch (RuntimeException e) {
      info(text.get("status.openManually", uri.toString()));
    }
  }

  // ---------------------------------------------------------------- rendering

  private void render() throws IOException {
    dirty = false;
    model.shown(renderer.draw(screen));
    screen.refresh();
  }

  // ---------------------------------------------------------------- keys

  void handleKey(KeyStroke k) {
    if (mode == Mode.LOGIN) {
      loginKey(k);
      return;
    }
    if (model.hasOverlay()) {
      overlayKey(model.overlay(), k);
      return;
    }
    if (model.filterEditing()) {
      filterKey(k);
      return;
    }
    if (model.chatFocused()) {
      if (!chatKey(k)) {
        globalKey(keymap.action(Context.GLOBAL, k));
      }
    } else if (!listKey(keymap.action(Context.LIST, k))) {
      globalKey(keymap.action(Context.GLOBAL, k));
    }
  }

  /** The keys read from the keymap; {@link KeyText} writes the hints and help from the same one. */
  Keymap keymap() {
    return keymap;
  }

  KeyText keyText() {
    return new KeyText(keymap, text);
  }

  private boolean globalKey(Action a) {
    if (a == null) {
      return false;
    }
    switch (a) {
      case HELP -> showHelp();
      case SETTINGS -> showDrawer();
      case ACCEPT -> acceptRing();
      case ACTIONS -> showActions();
      case ATTACH -> showAttachments();
      case QUIT -> quit();
      case GO_NOTIFIED -> {
        if (lastNotified != null && ConversationList.indexOf(rows(), lastNotified) >= 0) {
          openConversation(lastNotified);
        } else {
          info(text.get("status.noNotification"));
        }
      }
      case SWITCH_PANE -> model.toggleFocus();
      default -> {
        return false;
      }
    }
    return true;
  }

  private boolean listKey(Action a) {
    if (a == null) {
      return false;
    }
    List<ListRow> rows = rows();
    int i = ConversationList.indexOf(rows, model.cursorId());
    switch (a) {
      case DOWN -> moveCursor(rows, i < 0 ? 0 : Math.min(rows.size() - 1, i + 1));
      case UP -> moveCursor(rows, i < 0 ? 0 : Math.max(0, i - 1));
      case FIRST -> moveCursor(rows, 0);
      case LAST -> moveCursor(rows, rows.size() - 1);
      case PAGE_DOWN -> moveCursor(rows, Math.min(rows.size() - 1, Math.max(0, i) + 5));
      case PAGE_UP -> moveCursor(rows, Math.max(0, i - 5));
      case OPEN -> {
        if (i >= 0) {
          openConversation(rows.get(i).conversationId());
        }
      }
      case FILTER -> model.startFilter();
      case NEXT_OVERDUE -> jumpOrSay(rows, ConversationList.next(rows, i, r -> r.urgency() == Urgency.OVERDUE), "status.noOverdue");
      case NEXT_UNREAD -> jumpOrSay(rows, ConversationList.next(rows, i, r -> r.unread() > 0), "status.noUnread");
      case MARK -> {
        if (i >= 0) {
          toggleMark(rows.get(i));
          moveCursor(rows, Math.min(rows.size() - 1, i + 1));
        }
      }
      case MARK_ALL -> markAll(rows);
      case RETURN_MARKED -> confirmReturnMarked();
      case LOGOUT -> startLogout();
      case SWITCH_TAB -> {
        if (manager()) {
          model.switchTab();
        }
      }
      case STATUS_FILTER -> {
        if (manager() && model.scope().tab() == ListScope.Tab.ALL) {
          showStatusFilter();
        }
      }
      case CLEAR -> {
        if (!model.marked().isEmpty()) {
          model.clearMarks();
        } else if (model.filter() != null) {
          model.clearFilter();
        }
      }
      default -> {
        return globalKey(a);
      }
    }
    return true;
  }

  private void jumpOrSay(List<ListRow> rows, int j, String key) {
    if (j < 0) {
      info(text.get(key));
    } else {
      moveCursor(rows, j);
    }
  }

  private void moveCursor(List<ListRow> rows, int index) {
    if (index < 0 || index >= rows.size()) {
      return;
    }
    model.moveCursor(rows.get(index).conversationId());
  }

  private void filterKey(KeyStroke k) {
    Action a = keymap.action(Context.FILTER, k);
    if (a == Action.CLEAR) {
      model.clearFilter();
    } else if (a == Action.KEEP_FILTER) {
      model.keepFilter();
      List<ListRow> rows = rows();
      if (!rows.isEmpty() && ConversationList.indexOf(rows, model.cursorId()) < 0) {
        model.placeCursor(rows.get(0).conversationId());
      }
    } else if (a == Action.DELETE_BACK) {
      model.backspaceFilter();
    } else if (a == Action.UP || a == Action.DOWN) {
      model.stopEditingFilter();
      listKey(a);
    } else if (a == null && k.getKeyType() == KeyType.Character && !k.isCtrlDown()) {
      model.typeFilter(k.getCharacter());
      List<ListRow> rows = rows();
      if (!rows.isEmpty()) {
        model.moveCursor(rows.get(0).conversationId());
      }
    }
  }

  /** The open chat was opened by accepting a ring, and nothing has been typed into it since. */
  private boolean openedByAccept;

  /**
   * Whether a plain {@code a} accepts the waiting ring: in the list always; in a chat only while
   * it is the one an accept just opened and its reply is empty, so {@code a} then {@code a}
   * accepts two rings. In any other chat, and once the agent writes, {@code a} is a letter and
   * F3 or Ctrl+R accept.
   */
  boolean letterAccepts() {
    if (waitingRing() == null) {
      return false;
    }
    boolean chat = (model.chatFocused() && openConversation() != null);
    return !chat || (openedByAccept && model.composer().text().isEmpty());
  }

  /**
   * A key in the chat; false leaves it to the global keys. A printable key types, whatever the
   * keymap binds it to in the chat, except the accept letter while {@link #letterAccepts()}.
   */
  private boolean chatKey(KeyStroke k) {
    Action a = keymap.action(Context.CHAT, k);
    boolean printable = Key.of(k).printable();
    if (printable && !(a == Action.ACCEPT && letterAccepts())) {
      Conversation c = openConversation();
      if (c != null && !c.open()) {
        info(text.get("chat.closed"));
        return true;
      }
      model.composer().insert(k.getCharacter());
      typing(true);
      return true;
    }
    if (a == null) {
      return false;
    }
    int page = Math.max(1, size().getRows() / 2);
    switch (a) {
      case ACCEPT -> acceptRing();
      case NEWLINE -> model.composer().newline();
      case SEND -> send();
      case BACK -> model.focusList();
      case DELETE_BACK -> {
        model.composer().backspace();
        if (model.composer().text().isEmpty()) {
          typing(false);
        }
      }
      case DELETE -> model.composer().delete();
      case LEFT -> model.composer().left();
      case RIGHT -> model.composer().right();
      case UP -> {
        if (!model.composer().up()) {
          scrollChat(1);
        }
      }
      case DOWN -> {
        if (!model.composer().down()) {
          scrollChat(-1);
        }
      }
      case HOME -> model.composer().home();
      case END -> model.composer().end();
      case PAGE_UP -> scrollChat(page);
      case PAGE_DOWN -> scrollChat(-page);
      case OPEN_PHOTO -> openNewestPhoto();
      default -> {
        return globalKey(a);
      }
    }
    return true;
  }

  private void scrollChat(int delta) {
    if (model.scrollChat(delta)) {
      loadPrevious();
    }
  }

  // ---------------------------------------------------------------- conversations

  void openConversation(String id) {
    openedByAccept = false;
    if (model.openId() != null && !model.openId().equals(id)) {
      typing(false);
    }
    model.open(id);
    openSeen = false;
    typingSent = false;
    Conversation c = conv(id);
    if (c != null && c.unread() > 0) {
      markRead(id);
    }
    if (state != null && state.messagesOf(id).isEmpty()) {
      call(() -> ws.loadMessages(id), null, v -> {});
    }
  }

  private void deselect() {
    model.deselect();
    openSeen = false;
  }

  private void markRead(String id) {
    call(() -> ws.markRead(id), null, v -> {});
  }

  private void typing(boolean on) {
    if (model.openId() == null || typingSent == on) {
      return;
    }
    typingSent = on;
    String id = model.openId();
    call(() -> ws.setTyping(id, on), null, v -> {});
  }

  private void send() {
    if (model.composer().isBlank() || model.openId() == null) {
      return;
    }
    String id = model.openId();
    String body = model.composer().text();
    model.composer().clear();
    model.chatToBottom();
    typingSent = false;
    call(() -> ws.sendText(id, body), null, m -> {});
  }

  private void loadPrevious() {
    String id = model.openId();
    if (id == null || previous.containsKey(id) || loadingPrevious.contains(id)) {
      return;
    }
    loadingPrevious.add(id);
    call(() -> ws.previousConversations(id), text.get("status.loadingPrevious"), list -> {
      loadingPrevious.remove(id);
      previous.put(id, list);
      info(list.isEmpty() ? text.get("status.noPrevious") : text.get("status.previousLoaded", list.size()));
    });
  }

  private void openNewestPhoto() {
    List<ChatItem> items = chatItems();
    for (int i = items.size() - 1; i >= 0; i--) {
      String path = items.get(i).filePath();
      if (path != null) {
        String name = Path.of(path).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        Path target = opts.downloadDir().resolve(name);
        call(() -> ws.downloadFile(path, target), text.get("status.downloading"), p -> open(p.toUri()));
        return;
      }
    }
    info(text.get("status.noPhoto"));
  }

  // ---------------------------------------------------------------- rings

  void acceptRing() {
    Ring r = waitingRing();
    if (r == null) {
      info(text.get("status.noRing"));
      return;
    }
    if (accepting) {
      return;
    }
    accepting = true;
    CompletableFuture<Conversation> f;
    try {
      f = ws.acceptRing(r.ringId());
    } catch (RuntimeException e) {
      accepting = false;
      error(e);
      return;
    }
    info(text.get("status.accepting"));
    f.whenComplete((c, err) -> post(() -> {
      accepting = false;
      if (err != null) {
        error(err);
      } else {
        Conversation known = conv(c.id());
        info(text.get("status.accepted", ConversationList.consumerName(known != null ? known : c)));
        openConversation(c.id());
        openedByAccept = true;
      }
    }));
  }

  // ---------------------------------------------------------------- marks and bulk

  private void toggleMark(ListRow row) {
    if (row.closed()) {
      return;
    }
    model.toggleMark(row.conversationId());
  }

  private void markAll(List<ListRow> rows) {
    List<String> open = rows.stream().filter(r -> !r.closed()).map(ListRow::conversationId).toList();
    model.markAll(open);
  }

  private void confirmReturnMarked() {
    if (model.marked().isEmpty()) {
      info(text.get("status.noMarks"));
      return;
    }
    int n = model.marked().size();
    push(new Overlay.Menu(text.get("confirm.returnMarked", n), List.of(
        Overlay.Item.of('y', text.get("confirm.yes"), () -> returnMarked()),
        Overlay.Item.of('n', text.get("confirm.no"), () -> {})), false));
  }

  /** Returns every marked conversation through core's bulk executor; failures stay marked. */
  private void returnMarked() {
    BulkPlan plan = plan(new ArrayList<>(model.marked()));
    runBulk(plan, results -> {
      for (BulkResult.ItemResult r : results.items()) {
        if (r.outcome() == BulkResult.Outcome.FAILED) {
          model.markFailed(r.conversationId(), r.detail());
        } else {
          model.unmark(r.conversationId());
        }
      }
      long failed = results.count(BulkResult.Outcome.FAILED);
      if (failed > 0) {
        model.error(text.get("status.bulkPartial", results.count(BulkResult.Outcome.DONE), failed), now());
      } else {
        info(text.get("status.bulkDone", results.count(BulkResult.Outcome.DONE)));
      }
      if (model.openId() != null && conv(model.openId()) != null && results.items().stream().anyMatch(
          r -> r.conversationId().equals(model.openId()) && r.outcome() == BulkResult.Outcome.DONE)) {
        deselect();
      }
    });
  }

  /** Core's planner decides what can go back (open, assigned, not pending a transfer) and why not. */
  private BulkPlan plan(List<String> ids) {
    return BulkPlanner.returnToQueue(state, ConversationFilter.none(), ids, now());
  }

  private void runBulk(BulkPlan plan, Consumer<BulkResult> done) {
    info(text.get("status.bulkRunning", plan.targets().size()));
    CompletableFuture<BulkResult> f;
    try {
      f = BulkExecutor.run(plan, id -> ws.returnToQueue(id), 4, null);
    } catch (RuntimeException e) {
      error(e);
      return;
    }
    f.whenComplete((r, err) -> post(() -> {
      if (err != null) {
        error(err);
      } else {
        done.accept(r);
      }
    }));
  }

  // ---------------------------------------------------------------- overlays

  void push(Overlay o) {
    model.push(o);
  }

  /** What the console shows beyond the workspace state (tests read it; only transitions change it). */
  ConsoleModel model() {
    return model;
  }

  private void overlayKey(Overlay o, KeyStroke k) {
    if (o instanceof Overlay.Info) {
      if (keymap.action(Context.INFO, k) == Action.CLOSE) {
        model.pop();
      }
      return;
    }
    Action a = keymap.action(Context.MENU, k);
    boolean typed = a == null && k.getKeyType() == KeyType.Character && !k.isCtrlDown();
    if (a == Action.CLOSE) {
      model.pop();
    } else if (o instanceof Overlay.Menu m) {
      if (a == Action.DOWN) {
        m.move(1);
      } else if (a == Action.UP) {
        m.move(-1);
      } else if (a == Action.PICK) {
        pick(m, m.current());
      } else if (m.searchable && a == Action.DELETE_BACK) {
        if (m.query.length() > 0) {
          m.query.setLength(m.query.length() - 1);
          m.queryChanged();
        }
      } else if (typed) {
        if (m.searchable) {
          m.query.append(k.getCharacter());
          m.queryChanged();
        } else {
          Overlay.Item i = m.byHotkey(k.getCharacter());
          if (i != null) {
            pick(m, i);
          }
        }
      }
    } else if (o instanceof Overlay.Prompt p) {
      if (a == Action.PICK) {
        model.dismiss(p);
        p.onSubmit.accept(p.value.toString());
      } else if (a == Action.DELETE_BACK) {
        if (p.value.length() > 0) {
          p.value.setLength(p.value.length() - 1);
        }
      } else if (typed) {
        p.value.append(k.getCharacter());
      }
    }
  }

  private void pick(Overlay.Menu m, Overlay.Item i) {
    if (i == null || !i.enabled()) {
      return;
    }
    model.dismiss(m);
    i.action().run();
  }

  private void showHelp() {
    Context where = model.filterEditing() ? Context.FILTER : model.chatFocused() ? Context.CHAT : Context.LIST;
    push(new Overlay.Info(text.get("help.title"), keyText().help(where)));
  }

  private void showStatusFilter() {
    List<Overlay.Item> items = new ArrayList<>();
    char key = '1';
    for (ListScope.Status st : ListScope.Status.values()) {
      items.add(new Overlay.Item(key++, text.get("scope." + st.name()), st == model.scope().status() ? "●" : "", true, () -> {
        model.showStatus(st);
      }));
    }
    push(new Overlay.Menu(text.get("model.scope().title"), items, false));
  }

  void showDrawer() {
    AgentState current = state == null ? null : state.agentState();
    List<Overlay.Item> items = new ArrayList<>();
    items.add(stateItem('o', AgentState.ONLINE, current));
    items.add(stateItem('b', AgentState.BACK_SOON, current));
    items.add(stateItem('w', AgentState.AWAY, current));
    boolean noColor = opts.env().getOrDefault("NO_COLOR", "").length() > 0;
    items.add(new Overlay.Item('t', text.get("drawer.theme"),
        text.get("theme." + theme.name()) + (noColor ? " (NO_COLOR)" : ""), !noColor, () -> {
          theme = theme.next();
          saveSettings();
          showDrawer();
        }));
    items.add(new Overlay.Item('l', text.get("drawer.language"), text.locale().getDisplayLanguage(text.locale()), true,
        () -> {
          text = new Messages(nextLocale(text.locale()));
          saveSettings();
          showDrawer();
        }));
    items.add(new Overlay.Item('n', text.get("drawer.notifications"), text.get("notify." + notifyMode.name()), true,
        () -> {
          notifyMode = NotifyMode.values()[(notifyMode.ordinal() + 1) % NotifyMode.values().length];
          notifier.setMode(notifyMode);
          saveSettings();
          showDrawer();
        }));
    items.add(Overlay.Item.of('f', text.get("drawer.feedback"), () -> open(ConsoleOptions.FEEDBACK_URL)));
    items.add(Overlay.Item.of('m', text.get("drawer.messageUs"), () -> open(ConsoleOptions.MESSAGE_US_URL)));
    items.add(Overlay.Item.of('x', text.get("drawer.logout"), this::startLogout));
    items.add(Overlay.Item.of('q', text.get("drawer.quit"), this::quit));
    String who = state == null || state.me() == null ? "" : SafeText.line(state.me().displayName());
    push(new Overlay.Menu(text.get("drawer.title", who), items, false));
  }

  private void saveSettings() {
    Path file = opts.settingsFile();
    if (file == null) {
      return;
    }
    Theme t = theme;
    Locale l = text.locale();
    NotifyMode n = notifyMode;
    CompletableFuture.runAsync(() -> {
      try {
        ConsoleSettings.save(file, t, l, n);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, blocking).whenComplete((v, err) -> {
      if (err != null) {
        post(() -> error(err));
      }
    });
  }

  private static Locale nextLocale(Locale l) {
    Locale[] all = Messages.SUPPORTED;
    for (int i = 0; i < all.length; i++) {
      if (all[i].getLanguage().equals(l.getLanguage())) {
        return all[(i + 1) % all.length];
      }
    }
    return all[0];
  }

  private Overlay.Item stateItem(char key, AgentState s, AgentState current) {
    String label = text.get("state." + s.name());
    return new Overlay.Item(key, label, s == current ? "●" : "", true,
        () -> call(() -> ws.setAgentState(s), text.get("status.settingState", label), v -> info(text.get("status.stateSet", label))));
  }

  private String targetId() {
    if (model.chatFocused()) {
      return model.openId();
    }
    return model.cursorId() != null ? model.cursorId() : model.openId();
  }

  void showActions() {
    String id = targetId();
    Conversation c = conv(id);
    if (c == null) {
      info(text.get("status.selectFirst"));
      return;
    }
    boolean open = c.open();
    boolean manager = state.me() != null && state.me().manager();
    List<Overlay.Item> items = new ArrayList<>();
    // a closed conversation can only be looked at: its menu lists nothing that would do nothing
    if (open) {
      items.add(Overlay.Item.of('t', text.get("action.transfer"), () -> showTransfer(id)));
      items.add(Overlay.Item.of('r', text.get("action.return"),
          () -> call(() -> ws.returnToQueue(id), text.get("status.returning"), v -> {
            info(text.get("status.returned", ConversationList.consumerName(c)));
            if (id.equals(model.openId())) {
              deselect();
            }
          })));
      items.add(Overlay.Item.of('c', text.get("action.close"), () -> confirmClose(id)));
      boolean urgent = c.ttr() != null && c.ttr().urgent();
      items.add(Overlay.Item.of('u', text.get(urgent ? "action.unurgent" : "action.urgent"),
          () -> call(() -> ws.setUrgent(id, !urgent), null, v -> info(text.get(urgent ? "status.unurgent" : "status.urgent")))));
    }
    items.add(Overlay.Item.of('i', text.get("action.info"), () -> showConsumerInfo(id)));
    Message submission = lastSubmission(id);
    if (submission != null) {
      String subId = ((Message.FormSubmission) submission.content()).submissionId();
      items.add(Overlay.Item.of('f', text.get("action.viewForm"), () -> showSecureForm(id, subId)));
    }
    if (manager) {
      boolean joined = c.myRole() == Role.MANAGER || c.myRole() == Role.READER;
      if (joined && open) {
        items.add(Overlay.Item.of('l', text.get("action.leave"), () -> call(() -> ws.leave(id), null, v -> {})));
      } else if (c.myRole() == null && open) {
        items.add(Overlay.Item.of('j', text.get("action.join"), () -> call(() -> ws.join(id, false), null, v -> {})));
      }
    }
    push(new Overlay.Menu(text.get("action.title", ConversationList.consumerName(c)), items, false));
  }

  private Message lastSubmission(String id) {
    List<Message> msgs = state.messagesOf(id);
    for (int i = msgs.size() - 1; i >= 0; i--) {
      if (msgs.get(i).content() instanceof Message.FormSubmission) {
        return msgs.get(i);
      }
    }
    return null;
  }

  private void confirmClose(String id) {
    Conversation c = conv(id);
    push(new Overlay.Menu(text.get("confirm.close", c == null ? id : ConversationList.consumerName(c)), List.of(
        Overlay.Item.of('y', text.get("confirm.yes"), () -> call(() -> ws.close(id), text.get("status.closing"), v -> {
          info(text.get("status.closed"));
          if (id.equals(model.openId())) {
            deselect();
          }
        })),
        Overlay.Item.of('n', text.get("confirm.no"), () -> {})), false));
  }

  private void showTransfer(String id) {
    push(new Overlay.Menu(text.get("transfer.title"), List.of(
        Overlay.Item.of('s', text.get("transfer.skill"), () -> pickSkill(id)),
        Overlay.Item.of('a', text.get("transfer.agent"), () -> pickAgent(id))), false));
  }

  private void pickSkill(String id) {
    Conversation c = conv(id);
    call(() -> ws.skills(), text.get("status.loading"), skills -> {
      List<Overlay.Item> items = new ArrayList<>();
      char key = '1';
      for (Skill s : skills) {
        if (c != null && s.id().equals(c.skillId()) || Conversation.UNASSIGNED_SKILL.equals(s.id())) {
          continue;
        }
        if (c != null && !allowedTransfer(c, skills, s)) {
          continue;
        }
        String online = s.agentsOnline() < 0 ? "" : text.get("transfer.online", s.agentsOnline());
        items.add(new Overlay.Item(key <= '9' ? key : 0, SafeText.line(s.name()), online, true,
            () -> askNote(note -> call(() -> ws.transferToSkill(id, s.id(), note), text.get("status.transferring"),
                v -> transferred(id, SafeText.line(s.name()))))));
        key++;
      }
      push(new Overlay.Menu(text.get("transfer.skill"), items, items.size() > 9));
    });
  }

  private static boolean allowedTransfer(Conversation c, List<Skill> skills, Skill target) {
    for (Skill s : skills) {
      if (s.id().equals(c.skillId())) {
        return s.transferSkillIds().isEmpty() || s.transferSkillIds().contains(target.id());
      }
    }
    return true;
  }

  private void pickAgent(String id) {
    String myUser = state.me() == null ? "" : state.me().userId();
    call(() -> ws.agents(), text.get("status.loading"), agents -> {
      List<Overlay.Item> items = new ArrayList<>();
      for (Agent a : agents) {
        if (myUser.endsWith("." + a.userId()) || myUser.equals(a.userId())) {
          continue;
        }
        String name = SafeText.line(a.fullName() != null && !a.fullName().isBlank() ? a.fullName() : a.loginName());
        String st = a.state() == null ? "" : text.get("state." + a.state().name());
        String load = a.openConversations() < 0 ? "" : " " + a.openConversations()
            + (a.maxConversations() < 0 ? "" : "/" + a.maxConversations());
        items.add(new Overlay.Item((char) 0, name, st + load, true,
            () -> askNote(note -> call(() -> ws.transferToAgent(id, a.userId(), note), text.get("status.transferring"),
                v -> transferred(id, name)))));
      }
      push(new Overlay.Menu(text.get("transfer.agent"), items, true));
    });
  }

  private void askNote(Consumer<String> then) {
    push(new Overlay.Prompt(text.get("transfer.noteTitle"), text.get("transfer.note"), "",
        s -> then.accept(s.isBlank() ? null : s)));
  }

  private void transferred(String id, String target) {
    info(text.get("status.transferred", target));
    if (id.equals(model.openId())) {
      deselect();
    }
  }

  private void showConsumerInfo(String id) {
    call(() -> ws.consumerProfile(id), text.get("status.loading"), p -> {
      List<String> lines = new ArrayList<>();
      lines.add(text.get("info.name") + ": " + SafeText.line(p.displayName()));
      addIf(lines, text.get("info.phone"), p.phone());
      addIf(lines, text.get("info.email"), p.email());
      addIf(lines, text.get("info.source"), p.source());
      addIf(lines, text.get("info.id"), p.id());
      if (p.extra() != null) {
        p.extra().forEach((k, v) -> addIf(lines, SafeText.line(k), v));
      }
      push(new Overlay.Info(text.get("info.title"), lines));
    });
  }

  private static void addIf(List<String> lines, String label, String value) {
    if (value != null && !value.isBlank()) {
      lines.add(label + ": " + SafeText.line(value));
    }
  }

  private void showSecureForm(String id, String submissionId) {
    call(() -> ws.readSecureForm(id, submissionId), text.get("status.loading"), fields -> {
      List<String> lines = new ArrayList<>();
      new LinkedHashMap<>(fields).forEach((k, v) -> lines.add(SafeText.line(k) + ": " + SafeText.line(v)));
      push(new Overlay.Info(text.get("form.title"), lines));
    });
  }

  void showAttachments() {
    String id = model.openId();
    Conversation c = conv(id);
    if (c == null || !c.open()) {
      info(text.get("status.selectFirst"));
      return;
    }
    push(new Overlay.Menu(text.get("attach.title"), List.of(
        Overlay.Item.of('p', text.get("attach.canned"), () -> showCanned(id, c.skillId())),
        Overlay.Item.of('f', text.get("attach.photo"), () -> push(new Overlay.Prompt(text.get("attach.photo"),
            text.get("attach.path"), "", path -> sendPhoto(id, path)))),
        Overlay.Item.of('s', text.get("attach.form"), () -> push(new Overlay.Prompt(text.get("attach.form"),
            text.get("attach.formId"), "", formId -> push(new Overlay.Prompt(text.get("attach.form"),
                text.get("attach.formTitle"), "", title -> call(() -> ws.inviteSecureForm(id, formId.trim(),
                    title.isBlank() ? formId.trim() : title), text.get("status.sending"),
                    m -> info(text.get("status.formSent")))))))),
        Overlay.Item.of('v', text.get("attach.video"), () -> invite(id, "VIDEO_CALL")),
        Overlay.Item.of('o', text.get("attach.voice"), () -> invite(id, "VOICE_CALL"))), false));
  }

  private void invite(String id, String mode) {
    call(() -> ws.inviteCall(id, mode), text.get("status.inviting"), inv -> {
      info(text.get("status.invited", inv.state()));
      if (inv.agentUrl() != null && !inv.agentUrl().isBlank()) {
        open(URI.create(inv.agentUrl()));
      }
    });
  }

  private void sendPhoto(String id, String path) {
    String p = path.trim();
    if (p.isEmpty()) {
      return;
    }
    if (p.startsWith("~/")) {
      p = System.getProperty("user.home") + p.substring(1);
    }
    Path file = Path.of(p);
    call(() -> ws.sendFile(id, file, null), text.get("status.uploading"), m -> info(text.get("status.photoSent")));
  }

  private void showCanned(String id, String skillId) {
    call(() -> ws.cannedResponses(skillId), text.get("status.loading"), list -> {
      Map<String, List<CannedResponse>> byCategory = new LinkedHashMap<>();
      for (CannedResponse r : list) {
        byCategory.computeIfAbsent(r.category() == null ? "" : r.category(), k -> new ArrayList<>()).add(r);
      }
      List<Overlay.Item> items = new ArrayList<>();
      items.add(Overlay.Item.of('/', text.get("canned.search"), () -> push(cannedMenu(id, text.get("canned.search"), list, true))));
      char key = '1';
      for (Map.Entry<String, List<CannedResponse>> e : byCategory.entrySet()) {
        String cat = e.getKey().isEmpty() ? text.get("canned.uncategorised") : SafeText.line(e.getKey());
        List<CannedResponse> entries = e.getValue();
        items.add(new Overlay.Item(key <= '9' ? key : 0, cat, String.valueOf(entries.size()), true,
            () -> push(cannedMenu(id, cat, entries, false))));
        key++;
      }
      push(new Overlay.Menu(text.get("canned.title"), items, false));
    });
  }

  private Overlay.Menu cannedMenu(String id, String title, List<CannedResponse> entries, boolean searchable) {
    List<Overlay.Item> items = new ArrayList<>();
    char key = '1';
    for (CannedResponse r : entries) {
      String hot = r.hotkey() == null ? "" : "#" + SafeText.line(r.hotkey());
      items.add(new Overlay.Item(!searchable && key <= '9' ? key : 0, SafeText.line(r.title()), hot, true, () -> {
        String filled;
        try {
          filled = ws.fillCanned(r, id);
        } catch (RuntimeException e) {
          error(e);
          return;
        }
        if (!id.equals(model.openId())) {
          openConversation(id);
        }
        model.composer().set(SafeText.multiline(filled));
        model.focusChat();
        info(text.get("status.cannedFilled"));
      }));
      key++;
    }
    return new Overlay.Menu(title, items, searchable);
  }

  // ---------------------------------------------------------------- logout and quit

  void startLogout() {
    List<Conversation> mine = myOpen();
    if (mine.isEmpty()) {
      logoutNow();
      return;
    }
    push(new Overlay.Menu(text.get("logout.title", mine.size()), List.of(
        Overlay.Item.of('r', text.get("logout.returnAll"), () -> {
          BulkPlan plan = plan(mine.stream().map(Conversation::id).toList());
          runBulk(plan, r -> {
            if (r.partialFailure()) {
              for (BulkResult.ItemResult i : r.items()) {
                if (i.outcome() == BulkResult.Outcome.FAILED) {
                  model.markFailed(i.conversationId(), i.detail());
                }
              }
              model.error(text.get("status.logoutBlocked", r.count(BulkResult.Outcome.FAILED)), now());
            } else {
              logoutNow();
            }
          });
        }),
        Overlay.Item.of('l', text.get("logout.anyway"), this::logoutNow),
        Overlay.Item.of('c', text.get("logout.cancel"), () -> {})), false));
  }

  private void logoutNow() {
    Workspace w = ws;
    LoginHandler h = opts.login();
    info(text.get("status.loggingOut"));
    unbind();
    CompletableFuture.runAsync(() -> {
      try {
        if (h != null) {
          h.logout(w);
        }
      } finally {
        w.close();
      }
    }, blocking).whenComplete((v, err) -> post(() -> {
      ws = null;
      state = null;
      model.reset();
      previous.clear();
      
      if (err != null) {
        error(err);
      }
      if (h != null) {
        mode = Mode.LOGIN;
        login = new LoginForm(h.rememberedAccount());
        if (err == null) {
          info(text.get("status.loggedOut"));
        }
      } else {
        quit();
      }
    }));
  }

  void quit() {
    running = false;
    exitCode = 0;
  }

  // ---------------------------------------------------------------- login

  private void loginKey(KeyStroke k) {
    LoginForm f = login;
    if (f.busy) {
      return;
    }
    Action a = keymap.action(Context.LOGIN, k);
    if (a == Action.NEXT_FIELD) {
      f.field = (f.field + 1) % LoginForm.FIELDS;
    } else if (a == Action.PREV_FIELD) {
      f.field = Math.floorMod(f.field - 1, LoginForm.FIELDS);
    } else if (a == Action.QUIT) {
      quit();
    } else if (a == Action.DELETE_BACK) {
      f.backspace();
    } else if (a == Action.SSO || (f.field == LoginForm.SSO && a == Action.SUBMIT)) {
      submitLogin(true);
    } else if (a == Action.SUBMIT) {
      if (f.field == LoginForm.REMEMBER) {
        f.remember = !f.remember;
      } else if (f.field < LoginForm.PASSWORD && !f.complete()) {
        f.field++;
      } else {
        submitLogin(false);
      }
    } else if (k.getKeyType() == KeyType.Character && !k.isCtrlDown()) {
      if (f.field == LoginForm.REMEMBER && k.getCharacter() == ' ') {
        f.remember = !f.remember;
      } else {
        f.type(k.getCharacter());
      }
    }
  }

  private void submitLogin(boolean sso) {
    LoginForm f = login;
    LoginHandler h = opts.login();
    if (sso ? f.account.length() == 0 : !f.complete()) {
      f.error = text.get("login.incomplete");
      return;
    }
    f.busy = true;
    f.error = null;
    String account = f.account.toString();
    String user = f.username.toString();
    char[] password = sso ? null : f.takePassword();
    boolean remember = f.remember;
    CompletableFuture.supplyAsync(() -> {
      try {
        return sso ? h.loginSso(account, remember, uri -> post(() -> openSignIn(f, uri)))
            : h.login(account, user, password, remember);
      } finally {
        if (password != null) {
          Arrays.fill(password, '\0');
        }
      }
    }, blocking).whenComplete((w, err) -> post(() -> {
      f.busy = false;
      f.address = null;
      if (err != null) {
        LpaException e = LpaException.from(err);
        f.error = e.kind() == LpaException.Kind.NOT_LOGGED_IN
            ? text.get("login.badCredentials")
            : text.get("login.serverError", SafeText.line(e.getMessage()));
        f.field = sso ? LoginForm.SSO : LoginForm.PASSWORD;
      } else {
        mode = Mode.MAIN;
        login = null;
        model.focusList();
        bind(w, true);
      }
    }));
  }
}
