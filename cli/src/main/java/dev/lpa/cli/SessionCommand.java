package dev.lpa.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "session",
    description = "A background session per profile: presence that lasts, quick commands, desktop notifications.",
    footer = {
      "",
      "While a session runs, commands that need the connection run in it (no new login, socket or snapshot), `lpa state online` keeps you online after the command ends, and rings and consumer messages become desktop notifications (notify-send). A command starts the session when none runs; --no-session or LPA_SESSION=off runs it on its own connection, as do CI=true and lpa smoke.",
      "",
      "Examples:",
      "  lpa session start",
      "  lpa session status",
      "  lpa session stop --keep",
      "  lpa session log"
    },
    subcommands = {SessionStartCommand.class, SessionStatusCommand.class, SessionStopCommand.class,
        SessionLogCommand.class})
public final class SessionCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
