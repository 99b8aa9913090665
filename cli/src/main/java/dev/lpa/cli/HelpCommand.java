package dev.lpa.cli;

import dev.lpa.cli.support.ExitCodes;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lpa help [COMMAND|TOPIC]}: a command's usage, or one of the help topics. */
@Command(
    name = "help",
    helpCommand = true,
    description = "Show help for a command, or one of the topics: exit-codes, environment, formatting.",
    footer = {"", "Examples:", "  lpa help send", "  lpa help exit-codes", "  lpa help mq return-all"})
public final class HelpCommand implements Runnable {
  public static final Map<String, String> TOPICS =
      Map.of(
          "exit-codes", "What each exit status means.",
          "environment", "Environment variables lpa reads.",
          "formatting", "Tables, JSON and colour.");

  @Spec CommandSpec spec;

  @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Parameters(
      arity = "0..*",
      paramLabel = "COMMAND|TOPIC",
      description = "A command (with its subcommand), or a topic: exit-codes, environment, formatting.")
  String[] words = new String[0];

  @Override
  public void run() {
    CommandLine root = spec.parent().commandLine();
    PrintWriter out = root.getOut();
    if (words.length == 0) {
      root.usage(out);
      return;
    }
    String topic = topic(words[0]);
    if (topic != null && words.length == 1) {
      out.print(topic);
      out.flush();
      return;
    }
    CommandLine target = root;
    for (String w : words) {
      CommandLine next = target.getSubcommands().get(w);
      if (next == null) {
        throw new CommandLine.ParameterException(
            root,
            "Unknown command or topic '" + String.join(" ", words)
                + "'. Try: lpa help, or a topic: exit-codes, environment, formatting");
      }
      target = next;
    }
    target.usage(out);
  }

  /** The text of a topic, or null. */
  public static String topic(String name) {
    return switch (name) {
      case "exit-codes" -> exitCodes();
      case "environment" -> ENVIRONMENT;
      case "formatting" -> FORMATTING;
      default -> null;
    };
  }

  static String exitCodes() {
    StringBuilder b = new StringBuilder("lpa exits with one of these statuses:\n\n");
    for (String[] row : ExitCodes.TABLE) {
      b.append("  ").append(row[0]).append("  ").append(row[1]).append('\n');
    }
    b.append(
        "\nScripts can rely on them: for example, `lpa whoami >/dev/null || [ $? -eq 4 ] && lpa login`.\n"
            + "Add --verbose to any command to see the details behind a failure.\n");
    return b.toString();
  }

  static final String ENVIRONMENT =
      """
      Environment variables beat stored values; options beat both.

        LPA_PROFILE       profile to use when --profile is not given (default: "default")
        LPA_ACCOUNT       account id for login and smoke
        LPA_USERNAME      user name for login and smoke
        LPA_PASSWORD      password for login and smoke (prefer --password-stdin on shared machines)
        LPA_TOKEN         a bearer token to use instead of a password (CI)
        LPA_CSDS          domain of the CSDS discovery service (default: LivePerson's)
        LPA_CA_FILE       PEM file of a CA to trust besides the system's (e.g. the simulator's)
        LPA_CONFIG_DIR    configuration folder (default: $XDG_CONFIG_HOME/lpa, else ~/.config/lpa)
        LPA_DATA_DIR      data folder, history and local store (default: $XDG_DATA_HOME/lpa,
                          else ~/.local/share/lpa)
        LPA_JAVA_OPTS     extra JVM options for the ./lpa launcher
        LPA_WARMUP        off: no thread that prepares the first TLS handshake's keys
                          while a command that connects starts
        NO_COLOR          set to anything to turn colour off (same as --color=never)
        COLUMNS           width used for tables when it cannot be detected
      """;

  static final String FORMATTING =
      """
      Commands that print data print a table when stdout is a terminal.

        --json            one JSON document (an array for lists)
        --jsonl           JSON lines: one object per line, good for jq -c and streaming;
                          `lpa watch` and `lpa list --watch` always stream lines
        --color=WHEN      auto (default: colour on a terminal unless NO_COLOR is set),
                          always, never

      Progress and prompts go to stderr, and only when it is a terminal, so stdout stays
      clean for pipes. Text that came from consumers or the server is printed with terminal
      control sequences removed.

      Examples:
        lpa list --json | jq -r '.[] | select(.urgency == "OVERDUE") | .id'
        lpa watch | jq -c 'select(.type == "message")'
      """;
}
