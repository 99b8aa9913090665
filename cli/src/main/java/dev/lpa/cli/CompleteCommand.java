package dev.lpa.cli;

import dev.lpa.cli.support.LpaCommand;
import dev.lpa.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Live values for shell completion ({@code lpa __complete conversations}). Hidden; prints nothing
 * when not logged in, so a Tab press never shows an error.
 */
@Command(
    name = "__complete",
    hidden = true,
    description = "Print live completion values (the shell completion scripts call this).",
    footer = {"", "Examples:", "  lpa __complete conversations", "  lpa __complete skills --profile sim"})
public final class CompleteCommand extends LpaCommand {
  @Parameters(paramLabel = "KIND", description = "conversations, rings, skills, agents or canned.")
  String kind;

  @Override
  public Integer call() {
    try {
      if (ctx.sessions().client().session(profile()).isEmpty()) {
        return 0;
      }
      Workspace w = ctx.sessions().workspace(profile());
      LiveValues.of(w, kind).forEach(out()::println);
    } catch (RuntimeException e) {
      // completion must stay quiet
    }
    out().flush();
    return 0;
  }

}
