package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.OutputOptions;
import dev.lpa.cli.support.Printer;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.workspace.Workspace;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "state",
    description = "Show or set your availability: online (conversations may ring), back-soon, away.",
    footer = {"", "Examples:", "  lpa state", "  lpa state online", "  lpa state away"})
public final class StateCommand extends WorkspaceCommand {
  public enum Choice {
    online(AgentState.ONLINE),
    back_soon(AgentState.BACK_SOON),
    away(AgentState.AWAY);

    final AgentState state;

    Choice(AgentState state) {
      this.state = state;
    }
  }

  @Parameters(arity = "0..1", paramLabel = "STATE", description = "online, back-soon or away.",
      converter = ChoiceConverter.class, completionCandidates = Candidates.class)
  Choice choice;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    Workspace w = workspace();
    if (choice != null) {
      Await.get(w.setAgentState(choice.state), "changing the state");
      confirmed(w, choice.state);
    }
    AgentState now = choice != null ? choice.state : w.state().agentState();
    Printer p = printer(output);
    if (p.machine()) {
      p.document(Map.of("state", now == null ? "unknown" : now.cliName()));
    } else {
      p.println(choice != null ? "You are now " + now.cliName() + "." : "You are " + (now == null ? "unknown" : now.cliName()) + ".");
    }
    return 0;
  }

  /** Waits for the server's notification, so "You are now" is what the server says. */
  private static void confirmed(Workspace w, AgentState target) throws Exception {
    java.util.concurrent.CountDownLatch seen = new java.util.concurrent.CountDownLatch(1);
    try (AutoCloseable sub = w.onState(s -> {
      if (s.agentState() == target) {
        seen.countDown();
      }
    })) {
      if (w.state().agentState() != target && !seen.await(Await.DEFAULT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
        throw new dev.lpa.core.LpaException(dev.lpa.core.LpaException.Kind.TIMEOUT,
            "the server did not confirm the state change");
      }
    }
  }

  static final class Candidates extends java.util.ArrayList<String> {
    Candidates() {
      super(java.util.List.of("online", "back-soon", "away"));
    }
  }

  static final class ChoiceConverter implements picocli.CommandLine.ITypeConverter<Choice> {
    @Override
    public Choice convert(String s) {
      return switch (s.toLowerCase(java.util.Locale.ROOT)) {
        case "online" -> Choice.online;
        case "back-soon", "back_soon", "backsoon", "occupied" -> Choice.back_soon;
        case "away" -> Choice.away;
        default -> throw new picocli.CommandLine.TypeConversionException(
            "'" + s + "' is not a state: use online, back-soon or away");
      };
    }
  }
}
