package dev.lpa.completions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed completion scripts and man pages must match what the current command model
 * generates. To refresh them: {@code ./mvnw -pl completions -am verify -Dlpa.completions.update=true}.
 */
class GeneratedFilesAreFreshTest {
  private static final Path GENERATED = Path.of("generated");
  private static final String REFRESH = "run ./mvnw -pl completions -am verify -Dlpa.completions.update=true";

  @org.junit.jupiter.api.BeforeAll
  static void updateWhenAsked() throws Exception {
    if (Boolean.getBoolean("lpa.completions.update")) {
      Generate.writeTo(GENERATED);
    }
  }

  @Test
  void committedFilesMatchTheCommandModel() throws Exception {
    Map<String, String> expected = Generate.render();
    assertThat(expected).containsKeys("lpa.bash", "_lpa", "lpa.fish", "man/man1/lpa.1", "man/man1/lpa-mq-return-all.1");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Path committed = GENERATED.resolve(e.getKey());
      assertThat(committed).as("%s is missing; %s", committed, REFRESH).exists();
      assertThat(Files.readString(committed)).as("%s is stale; %s", committed, REFRESH).isEqualTo(e.getValue());
    }
  }

  @Test
  void noManPageIsLeftForARemovedCommand() throws Exception {
    Map<String, String> expected = Generate.render();
    try (Stream<Path> s = Files.list(GENERATED.resolve("man/man1"))) {
      List<String> extra = s.map(p -> "man/man1/" + p.getFileName()).filter(n -> !expected.containsKey(n)).toList();
      assertThat(extra).as("pages for commands that no longer exist; %s", REFRESH).isEmpty();
    }
  }

  @Test
  void scriptsCoverCommandsOptionsAndLiveValues() {
    Map<String, String> f = Generate.render();
    assertThat(f.get("_lpa")).startsWith("#compdef lpa\n").contains("bashcompinit");
    assertThat(f.get("lpa.fish"))
        .contains("complete -c lpa -n '__fish_use_subcommand' -a list")
        .contains("__fish_seen_subcommand_from mq; and __fish_seen_subcommand_from return-all")
        .contains("-l idle-for -r")
        .contains("(lpa __complete conversations 2>/dev/null)")
        .doesNotContain("__complete -d");
    assertThat(f.get("lpa.bash")).contains("return-all").contains("--jsonl");
    assertThat(f.get("man/man1/lpa-send.1")).startsWith(".TH \"LPA-SEND\" \"1\"").contains(".SH OPTIONS")
        .contains("\\fB\\-\\-canned\\fR \\fIID\\fR");
  }

  @Test
  void manPagesPrintHelpTextTheWayPicocliDoes() {
    // help text is a format string: the page shows "%%" as "%", and keeps examples literal
    assertThat(ManPages.unformat("printf '%%s\\n' 100%% done%nnext")).isEqualTo("printf '%s\\n' 100% done\nnext");
    assertThat(Generate.render().get("man/man1/lpa-login.1")).contains("printf '%s\\en' \"$PW\"").doesNotContain("%%");
  }

  @Test
  void theCompletionCommandPrintsTheCommittedScripts() throws Exception {
    Map<String, String> files = Map.of("bash", "lpa.bash", "zsh", "_lpa", "fish", "lpa.fish");
    for (Map.Entry<String, String> e : files.entrySet()) {
      java.io.StringWriter out = new java.io.StringWriter();
      picocli.CommandLine cl = Generate.model();
      cl.setOut(new java.io.PrintWriter(out, true));
      assertThat(cl.execute("completion", e.getKey())).isZero();
      assertThat(out.toString()).as(e.getKey()).isEqualTo(Files.readString(GENERATED.resolve(e.getValue())));
    }
  }
}
