package dev.lpa.cli;

import dev.lpa.cli.session.PeerCheck;
import dev.lpa.cli.session.SessionClient;
import dev.lpa.cli.session.SessionLauncher;
import dev.lpa.cli.session.SessionPaths;
import dev.lpa.cli.session.SessionServer;
import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.ExitCodes;
import dev.lpa.cli.support.LpaCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "start",
    description = "Start the profile's background session (commands start it by themselves when needed).",
    footer = {
      "",
      "The session stops after --idle (default: $LPA_SESSION_IDLE, else 30m) while you are away or offline and no command ran, when you log out, and on lpa session stop. Exit 1 when a session already runs for the profile.",
      "",
      "Examples:",
      "  lpa session start",
      "  lpa session start --idle 2h",
      "  lpa session start --foreground   # under a service manager"
    })
public final class SessionStartCommand extends LpaCommand {
  @Option(names = "--idle", paramLabel = "DURATION", description = "Stop after this long away or offline with no command (e.g. 30m, 2h).")
  Duration idle;

  @Option(names = "--foreground", description = "Run the session in this process until it stops.")
  boolean foreground;

  @Override
  public Integer call() throws Exception {
    String profile = profile();
    if (ctx.sessions().client().session(profile).isEmpty()) {
      throw CliException.notLoggedIn("not logged in on profile " + profile + " (lpa login)");
    }
    SessionPaths paths = SessionPaths.of(ctx.env(), ctx.dataDir(), profile);
    Duration stopAfter = idle != null ? idle : SessionClient.idle(ctx.env());
    if (foreground) {
      return runHere(paths, stopAfter);
    }
    String running = status(paths);
    if (running != null) {
      throw new CliException(ExitCodes.ERROR, "a session already runs for profile " + profile + " (" + field(running, "pid") + ")");
    }
    Process p = SessionLauncher.fork(ctx.env(), paths, stopAfter);
    if (!SessionLauncher.awaitUp(paths, p, Duration.ofSeconds(20))) {
      throw new CliException(ExitCodes.ERROR, "the session did not start; see: lpa session log");
    }
    // listening comes before the connection: report once the workspace is there, or why not
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    String s;
    while ((s = status(paths)) != null && !"true".equals(field(s, "connected")) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    if (s == null || !"true".equals(field(s, "connected"))) {
      throw new CliException(ExitCodes.ERROR, "the session could not connect; see: lpa session log");
    }
    out().println("Session started for profile " + profile + " (pid " + field(s, "pid") + "); log: lpa session log");
    return 0;
  }

  private int runHere(SessionPaths paths, Duration stopAfter) throws IOException, InterruptedException {
    SessionServer server = new SessionServer(ctx, paths, stopAfter, PeerCheck.currentUser(), Main::commandLine,
        ConsoleLauncher::attached);
    try {
      server.start();
    } catch (SessionServer.AlreadyRunning e) {
      throw new CliException(ExitCodes.ERROR, e.getMessage());
    }
    Thread stopper = new Thread(() -> server.stop("signal"), "lpa-session-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    String why = server.await();
    try {
      Runtime.getRuntime().removeShutdownHook(stopper);
    } catch (IllegalStateException e) {
      // already shutting down
    }
    err().println("Session for profile " + paths.profile() + " stopped: " + why);
    return 0;
  }

  /** The running session's status text, or null when none answers. */
  static String status(SessionPaths paths) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = SessionClient.control(paths, "status", out, new ByteArrayOutputStream());
    return code == 0 ? out.toString(StandardCharsets.UTF_8) : null;
  }

  static String field(String status, String key) {
    for (String line : status.split("\n")) {
      if (line.startsWith(key + ": ")) {
        return line.substring(key.length() + 2);
      }
    }
    return null;
  }
}
