package dev.lpa.core;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Where the client keeps its files, what environment it reads, and its clock.
 *
 * @param configDir profiles and credentials (files holding secrets at mode 0600)
 * @param dataDir the per-profile SQLite stores
 * @param env the environment ({@code LPA_*} variables beat stored values); tests pass a map
 * @param requestTimeout per socket/REST request
 */
public record ClientConfig(Path configDir, Path dataDir, Map<String, String> env, Clock clock, Duration requestTimeout) {

  /** XDG locations ({@code $XDG_CONFIG_HOME/lpa}, {@code $XDG_DATA_HOME/lpa}) from the real environment. */
  public static ClientConfig fromEnvironment() {
    return fromEnvironment(System.getenv(), Clock.systemUTC());
  }

  public static ClientConfig fromEnvironment(Map<String, String> env, Clock clock) {
    Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
    Path config = env.containsKey("LPA_CONFIG_DIR") ? Path.of(env.get("LPA_CONFIG_DIR"))
        : env.containsKey("XDG_CONFIG_HOME") ? Path.of(env.get("XDG_CONFIG_HOME"), "lpa")
        : home.resolve(".config/lpa");
    Path data = env.containsKey("LPA_DATA_DIR") ? Path.of(env.get("LPA_DATA_DIR"))
        : env.containsKey("XDG_DATA_HOME") ? Path.of(env.get("XDG_DATA_HOME"), "lpa")
        : home.resolve(".local/share/lpa");
    return new ClientConfig(config, data, Map.copyOf(env), clock, Duration.ofSeconds(10));
  }
}
