package dev.lpa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpa.cli.session.PeerCheck;
import dev.lpa.cli.session.Quick;
import dev.lpa.cli.session.SessionClient;
import dev.lpa.cli.session.SessionLauncher;
import dev.lpa.cli.session.SessionPaths;
import dev.lpa.cli.session.SessionServer;
import dev.lpa.cli.support.CliContext;
import dev.lpa.cli.support.Prompter;
import dev.lpa.cli.support.Terminal;
import dev.lpa.core.DefaultLpaClient;
import dev.lpa.core.auth.Tuning;
import dev.lpa.core.store.LocalStore;
import dev.lpa.core.testkit.Await;
import dev.lpa.sim.DemoAccount;
import dev.lpa.sim.SimConfig;
import dev.lpa.sim.Simulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The background session against the real simulator: commands through one session share its
 * connection (presence lasts), rings and consumer messages become notify-send calls, a second
 * session is refused, a stale socket cleaned, and a SIGKILLed session's outbox is delivered once.
 */
class SessionSimTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static Simulator sim;

  @TempDir Path tmp;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    sim = Simulator.start(SimConfig.builder().port(0).admin(true).build());
  }

  @AfterAll
  static void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : cleanup) {
      c.close();
    }
  }

  record Result(int code, String out, String err) {}

  private Map<String, String> env() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("LPA_CONFIG_DIR", tmp.resolve("config").toString());
    env.put("LPA_DATA_DIR", tmp.resolve("data").toString());
    env.put("XDG_RUNTIME_DIR", tmp.resolve("run").toString());
    env.put("HOME", tmp.toString());
    Path bin = tmp.resolve("bin");
    Files.createDirectories(bin);
    env.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    return env;
  }

  /** A command in a process of its own (no session), as OnSimulatorTest runs them. */
  private Result local(String stdin, String... args) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (CliContext ctx = context(env(), stdin)) {
      CommandLine cl = Main.commandLine(ctx);
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute(args);
      return new Result(code, out.toString(), err.toString());
    }
  }

  private static CliContext context(Map<String, String> env, String stdin) {
    return new CliContext(env, Clock.systemUTC(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        Terminal.NONE, Prompter.console(), c -> DefaultLpaClient.create(c, Tuning.fast()));
  }

  /** A command the way Main hands it to a running session; code -1 means it would run locally. */
  private Result viaSession(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env = env();
    SessionClient.Route r = SessionClient.route(args, env, Path.of(env.get("LPA_DATA_DIR")), Main.SESSION_COMMANDS,
        () -> false, new ByteArrayInputStream(new byte[0]), out, err);
    return new Result(r.code(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private void login(String user) throws Exception {
    Result in = local(user + "-pass\n", "login", "--account", sim.accountId(), "--username", user,
        "--password-stdin", "--csds", sim.csdsDomain(), "--ca-file", sim.caPem().toString());
    assertThat(in.code()).as(in.err()).isZero();
  }

  private SessionPaths paths() throws Exception {
    return SessionPaths.of(env(), tmp.resolve("data"), "default");
  }

  /** A session in this JVM (the SIGKILL test forks a real one). */
  private SessionServer session(Map<String, String> env, PeerCheck peers) throws Exception {
    return session(env, peers, Duration.ofMinutes(30));
  }

  private SessionServer session(Map<String, String> env, PeerCheck peers, Duration idle) throws Exception {
    CliContext base = context(env, "");
    SessionServer s = new SessionServer(base, SessionPaths.of(env, tmp.resolve("data"), "default"),
        idle, peers, Main::commandLine);
    s.start();
    cleanup.add(0, s);
    return s;
  }

  private Path fakeNotifySend() throws Exception {
    Path calls = tmp.resolve("notify-calls.txt");
    Path script = tmp.resolve("bin/notify-send");
    Files.createDirectories(script.getParent());
    Files.writeString(script, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + calls + "'; done\n"
        + "echo '---' >> '" + calls + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return calls;
  }

  /** Accepts the next ring through the session: its conversation's id, or null while there is none to take. */
  private Supplier<String> acceptNext() {
    return () -> {
      try {
        Result a = viaSession("accept", "--next", "--json");
        return a.code() == 0 ? JSON.readTree(a.out()).get("id").asText() : null;
      } catch (Exception e) {
        return null;
      }
    };
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }

  @Test
  void presenceOutlastsTheCommandSoTheNextCommandAcceptsTheRingAndNotificationsAreRaised() throws Exception {
    Path calls = fakeNotifySend();
    login("agent6");
    session(env(), PeerCheck.currentUser());
    SessionPaths p = paths();

    Result online = viaSession("state", "online");
    assertThat(online.code()).as(online.err()).isZero();
    assertThat(online.out()).isEqualTo("You are now online.\n");
    // the command has ended; the session's connection keeps the agent online
    Await.holds(() -> sim.admin().agentState("agent6").equals("ONLINE"), Duration.ofMillis(300),
        () -> "agent6 online after the command; the simulator says " + sim.admin().agentState("agent6"));

    String conv = sim.admin().createConversation(DemoAccount.SKILL_VIP, "Vera Vip", List.of("Is my upgrade done?"));
    // a plain accept, no --wait: the ring reaches the agent only because presence lasted
    String accepted = Await.value(acceptNext(), Duration.ofSeconds(10), () -> "a ring to accept; the log:\n" + read(p.log()));
    assertThat(accepted).isEqualTo(conv);
    Await.until(() -> read(calls).contains("New conversation: Vera Vip"), Duration.ofSeconds(5),
        () -> "the ring's notification; notify-send's calls:\n" + read(calls));

    sim.admin().consumerSays(conv, "Still \u001b]0;pwned\u0007waiting <b>now</b>\nplease");
    String body = Await.value(() -> read(calls).contains("please") ? read(calls) : null, Duration.ofSeconds(5),
        () -> "the message's notification; notify-send's calls:\n" + read(calls) + "the log:\n" + read(p.log()));
    List<String> lines = List.of(body.split("\n"));
    int i = lines.lastIndexOf("Vera Vip");
    assertThat(i).isPositive();
    assertThat(lines.get(i - 1)).isEqualTo("--");
    assertThat(lines.get(i + 1)).isEqualTo("Still waiting &lt;b&gt;now&lt;/b&gt; please");
    assertThat(body).doesNotContain("\u001b").doesNotContain("pwned");
    assertThat(paths().takeFocus()).isEqualTo(conv);

    Result log = local("", "session", "log");
    assertThat(log.out()).contains("served: state (exit 0").contains("notification: ring in " + conv.substring(0, 8) + " raised")
        .contains("notification: message in").doesNotContain("Vera").doesNotContain("waiting");
    assertThat(Files.getPosixFilePermissions(paths().log())).isEqualTo(PosixFilePermissions.fromString("rw-------"));

    Result status = local("", "session", "status", "--json");
    assertThat(status.code()).as(status.err()).isZero();
    JsonNode st = JSON.readTree(status.out());
    assertThat(st.get("state").asText()).isEqualTo("online");
    assertThat(st.get("assigned").asInt()).isEqualTo(1);

    // off a terminal, stopping with an assigned conversation needs the choice spelled out
    Result stop = local("", "session", "stop");
    assertThat(stop.code()).isEqualTo(2);
    assertThat(stop.err()).contains("--return-all").contains("--keep");
    Result stopped = local("", "session", "stop", "--return-all");
    assertThat(stopped.code()).as(stopped.err()).isZero();
    assertThat(stopped.out()).contains("returned " + conv.substring(0, 8)).contains("stopped");
    // the session answers before it has finished closing: its socket goes a moment later
    Await.until(() -> !Files.exists(p.socket()), Duration.ofSeconds(10),
        () -> "the stopped session's socket gone; the log:\n" + read(p.log()));
    assertThat(viaSession("state").code()).as("no session: runs locally").isEqualTo(-1);
  }

  @Test
  void aSecondSessionIsRefusedAndAStaleSocketIsCleaned() throws Exception {
    login("agent2");
    SessionPaths p = paths();
    // a session that died without cleaning up leaves its socket file behind
    Files.createDirectories(p.socket().getParent());
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(p.socket()));
    }
    assertThat(Files.exists(p.socket())).isTrue();
    Map<String, String> env = env();
    env.put("PATH", "/nonexistent");
    session(env, PeerCheck.currentUser());
    assertThat(viaSession("whoami").code()).as("whoami needs no workspace: local").isEqualTo(-1);
    Result skills = viaSession("skills", "--json");
    assertThat(skills.code()).as(skills.err()).isZero();
    assertThat(skills.out()).contains("Sales");
    assertThat(Files.getPosixFilePermissions(p.socket())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(p.runtimeDir())).isEqualTo(PosixFilePermissions.fromString("rwx------"));

    SessionServer second = new SessionServer(context(env(), ""), p, Duration.ofMinutes(30), PeerCheck.currentUser(),
        Main::commandLine);
    assertThatThrownBy(second::start).isInstanceOf(SessionServer.AlreadyRunning.class)
        .hasMessageContaining("already runs for profile default");
    Result start = local("", "session", "start");
    assertThat(start.code()).isEqualTo(1);
    assertThat(start.err()).contains("already runs");
    assertThat(read(p.log())).contains("removed the stale socket").contains("no notify-send on PATH");
  }

  @Test
  void theSessionStaysWhileOnlineStopsWhenIdleAndAwayAndAtLogout() throws Exception {
    login("agent3");
    SessionServer s = session(env(), PeerCheck.currentUser(), Duration.ofMillis(600));
    assertThat(viaSession("state", "online").code()).isZero();
    java.util.concurrent.CompletableFuture<String> why = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return s.await();
      } catch (InterruptedException e) {
        return null;
      }
    });
    Await.holds(() -> !why.isDone(), Duration.ofMillis(1500), () -> "online: no idle stop; it stopped: " + why.getNow(null));
    assertThat(viaSession("state", "away").code()).isZero();
    assertThat(why.get(10, java.util.concurrent.TimeUnit.SECONDS)).startsWith("idle for");
    assertThat(Files.exists(paths().socket())).isFalse();

    SessionServer again = session(env(), PeerCheck.currentUser(), Duration.ofMillis(600));
    assertThat(viaSession("state", "online").code()).isZero();
    Result out = local("", "logout", "--keep");
    assertThat(out.code()).as(out.err()).isZero();
    java.util.concurrent.CompletableFuture<String> stopped = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return again.await();
      } catch (InterruptedException e) {
        return null;
      }
    });
    try {
      assertThat(stopped.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("logged out");
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the session did not stop after the logout; its log:\n" + read(paths().log()), e);
    }
  }

  @Test
  void anotherUsersConnectionIsRefused() throws Exception {
    login("agent1");
    java.nio.file.attribute.UserPrincipal mallory = () -> "mallory";
    session(env(), new PeerCheck(mallory));
    SessionPaths p = paths();
    Result r = viaSession("skills");
    assertThat(r.code()).isNotZero();
    assertThat(r.out()).isEmpty();
    Await.until(() -> read(p.log()).contains("refused a connection from another user"), Duration.ofSeconds(5),
        () -> "the refusal in the log:\n" + read(p.log()));
    assertThat(read(p.log())).doesNotContain("served:");
  }

  @Test
  void aSessionKilledWithAMessageInItsOutboxDeliversItOnceFromTheNextSession() throws Exception {
    login("agent4");
    Map<String, String> env = env();
    SessionPaths p = paths();
    // with no session running, a command runs in its own process, then starts one for the next
    SessionClient.Route r = SessionClient.route(new String[] {"skills"}, env, tmp.resolve("data"),
        Main.SESSION_COMMANDS, () -> true, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
        new ByteArrayOutputStream());
    assertThat(r.local()).isTrue();
    assertThat(Files.exists(p.socket())).isFalse();
    r.finished();
    assertThat(SessionLauncher.awaitUp(p, null, Duration.ofSeconds(30))).as(read(p.log())).isTrue();
    ProcessHandle first = ProcessHandle.of(Long.parseLong(Files.readString(p.lock()).trim())).orElseThrow();
    cleanup.add(0, () -> first.destroyForcibly());
    assertThat(viaSession("state", "online").code()).as(read(p.log())).isZero();
    String conv = sim.admin().createConversation(DemoAccount.SKILL_BILLING, "Kim Crash", List.of("Hello?"));
    String accepted = Await.value(acceptNext(), Duration.ofSeconds(10), () -> "a ring to accept; the log:\n" + read(p.log()));
    assertThat(accepted).isEqualTo(conv);
    // a second session for the profile, from another process, is refused by the kernel's lock
    SessionServer second = new SessionServer(context(env, ""), p, Duration.ofMinutes(30), PeerCheck.currentUser(),
        Main::commandLine);
    assertThatThrownBy(second::start).isInstanceOf(SessionServer.AlreadyRunning.class)
        .hasMessageContaining("pid " + first.pid());

    // the session's own message, queued and leased by its process, not yet published
    String text = "Delivered once after the crash";
    try (LocalStore store = LocalStore.open(tmp.resolve("data/default.db"), Clock.systemUTC())) {
      String owner = first.pid() + ":" + first.info().startInstant().orElseThrow().toEpochMilli() + ":test";
      store.enqueue(conv, conv, "text", "{\"type\":\"ContentEvent\",\"contentType\":\"text/plain\",\"message\":\""
          + text + "\"}", owner, Duration.ofMinutes(10));
    }
    first.destroyForcibly();
    first.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(Files.exists(p.socket())).as("SIGKILL leaves the socket file").isTrue();

    // the next command starts a new session (cleaning the stale socket), whose flush sends it
    session(env, PeerCheck.currentUser());
    Supplier<Long> copies = () -> {
      try {
        Result show = viaSession("show", conv, "--json");
        if (show.code() != 0) {
          return -1L;
        }
        long n = 0;
        for (JsonNode m : JSON.readTree(show.out()).get("messages")) {
          n += text.equals(m.path("text").asText()) ? 1 : 0;
        }
        return n;
      } catch (Exception e) {
        return -1L;
      }
    };
    Await.until(() -> copies.get() >= 1, Duration.ofSeconds(15), () -> "the outbox's message sent; the log:\n" + read(p.log()));
    // and no second copy follows
    Await.holds(() -> copies.get() == 1L, Duration.ofMillis(500), () -> "one copy; now " + copies.get());
    assertThat(read(p.log())).contains("removed the stale socket");
  }

  /** A terminal that records what the attach does to it; its size changes on demand. */
  static final class FakeTty implements dev.lpa.cli.session.SessionAttach.Tty {
    volatile boolean raw;
    volatile int restored;
    volatile int[] size = {100, 30};
    volatile Runnable resize;

    @Override
    public void raw() {
      raw = true;
    }

    @Override
    public void restore() {
      raw = false;
      restored++;
    }

    @Override
    public int[] size() {
      return size;
    }

    @Override
    public void onResize(Runnable changed) {
      resize = changed;
    }
  }

  /** Bytes from several threads, read while they arrive. */
  static final class Sink extends java.io.OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private String status(String key) throws Exception {
    Result st = local("", "session", "status", "--json");
    return st.code() == 0 ? JSON.readTree(st.out()).path(key).asText() : "(" + st.err() + ")";
  }

  @Test
  void theConsoleAttachesToTheSessionAndQuittingOrDyingLeavesItAndThePresence() throws Exception {
    login("agent5");
    Map<String, String> env = env();
    env.put("TERM", "xterm-256color");
    CliContext base = context(env, "");
    SessionServer s = new SessionServer(base, SessionPaths.of(env, tmp.resolve("data"), "default"),
        Duration.ofMinutes(30), PeerCheck.currentUser(), Main::commandLine, ConsoleLauncher::attached);
    s.start();
    cleanup.add(0, s);
    assertThat(viaSession("state", "online").code()).isZero();
    SessionPaths p = paths();
    sim.admin().createConversation(DemoAccount.SKILL_VIP, "Ada Attach", List.of("Anyone there?"));
    Await.value(acceptNext(), Duration.ofSeconds(10), () -> "a ring to accept; the log:\n" + read(p.log()));

    FakeTty tty = new FakeTty();
    java.io.PipedOutputStream keys = new java.io.PipedOutputStream();
    java.io.PipedInputStream stdin = new java.io.PipedInputStream(keys, 4096);
    Sink screen = new Sink();
    Sink err = new Sink();
    java.util.concurrent.CompletableFuture<Integer> console = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> dev.lpa.cli.session.SessionAttach.attach(p, new String[] {"tui"}, env, tty, stdin, screen, err));
    // the session's state is loaded already: the first screen lists the accepted conversation
    Await.until(() -> screen.text().contains("Ada Attach"), Duration.ofSeconds(15),
        () -> "the first screen; it drew:\n" + screen.text() + err.text() + "the log:\n" + read(p.log()));
    assertThat(tty.raw).isTrue();
    assertThat(screen.text()).contains("\033[?1049h");
    assertThat(status("console")).isEqualTo("attached");

    // a window resize reaches the console, which draws for the new width
    tty.size = new int[] {60, 20};
    tty.resize.run();
    Await.until(() -> read(p.log()).contains("console attached (100x30)"), Duration.ofSeconds(5),
        () -> "the attach in the log:\n" + read(p.log()));

    // a second console while one is attached: one clear line, no second screen
    FakeTty other = new FakeTty();
    Sink otherOut = new Sink();
    Sink otherErr = new Sink();
    int second = dev.lpa.cli.session.SessionAttach.attach(p, new String[] {"tui"}, env, other,
        new ByteArrayInputStream(new byte[0]), otherOut, otherErr);
    assertThat(second).isEqualTo(1);
    assertThat(otherErr.text()).isEqualTo("lpa: a console is already attached to the session for profile default;"
        + " quit that one first, or open one on its own connection: lpa tui --no-session\n");
    assertThat(otherOut.text()).isEmpty();
    assertThat(other.raw).isFalse();
    assertThat(other.restored).isZero();

    // Ctrl+Q quits the console; the session keeps the agent online and the conversation
    keys.write(0x11);
    keys.flush();
    assertThat(console.get(15, java.util.concurrent.TimeUnit.SECONDS)).isZero();
    assertThat(tty.raw).isFalse();
    assertThat(screen.text()).contains("\033[?1049l");
    assertThat(err.text()).isEmpty();
    assertThat(status("console")).isEqualTo("closed");
    assertThat(status("state")).isEqualTo("online");
    assertThat(status("assigned")).isEqualTo("1");
    Await.holds(() -> sim.admin().agentState("agent5").equals("ONLINE"), Duration.ofMillis(300),
        () -> "agent5 online after the console quit; the simulator says " + sim.admin().agentState("agent5"));

    // a console whose process dies mid-screen (its terminal gone, its socket closed) leaves the
    // session as it was
    java.io.OutputStream dying = new java.io.OutputStream() {
      private int n;

      @Override
      public void write(int b) throws java.io.IOException {
        if (++n > 2000) {
          throw new java.io.IOException("terminal gone");
        }
      }
    };
    int died = dev.lpa.cli.session.SessionAttach.attach(p, new String[] {"tui"}, env, new FakeTty(),
        new java.io.PipedInputStream(new java.io.PipedOutputStream()), dying, new Sink());
    assertThat(died).isEqualTo(1);
    Await.until(() -> {
      try {
        return status("console").equals("closed");
      } catch (Exception e) {
        return false;
      }
    }, Duration.ofSeconds(10), () -> "the console closed; the log:\n" + read(p.log()));
    assertThat(status("state")).isEqualTo("online");
    assertThat(sim.admin().agentState("agent5")).isEqualTo("ONLINE");
    Await.until(() -> read(p.log()).contains("console detached (exit 0)"), Duration.ofSeconds(5),
        () -> "the detach in the log:\n" + read(p.log()));
    // and the next console attaches again
    FakeTty third = new FakeTty();
    Sink thirdOut = new Sink();
    java.io.PipedOutputStream thirdKeys = new java.io.PipedOutputStream();
    java.io.PipedInputStream thirdIn = new java.io.PipedInputStream(thirdKeys, 4096);
    java.util.concurrent.CompletableFuture<Integer> again = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> dev.lpa.cli.session.SessionAttach.attach(p, new String[] {"tui"}, env, third, thirdIn, thirdOut,
            new Sink()));
    Await.until(() -> thirdOut.text().contains("Ada Attach"), Duration.ofSeconds(15),
        () -> "the third console's screen; it drew:\n" + thirdOut.text());
    thirdKeys.write(0x11);
    thirdKeys.flush();
    assertThat(again.get(15, java.util.concurrent.TimeUnit.SECONDS)).isZero();
  }

  @Test
  void theShellsCommandsRunInTheSession() throws Exception {
    login("agent1");
    session(env(), PeerCheck.currentUser());
    Result shell = local("state online\nskills --json\nwhoami\n", "shell");
    assertThat(shell.code()).as(shell.err()).isZero();
    assertThat(shell.out()).contains("You are now online.").contains("Sales");
    SessionPaths logged = paths();
    Await.until(() -> read(logged.log()).contains("served: skills (exit 0"), Duration.ofSeconds(5),
        () -> "skills served; the log:\n" + read(logged.log()));
    String log = read(logged.log());
    assertThat(log).contains("served: state (exit 0").contains("served: skills (exit 0").doesNotContain("served: whoami");
    // the shell has ended; the session's connection holds the presence it set
    Await.holds(() -> sim.admin().agentState("agent1").equals("ONLINE"), Duration.ofMillis(300),
        () -> "agent1 online after the shell; the simulator says " + sim.admin().agentState("agent1"));
    assertThat(status("state")).isEqualTo("online");
    // a Tab press's live values come from the session too (the shell's completer and the scripts')
    Result values = viaSession("__complete", "skills");
    assertThat(values.code()).as(values.err()).isZero();
    assertThat(values.out()).contains("Sales");
    // the session logs a command after it has answered
    SessionPaths p = paths();
    Await.until(() -> read(p.log()).contains("served: __complete (exit 0"), Duration.ofSeconds(5),
        () -> "__complete served; the log:\n" + read(p.log()));

    Result own = local("state away\n", "shell", "--no-session");
    assertThat(own.code()).as(own.err()).isZero();
    assertThat(read(paths().log()).split("served: state", -1)).hasSize(2);
  }

  @Test
  void theQuickClientServesACommandOnAClassPathOfTheSessionPackageAlone() throws Exception {
    login("agent2");
    // the session package's classes and nothing else: no picocli, Jackson, core or sim to load
    Path classes = Path.of(Quick.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path only = tmp.resolve("quick-cp");
    Path pkg = Path.of("dev", "lpa", "cli", "session");
    Files.createDirectories(only.resolve(pkg));
    try (var files = Files.list(classes.resolve(pkg))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, only.resolve(pkg).resolve(f.getFileName()));
      }
    }
    Map<String, String> env = env();
    Supplier<Result> quick = () -> {
      try {
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
            only.toString(), Quick.class.getName(), "skills", "--json");
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out, err);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };
    Result none = quick.get();
    assertThat(none.code()).as("no session: the full lpa runs it").isEqualTo(Quick.RUN_FULL);
    assertThat(none.out() + none.err()).isEmpty();

    session(env, PeerCheck.currentUser());
    Result served = quick.get();
    assertThat(served.code()).as(served.err()).isZero();
    assertThat(served.out()).contains("Sales");
    SessionPaths p = paths();
    Await.until(() -> read(p.log()).contains("served: skills (exit 0"), Duration.ofSeconds(5),
        () -> "skills served; the log:\n" + read(p.log()));
  }
}
