package dev.lpa.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import dev.lpa.core.LpaException;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Skill;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.usecase.MyConversations;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceEvent;
import dev.lpa.core.workspace.WorkspaceState;
import dev.lpa.tui.keys.Action;
import dev.lpa.tui.keys.Context;
import dev.lpa.tui.keys.KeyText;
import dev.lpa.tui.keys.Keymap;
import dev.lpa.tui.render.DiffScreen;
import dev.lpa.tui.view.ChatItem;
import dev.lpa.tui.view.ChatItems;
import dev.lpa.tui.view.ConversationList;
import dev.lpa.tui.view.ListRow;
import dev.lpa.tui.view.ListScope;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * callbacks only enqueue work that {@link #tick()} runs, so no future is ever waited on. *
 * <p>What lives where: the panes and overlays read keys ({@link KeyHandler}: {@link ListPane},
 * {@link ChatPane}, {@link Overlays}, {@link Session}'s login form), feature controllers do one
 * job each ({@link RingDesk}, {@link ActionsMenu}, {@link Attachments}, {@link BulkReturn},
 * {@link SettingsDrawer}, {@link Session}), {@link ConsoleModel} holds what is shown and
 * {@link ScreenRenderer} draws it. This file keeps the lifecycle, the loop, the workspace calls'
 * plumbing ({@code call}, {@code post}, the status line) and the few look-ups every part shares;
 * it is over the ~400 lines aimed for because that plumbing is what the parts reach it for.
 */
public final class Console implements AutoCloseable {
  enum Mode { LOGIN, MAIN }

  /** At most ten frames a second for what the workspace changes on its own (see backgroundFrameGapMillis). */
  static final long BACKGROUND_FRAME_GAP_MILLIS = 100;

  private final Terminal terminal;
  private final Screen screen;
  final Clock clock;
  final ConsoleOptions opts;
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  final ExecutorService blocking;
  final Notifier notifier;

  // --- UI state (UI thread only) ---
  final ConsoleModel model = new ConsoleModel();
  final Keymap keymap;
  Theme theme;
  Messages text;
  NotifyMode notifyMode;
  Mode mode;
  Workspace ws;
  WorkspaceState state;
  LoginForm login;
  /**
   * Agent names by legacy id ({@code account.userId}) and user id, for the managers' "All" tab:
   * full names, as the team panel shows them (core's directory names agents by nickname, as
   * consumers see them).
   */
  final Map<String, String> agentNames = new HashMap<>();
  final Map<String, List<Workspace.ConversationWithMessages>> previous = new HashMap<>();
  private boolean running;
  private int exitCode;
  boolean dirty = true;
  /** The conversation of the last overdue or message notification (Ctrl+G goes there). */
  String lastNotified;
  Instant startedAt = Instant.EPOCH;
  boolean openSeen;
  long lastSecond = -1;
  private final ScreenRenderer renderer = new ScreenRenderer(this);
  /**
   * The shortest time between two frames that only the workspace asked for (0: none). A manager's
   * account changes dozens of times a second and a frame costs the same however little changed;
   * keys still draw at once, so typing never waits.
   */
  long backgroundFrameGapMillis;
  private long lastFrameMillis = Long.MIN_VALUE / 2;
  /** Frames drawn so far (tests count them). */
  long frames;
  // feature controllers and panes: each owns its keys and state, and reaches the rest through this
  final RingDesk rings = new RingDesk(this);
  final BulkReturn bulk = new BulkReturn(this);
  final ActionsMenu actions = new ActionsMenu(this);
  final Attachments attach = new Attachments(this);
  final SettingsDrawer settings = new SettingsDrawer(this);
  final Session session = new Session(this);
  final ListPane listPane = new ListPane(this);
  final ChatPane chatPane = new ChatPane(this);
  final Overlays overlays = new Overlays(this);
  final WorkspaceLink link = new WorkspaceLink(this);
  final ListSource lists = new ListSource(this);
  final TeamWatch team = new TeamWatch(this);
  final FilterPanel filterPanel = new FilterPanel(this);

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
        c.backgroundFrameGapMillis = BACKGROUND_FRAME_GAP_MILLIS;
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
    this.screen = new DiffScreen(terminal);
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
      link.bind(ws, false);
      focusAtStart(ws);
    }
    render();
  }

  private void focusAtStart(Workspace w) {
    String id = opts.focus();
    if (id == null) {
      return;
    }
    try {
      w.ready().thenAccept(s -> post(() -> {
        if (conv(id) != null) {
          lastNotified = id;
          openConversation(id);
        }
      }));
    } catch (RuntimeException e) {
      error(e);
    }
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
      boolean keyed = false;
      while (running && (k = screen.pollInput()) != null) {
        keyed = true;
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
      rings.announceRings();
      team.tick();
      if (screen.doResizeIfNecessary() != null) {
        dirty = true;
        keyed = true; // a resized terminal is redrawn at once, like a key
      }
      long sec = clock.instant().getEpochSecond();
      if (sec != lastSecond) {
        lastSecond = sec;
        dirty = true; // countdowns and due-in times move every second
      }
      if (running && dirty && (keyed || clock.millis() - lastFrameMillis >= backgroundFrameGapMillis)) {
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
  void dropVanishedConversation() {
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
  void failed(RuntimeException e) {
    error(e);
    if (opts.onFailure() != null) {
      opts.onFailure().accept(e);
    }
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
    link.unbind();
    if (link.ownsWorkspace && ws != null) {
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



  void post(Runnable r) {
    queue.add(r);
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






  boolean manager() {
    return state != null && state.me() != null && state.me().manager();
  }

  Conversation conv(String id) {
    return id == null || state == null ? null : state.conversations().get(id);
  }

  /** A skill's name from core's directory, made safe; null until it is known. */
  String knownSkillName(String skillId) {
    String name = skillId == null || state == null ? null : state.directory().skillName(skillId);
    return name == null || name.isBlank() ? null : SafeText.line(name);
  }

  /** A skill's name, or its id until the name is known. */
  String skillName(String skillId) {
    String name = knownSkillName(skillId);
    return name != null ? name : skillId == null ? null : SafeText.line(skillId);
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
  <T> void call(Supplier<CompletableFuture<T>> op, String progress, Consumer<T> ok) {
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

  void bell() {
    try {
      terminal.bell();
    } catch (IOException e) {
      // a bell that cannot ring is not worth stopping for
    }
  }

  void raw(String s) {
    if (opts.rawOutput() != null) {
      opts.rawOutput().accept(s);
    }
  }

  void open(URI uri) {
    try {
      opts.browser().accept(uri);
    } catch (RuntimeException e) {
      info(text.get("status.openManually", uri.toString()));
    }
  }

  // ---------------------------------------------------------------- rendering

  void render() throws IOException {
    dirty = false;
    frames++;
    lastFrameMillis = clock.millis();
    model.shown(renderer.draw(screen));
    screen.refresh();
  }

  // ---------------------------------------------------------------- keys

  /** The pane with the keys: the login form, the overlay on top, the open chat or the list. */
  KeyHandler focused() {
    if (mode == Mode.LOGIN) {
      return session;
    }
    if (model.hasOverlay()) {
      return overlays;
    }
    if (model.filterPanel() != null) {
      return filterPanel;
    }
    return model.chatFocused() && !model.filterEditing() ? chatPane : listPane;
  }

  void handleKey(KeyStroke k) {
    if (!focused().handle(k)) {
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

  boolean globalKey(Action a) {
    if (a == null) {
      return false;
    }
    switch (a) {
      case HELP -> showHelp();
      case SETTINGS -> settings.showDrawer();
      case ACCEPT -> rings.acceptRing();
      case ACTIONS -> actions.showActions();
      case ATTACH -> attach.showAttachments();
      case QUIT -> quit();
      case GO_NOTIFIED -> {
        if (lastNotified != null && ConversationList.indexOf(lists.rows(), lastNotified) >= 0) {
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

  // ---------------------------------------------------------------- conversations

  void openConversation(String id) {
    rings.openedByAccept = false;
    if (model.openId() != null && !model.openId().equals(id)) {
      chatPane.typing(false);
    }
    model.open(id);
    openSeen = false;
    chatPane.typingSent = false;
    Conversation c = conv(id);
    if (c != null && c.unread() > 0) {
      chatPane.markRead(id);
    }
    if (state != null && state.messagesOf(id).isEmpty()) {
      call(() -> ws.loadMessages(id), null, v -> {});
    }
  }

  void deselect() {
    model.deselect();
    openSeen = false;
  }

  // ---------------------------------------------------------------- overlays and quit

  void push(Overlay o) {
    model.push(o);
  }

  /** What the console shows beyond the workspace state (tests read it; only transitions change it). */
  ConsoleModel model() {
    return model;
  }

  void showHelp() {
    Context where = model.filterPanel() != null ? Context.PANEL : model.filterEditing() ? Context.FILTER
        : model.chatFocused() ? Context.CHAT : Context.LIST;
    push(new Overlay.Info(text.get("help.title"), keyText().help(where)));
  }

  void quit() {
    running = false;
    exitCode = 0;
  }
}
