package dev.lpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command-line mistakes: one line, what is wrong, the nearest name, which help to read; exit 2. */
class UsageErrorsTest {
  @TempDir Path tmp;

  private CliHarness.Result run(String... args) {
    CliHarness h = new CliHarness(tmp.resolve(String.join("_", args).replaceAll("[^A-Za-z0-9_-]", "x")));
    h.client().loggedIn("default", "agent1");
    return h.run(args);
  }

  private static void oneLine(CliHarness.Result r, String expected) {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(expected + "\n");
  }

  @Test
  void aMissingArgumentSaysWhichAndWhichHelpToRead() {
    oneLine(run("send"), "lpa: missing required parameter: 'CONV' (see: lpa send --help)");
  }

  @Test
  void anUnknownOptionNamesTheCommandAndTheNearestOption() {
    oneLine(run("list", "--closd"), "lpa: unknown option '--closd' for 'lpa list'; did you mean '--closed'? (see: lpa list --help)");
  }

  @Test
  void anUnknownCommandSuggestsTheNearestOne() {
    oneLine(run("sned", "3f2a", "hi"), "lpa: unknown command 'sned' for 'lpa'; did you mean 'lpa send'? (see: lpa --help)");
  }

  @Test
  void aCommandCutShortSuggestsTheWholeName() {
    oneLine(run("complet", "zsh"), "lpa: unknown command 'complet' for 'lpa'; did you mean 'lpa completion'? (see: lpa --help)");
  }

  @Test
  void anUnknownCommandFollowedByHelpIsStillUnknown() {
    CliHarness.Result r = run("teleport", "--help");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).doesNotContain("Usage:");
    assertThat(r.err()).startsWith("lpa: unknown command 'teleport' for 'lpa'").endsWith("(see: lpa --help)\n")
        .hasLineCount(1);
    oneLine(run("sned", "--help"), "lpa: unknown command 'sned' for 'lpa'; did you mean 'lpa send'? (see: lpa --help)");
    oneLine(run("mq", "retrun-all", "--help"),
        "lpa: unknown command 'retrun-all' for 'lpa mq'; did you mean 'lpa mq return-all'? (see: lpa mq --help)");
  }

  @Test
  void aBadValueIsOneLine() {
    CliHarness.Result r = run("state", "sleeping");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).hasLineCount(1).contains("sleeping").endsWith("(see: lpa state --help)\n");
  }

  @Test
  void aKnownCommandsHelpStillWorks() {
    CliHarness.Result r = run("send", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: lpa send");
  }

  @Test
  void aShellScriptErrorNamesItsLine() {
    CliHarness h = new CliHarness(tmp.resolve("script"));
    h.client().loggedIn("default", "agent1");
    h.stdin = "# set up\nwhoami\n\nclose zzzz\nsned x\n";
    CliHarness.Result r = h.run("shell");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("line 4: lpa: no conversation zzzz").contains("line 4: (exit 6)")
        .contains("line 5: lpa: unknown command 'sned' for 'lpa'; did you mean 'lpa send'?").contains("line 5: (exit 2)");
    assertThat(r.err().lines()).allMatch(l -> l.startsWith("line "));
  }
}
