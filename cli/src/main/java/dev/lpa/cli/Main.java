package dev.lpa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lpa} entry point. */
@Command(
    name = "lpa",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Terminal agent console for LivePerson Conversational Cloud messaging.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
