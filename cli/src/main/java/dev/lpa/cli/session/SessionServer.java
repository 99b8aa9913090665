package dev.lpa.cli.session;

import dev.lpa.cli.support.CliContext;
import dev.lpa.cli.support.Prompter;
import dev.lpa.cli.support.Terminal;
import dev.lpa.core.bulk.BulkResult;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.usecase.MyConversations;
import dev.lpa.core.usecase.ReturnMine;
import dev.lpa.core.workspace.Workspace;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import picocli.CommandLine;

/**
 * A profile's background session: holds the workspace (its socket, state and store) and runs the
 * one-shot commands clients send over a Unix domain socket, so presence lasts between commands
 * and a command costs no login, handshake or snapshot. One per profile and data directory, kept
 * by a lock on a file the kernel releases when the process dies, even by SIGKILL.
 */
public final class SessionServer implements AutoCloseable {
  /** Commands that run in the caller's process: faces, the session itself, login state, help. */
  public static final Set<String> LOCAL = Set.of("tui", "shell", "demo", "sim", "session", "smoke", "login",
      "logout", "completion", "help", "watch");

  /** The session's answer to a second one for the same profile. */
  public static final class AlreadyRunning extends IOException {
    AlreadyRunning(String message) {
      super(message);
    }
  }

  private final CliContext base;
  private final SessionPaths paths;
  private final Duration idle;
  private final PeerCheck peers;
  private final BiFunction<CliContext, String[], CommandLine> commands;
  private final ConsoleHost consoleHost;
  private final java.util.concurrent.atomic.AtomicBoolean attached = new java.util.concurrent.atomic.AtomicBoolean();
  private final SessionLog log;
  private final Instant started;
  private final AtomicInteger busy = new AtomicInteger();
  private final AtomicInteger consoles = new AtomicInteger();
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CompletableFuture<Workspace> workspace = new CompletableFuture<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("lpa-session-idle"));
  private final java.util.concurrent.ExecutorService connections = Executors.newCachedThreadPool(daemon("lpa-session-conn"));
  private FileChannel lockChannel;
  private FileLock lock;
  private ServerSocketChannel server;
  private DesktopNotifier notifier;
  private AutoCloseable watching;
  /** Opens the workspace in the background; a stop waits for it, so nothing of the session outlives it. */
  private Thread opener;
  private volatile String stopReason;

  public SessionServer(CliContext base, SessionPaths paths, Duration idle, PeerCheck peers,
      BiFunction<CliContext, String[], CommandLine> commands) {
    this(base, paths, idle, peers, commands, null);
  }

  /** @param consoleHost runs the console for a client that attaches; null to let each run its own */
  public SessionServer(CliContext base, SessionPaths paths, Duration idle, PeerCheck peers,
      BiFunction<CliContext, String[], CommandLine> commands, ConsoleHost consoleHost) {
    this.consoleHost = consoleHost;
    this.base = base;
    this.paths = paths;
    this.idle = idle;
    this.peers = peers;
    this.commands = commands;
    this.log = new SessionLog(paths.log(), base.clock());
    this.started = base.clock().instant();
  }

  public SessionPaths paths() {
    return paths;
  }

  /**
   * Takes the profile's lock, cleans a dead session's socket file, listens, and starts opening
   * the workspace. Throws {@link AlreadyRunning} when another session holds the lock.
   */
  public void start() throws IOException {
    Files.createDirectories(paths.lock().getParent());
    lockChannel = FileChannel.open(paths.lock(), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      String pid = SessionClient.pidOf(paths);
      throw new AlreadyRunning("a session already runs for profile " + paths.profile()
          + (pid == null ? "" : " (pid " + pid + ")") + "; see: lpa session status");
    }
    lockChannel.truncate(0);
    lockChannel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    rotateLog();
    paths.prepareRuntimeDir();
    // we hold the lock, so a socket file here belongs to a session that died without cleaning up
    if (Files.deleteIfExists(paths.socket())) {
      log.line("removed the stale socket of a session that ended without cleaning up");
    }
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(paths.socket()));
    Files.setPosixFilePermissions(paths.socket(), SessionPaths.OWNER_ONLY_FILE);
    log.line("started: pid " + ProcessHandle.current().pid() + ", profile " + paths.profile() + ", idle stop after "
        + idle.toMinutes() + "m away");
    notifier = new DesktopNotifier(base.env(), log, paths, () -> consoles.get() > 0, started.minusSeconds(1));
    opener = new Thread(this::openWorkspace, "lpa-session-open");
    opener.setDaemon(true);
    opener.start();
    Thread acceptor = new Thread(this::acceptLoop, "lpa-session-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    long tick = Math.max(200, Math.min(idle.toMillis() / 4, 15_000));
    ticker.scheduleWithFixedDelay(this::checkIdle, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** Blocks until the session stops; returns why. */
  public String await() throws InterruptedException {
    stopped.await();
    return stopReason;
  }

  private void openWorkspace() {
    try {
      Workspace w = base.sessions().workspace(paths.profile());
      AutoCloseable watch = notifier.watch(w);
      synchronized (this) {
        if (stopReason != null) {
          // stopped while connecting: the stop did not see this watch
          try {
            watch.close();
          } catch (Exception e) {
            // going away anyway
          }
          return;
        }
        watching = watch;
      }
      workspace.complete(w);
      log.line("connected: " + w.state().conversations().size() + " conversation(s) loaded");
    } catch (RuntimeException e) {
      workspace.completeExceptionally(e);
      stop("could not connect: " + e.getMessage());
    }
  }

  private void acceptLoop() {
    while (stopped.getCount() > 0) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        log.line("accept failed: " + e.getMessage());
        continue;
      }
      connections.execute(() -> serve(ch));
    }
  }

  private void serve(SocketChannel ch) {
    try (ch) {
      try {
        peers.check(ch);
      } catch (IOException e) {
        log.line(e.getMessage());
        return;
      }
      DataInputStream in = new DataInputStream(new BufferedInputStream(SocketStreams.in(ch)));
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(SocketStreams.out(ch)));
      Frames.Frame first = Frames.read(in);
      if (first == null) {
        return;
      }
      if (first.type() == Frames.CONTROL) {
        control(first.text(), in, out);
      } else if (first.type() == Frames.RUN) {
        run(Frames.decode(first.payload()), in, out);
      } else if (first.type() == Frames.ATTACH) {
        attach(Frames.decode(first.payload()), in, out);
      }
    } catch (IOException e) {
      // the client went away mid-command (Ctrl-C): nothing to answer
    }
  }

  private void run(Frames.Request r, DataInputStream in, DataOutputStream out) throws IOException {
    String name = r.args().isEmpty() ? "" : r.args().get(0);
    String why = whyLocal(r);
    if (why != null) {
      Frames.writeText(out, Frames.LOCAL, why);
      return;
    }
    try {
      workspace.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      Frames.writeText(out, Frames.LOCAL, "the session is not connected");
      return;
    }
    busy.incrementAndGet();
    lastActivity.set(System.nanoTime());
    long t0 = System.nanoTime();
    int code = 1;
    PipedInputStream pipe = new PipedInputStream(64 * 1024);
    PipedOutputStream feed = new PipedOutputStream(pipe);
    java.io.InputStream stdin = Frames.onFirstRead(pipe, () -> Frames.write(out, Frames.STDIN_WANTED, new byte[0]));
    Running running = new Running(Thread.currentThread());
    Thread reader = new Thread(() -> readStdin(in, feed, running), "lpa-session-stdin");
    reader.setDaemon(true);
    reader.start();
    Terminal t = Terminal.detect(r.env());
    // stdin is the client's pipe, never a terminal here: commands that would ask refuse and name
    // the flag to pass instead (README "Session")
    Terminal remote = new Terminal(false, r.env().get("LPA_TTY") != null && t.stdoutTty(),
        r.env().get("LPA_TTY") != null && t.stderrTty(), t.width());
    PrintWriter o = new PrintWriter(new OutputStreamWriter(Frames.framing(out, Frames.STDOUT), StandardCharsets.UTF_8), true);
    PrintWriter e = new PrintWriter(new OutputStreamWriter(Frames.framing(out, Frames.STDERR), StandardCharsets.UTF_8), true);
    try (CliContext ctx = base.borrowing(env(r.env()), stdin, remote, NO_PROMPTS)) {
      CommandLine cl = commands.apply(ctx, r.args().toArray(String[]::new));
      cl.setOut(o);
      cl.setErr(e);
      Frames.write(out, Frames.STARTED, new byte[0]);
      code = cl.execute(r.args().toArray(String[]::new));
      o.flush();
      e.flush();
      if (o.checkError() || e.checkError()) {
        return;
      }
      Frames.writeExit(out, code);
    } finally {
      running.finish();
      Thread.interrupted();
      served.incrementAndGet();
      busy.decrementAndGet();
      lastActivity.set(System.nanoTime());
      log.line("served: " + safeName(name) + " (exit " + code + ", " + (System.nanoTime() - t0) / 1_000_000 + " ms)");
    }
  }

  /**
   * Runs the console here on the client's terminal: the session's workspace, already loaded, so
   * it opens at once and needs no connection of its own. One console at a time; when it quits or
   * its client dies, the session and the agent's presence stay as they were.
   */
  private void attach(Frames.Request r, DataInputStream in, DataOutputStream out) throws IOException {
    Frames.Frame first = Frames.read(in);
    int[] size = first == null || first.type() != Frames.RESIZE ? null : Frames.size(first);
    if (size == null) {
      return;
    }
    String why = consoleHost == null ? "this session runs no console" : whyNotAttached(r);
    if (why != null) {
      Frames.writeText(out, Frames.LOCAL, why);
      return;
    }
    Workspace w;
    try {
      w = workspace.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      Frames.writeText(out, Frames.LOCAL, "the session is not connected");
      return;
    }
    if (!attached.compareAndSet(false, true)) {
      Frames.writeText(out, Frames.STDERR, "lpa: a console is already attached to the session for profile "
          + paths.profile() + "; quit that one first, or open one on its own connection: lpa tui --no-session\n");
      Frames.writeExit(out, 1);
      return;
    }
    consoles.incrementAndGet();
    lastActivity.set(System.nanoTime());
    log.line("console attached (" + size[0] + "x" + size[1] + ")");
    int code = 1;
    KeyPipe keys = new KeyPipe();
    java.io.OutputStream screen = new BufferedOutputStream(Frames.framing(out, Frames.STDOUT), 64 * 1024);
    dev.lpa.tui.StreamTerminal terminal = new dev.lpa.tui.StreamTerminal(keys, screen, size[0], size[1]);
    Thread reader = new Thread(() -> {
      try {
        for (Frames.Frame f; (f = Frames.read(in)) != null; ) {
          if (f.type() == Frames.STDIN) {
            keys.feed(f.payload());
          } else if (f.type() == Frames.RESIZE) {
            int[] s = Frames.size(f);
            if (s != null) {
              terminal.resized(s[0], s[1]);
            }
          } else if (f.type() == Frames.STDIN_END) {
            break;
          }
        }
      } catch (IOException e) {
        // the client died (kill, closed terminal): the console quits on the end of its input
      } finally {
        keys.end();
      }
    }, "lpa-session-attached");
    reader.setDaemon(true);
    reader.start();
    try {
      Frames.write(out, Frames.STARTED, new byte[0]);
      Terminal t = new Terminal(true, true, true, size[0]);
      CliContext ctx = base.borrowing(env(r.env()), java.io.InputStream.nullInputStream(), t, NO_PROMPTS);
      java.util.function.Consumer<String> raw = s -> {
        try {
          synchronized (terminal) {
            screen.write(s.getBytes(StandardCharsets.UTF_8));
            screen.flush();
          }
        } catch (IOException e) {
          // the client is gone
        }
      };
      code = consoleHost.run(ctx, paths.profile(), w, terminal, raw, paths.takeFocus());
      screen.flush();
      Frames.writeExit(out, code);
    } catch (RuntimeException e) {
      log.line("console failed: " + e.getClass().getSimpleName());
    } finally {
      keys.end();
      attached.set(false);
      consoles.decrementAndGet();
      lastActivity.set(System.nanoTime());
      log.line("console detached (exit " + code + ")");
    }
  }

  /** Why an attach request gets a console of its own instead, or null to run it here. */
  private String whyNotAttached(Frames.Request r) {
    for (String a : r.args()) {
      if (a.equals("--help") || a.equals("-h")) {
        return "help runs in its own process";
      }
    }
    return SessionPaths.profileOf(r.args(), r.env()).equals(paths.profile()) ? null : "another profile";
  }

  /** The pool thread running a client's command, interrupted only while it still runs that one. */
  private static final class Running {
    private final Thread thread;
    private boolean done;

    Running(Thread thread) {
      this.thread = thread;
    }

    synchronized void finish() {
      done = true;
    }

    synchronized void cancel() {
      if (!done) {
        thread.interrupt();
      }
    }
  }

  private static void readStdin(DataInputStream in, PipedOutputStream feed, Running worker) {
    try (feed) {
      while (true) {
        Frames.Frame f = Frames.read(in);
        if (f == null) {
          // the client is gone (Ctrl-C on a follow): end the command it was running
          worker.cancel();
          return;
        }
        if (f.type() == Frames.STDIN) {
          feed.write(f.payload());
        } else if (f.type() == Frames.STDIN_END) {
          feed.close();
        }
      }
    } catch (IOException e) {
      // the command stopped reading, or the client went away
    }
  }

  /** Why a request has to run in the caller's process, or null to run it here. */
  private String whyLocal(Frames.Request r) {
    if (r.args().isEmpty() || LOCAL.contains(r.args().get(0))) {
      return "this command runs in its own process";
    }
    for (String a : r.args()) {
      if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) {
        return "help runs in its own process";
      }
    }
    // the session's working directory is not the caller's: a relative path there would name
    // another file, so a command that names one runs where it was typed
    Path here = Path.of("").toAbsolutePath();
    Path cwd = Path.of(r.cwd());
    if (!cwd.equals(here)) {
      for (String a : r.args().subList(1, r.args().size())) {
        String v = a.startsWith("--") && a.contains("=") ? a.substring(a.indexOf('=') + 1) : a;
        try {
          if (!v.isEmpty() && !Path.of(v).isAbsolute() && Files.exists(cwd.resolve(v))) {
            return "a relative path in the arguments";
          }
        } catch (RuntimeException e) {
          // not a path
        }
      }
    }
    String profile = SessionPaths.profileOf(r.args(), r.env());
    if (!profile.equals(paths.profile())) {
      return "another profile";
    }
    return null;
  }

  /** The client's settings over the session's own: its colours, width, profile and terminal. */
  private Map<String, String> env(Map<String, String> client) {
    Map<String, String> env = new LinkedHashMap<>();
    base.env().forEach((k, v) -> {
      if (!SessionClient.forwarded(k)) {
        env.put(k, v);
      }
    });
    client.forEach((k, v) -> {
      if (SessionClient.forwarded(k)) {
        env.put(k, v);
      }
    });
    return env;
  }

  private static String safeName(String s) {
    return s.matches("[a-z_-]{1,20}") ? s : "?";
  }

  private void control(String verb, DataInputStream in, DataOutputStream out) throws IOException {
    switch (verb) {
      case "status" -> {
        Frames.writeText(out, Frames.STDOUT, status());
        Frames.writeExit(out, 0);
      }
      case "console" -> {
        // held open while a console runs: the console notifies by itself then
        consoles.incrementAndGet();
        log.line("console opened");
        try {
          Frames.writeExit(out, 0);
          while (Frames.read(in) != null) {
            // nothing is expected; the end of the stream is the console closing
          }
        } finally {
          consoles.decrementAndGet();
          lastActivity.set(System.nanoTime());
          log.line("console closed");
        }
      }
      case "stop", "stop-return-all" -> {
        int code = 0;
        if (verb.equals("stop-return-all")) {
          code = returnAll(out);
        }
        if (code == 0) {
          // no new commands from here on, and the socket gone before the client hears "stopped"
          try {
            if (server != null) {
              server.close();
            }
            Files.deleteIfExists(paths.socket());
          } catch (IOException e) {
            // stop() tries again
          }
          Frames.writeText(out, Frames.STDOUT, "Session for profile " + paths.profile() + " stopped.\n");
        }
        Frames.writeExit(out, code);
        if (code == 0) {
          stop("stopped by lpa session stop");
        }
      }
      default -> {
        Frames.writeText(out, Frames.STDERR, "unknown request " + verb + "\n");
        Frames.writeExit(out, 2);
      }
    }
  }

  private int returnAll(DataOutputStream out) throws IOException {
    Workspace w = workspace.getNow(null);
    if (w == null) {
      return 0;
    }
    // core's one "return mine, then log out"; the stop that follows is the caller's, on exit 0
    ReturnMine.Outcome o;
    try {
      o = ReturnMine.thenLogOut(w, ReturnMine.plan(w.state(), base.clock().instant()),
          () -> java.util.concurrent.CompletableFuture.completedFuture(null)).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      Frames.writeText(out, Frames.STDERR, "could not return your conversations; the session still runs\n");
      return 5;
    }
    for (BulkResult.ItemResult r : o.returned().items()) {
      String id = r.conversationId().length() > 8 ? r.conversationId().substring(0, 8) : r.conversationId();
      switch (r.outcome()) {
        case DONE -> Frames.writeText(out, Frames.STDOUT, "returned " + id + "\n");
        case FAILED -> Frames.writeText(out, Frames.STDERR, "could not return " + id + "\n");
        case SKIPPED -> Frames.writeText(out, Frames.STDERR, "kept " + id + ": " + r.detail() + "\n");
      }
    }
    if (!o.followedUp()) {
      Frames.writeText(out, Frames.STDERR, o.failed() + " conversation(s) could not be returned; the session still runs\n");
      return 5;
    }
    return 0;
  }

  static List<Conversation> mine(Workspace w) {
    return MyConversations.open(w.state());
  }

  private String status() {
    Workspace w = workspace.getNow(null);
    AgentState s = w == null ? null : w.state().agentState();
    StringBuilder b = new StringBuilder();
    b.append("profile: ").append(paths.profile()).append('\n');
    b.append("pid: ").append(ProcessHandle.current().pid()).append('\n');
    b.append("started: ").append(started).append('\n');
    b.append("connected: ").append(w != null).append('\n');
    b.append("state: ").append(s == null ? "unknown" : s.cliName()).append('\n');
    b.append("assigned: ").append(w == null ? 0 : mine(w).size()).append('\n');
    b.append("served: ").append(served.get()).append('\n');
    b.append("console: ").append(attached.get() ? "attached" : consoles.get() > 0 ? "open" : "closed").append('\n');
    b.append("idle-stop: ").append(idle.toMinutes()).append("m while away or offline\n");
    b.append("socket: ").append(paths.socket()).append('\n');
    b.append("log: ").append(paths.log()).append('\n');
    return b.toString();
  }

  private void checkIdle() {
    try {
      if (base.sessions().client().session(paths.profile()).isEmpty()) {
        stop("logged out");
        return;
      }
      Workspace w = workspace.getNow(null);
      if (w == null || busy.get() > 0 || consoles.get() > 0) {
        return;
      }
      AgentState s = w.state().agentState();
      boolean present = s == AgentState.ONLINE || s == AgentState.BACK_SOON;
      if (!present && System.nanoTime() - lastActivity.get() > idle.toNanos()) {
        stop("idle for " + idle.toMinutes() + "m while " + (s == null ? "offline" : s.cliName()));
      }
    } catch (RuntimeException e) {
      log.line("idle check failed: " + e.getMessage());
    }
  }

  /** Ends the session: no new commands, the socket file removed, the connection closed. */
  public void stop(String reason) {
    synchronized (this) {
      if (stopReason != null) {
        return;
      }
      stopReason = reason;
    }
    try {
      if (server != null) {
        server.close();
      }
      Files.deleteIfExists(paths.socket());
    } catch (IOException e) {
      // going away anyway
    }
    ticker.shutdownNow();
    if (watching != null) {
      try {
        watching.close();
      } catch (Exception e) {
        // going away anyway
      }
    }
    base.close();
    Thread o = opener;
    if (o != null && o != Thread.currentThread()) {
      try {
        // still connecting: it closes what it opens once it sees the context closed
        o.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    log.line("stopped: " + reason);
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException e) {
      // the kernel releases it when the process ends
    }
    connections.shutdownNow();
    stopped.countDown();
  }

  @Override
  public void close() {
    stop("closed");
  }

  private void rotateLog() {
    try {
      if (Files.size(paths.log()) > 1_000_000) {
        Files.move(paths.log(), paths.log().resolveSibling(paths.log().getFileName() + ".1"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // no log yet
    }
  }

  private static final Prompter NO_PROMPTS = new Prompter() {
    @Override
    public String ask(String prompt) {
      return null;
    }

    @Override
    public char[] askSecret(String prompt) {
      return null;
    }
  };

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
