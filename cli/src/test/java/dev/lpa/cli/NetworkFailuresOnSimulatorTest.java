package dev.lpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.cli.support.CliContext;
import dev.lpa.cli.support.Prompter;
import dev.lpa.cli.support.Terminal;
import dev.lpa.core.DefaultLpaClient;
import dev.lpa.core.auth.Tuning;
import dev.lpa.sim.SimConfig;
import dev.lpa.sim.Simulator;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Failures no retry can fix end the command at once with the cause in words; server errors are
 * retried and, on a terminal, the command says so. Runs the standard retry policy (5, 10, 15 s),
 * so a failure that was retried could not finish within the bounds asserted here.
 */
class NetworkFailuresOnSimulatorTest {
  static Simulator sim;

  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    sim = Simulator.start(SimConfig.builder().port(0).admin(true).build());
  }

  @AfterAll
  static void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  record Result(int code, String out, String err, Duration took) {}

  private Result run(Terminal terminal, Tuning tuning, String stdin, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("LPA_CONFIG_DIR", tmp.resolve("config").toString());
    env.put("LPA_DATA_DIR", tmp.resolve("data").toString());
    env.put("HOME", tmp.toString());
    env.put("NO_COLOR", "1");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long t0 = System.nanoTime();
    try (CliContext ctx = new CliContext(env, Clock.systemUTC(),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), terminal, Prompter.console(),
        c -> DefaultLpaClient.create(c, tuning))) {
      CommandLine cl = Main.commandLine(ctx, args);
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute(args);
      return new Result(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - t0));
    }
  }

  private Result login(String csds, String... extra) {
    String[] base = {"login", "--account", sim.accountId(), "--username", "agent1", "--password-stdin", "--csds", csds};
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
        .toArray(String[]::new);
    return run(Terminal.NONE, Tuning.standard(), "agent1-pass\n", args);
  }

  @Test
  void anUntrustedCertificateFailsAtOnceAndNamesTheFix() {
    Result r = login(sim.csdsDomain());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.took()).isLessThan(Duration.ofSeconds(5));
    assertThat(r.err().lines().findFirst().orElse(""))
        .isEqualTo("lpa: the server's certificate is not trusted (" + sim.csdsDomain() + "); pass --ca-file with the CA that signed it");
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("javax");
  }

  @Test
  void nothingListeningFailsAtOnce() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Result r = login("127.0.0.1:" + port);
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.took()).isLessThan(Duration.ofSeconds(5));
    assertThat(r.err().lines().findFirst().orElse(""))
        .isEqualTo("lpa: nothing is listening at 127.0.0.1:" + port + " (connection refused)");
  }

  @Test
  void throttlingIsHonouredAndAServerThatKeepsThrottlingIsAClearGiveUp() {
    Result in = login(sim.csdsDomain(), "--ca-file", sim.caPem().toString());
    assertThat(in.code()).as(in.err()).isZero();
    // the simulator's 429 carries Retry-After: 1, longer than the fast policy's own delay
    sim.admin().failNext(2, 429);
    Result honoured = run(Terminal.NONE, Tuning.fast(), "", "skills", "--json");
    assertThat(honoured.code()).as(honoured.err()).isZero();
    assertThat(honoured.took()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

    sim.admin().failNext(50, 429);
    Result gaveUp = run(Terminal.NONE, Tuning.fast(), "", "skills", "--json");
    sim.admin().failNext(0, 429);
    assertThat(gaveUp.code()).as(gaveUp.err()).isEqualTo(7);
    assertThat(gaveUp.out()).isEmpty();
    assertThat(gaveUp.err()).matches("lpa: the server kept throttling /\\S+ \\(429\\) through 4 tries"
        + " \\(the server kept failing; try again later\\)\n");
  }

  @Test
  void aServerErrorBurstIsRetriedAndATerminalIsToldSo() {
    Result in = login(sim.csdsDomain(), "--ca-file", sim.caPem().toString());
    assertThat(in.code()).as(in.err()).isZero();
    Terminal tty = new Terminal(true, true, true, 100);
    sim.admin().failNext(2, 503);
    Result onTty = run(tty, Tuning.fast(), "", "skills", "--json");
    assertThat(onTty.code()).as(onTty.err()).isZero();
    assertThat(onTty.err()).contains("lpa: server error 503 on ").contains("; retrying in ").contains("(2 of 4)")
        .contains("(3 of 4)");
    sim.admin().failNext(2, 503);
    Result piped = run(Terminal.NONE, Tuning.fast(), "", "skills", "--json");
    assertThat(piped.code()).as(piped.err()).isZero();
    assertThat(piped.err()).doesNotContain("retrying");
  }
}
