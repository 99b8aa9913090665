package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "join",
    description = "Managers: join a conversation of your team or the queue, to write in it (or --silent to read).",
    footer = {"", "Examples:", "  lpa list --all", "  lpa join 3f2a", "  lpa join 3f2a --silent", "  lpa leave 3f2a"})
public final class JoinCommand extends WorkspaceCommand {
  @Parameters(paramLabel = "CONV", description = "Conversation id (or a unique prefix).")
  String conv;

  @Option(names = "--silent", description = "Join as a reader: see everything, write nothing.")
  boolean silent;

  @Override
  public Integer call() {
    Workspace w = workspace();
    Conversation c = conversation(w, conv);
    Await.get(w.join(c.id(), silent), "joining");
    out().println("Joined " + Views.shortId(c.id()) + " (" + Views.consumer(c) + ")" + (silent ? " silently." : "."));
    out().flush();
    return 0;
  }

  @Command(
      name = "leave",
      description = "Managers: leave a conversation you joined.",
      footer = {"", "Examples:", "  lpa leave 3f2a"})
  public static final class Leave extends WorkspaceCommand {
    @Parameters(paramLabel = "CONV", description = "Conversation id (or a unique prefix).")
    String conv;

    @Override
    public Integer call() {
      Workspace w = workspace();
      Conversation c = conversation(w, conv);
      Await.get(w.leave(c.id()), "leaving");
      out().println("Left " + Views.shortId(c.id()) + ".");
      out().flush();
      return 0;
    }
  }
}
