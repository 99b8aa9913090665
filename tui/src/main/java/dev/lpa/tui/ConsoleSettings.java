package dev.lpa.tui;

import dev.lpa.tui.keys.Keymap;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The choices made in the settings drawer (theme, language, notifications), kept in
 * {@code console.properties} beside the cli's configuration so the next start looks the same,
 * and the user's key bindings from the same file.
 */
final class ConsoleSettings {
  static final String FILE = "console.properties";

  private ConsoleSettings() {}

  /** {@code $LPA_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/lpa}, else {@code ~/.config/lpa}. */
  static Path defaultFile(Map<String, String> env) {
    String dir = env.get("LPA_CONFIG_DIR");
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir, FILE);
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "lpa", FILE);
    }
    return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config", "lpa", FILE);
  }

  /** Stored values, then {@code LPA_THEME}, {@code LPA_LANG}, {@code LPA_NOTIFY} over them. */
  static ConsoleOptions apply(ConsoleOptions o, Path file, Map<String, String> env) {
    Properties p = read(file);
    String theme = env.getOrDefault("LPA_THEME", p.getProperty("theme"));
    String lang = env.getOrDefault("LPA_LANG", p.getProperty("language"));
    String notify = env.getOrDefault("LPA_NOTIFY", p.getProperty("notifications"));
    try {
      if (theme != null && !theme.isBlank()) {
        o = o.withTheme(Theme.parse(theme));
      }
      if (notify != null && !notify.isBlank()) {
        o = o.withNotify(NotifyMode.parse(notify));
      }
    } catch (IllegalArgumentException e) {
      // a bad value keeps the default
    }
    if (lang != null && !lang.isBlank()) {
      o = o.withLocale(Locale.forLanguageTag(lang));
    }
    return o;
  }

  /** The default keys with the file's {@code key.<context>.<action>} bindings applied. */
  static Keymap keymap(Path file) {
    return Keymap.defaults().rebind(read(file));
  }

  private static Properties read(Path file) {
    Properties p = new Properties();
    if (file != null && Files.isRegularFile(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException | IllegalArgumentException e) {
        // unreadable settings are not worth refusing to start over
      }
    }
    return p;
  }

  /** Writes the drawer's three choices; anything else in the file (key bindings) stays. */
  static void save(Path file, Theme theme, Locale locale, NotifyMode notify) throws IOException {
    Properties p = read(file);
    p.setProperty("theme", theme.name().toLowerCase(Locale.ROOT));
    p.setProperty("language", locale.toLanguageTag());
    p.setProperty("notifications", notify.name().toLowerCase(Locale.ROOT));
    Files.createDirectories(file.getParent());
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "lpa console settings (written by the settings drawer)");
    }
  }
}
