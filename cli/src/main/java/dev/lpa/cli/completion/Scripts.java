package dev.lpa.cli.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Shell completion scripts built from the picocli command model, so they follow every new command
 * and option. The same text is printed by {@code lpa completion SHELL} and committed under
 * {@code completions/generated/}.
 */
public final class Scripts {
  /** Parameter labels whose values come from the live account, via {@code lpa __complete KIND}. */
  public static final Map<String, String> LIVE_LABELS =
      Map.of("CONV", "conversations", "RING", "rings", "SKILL", "skills", "AGENT", "agents", "ID", "canned");

  private Scripts() {}

  public static String render(String shell, CommandLine root) {
    return switch (shell.toLowerCase(Locale.ROOT)) {
      case "bash" -> bash(root);
      case "zsh" -> zsh(root);
      case "fish" -> fish(root);
      default -> throw new IllegalArgumentException("no completion for shell " + shell);
    };
  }

  public static String bash(CommandLine root) {
    return AutoComplete.bash(root.getCommandName(), root);
  }

  /**
   * zsh runs the bash script through bashcompinit; the {@code #compdef} line lets the file live in
   * {@code $fpath} as {@code _lpa} and be autoloaded like any native completion.
   */
  public static String zsh(CommandLine root) {
    String name = root.getCommandName();
    return "#compdef " + name + "\n"
        + "# zsh completion for " + name + ", generated from its command model.\n"
        + "# Install: copy to a folder in $fpath as _" + name + ", or `source <(" + name + " completion zsh)`.\n"
        + "autoload -U +X compinit && { (( $+functions[compdef] )) || compinit }\n"
        + "autoload -U +X bashcompinit && bashcompinit\n"
        + bash(root).replaceFirst("^#!/usr/bin/env bash\n", "");
  }

  public static String fish(CommandLine root) {
    String name = root.getCommandName();
    StringBuilder b = new StringBuilder();
    b.append("# fish completion for ").append(name).append(", generated from its command model.\n")
        .append("# Install: copy to ~/.config/fish/completions/").append(name).append(".fish\n")
        .append("complete -c ").append(name).append(" -f\n");
    fishCommand(b, name, root, List.of());
    return b.toString();
  }

  private static void fishCommand(StringBuilder b, String name, CommandLine cl, List<String> path) {
    CommandSpec spec = cl.getCommandSpec();
    String cond = fishCondition(path, cl);
    for (Map.Entry<String, CommandLine> e : visibleSubcommands(cl).entrySet()) {
      b.append("complete -c ").append(name).append(" -n ").append(quote(cond))
          .append(" -a ").append(e.getKey())
          .append(" -d ").append(quote(firstLine(e.getValue().getCommandSpec().usageMessage().description())))
          .append('\n');
    }
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      b.append("complete -c ").append(name).append(" -n ").append(quote(cond));
      for (String n : o.names()) {
        if (n.startsWith("--")) {
          b.append(" -l ").append(n.substring(2));
        } else if (n.startsWith("-") && n.length() == 2) {
          b.append(" -s ").append(n.substring(1));
        }
      }
      if (o.arity().max() > 0) {
        b.append(" -r");
        String values = fishValues(o);
        if (values != null) {
          b.append(" -f -a ").append(quote(values));
        }
      }
      b.append(" -d ").append(quote(firstLine(o.description()))).append('\n');
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (p.hidden()) {
        continue;
      }
      String values = fishValues(p);
      if (values != null) {
        b.append("complete -c ").append(name).append(" -n ").append(quote(cond))
            .append(" -a ").append(quote(values))
            .append(" -d ").append(quote(firstLine(p.description()))).append('\n');
      }
    }
    for (Map.Entry<String, CommandLine> e : visibleSubcommands(cl).entrySet()) {
      List<String> sub = new ArrayList<>(path);
      sub.add(e.getKey());
      fishCommand(b, name, e.getValue(), sub);
    }
  }

  /** Values for an option or parameter: enum-like candidates, or live ones for known labels. */
  private static String fishValues(ArgSpec a) {
    if (a.completionCandidates() != null) {
      List<String> c = new ArrayList<>();
      a.completionCandidates().forEach(c::add);
      if (!c.isEmpty()) {
        return String.join(" ", c);
      }
    }
    String label = a.paramLabel().replaceAll("[<>.]", "");
    String kind = LIVE_LABELS.get(label);
    if (kind != null) {
      return "(lpa __complete " + kind + " 2>/dev/null)";
    }
    return null;
  }

  private static String fishCondition(List<String> path, CommandLine cl) {
    if (path.isEmpty()) {
      return "__fish_use_subcommand";
    }
    StringBuilder c = new StringBuilder();
    for (String p : path) {
      if (c.length() > 0) {
        c.append("; and ");
      }
      c.append("__fish_seen_subcommand_from ").append(p);
    }
    if (!visibleSubcommands(cl).isEmpty()) {
      c.append("; and not __fish_seen_subcommand_from ")
          .append(String.join(" ", visibleSubcommands(cl).keySet()));
    }
    return c.toString();
  }

  public static Map<String, CommandLine> visibleSubcommands(CommandLine cl) {
    Map<String, CommandLine> m = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      CommandSpec s = e.getValue().getCommandSpec();
      // aliases map to the same CommandLine: keep the primary name only
      if (!s.usageMessage().hidden() && s.name().equals(e.getKey())) {
        m.put(e.getKey(), e.getValue());
      }
    }
    return m;
  }

  public static String firstLine(String[] description) {
    if (description == null || description.length == 0) {
      return "";
    }
    String d = description[0];
    // the first sentence: a full stop followed by a capital, so "e.g. the" does not end it
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\.\\s+(?=[A-Z])").matcher(d);
    return (m.find() ? d.substring(0, m.start() + 1) : d).replace("${COMPLETION-CANDIDATES}", "").trim();
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
