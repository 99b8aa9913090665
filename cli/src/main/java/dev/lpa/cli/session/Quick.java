package dev.lpa.cli.session;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The launcher's first try for a command a running session can serve: a JVM on a class path of
 * this package alone (lpa-quick.jar: no picocli, Jackson, OkHttp, SQLite or core), which hands the
 * command line to the session and relays its answer. A 17 MB jar costs the JVM most of a short
 * command's start before its first byte is sent; this does not. When no session answers, or the
 * session says the command runs in the caller's process, it exits with {@link #RUN_FULL} before
 * it has read any input or printed anything, and the launcher runs the full lpa instead.
 */
public final class Quick {
  /** "Run the full lpa": not one of lpa's documented exit codes (0-7), nor a signal's (128+). */
  public static final int RUN_FULL = 100;

  private Quick() {}

  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("--train")) {
      Training.exchange();
      return;
    }
    Map<String, String> env = System.getenv();
    int code = run(args, env, dataDir(env), System.in, new FileOutputStream(FileDescriptor.out),
        new FileOutputStream(FileDescriptor.err));
    // halt, not exit: nothing is buffered (the streams write straight to the descriptors) and no
    // hook is registered, while exit sets up the JDK's System.Logger to log itself (JDK 21+)
    Runtime.getRuntime().halt(code);
  }

  /** What the command's exit code is, or {@link #RUN_FULL} when the full lpa must run it. */
  static int run(String[] args, Map<String, String> env, Path dataDir, InputStream stdin, OutputStream out,
      OutputStream err) {
    if (args.length == 0 || !SessionClient.COMMANDS.contains(args[0]) || !SessionClient.enabled(args, env)) {
      return RUN_FULL;
    }
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        return RUN_FULL;
      }
    }
    SocketChannel ch;
    try {
      ch = SessionClient.connect(SessionPaths.of(env, dataDir, SessionPaths.profileOf(java.util.List.of(args), env)));
    } catch (RuntimeException e) {
      return RUN_FULL;
    }
    if (ch == null) {
      return RUN_FULL;
    }
    try (SocketChannel c = ch) {
      return SessionClient.run(c, args, env, stdin, out, err);
    } catch (SessionClient.RunsHere e) {
      return RUN_FULL;
    } catch (IOException e) {
      // the request may have run: running it again in the full lpa could send a message twice
      try {
        err.write("lpa: lost the session during the command (".concat(String.valueOf(e.getMessage()))
            .concat("); it may or may not have run; see: lpa session log\n").getBytes(StandardCharsets.UTF_8));
        err.flush();
      } catch (IOException x) {
        // nowhere to say it
      }
      return 1;
    }
  }

  /**
   * The data directory as the full lpa finds it (CliContext.dataDir): LPA_DATA_DIR, else
   * $XDG_DATA_HOME/lpa, else ~/.local/share/lpa. QuickTest holds the two to the same answer.
   */
  static Path dataDir(Map<String, String> env) {
    String own = env.get("LPA_DATA_DIR");
    if (own != null) {
      return Path.of(own);
    }
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null) {
      return Path.of(xdg, "lpa");
    }
    String home = env.get("HOME") != null ? env.get("HOME") : System.getProperty("user.home");
    return Path.of(home, ".local/share", "lpa");
  }
}
