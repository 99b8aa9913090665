package dev.lpa.completions;

import dev.lpa.cli.HelpCommand;
import dev.lpa.cli.completion.Scripts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Man pages in roff (man(7) macros) from the picocli model: {@code lpa.1} with the command list,
 * exit status and environment, and one {@code lpa-COMMAND.1} per command. No date in the header,
 * so the output only changes when the commands do.
 */
public final class ManPages {
  private ManPages() {}

  /** File name to roff text. */
  public static Map<String, String> render(CommandLine root, String version) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("lpa.1", rootPage(root, version));
    addPages(root, version, out);
    return out;
  }

  private static void addPages(CommandLine cl, String version, Map<String, String> out) {
    for (CommandLine sub : Scripts.visibleSubcommands(cl).values()) {
      CommandSpec s = sub.getCommandSpec();
      out.put(pageName(s) + ".1", commandPage(s, version));
      addPages(sub, version, out);
    }
  }

  static String pageName(CommandSpec s) {
    return s.qualifiedName("-");
  }

  private static String header(String name, String version) {
    return ".TH \"" + name.toUpperCase() + "\" \"1\" \"\" \"lpa " + version + "\" \"lpa manual\"\n";
  }

  private static String rootPage(CommandLine root, String version) {
    CommandSpec spec = root.getCommandSpec();
    StringBuilder b = new StringBuilder(header("lpa", version));
    b.append(".SH NAME\nlpa \\- ").append(esc(String.join(" ", spec.usageMessage().description()))).append('\n');
    b.append(".SH SYNOPSIS\n.B lpa\n.RI [ COMMAND ] \" \" [ OPTIONS ]\n");
    b.append(".SH DESCRIPTION\n")
        .append("An agent console for LivePerson Conversational Cloud messaging, for people who live in\n")
        .append("terminals, for support engineers who script bulk work, and for CI pipelines.\n")
        .append("Every command takes \\fB\\-\\-profile\\fR, \\fB\\-\\-color\\fR and \\fB\\-\\-verbose\\fR;\n")
        .append("commands that print data take \\fB\\-\\-json\\fR and \\fB\\-\\-jsonl\\fR.\n");
    b.append(".SH COMMANDS\n");
    for (CommandLine sub : Scripts.visibleSubcommands(root).values()) {
      CommandSpec s = sub.getCommandSpec();
      b.append(".TP\n.BR ").append(pageName(s)).append(" (1)\n")
          .append(esc(String.join(" ", s.usageMessage().description()))).append('\n');
    }
    b.append(".SH EXIT STATUS\n");
    for (String[] row : dev.lpa.cli.support.ExitCodes.TABLE) {
      b.append(".TP\n.B ").append(row[0]).append('\n').append(esc(row[1])).append('\n');
    }
    b.append(".SH ENVIRONMENT\n.nf\n").append(esc(HelpCommand.topic("environment"))).append(".fi\n");
    b.append(".SH OUTPUT\n.nf\n").append(esc(HelpCommand.topic("formatting"))).append(".fi\n");
    return b.toString();
  }

  private static String commandPage(CommandSpec s, String version) {
    StringBuilder b = new StringBuilder(header(pageName(s), version));
    b.append(".SH NAME\n").append(pageName(s)).append(" \\- ")
        .append(esc(String.join(" ", s.usageMessage().description()))).append('\n');
    b.append(".SH SYNOPSIS\n.B ").append(s.qualifiedName()).append('\n');
    List<String> synopsis = new ArrayList<>();
    for (OptionSpec o : s.options()) {
      if (!o.hidden()) {
        String label = o.arity().max() > 0 ? " " + o.paramLabel() : "";
        boolean required = o.required() && (o.group() == null || o.group().multiplicity().min() > 0);
        synopsis.add((required ? "" : "[") + o.longestName() + label + (required ? "" : "]"));
      }
    }
    for (PositionalParamSpec p : s.positionalParameters()) {
      if (!p.hidden()) {
        String l = p.paramLabel() + (p.arity().max() > 1 ? "..." : "");
        synopsis.add(p.arity().min() == 0 ? "[" + l + "]" : l);
      }
    }
    b.append(esc(String.join(" ", synopsis))).append('\n');
    if (!s.subcommands().isEmpty()) {
      b.append(".SH COMMANDS\n");
      for (CommandLine sub : Scripts.visibleSubcommands(s.commandLine()).values()) {
        b.append(".TP\n.BR ").append(pageName(sub.getCommandSpec())).append(" (1)\n")
            .append(esc(String.join(" ", sub.getCommandSpec().usageMessage().description()))).append('\n');
      }
    }
    List<PositionalParamSpec> params = s.positionalParameters().stream().filter(p -> !p.hidden()).toList();
    if (!params.isEmpty()) {
      b.append(".SH ARGUMENTS\n");
      for (PositionalParamSpec p : params) {
        b.append(".TP\n.I ").append(esc(p.paramLabel())).append('\n')
            .append(esc(String.join(" ", p.description()))).append('\n');
      }
    }
    List<OptionSpec> opts = s.options().stream().filter(o -> !o.hidden()).toList();
    if (!opts.isEmpty()) {
      b.append(".SH OPTIONS\n");
      for (OptionSpec o : opts) {
        b.append(".TP\n");
        List<String> names = new ArrayList<>();
        for (String n : o.names()) {
          names.add("\\fB" + esc(n) + "\\fR" + (o.arity().max() > 0 ? " \\fI" + esc(o.paramLabel()) + "\\fR" : ""));
        }
        b.append(String.join(", ", names)).append('\n').append(esc(String.join(" ", o.description()))).append('\n');
      }
    }
    String[] footer = s.usageMessage().footer();
    if (footer.length > 0) {
      // prose is filled to the reader's width; indented lines (examples) keep their layout
      b.append(".SH NOTES\n");
      boolean literal = false;
      for (String raw : footer) {
        String line = unformat(raw);
        boolean indented = line.startsWith("  ");
        if (indented && !literal) {
          b.append(".nf\n");
          literal = true;
        } else if (!indented && literal) {
          b.append(".fi\n");
          literal = false;
        }
        if (line.isBlank()) {
          b.append(".PP\n");
        } else {
          b.append(esc(literal ? line : line.strip())).append('\n');
        }
      }
      if (literal) {
        b.append(".fi\n");
      }
    }
    b.append(".SH SEE ALSO\n.BR lpa (1)\n");
    return b.toString();
  }

  /** Help text as picocli prints it: the text is a format string, so {@code %%} is a percent sign. */
  static String unformat(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 1 < s.length() && (s.charAt(i + 1) == '%' || s.charAt(i + 1) == 'n')) {
        b.append(s.charAt(++i) == '%' ? "%" : "\n");
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Escapes text for roff: backslashes, hyphens (as minus signs) and control-line starts. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    String t = s.replace("\\", "\\e").replace("-", "\\-");
    StringBuilder b = new StringBuilder();
    for (String line : t.split("\n", -1)) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line);
    }
    // troff reads bytes, not UTF-8: glyphs such as the urgency bell go in as named code points
    StringBuilder ascii = new StringBuilder();
    b.codePoints().forEach(cp -> {
      if (cp < 128) {
        ascii.append((char) cp);
      } else {
        ascii.append(String.format("\\[u%04X]", cp));
      }
    });
    return ascii.toString();
  }
}
