package dev.lpa.cli.support;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A mistake on the command line gets one line: what is wrong, the nearest command or option when
 * there is one, and which help to read. The whole usage text would bury the one thing that
 * matters, and in a script's log it is noise.
 */
public final class UsageErrors implements IParameterExceptionHandler, IExecutionStrategy {
  private final IExecutionStrategy next;

  /** {@code next} runs the command once the words are known to be right. */
  public UsageErrors(IExecutionStrategy next) {
    this.next = next;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println(cl.getColorScheme().errorText("lpa: " + line(ex)));
    err.flush();
    return ExitCodes.USAGE;
  }

  /** The one line for a parse error, without the "lpa: " prefix. */
  public static String line(ParameterException ex) {
    CommandLine cl = ex.getCommandLine();
    String name = cl.getCommandSpec().qualifiedName();
    String what;
    List<String> nearest = List.of();
    if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      if (first.startsWith("-")) {
        String typed = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        what = "unknown option " + quote(typed) + " for " + quote(name);
        nearest = nearest(typed, cl.getCommandSpec().optionsMap().keySet());
      } else if (!cl.getSubcommands().isEmpty()) {
        what = "unknown command " + quote(first) + " for " + quote(name);
        nearest = nearest(first, cl.getSubcommands().entrySet().stream()
            .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden()).map(java.util.Map.Entry::getKey).toList());
      } else {
        what = "unexpected argument " + quote(first) + " for " + quote(name);
      }
    } else {
      String m = ex.getMessage() == null ? "invalid arguments" : ex.getMessage();
      int nl = m.indexOf('\n');
      what = Character.toLowerCase(m.charAt(0)) + (nl < 0 ? m : m.substring(0, nl)).substring(1);
    }
    StringBuilder b = new StringBuilder(dev.lpa.core.text.SafeText.line(what));
    if (!nearest.isEmpty()) {
      String n = nearest.get(0);
      b.append("; did you mean ").append(quote(n.startsWith("-") ? n : name + " " + n)).append('?');
    }
    b.append(" (see: ").append(name).append(" --help)");
    return b.toString();
  }

  /**
   * The closest name by edit distance (a swap of two neighbours counts once), when it is close
   * enough to be a typo; picocli's own suggestion ranks by shared letters and offered "canned" for
   * "sned".
   */
  static List<String> nearest(String typed, java.util.Collection<String> names) {
    String lower = typed.toLowerCase(java.util.Locale.ROOT);
    // a command cut short ("complet") is as clear as a typo
    List<String> started = names.stream().filter(n -> lower.replaceFirst("^-+", "").length() >= 3
        && n.toLowerCase(java.util.Locale.ROOT).startsWith(lower)).sorted().toList();
    if (started.size() == 1) {
      return started;
    }
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String n : names) {
      int d = distance(typed.toLowerCase(java.util.Locale.ROOT), n.toLowerCase(java.util.Locale.ROOT));
      if (d < bestD || (d == bestD && best != null && n.compareTo(best) < 0)) {
        best = n;
        bestD = d;
      }
    }
    int core = typed.replaceFirst("^-+", "").length();
    return best != null && bestD <= Math.max(1, Math.min(3, core / 2)) ? List.of(best) : List.of();
  }

  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String quote(String s) {
    return "'" + dev.lpa.core.text.SafeText.line(s) + "'";
  }

  /**
   * picocli lets unmatched words pass when --help is present ({@code lpa session --help} printed
   * the root's help and exited 0): an unknown command is an error with or without --help.
   */
  @Override
  public int execute(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (!p.unmatched().isEmpty()) {
        throw new UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
      }
    }
    return next.execute(parsed);
  }
}
