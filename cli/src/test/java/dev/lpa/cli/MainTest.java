package dev.lpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void versionNamesTheBuild() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("lpa 0.").doesNotContain("${");
  }

  @Test
  void helpListsTheProgram() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: lpa").contains("LivePerson");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("--no-such-option")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("lpa: unknown option '--no-such-option' for 'lpa' (see: lpa --help)\n");
  }

  @Test
  void commandsThatConnectWarmUpTheFirstHandshakeAndOthersDoNot() {
    java.util.Map<String, String> env = java.util.Map.of();
    assertThat(Main.warms(new String[] {"list", "--json", "--no-session"}, env)).isTrue();
    assertThat(Main.warms(new String[] {"login", "--username", "agent1"}, env)).isTrue();
    assertThat(Main.warms(new String[] {"whoami"}, env)).isFalse();
    assertThat(Main.warms(new String[] {"list", "--help"}, env)).isFalse();
    assertThat(Main.warms(new String[] {"--version"}, env)).isFalse();
    assertThat(Main.warms(new String[] {}, env)).isFalse();
    assertThat(Main.warms(new String[] {"list"}, java.util.Map.of("LPA_WARMUP", "off"))).isFalse();
  }
}
