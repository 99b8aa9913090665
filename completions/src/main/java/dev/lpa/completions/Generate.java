package dev.lpa.completions;

import dev.lpa.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes the shell completion scripts generated from the cli's command model. The output is
 * committed under {@code completions/generated/}; a test fails when it no longer matches.
 *
 * <p>Run: {@code ./mvnw -q -pl completions -am -DskipTests package exec:java} or through the test
 * with {@code -Dlpa.completions.update=true}.
 */
public final class Generate {
  private Generate() {}

  /** File name (relative to the output folder) to content. */
  public static Map<String, String> render() {
    CommandLine cl = Main.commandLine();
    Map<String, String> files = new LinkedHashMap<>();
    files.put("lpa.bash", AutoComplete.bash("lpa", cl));
    return files;
  }

  public static void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, String> e : render().entrySet()) {
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
