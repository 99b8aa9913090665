package dev.lpa.completions;

import dev.lpa.cli.Main;
import dev.lpa.cli.VersionProvider;
import dev.lpa.cli.completion.Scripts;
import dev.lpa.cli.support.CliContext;
import dev.lpa.cli.support.Prompter;
import dev.lpa.cli.support.Terminal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Writes the shell completion scripts and man pages generated from the cli's command model. The
 * output is committed under {@code completions/generated/}; a test fails when it no longer matches.
 *
 * <p>Refresh: {@code ./mvnw -pl completions -am verify -Dlpa.completions.update=true}, or run this
 * class with the output folder as argument.
 */
public final class Generate {
  private Generate() {}

  /** A command tree independent of the machine's environment, so the output is reproducible. */
  static CommandLine model() {
    CliContext ctx = new CliContext(Map.of(), Clock.systemUTC(), InputStream.nullInputStream(),
        Terminal.NONE, Prompter.console());
    return Main.commandLine(ctx);
  }

  /** File name (relative to the output folder) to content. */
  public static Map<String, String> render() {
    CommandLine cl = model();
    Map<String, String> files = new LinkedHashMap<>();
    files.put("lpa.bash", Scripts.bash(cl));
    files.put("_lpa", Scripts.zsh(cl));
    files.put("lpa.fish", Scripts.fish(cl));
    // the version is left out of the pages on purpose: a release must not make them stale
    String version = VersionProvider.version().replaceAll("-SNAPSHOT$", "");
    ManPages.render(cl, version.replaceAll("^(\\d+\\.\\d+).*", "$1")).forEach((k, v) -> files.put("man/man1/" + k, v));
    return files;
  }

  public static void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, String> files = render();
    // drop pages of commands that no longer exist
    Path man = dir.resolve("man/man1");
    if (Files.isDirectory(man)) {
      try (var s = Files.list(man)) {
        for (Path p : s.toList()) {
          if (!files.containsKey("man/man1/" + p.getFileName())) {
            Files.delete(p);
          }
        }
      }
    }
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path f = dir.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
    }
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "completions/generated");
    writeTo(dir);
    System.out.println("wrote " + render().size() + " files to " + dir);
  }
}
