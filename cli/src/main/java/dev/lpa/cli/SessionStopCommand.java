package dev.lpa.cli;

import dev.lpa.cli.session.SessionClient;
import dev.lpa.cli.session.SessionPaths;
import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.LpaCommand;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "stop",
    description = "Stop the profile's session: you go offline, notifications stop.",
    footer = {
      "",
      "With open conversations assigned to you, on a terminal you are asked whether to return them to the queue first; off a terminal say so with --return-all or --keep (as with lpa logout). Stopping a profile that has no session is not an error.",
      "",
      "Examples:",
      "  lpa session stop",
      "  lpa session stop --keep",
      "  lpa session stop --return-all --profile staging"
    })
public final class SessionStopCommand extends LpaCommand {
  @ArgGroup(exclusive = true)
  Choice choice = new Choice();

  static final class Choice {
    @Option(names = "--return-all", description = "Return your open conversations to the queue, then stop.")
    boolean returnAll;

    @Option(names = "--keep", description = "Stop and leave your open conversations assigned to you.")
    boolean keep;
  }

  @Override
  public Integer call() throws Exception {
    String profile = profile();
    SessionPaths paths = SessionPaths.of(ctx.env(), ctx.dataDir(), profile);
    String s = SessionStartCommand.status(paths);
    if (s == null) {
      out().println("No session runs for profile " + profile + ".");
      return 0;
    }
    String n = SessionStartCommand.field(s, "assigned");
    int mine = n == null ? 0 : Integer.parseInt(n);
    boolean returnAll = choice.returnAll;
    if (mine > 0 && !choice.returnAll && !choice.keep) {
      if (!ctx.terminal().interactive()) {
        throw CliException.usage("you have " + mine
            + " open conversation(s): add --return-all to return them to the queue, or --keep");
      }
      String a = ctx.prompter().ask("You have " + mine + " open conversation(s).\n"
          + "  [r] return all to the queue and stop the session\n"
          + "  [k] stop and keep them\n"
          + "  [c] cancel\n"
          + "Choose r, k or c: ");
      String answer = a == null ? "c" : a.trim().toLowerCase(java.util.Locale.ROOT);
      if (answer.startsWith("r")) {
        returnAll = true;
      } else if (!answer.startsWith("k")) {
        throw CliException.cancelled("stop cancelled; the session still runs");
      }
    }
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = SessionClient.control(paths, returnAll ? "stop-return-all" : "stop", o, e);
    out().print(o.toString(StandardCharsets.UTF_8));
    out().flush();
    err().print(e.toString(StandardCharsets.UTF_8));
    err().flush();
    return code < 0 ? 0 : code;
  }
}
