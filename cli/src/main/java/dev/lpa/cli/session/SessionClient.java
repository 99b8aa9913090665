package dev.lpa.cli.session;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The caller's side: hands a command line to the profile's session and relays its output and
 * exit code; starts the session first when none runs (like ssh's ControlPersist). Whatever goes
 * wrong on the way, the command runs in this process as if there were no session.
 */
public final class SessionClient {
  /** The default idle stop while the agent is away or offline. */
  public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);

  private SessionClient() {}

  /**
   * The commands a background session may run: those that need the connection, minus
   * SessionServer.LOCAL. Spelled out because reading them off the annotations costs a short
   * command's start-up a reflection proxy (and the quick client has no picocli);
   * SessionCommandsTest checks it against the command tree, and the launcher's list against it.
   */
  public static final Set<String> COMMANDS = Set.of("state", "list", "ls", "show", "accept", "send", "transfer",
      "return", "close", "urgent", "join", "leave", "canned", "skills", "agents", "mq", "__complete");

  /** What {@code Main} does with a command line: run it here ({@code code < 0}) or exit with code. */
  public record Route(int code, String[] args, Runnable after) {
    Route(int code, String[] args) {
      this(code, args, null);
    }

    public boolean local() {
      return code < 0;
    }

    /** What to do once the command ran here: start the session for the next ones. */
    public void finished() {
      if (after != null) {
        after.run();
      }
    }
  }

  /** The environment variables lpa reads, which a command run in the session takes from its caller. */
  static boolean forwarded(String key) {
    return key.startsWith("LPA_") || key.startsWith("XDG_") || key.equals("NO_COLOR") || key.equals("COLUMNS")
        || key.equals("TERM") || key.equals("CI");
  }

  /** Whether commands go to a session at all: not with --no-session, LPA_SESSION=off, or in CI. */
  public static boolean enabled(String[] args, Map<String, String> env) {
    return !Arrays.asList(args).contains("--no-session") && !"off".equalsIgnoreCase(env.get("LPA_SESSION"))
        && !"true".equalsIgnoreCase(env.get("CI"));
  }

  /**
   * @param remote the names of the commands that need a workspace and may run in a session
   * @param loggedIn whether the profile has a stored login (nothing to start a session for otherwise)
   */
  public static Route route(String[] args, Map<String, String> env, Path dataDir, Set<String> remote,
      BooleanSupplier loggedIn, InputStream stdin, OutputStream out, OutputStream err) {
    // loops, not streams or lambdas, on this path: their bootstraps cost a short command's start-up
    List<String> kept = new java.util.ArrayList<>(args.length);
    // the shell and the console keep the flag, as an option of theirs: the shell decides for each
    // of its lines, and both say in their help what it does
    boolean shell = args.length > 0 && (args[0].equals("shell") || args[0].equals("tui"));
    for (String a : args) {
      if (shell || !a.equals("--no-session")) {
        kept.add(a);
      }
    }
    String[] local = kept.toArray(new String[0]);
    if (!enabled(args, env)) {
      return new Route(-1, local);
    }
    if (args.length > 0 && args[0].equals("tui") && ttys(env)) {
      return attachOrLocal(args, env, dataDir, local);
    }
    if (args.length == 0 || !remote.contains(args[0])) {
      return new Route(-1, local);
    }
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        return new Route(-1, local);
      }
    }
    String profile = SessionPaths.profileOf(List.of(args), env);
    SessionPaths paths;
    try {
      paths = SessionPaths.of(env, dataDir, profile);
    } catch (RuntimeException e) {
      return new Route(-1, local);
    }
    SocketChannel ch = connect(paths);
    if (ch == null && loggedIn.getAsBoolean()) {
      if (!mustWait(args)) {
        // this command runs on its own connection, as fast as without sessions; the session
        // starts once it is done (not beside it: two JVMs starting at once share the cores)
        SessionPaths p = paths;
        return new Route(-1, local, new Runnable() {
          @Override
          public void run() {
            startInBackground(env, p);
          }
        });
      }
      ch = autoStart(env, paths);
    }
    if (ch == null) {
      return new Route(-1, local);
    }
    try (SocketChannel c = ch) {
      int code = run(c, args, env, stdin, out, err);
      return new Route(code, local);
    } catch (RunsHere e) {
      return new Route(-1, local);
    } catch (IOException e) {
      // the request may have run: running it again here could send a message twice
      try {
        err.write(("lpa: lost the session during the command (" + e.getMessage()
            + "); it may or may not have run; see: lpa session log\n").getBytes(StandardCharsets.UTF_8));
        err.flush();
      } catch (IOException x) {
        // nowhere to say it
      }
      return new Route(1, local);
    }
  }

  /** The launcher's LPA_TTY says stdin and stdout are terminals. */
  private static boolean ttys(Map<String, String> env) {
    String t = env.get("LPA_TTY");
    return t != null && t.startsWith("1,1");
  }

  private static Route attachOrLocal(String[] args, Map<String, String> env, Path dataDir, String[] local) {
    try {
      SessionPaths paths = SessionPaths.of(env, dataDir, SessionPaths.profileOf(List.of(args), env));
      int code = SessionAttach.attach(paths, args, env, SessionAttach.controllingTty(), System.in,
          new java.io.FileOutputStream(java.io.FileDescriptor.out), new java.io.FileOutputStream(java.io.FileDescriptor.err));
      return new Route(code, local);
    } catch (RuntimeException e) {
      return new Route(-1, local);
    }
  }

  /**
   * Runs one command line in the profile's running session (the shell's lines); -1 when none
   * runs or the session answers that it runs in the caller's process.
   */
  public static int runInSession(SessionPaths paths, String[] args, Map<String, String> env, InputStream stdin,
      OutputStream out, OutputStream err) throws IOException {
    SocketChannel ch = connect(paths);
    if (ch == null) {
      return -1;
    }
    try (ch) {
      return run(ch, args, env, stdin, out, err);
    } catch (RunsHere e) {
      return -1;
    }
  }

  /** The session's answer that a command runs in the caller's process, or it was never sent. */
  static final class RunsHere extends IOException {
    RunsHere(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Setting a state is the one thing that must be done by the session: its connection holds it. */
  public static boolean mustWait(String[] args) {
    if (!args[0].equals("state")) {
      return false;
    }
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("-")) {
        return true;
      }
      if ((args[i].equals("-p") || args[i].equals("--profile")) && i + 1 < args.length) {
        i++;
      }
    }
    return false;
  }

  private static void startInBackground(Map<String, String> env, SessionPaths paths) {
    try {
      // nobody waits for it: detached, so this process's exit does not wait for its reaper
      SessionLauncher.fork(env, paths, idle(env), true);
    } catch (IOException | RuntimeException e) {
      // no session this time: the command runs here anyway
    }
  }

  private static SocketChannel autoStart(Map<String, String> env, SessionPaths paths) {
    try {
      Process p = SessionLauncher.fork(env, paths, idle(env));
      if (SessionLauncher.awaitUp(paths, p, Duration.ofSeconds(20))) {
        return connect(paths);
      }
    } catch (IOException | RuntimeException e) {
      // runs here instead
    }
    return null;
  }

  /** LPA_SESSION_IDLE (e.g. 30m), else 30 minutes. */
  public static Duration idle(Map<String, String> env) {
    String v = env.get("LPA_SESSION_IDLE");
    if (v != null && !v.isBlank()) {
      try {
        return new dev.lpa.cli.support.DurationConverter().convert(v.trim());
      } catch (Exception e) {
        // a bad value: the default, as with other tuning variables
      }
    }
    return DEFAULT_IDLE;
  }

  /**
   * Sends the command line and relays the answer. Returns the exit code; throws when the session
   * answered that the command runs here, before it printed anything.
   */
  static int run(SocketChannel ch, String[] args, Map<String, String> env, InputStream stdin, OutputStream out,
      OutputStream err) throws IOException {
    DataOutputStream to = new DataOutputStream(new BufferedOutputStream(SocketStreams.out(ch)));
    DataInputStream from = new DataInputStream(new BufferedInputStream(SocketStreams.in(ch)));
    Map<String, String> sent = new TreeMap<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (forwarded(e.getKey())) {
        sent.put(e.getKey(), e.getValue());
      }
    }
    try {
      Frames.write(to, Frames.RUN, Frames.encode(new Frames.Request(List.of(args),
          Path.of("").toAbsolutePath().toString(), sent)));
    } catch (IOException e) {
      throw new RunsHere("could not send the command", e);
    }
    boolean started = false;
    while (true) {
      Frames.Frame f;
      try {
        f = Frames.read(from);
      } catch (IOException e) {
        if (!started) {
          throw new RunsHere("the session went away before the command", e);
        }
        throw e;
      }
      if (f == null) {
        if (!started) {
          throw new RunsHere("the session went away before the command", null);
        }
        throw new IOException("it closed the connection");
      }
      switch (f.type()) {
        case Frames.STARTED -> started = true;
        case Frames.STDOUT -> {
          out.write(f.payload());
          out.flush();
        }
        case Frames.STDERR -> {
          err.write(f.payload());
          err.flush();
        }
        case Frames.STDIN_WANTED -> {
          Thread pump = new Thread(() -> {
            try {
              Frames.pump(stdin, to, Frames.STDIN, Frames.STDIN_END);
            } catch (IOException e) {
              // the command ended first
            }
          }, "lpa-stdin");
          pump.setDaemon(true);
          pump.start();
        }
        case Frames.EXIT -> {
          return f.code();
        }
        case Frames.LOCAL -> throw new RunsHere(f.text(), null);
        default -> throw new IOException("unexpected frame " + f.type());
      }
    }
  }

  /** A connection to the profile's session, or null when none listens (a stale file is left to it). */
  public static SocketChannel connect(SessionPaths paths) {
    if (!Files.exists(paths.socket())) {
      return null;
    }
    SocketChannel ch = null;
    try {
      ch = SocketChannel.open(StandardProtocolFamily.UNIX);
      ch.connect(UnixDomainSocketAddress.of(paths.socket()));
      return ch;
    } catch (IOException e) {
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException x) {
          // nothing to do
        }
      }
      return null;
    }
  }

  /** Sends a control request ({@code status}, {@code stop}...) and relays the answer; -1 when no session runs. */
  public static int control(SessionPaths paths, String verb, OutputStream out, OutputStream err) throws IOException {
    SocketChannel ch = connect(paths);
    if (ch == null) {
      return -1;
    }
    try (ch) {
      DataOutputStream to = new DataOutputStream(new BufferedOutputStream(SocketStreams.out(ch)));
      DataInputStream from = new DataInputStream(new BufferedInputStream(SocketStreams.in(ch)));
      Frames.writeText(to, Frames.CONTROL, verb);
      while (true) {
        Frames.Frame f = Frames.read(from);
        if (f == null) {
          return 1;
        }
        switch (f.type()) {
          case Frames.STDOUT -> out.write(f.payload());
          case Frames.STDERR -> err.write(f.payload());
          case Frames.EXIT -> {
            out.flush();
            err.flush();
            return f.code();
          }
          default -> {
            return 1;
          }
        }
      }
    }
  }

  /**
   * Tells the session a console is open, for as long as the returned handle stays open (it holds
   * back its desktop notifications); null when no session runs.
   */
  public static AutoCloseable consoleOpen(SessionPaths paths) {
    SocketChannel ch = connect(paths);
    if (ch == null) {
      return null;
    }
    try {
      DataOutputStream to = new DataOutputStream(new BufferedOutputStream(SocketStreams.out(ch)));
      DataInputStream from = new DataInputStream(new BufferedInputStream(SocketStreams.in(ch)));
      Frames.writeText(to, Frames.CONTROL, "console");
      Frames.read(from);
      return ch::close;
    } catch (IOException e) {
      try {
        ch.close();
      } catch (IOException x) {
        // nothing to do
      }
      return null;
    }
  }

  /** The pid the running session wrote into its lock file, or null. */
  static String pidOf(SessionPaths paths) {
    try {
      String s = Files.readString(paths.lock(), StandardCharsets.US_ASCII).trim();
      return s.matches("\\d+") ? s : null;
    } catch (IOException e) {
      return null;
    }
  }
}
