package dev.lpa.completions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed completion scripts must match what the current command model generates. To
 * refresh them: {@code ./mvnw -pl completions -am verify -Dlpa.completions.update=true}.
 */
class GeneratedFilesAreFreshTest {
  private static final Path GENERATED = Path.of("generated");

  @Test
  void committedFilesMatchTheCommandModel() throws Exception {
    if (Boolean.getBoolean("lpa.completions.update")) {
      Generate.writeTo(GENERATED);
    }
    Map<String, String> expected = Generate.render();
    assertThat(expected).isNotEmpty();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Path committed = GENERATED.resolve(e.getKey());
      assertThat(committed)
          .as("%s is missing; run with -Dlpa.completions.update=true", committed)
          .exists();
      assertThat(Files.readString(committed))
          .as("%s is stale; run ./mvnw -pl completions -am verify -Dlpa.completions.update=true", committed)
          .isEqualTo(e.getValue());
    }
  }
}
