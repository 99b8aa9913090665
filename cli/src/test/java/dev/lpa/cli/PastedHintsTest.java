package dev.lpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.cli.support.CliContext;
import dev.lpa.cli.support.Prompter;
import dev.lpa.cli.support.Terminal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command line lpa prints for people to paste (examples in the help, the help topics, and
 * the hints in messages) must parse: `lpa --profile demo list` did not, as the option belongs
 * after the command. Lines come from the rendered help of every command and from the string
 * literals of the sources, where the hints are built.
 */
class PastedHintsTest {
  /** Literals that mention lpa but are not command lines (the smoke test's consumer name). */
  private static final Set<String> NOT_COMMAND_LINES = Set.of("lpa smoke ");

  /** Words that end a command line inside a sentence. */
  private static final Set<String> PROSE = Set.of("or", "and", "to", "waits", "for", "while", "then", "in", "with");

  private static CommandLine tree() {
    return Main.commandLine(new CliContext(Map.of(), Clock.fixed(CliHarness.NOW, ZoneOffset.UTC),
        InputStream.nullInputStream(), Terminal.NONE, Prompter.console()));
  }

  @Test
  void everyPrintedCommandLineParses() throws IOException {
    CommandLine root = tree();
    Set<String> commands = root.getSubcommands().keySet();
    Map<String, String> lines = new LinkedHashMap<>();
    for (Map.Entry<String, String> text : texts(root).entrySet()) {
      for (String line : commandLines(text.getValue(), commands)) {
        lines.putIfAbsent(line, text.getKey());
      }
    }
    assertThat(lines).as("command lines found").hasSizeGreaterThan(80);
    List<String> broken = new ArrayList<>();
    for (Map.Entry<String, String> e : lines.entrySet()) {
      String problem = parseProblem(e.getKey());
      if (problem != null) {
        broken.add(e.getKey() + "   [" + e.getValue() + "]: " + problem);
      }
    }
    assertThat(broken).as("printed command lines that do not parse").isEmpty();
    assertThat(lines).as("the demo hint is among them").containsKey("lpa list --profile X");
  }

  @Test
  void noHelpTextShowsAnUnresolvedVariable() {
    for (Map.Entry<String, String> t : helpTexts(tree()).entrySet()) {
      // picocli prints an unknown ${...} variable as "null"
      assertThat(t.getValue()).as(t.getKey()).doesNotContain("null/").doesNotContain("\"null");
    }
    assertThat(tree().getSubcommands().get("completion").getUsageMessage())
        .contains("lpa completion zsh > \"${fpath[1]}/_lpa\"");
  }

  @Test
  void theExtractorFindsWhatWasBroken() {
    // the checks above can fail: the old demo hint and a misplaced option are caught
    List<String> found = commandLines("lpa demo: in another terminal: lpa --profile X list | accept",
        tree().getSubcommands().keySet());
    assertThat(found).containsExactly("lpa --profile X list");
    assertThat(parseProblem("lpa --profile X list")).contains("--profile");
    assertThat(parseProblem("lpa list --profile X")).isNull();
  }

  /** Null when the words parse as a command; else what picocli said. */
  private static String parseProblem(String line) {
    List<String> words = words(line);
    try {
      tree().parseArgs(words.subList(1, words.size()).toArray(String[]::new));
      return null;
    } catch (CommandLine.MissingParameterException e) {
      return null; // a hint may name a command without its arguments ("see: lpa show")
    } catch (CommandLine.ParameterException e) {
      return e.getMessage();
    }
  }

  private static Map<String, String> texts(CommandLine root) throws IOException {
    Map<String, String> out = new LinkedHashMap<>(helpTexts(root));
    for (String topic : List.of("exit-codes", "environment", "formatting")) {
      out.put("lpa help " + topic, HelpCommand.topic(topic));
    }
    Path src = Path.of("src/main/java");
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String code = Files.readString(f);
        Matcher m = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"(\\s*\\+)?").matcher(code);
        int n = 0;
        while (m.find()) {
          String lit = m.group(1).replace("\\\"", "\"").replace("\\n", "\n");
          if (!lit.contains("lpa ") || NOT_COMMAND_LINES.contains(lit)) {
            continue;
          }
          // a literal continued by "+ value": the value becomes a placeholder word
          if (m.group(2) != null && lit.endsWith(" ")) {
            lit = lit + "X";
          }
          out.put(src.relativize(f) + " #" + (++n), lit);
        }
      }
    }
    return out;
  }

  private static Map<String, String> helpTexts(CommandLine root) {
    Map<String, String> out = new LinkedHashMap<>();
    walk(root, out, new IdentityHashMap<>());
    return out;
  }

  private static void walk(CommandLine cl, Map<String, String> out, IdentityHashMap<CommandLine, Boolean> seen) {
    if (seen.put(cl, Boolean.TRUE) != null) {
      return;
    }
    out.put(cl.getCommandSpec().qualifiedName() + " --help", cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
    cl.getSubcommands().values().forEach(s -> walk(s, out, seen));
  }

  /** The lpa command lines inside a text: from "lpa" to the end of the command in the sentence. */
  static List<String> commandLines(String text, Set<String> commands) {
    List<String> out = new ArrayList<>();
    // not the synopsis ("Usage: lpa send [-hv] ..."): that is notation, not a line to paste
    Matcher m = Pattern.compile("(?<![\\w/.$-]|Usage: )lpa (?=\\S)").matcher(text);
    while (m.find()) {
      String rest = text.substring(m.end());
      int nl = rest.indexOf('\n');
      if (nl >= 0) {
        rest = rest.substring(0, nl);
      }
      List<String> line = new ArrayList<>(List.of("lpa"));
      for (String w : tokens(rest)) {
        if (w.equals("|") || w.equals(">") || w.startsWith(">") || w.equals("<") || w.equals("&&") || w.equals("||")
            || w.equals(";") || w.startsWith("#") || w.startsWith("`") || PROSE.contains(w)) {
          break;
        }
        String bare = w.replaceAll("[`)(,;]+$", "");
        boolean end = !bare.equals(w) || (bare.endsWith(".") && !bare.matches(".*\\w\\.\\w+"));
        bare = bare.replaceAll("\\.$", "");
        if (!bare.isEmpty()) {
          line.add(bare);
        }
        if (end) {
          break;
        }
      }
      if (line.size() < 2) {
        continue;
      }
      String first = line.get(1);
      // "lpa demo: ..." is a message prefix, "lpa exits with" prose; options and commands count
      if (first.endsWith(":") || !(first.startsWith("-") || commands.contains(first))) {
        continue;
      }
      out.add(String.join(" ", line));
    }
    return out;
  }

  /** Shell-like words: quotes group, and stay in the word so the line reads as printed. */
  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    for (char c : s.toCharArray()) {
      if (quote != 0) {
        w.append(c);
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        w.append(c);
      } else if (Character.isWhitespace(c)) {
        if (w.length() > 0) {
          out.add(w.toString());
          w.setLength(0);
        }
      } else {
        w.append(c);
      }
    }
    if (w.length() > 0) {
      out.add(w.toString());
    }
    return out;
  }

  private static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    for (String t : tokens(line)) {
      out.add(t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"') && t.charAt(t.length() - 1) == t.charAt(0)
          ? t.substring(1, t.length() - 1) : t);
    }
    return out;
  }
}
