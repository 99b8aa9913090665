package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "urgent",
    description = "Mark a conversation urgent (the skill's shorter response time applies).",
    footer = {"", "Examples:", "  lpa urgent 3f2a", "  lpa urgent 3f2a --off"})
public final class UrgentCommand extends WorkspaceCommand {
  @Parameters(paramLabel = "CONV", description = "Conversation id (or a unique prefix).")
  String conv;

  @Option(names = "--off", description = "Back to the normal response time.")
  boolean off;

  @Override
  public Integer call() {
    Workspace w = workspace();
    Conversation c = conversation(w, conv);
    Await.get(w.setUrgent(c.id(), !off), "changing urgency");
    out().println(Views.shortId(c.id()) + " is " + (off ? "no longer urgent." : "urgent."));
    out().flush();
    return 0;
  }
}
