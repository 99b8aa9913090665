package dev.lpa.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "close",
    description = "Close conversations (they leave your list; history keeps them).",
    footer = {"", "Examples:", "  lpa close 3f2a", "  lpa close 3f2a 9bc1"})
public final class CloseCommand extends WorkspaceCommand {
  @Parameters(arity = "1..*", paramLabel = "CONV", description = "Conversation ids (or unique prefixes).")
  List<String> convs;

  @Override
  public Integer call() {
    return EachConversation.run(workspace(), convs, "closed", out(), err(), (w, id) -> w.close(id));
  }
}
