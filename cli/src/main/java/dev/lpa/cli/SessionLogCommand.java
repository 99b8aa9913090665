package dev.lpa.cli;

import dev.lpa.cli.session.SessionPaths;
import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.LpaCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "log",
    description = "Show the session's log: starts, stops, commands served, notifications raised or why not.",
    footer = {
      "",
      "The log is session-PROFILE.log in the data directory ($XDG_DATA_HOME/lpa), mode 0600. It names commands but never their arguments, message text or consumer names. Exit 6 when there is none yet.",
      "",
      "Examples:",
      "  lpa session log",
      "  lpa session log --lines 200"
    })
public final class SessionLogCommand extends LpaCommand {
  @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "Show the last N lines (default: 50; 0 for all).")
  int lines = 50;

  @Override
  public Integer call() throws Exception {
    String profile = profile();
    SessionPaths paths = SessionPaths.of(ctx.env(), ctx.dataDir(), profile);
    if (!Files.exists(paths.log())) {
      throw CliException.notFound("no session log for profile " + profile + " yet (" + paths.log() + ")");
    }
    List<String> all = Files.readAllLines(paths.log(), StandardCharsets.UTF_8);
    int from = lines <= 0 ? 0 : Math.max(0, all.size() - lines);
    for (String line : all.subList(from, all.size())) {
      // a JVM crash report lands here too: inert, like everything else printed from outside
      out().println(dev.lpa.core.text.SafeText.line(line));
    }
    out().flush();
    return 0;
  }
}
