package dev.lpa.cli;

import dev.lpa.cli.support.CliContext;
import dev.lpa.cli.support.Prompter;
import dev.lpa.cli.support.Terminal;
import dev.lpa.sim.DemoAccount;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The training run behind the launcher's start-up cache: the short commands people run most
 * (login, whoami, state, accept, list, show, send, close, skills, their --help), each on its own
 * context as a separate process would run it, against a simulator in a child process. The
 * JVM that runs this dumps the classes they loaded (a class-data-sharing archive on 17, an
 * ahead-of-time cache on 25), so a real short command finds its classes ready instead of only
 * those of {@code --help}. Not a command: nothing a user runs; the launcher calls it once per build.
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws Exception {
    // the path most commands take once a session runs: the client side of one exchange
    dev.lpa.cli.session.Training.exchange();
    // the warm-up a connecting command starts on a thread of its own (its classes, in the cache)
    dev.lpa.core.internal.Warmup.runNow();
    Path home = Files.createTempDirectory("lpa-training");
    int failed = 0;
    // the simulator runs in a process of its own, so its classes stay out of the cache
    Process sim = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "sim", "--port", "0", "--admin",
        "--data", home.resolve("sim").toString())
        .redirectErrorStream(true).start();
    try {
      String csds = null;
      Path ca = null;
      BufferedReader lines = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
      for (String line; (csds == null || ca == null) && (line = lines.readLine()) != null; ) {
        if (line.startsWith("CSDS domain:")) {
          csds = line.substring(line.indexOf(':') + 1).trim();
        } else if (line.startsWith("CA file:")) {
          ca = Path.of(line.substring(line.indexOf(':') + 1).trim());
        }
      }
      if (csds == null || ca == null) {
        System.exit(1);
      }
      Map<String, String> env = new HashMap<>();
      env.put("LPA_CONFIG_DIR", home.resolve("config").toString());
      env.put("LPA_DATA_DIR", home.resolve("data").toString());
      env.put("LPA_TTY", "0,0,0");
      env.put("LPA_SESSION", "off");
      String conv = new SimAdminClient(csds, ca).createConversation(DemoAccount.SKILL_GENERAL, "Training Consumer",
          "hello");
      List<String[]> commands = new ArrayList<>();
      commands.add(new String[] {"login", "--account", DemoAccount.ACCOUNT_ID, "--username", DemoAccount.AGENT1,
          "--csds", csds, "--ca-file", ca.toString(), "--password-stdin"});
      commands.add(new String[] {"whoami"});
      commands.add(new String[] {"whoami", "--json"});
      commands.add(new String[] {"accept", "--next", "--wait", "20s"});
      commands.add(new String[] {"list"});
      commands.add(new String[] {"list", "--json"});
      commands.add(new String[] {"show", conv});
      commands.add(new String[] {"show", conv, "--json"});
      commands.add(new String[] {"send", conv, "Thanks for waiting."});
      commands.add(new String[] {"state", "away"});
      commands.add(new String[] {"skills"});
      commands.add(new String[] {"close", conv});
      commands.add(new String[] {"list", "--closed"});
      for (String help : List.of("send", "list", "accept", "show")) {
        commands.add(new String[] {help, "--help"});
      }
      commands.add(new String[] {"--help"});
      for (String[] command : commands) {
        if (run(env, command) != 0) {
          failed++;
        }
      }
    } finally {
      sim.destroy();
      sim.waitFor(10, TimeUnit.SECONDS);
      sim.destroyForcibly();
      delete(home);
    }
    // a partial run still makes a useful cache; the launcher ignores the exit code
    System.exit(failed == 0 ? 0 : 1);
  }

  private static int run(Map<String, String> env, String[] args) {
    byte[] stdin = "agent1-pass\n".getBytes(StandardCharsets.UTF_8);
    try (CliContext ctx = new CliContext(env, Clock.systemDefaultZone(), new ByteArrayInputStream(stdin),
        Terminal.NONE, Prompter.console())) {
      CommandLine cl = Main.commandLine(ctx, args);
      cl.setOut(new PrintWriter(new StringWriter()));
      cl.setErr(new PrintWriter(new StringWriter()));
      return cl.execute(args);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
