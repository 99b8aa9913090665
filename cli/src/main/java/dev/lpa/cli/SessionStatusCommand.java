package dev.lpa.cli;

import dev.lpa.cli.session.SessionPaths;
import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.LpaCommand;
import dev.lpa.cli.support.OutputOptions;
import dev.lpa.cli.support.Printer;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "status",
    description = "Show whether the profile's session runs: its pid, your state, commands served, its log.",
    footer = {"", "Exit 6 when no session runs.", "", "Examples:", "  lpa session status", "  lpa session status --json"})
public final class SessionStatusCommand extends LpaCommand {
  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    String profile = profile();
    SessionPaths paths = SessionPaths.of(ctx.env(), ctx.dataDir(), profile);
    String s = SessionStartCommand.status(paths);
    if (s == null) {
      throw CliException.notFound("no session runs for profile " + profile + " (start one: lpa session start)");
    }
    Printer p = printer(output);
    if (p.machine()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      for (String line : s.split("\n")) {
        int i = line.indexOf(": ");
        if (i > 0) {
          String v = line.substring(i + 2);
          doc.put(line.substring(0, i), v.matches("\\d+") ? (Object) Long.parseLong(v)
              : v.equals("true") || v.equals("false") ? (Object) Boolean.parseBoolean(v) : v);
        }
      }
      p.document(doc);
    } else {
      out().print(s);
      out().flush();
    }
    return 0;
  }
}
