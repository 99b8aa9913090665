package dev.lpa.cli;

import dev.lpa.cli.completion.Scripts;
import dev.lpa.cli.support.LpaCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Prints the completion script for a shell, generated from the live command model. */
@Command(
    name = "completion",
    description = "Print the shell completion script for bash, zsh or fish.",
    footer = {
      "",
      "Examples:",
      "  source <(lpa completion bash)",
      // $$ is picocli's escape for a literal $: ${fpath[1]} alone is read as a variable (null)
      "  lpa completion zsh > \"$${fpath[1]}/_lpa\"",
      "  lpa completion fish > ~/.config/fish/completions/lpa.fish"
    })
public final class CompletionCommand extends LpaCommand {
  public enum Shell {
    bash,
    zsh,
    fish
  }

  @Parameters(paramLabel = "SHELL", description = "One of: ${COMPLETION-CANDIDATES}.")
  Shell shell;

  @Override
  public Integer call() {
    out().print(Scripts.render(shell.name(), spec.root().commandLine()));
    out().flush();
    return 0;
  }
}
