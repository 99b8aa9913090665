package dev.lpa.cli.session;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a profile's session as a detached background JVM and waits until it listens. */
public final class SessionLauncher {
  private SessionLauncher() {}

  /**
   * The same program as this process, in a new process group (setsid, where present) so the
   * terminal's hang-up and Ctrl-C never reach it, with the long-running faces' JVM flags.
   */
  public static Process fork(Map<String, String> env, SessionPaths paths, Duration idle) throws IOException {
    return fork(env, paths, idle, false);
  }

  /**
   * As {@link #fork(Map, SessionPaths, Duration)}; {@code detached}: for a caller that does not
   * wait for the session, setsid forks it off and exits at once, and this returns once it has. A
   * JVM that exits while a child it started still runs waits 300 ms for the thread that reaps
   * the child (HotSpot's exit waits that long for threads in native code, and that thread waits
   * in waitpid): the first command of a profile, which starts its session after it, paid that.
   * The returned process is then setsid's, already ended.
   */
  public static Process fork(Map<String, String> env, SessionPaths paths, Duration idle, boolean detached)
      throws IOException {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd = new ArrayList<>();
    Path setsid = DesktopNotifier.onPath(env.getOrDefault("PATH", "/usr/bin:/bin"), "setsid");
    if (setsid != null) {
      cmd.add(setsid.toString());
      if (detached) {
        cmd.add("--fork");
      }
    }
    cmd.add(java);
    // A small serial heap, and C1 only: the session waits on sockets nearly all day, and C2's code
    // cache and compiler arenas were a third of its resident memory over an agent's day (150 MB
    // with C2, 98 MB without: bench/session/memory.sh); its commands then run with the same
    // compiler as a one-shot command does.
    cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xlog:cds=off",
        "-Xlog:cds+dynamic=off", "-Xss512k", "-XX:MaxRAM=1g", "-Xmx192m"));
    // what the launcher gave this JVM and the session needs too: SQLite's unpacked library, and on a
    // newer JDK the native access SQLite asks for (else a warning lands in the session's log)
    for (String prop : List.of("org.sqlite.lib.path", "org.sqlite.lib.name")) {
      if (System.getProperty(prop) != null) {
        cmd.add("-D" + prop + "=" + System.getProperty(prop));
      }
    }
    if (Runtime.version().feature() >= 22) {
      cmd.add("--enable-native-access=ALL-UNNAMED");
    }
    if (Runtime.version().feature() >= 24) {
      cmd.add("--sun-misc-unsafe-memory-access=allow");
    }
    // for measuring other flags (bench/session/memory.sh); after the defaults, so they win
    String extra = env.get("LPA_SESSION_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(List.of(extra.trim().split("\\s+")));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.lpa.cli.Main",
        "session", "start", "--foreground", "--profile", paths.profile(), "--idle", idle.toSeconds() + "s"));
    SessionPaths.ownerOnlyFile(paths.log());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.environment().remove("LPA_TTY");
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    // a JVM crash report or an uncaught error lands in the session's log, not on a closed terminal
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(paths.log().toFile()));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    if (detached && setsid != null) {
      try {
        p.waitFor(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return p;
  }

  /** Waits until the session accepts connections; false when it ended or took too long. */
  public static boolean awaitUp(SessionPaths paths, Process p, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (isUp(paths)) {
        return true;
      }
      if (p != null && !p.isAlive()) {
        // it lost the race to another session, which may be up by now
        return isUp(paths);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  static boolean isUp(SessionPaths paths) {
    try (SocketChannel ch = SessionClient.connect(paths)) {
      return ch != null;
    } catch (IOException e) {
      return false;
    }
  }
}
