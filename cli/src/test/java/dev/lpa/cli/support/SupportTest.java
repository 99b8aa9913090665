package dev.lpa.cli.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SupportTest {
  @Test
  void terminalFlagsComeFromTheLauncher() {
    Terminal t = Terminal.detect(Map.of("LPA_TTY", "0,1,0", "COLUMNS", "132"));
    assertThat(t.stdinTty()).isFalse();
    assertThat(t.stdoutTty()).isTrue();
    assertThat(t.stderrTty()).isFalse();
    assertThat(t.interactive()).isFalse();
    assertThat(t.width()).isEqualTo(132);
    assertThat(Terminal.detect(Map.of("LPA_TTY", "1,1,1", "COLUMNS", "x")).width()).isEqualTo(100);
  }

  @Test
  void directoriesFollowLpaThenXdgThenHome() {
    assertThat(ctx(Map.of("LPA_CONFIG_DIR", "/a", "XDG_CONFIG_HOME", "/x", "HOME", "/h")).configDir()).isEqualTo(Path.of("/a"));
    assertThat(ctx(Map.of("XDG_CONFIG_HOME", "/x", "HOME", "/h")).configDir()).isEqualTo(Path.of("/x/lpa"));
    assertThat(ctx(Map.of("HOME", "/h")).configDir()).isEqualTo(Path.of("/h/.config/lpa"));
    assertThat(ctx(Map.of("XDG_DATA_HOME", "/d", "HOME", "/h")).dataDir()).isEqualTo(Path.of("/d/lpa"));
    assertThat(ctx(Map.of("HOME", "/h")).dataDir()).isEqualTo(Path.of("/h/.local/share/lpa"));
    assertThat(ctx(Map.of("LPA_DATA_DIR", "", "HOME", "/h")).dataDir()).as("empty means unset").isEqualTo(Path.of("/h/.local/share/lpa"));
  }

  @Test
  void colourIsOnOnlyOnATerminalWithoutNoColorOrADumbTerm() {
    CommonOptions o = new CommonOptions();
    assertThat(o.colour(ctx(Map.of()), true)).isTrue();
    assertThat(o.colour(ctx(Map.of()), false)).isFalse();
    assertThat(o.colour(ctx(Map.of("NO_COLOR", "1")), true)).isFalse();
    assertThat(o.colour(ctx(Map.of("TERM", "dumb")), true)).isFalse();
    o.color = CommonOptions.ColorMode.always;
    assertThat(o.colour(ctx(Map.of("NO_COLOR", "1")), false)).isTrue();
    o.color = CommonOptions.ColorMode.never;
    assertThat(o.colour(ctx(Map.of()), true)).isFalse();
  }

  @Test
  void durationsAsPeopleTypeThem() {
    DurationConverter c = new DurationConverter();
    assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.convert("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.convert("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(c.convert("90d")).isEqualTo(Duration.ofDays(90));
    assertThat(c.convert("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> c.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
    assertThatThrownBy(() -> c.convert("-5m")).isInstanceOf(CommandLine.TypeConversionException.class);
  }

  @Test
  void widthCountsWideCharactersAndIgnoresColour() {
    assertThat(Ansi.width("abc")).isEqualTo(3);
    assertThat(Ansi.width("\u001b[31mabc\u001b[0m")).isEqualTo(3);
    assertThat(Ansi.width("日本")).isEqualTo(4);
    assertThat(Ansi.width("🔔")).isEqualTo(2);
    assertThat(Ansi.truncate("hello world", 6)).isEqualTo("hello…");
    assertThat(Ansi.truncate("日本語テキスト", 5)).isEqualTo("日本…");
    assertThat(new Ansi(false).red("x")).isEqualTo("x");
    assertThat(new Ansi(true).red("x")).isEqualTo("\u001b[31mx\u001b[0m");
  }

  @Test
  void tablesAlignOnScreenColumns() {
    java.io.StringWriter sw = new java.io.StringWriter();
    Printer p = new Printer(new java.io.PrintWriter(sw), OutputOptions.Format.TABLE, new Ansi(false));
    p.table(java.util.List.of("A", "B", "C"), java.util.List.of(
        java.util.List.of("日本", "x", "last"), java.util.List.of("abcde", "yy", "")));
    assertThat(sw.toString()).isEqualTo("A      B   C\n日本   x   last\nabcde  yy\n");
  }

  private static CliContext ctx(Map<String, String> env) {
    return new CliContext(env, Clock.systemUTC(), InputStream.nullInputStream(), Terminal.NONE, Prompter.console());
  }
}
