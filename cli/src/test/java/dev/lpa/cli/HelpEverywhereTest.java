package dev.lpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.cli.support.CliContext;
import dev.lpa.cli.support.Prompter;
import dev.lpa.cli.support.Terminal;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --help} on every command of the model, hidden ones and the root included. */
class HelpEverywhereTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyCommandPrintsUsageWithExamples() {
    CommandLine root = Main.commandLine(new CliContext(Map.of(), Clock.fixed(CliHarness.NOW, ZoneOffset.UTC),
        InputStream.nullInputStream(), Terminal.NONE, Prompter.console()));
    List<List<String>> paths = new ArrayList<>();
    paths.add(List.of());
    walk(root, new ArrayList<>(), paths, new IdentityHashMap<>());
    assertThat(paths).as("the walk found the subcommands").hasSizeGreaterThan(25);
    return paths.stream().map(path -> DynamicTest.dynamicTest("lpa " + String.join(" ", path) + " --help", () -> {
      CliHarness h = new CliHarness(tmp.resolve("h" + String.join("-", path)));
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CliHarness.Result r = h.run(args.toArray(String[]::new));
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).isEmpty();
      assertThat(r.out()).contains("Usage: lpa" + (path.isEmpty() ? "" : " " + String.join(" ", path)))
          .contains("\nExamples:\n");
      // lpa builds only the command the arguments name: its help must not differ from the whole tree's
      h.trimmedTree = false;
      assertThat(h.run(args.toArray(String[]::new))).isEqualTo(r);
    }));
  }

  @org.junit.jupiter.api.Test
  void aliasesTyposAndRootOptionsBehaveAsWithTheWholeTree() {
    for (String[] args : List.of(new String[] {"ls", "--help"}, new String[] {"sned", "x"},
        new String[] {"--version"}, new String[] {"send"}, new String[] {"completion", "fish"})) {
      CliHarness h = new CliHarness(tmp.resolve("a" + String.join("", args)));
      CliHarness.Result trimmed = h.run(args);
      h.trimmedTree = false;
      assertThat(h.run(args)).as(String.join(" ", args)).isEqualTo(trimmed);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyHelpTextIsAValidFormatString() {
    // picocli formats usage text with String.format; a stray % only shows as a warning at run time
    CommandLine root = Main.commandLine(new CliContext(Map.of(), Clock.fixed(CliHarness.NOW, ZoneOffset.UTC),
        InputStream.nullInputStream(), Terminal.NONE, Prompter.console()));
    List<CommandSpec> specs = new ArrayList<>();
    specs.add(root.getCommandSpec());
    collect(root, specs, new IdentityHashMap<>());
    return specs.stream().map(s -> DynamicTest.dynamicTest(s.qualifiedName(), () -> {
      List<String> texts = new ArrayList<>();
      texts.addAll(List.of(s.usageMessage().header()));
      texts.addAll(List.of(s.usageMessage().description()));
      texts.addAll(List.of(s.usageMessage().footer()));
      for (OptionSpec o : s.options()) {
        texts.addAll(List.of(o.description()));
      }
      s.positionalParameters().forEach(p -> texts.addAll(List.of(p.description())));
      for (String t : texts) {
        try {
          String.format(t);
        } catch (IllegalFormatException e) {
          throw new AssertionError(s.qualifiedName() + ": cannot format \"" + t + "\" (" + e + ")");
        }
      }
    }));
  }

  private static void walk(CommandLine cl, List<String> prefix, List<List<String>> out,
      IdentityHashMap<CommandLine, Boolean> seen) {
    for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      CommandLine sub = e.getValue();
      if (seen.put(sub, Boolean.TRUE) != null) {
        continue; // an alias of a command already walked
      }
      List<String> path = new ArrayList<>(prefix);
      path.add(sub.getCommandName());
      out.add(path);
      walk(sub, path, out, seen);
    }
  }

  private static void collect(CommandLine cl, List<CommandSpec> out, IdentityHashMap<CommandLine, Boolean> seen) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (seen.put(sub, Boolean.TRUE) == null) {
        out.add(sub.getCommandSpec());
        collect(sub, out, seen);
      }
    }
  }
}
