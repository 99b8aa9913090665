package dev.lpa.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "return",
    description = "Return conversations to the queue of their skill (they go to the end of it).",
    footer = {"", "Examples:", "  lpa return 3f2a", "  lpa return 3f2a 9bc1 77de", "  lpa mq return-all --idle-for 30m   # by filter"})
public final class ReturnCommand extends WorkspaceCommand {
  @Parameters(arity = "1..*", paramLabel = "CONV", description = "Conversation ids (or unique prefixes).")
  List<String> convs;

  @Override
  public Integer call() {
    return EachConversation.run(workspace(), convs, "returned to the queue", out(), err(),
        (w, id) -> w.returnToQueue(id));
  }
}
