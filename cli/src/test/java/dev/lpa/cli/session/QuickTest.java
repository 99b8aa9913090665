package dev.lpa.cli.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.cli.support.CliContext;
import dev.lpa.cli.support.Prompter;
import dev.lpa.cli.support.Terminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickTest {
  @TempDir Path tmp;

  @Test
  void findsTheDataDirectoryWhereTheFullLpaDoes() {
    List<Map<String, String>> envs = List.of(
        Map.of("LPA_DATA_DIR", "/x/data", "XDG_DATA_HOME", "/x/xdg", "HOME", "/x/home"),
        Map.of("XDG_DATA_HOME", "/x/xdg", "HOME", "/x/home"),
        Map.of("HOME", "/x/home"),
        Map.of());
    for (Map<String, String> env : envs) {
      CliContext ctx = new CliContext(env, Clock.systemUTC(), new ByteArrayInputStream(new byte[0]), Terminal.NONE,
          Prompter.console(), c -> {
            throw new AssertionError("no client needed");
          });
      assertThat(Quick.dataDir(env)).as(env.toString()).isEqualTo(ctx.dataDir());
    }
  }

  @Test
  void leavesToTheFullLpaWhatNoSessionServesWithoutReadingOrPrinting() {
    Map<String, String> env = Map.of("XDG_RUNTIME_DIR", tmp.resolve("run").toString());
    ByteArrayInputStream in = new ByteArrayInputStream("typed".getBytes());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    for (String[] args : List.of(new String[] {"list", "--json"}, new String[] {"whoami"}, new String[] {"send", "--help"},
        new String[] {"list", "--no-session"}, new String[] {})) {
      assertThat(Quick.run(args, env, tmp, in, out, err)).as(String.join(" ", args)).isEqualTo(Quick.RUN_FULL);
    }
    assertThat(Quick.run(new String[] {"list"}, Map.of("CI", "true"), tmp, in, out, err)).isEqualTo(Quick.RUN_FULL);
    assertThat(out.size() + err.size()).isZero();
    assertThat(in.available()).isEqualTo(5);
  }

  @Test
  void theLaunchersListOfSessionCommandsIsTheClients() throws Exception {
    Path launcher = Path.of("..", "lpa");
    String text = Files.readString(launcher);
    Matcher m = Pattern.compile("\\n\\s*(state\\|[a-z_|]+)\\)").matcher(text);
    assertThat(m.find()).as("the launcher's case of session commands").isTrue();
    Set<String> listed = new TreeSet<>(List.of(m.group(1).split("\\|")));
    assertThat(listed).isEqualTo(new TreeSet<>(SessionClient.COMMANDS));
  }
}
