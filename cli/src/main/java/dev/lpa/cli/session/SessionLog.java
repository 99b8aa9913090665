package dev.lpa.cli.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The session's log ({@code lpa session log}): start, stop, the commands served by name only, the
 * notifications raised or why not. Never message text, names or arguments: they may carry what
 * a consumer wrote or a secret.
 */
public final class SessionLog {
  private final Path file;
  private final Clock clock;

  public SessionLog(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  public Path file() {
    return file;
  }

  public synchronized void line(String text) {
    String line = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS) + " " + text + "\n";
    try {
      SessionPaths.ownerOnlyFile(file);
      Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // a full disk must not stop the session: the log is for people, not for correctness
    }
  }
}
