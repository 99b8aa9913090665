package dev.lpa.cli;

import dev.lpa.cli.session.SessionClient;
import dev.lpa.cli.session.SessionPaths;
import dev.lpa.cli.support.CliContext;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** What commands that run in their own process do about a running session. */
final class SessionHooks {
  private SessionHooks() {}

  static boolean loggedIn(CliContext ctx, String[] args) {
    try {
      String profile = ctx.sessions().client().resolveProfile(SessionPaths.profileOf(List.of(args), ctx.env()));
      return ctx.sessions().client().session(profile).isPresent();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static SessionPaths paths(CliContext ctx, String[] args) {
    return SessionPaths.of(ctx.env(), ctx.dataDir(), SessionPaths.profileOf(List.of(args), ctx.env()));
  }

  /**
   * A console that runs on its own connection beside a running session (--no-session, or a
   * session that cannot hold one) tells the session it is open, so that only one of them
   * notifies. The shell needs nothing: its lines go to the session. Returns what to close when
   * the command ends.
   */
  static AutoCloseable before(CliContext ctx, String[] args) {
    if (args.length == 0 || !args[0].equals("tui")) {
      return null;
    }
    try {
      SessionPaths paths = paths(ctx, args);
      AutoCloseable held = SessionClient.consoleOpen(paths);
      if (held != null) {
        System.err.println("lpa: a session runs for profile " + paths.profile()
            + "; this console uses its own connection beside it");
      }
      return held;
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * After a logout that went through, the profile's session has nothing left to hold; after a
   * login, it holds the previous one's connection: the next command starts a fresh session.
   */
  static void after(CliContext ctx, String[] args, int code, AutoCloseable console) {
    if (console != null) {
      try {
        console.close();
      } catch (Exception e) {
        // the session sees the connection end either way
      }
    }
    if (code == 0 && args.length > 0 && (args[0].equals("logout") || args[0].equals("login"))) {
      try {
        SessionClient.control(paths(ctx, args), "stop", new ByteArrayOutputStream(), new ByteArrayOutputStream());
      } catch (Exception e) {
        // it also notices the missing login on its own
      }
    }
  }
}
