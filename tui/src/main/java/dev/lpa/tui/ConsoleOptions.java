package dev.lpa.tui;

import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How the console looks and behaves.
 *
 * @param theme configured theme; {@code NO_COLOR} in {@code env} forces {@link Theme#MONO}
 * @param locale UI language (bundles exist for English and German; others fall back to English)
 * @param notifications bell, OSC desktop notification, or none
 * @param login optional: lets the console show its login screen and log out; null when the
 *     caller always passes a workspace and handles logout itself
 * @param env the environment (NO_COLOR, TMUX, TERM, LPA_OSC)
 * @param zone time zone for message times
 * @param browser opens a URL or file (video call links, downloaded photos, feedback links)
 * @param downloadDir where "open photo" stores full-size files
 * @param rawOutput writes escape sequences (OSC notifications) beside the screen; null to drop them
 * @param settingsFile where the settings drawer keeps theme, language and notifications; null
 *     to keep them for this run only
 * @param focus the conversation to open at start (the one a desktop notification named, as
 *     tapping it does in the app); null, or one no longer listed, opens the list
 * @param onFailure told (on the UI thread) of each unexpected exception a key or callback threw,
 *     after the status line shows it and the session goes on; tests fail on one, the console
 *     itself needs none (null)
 */
public record ConsoleOptions(
    Theme theme,
    Locale locale,
    NotifyMode notifications,
    LoginHandler login,
    Map<String, String> env,
    ZoneId zone,
    Consumer<URI> browser,
    Path downloadDir,
    Consumer<String> rawOutput,
    Path settingsFile,
    String focus,
    Consumer<RuntimeException> onFailure) {

  public ConsoleOptions(Theme theme, Locale locale, NotifyMode notifications, LoginHandler login,
      Map<String, String> env, ZoneId zone, Consumer<URI> browser, Path downloadDir, Consumer<String> rawOutput,
      Path settingsFile, String focus) {
    this(theme, locale, notifications, login, env, zone, browser, downloadDir, rawOutput, settingsFile, focus, null);
  }

  public ConsoleOptions(Theme theme, Locale locale, NotifyMode notifications, LoginHandler login,
      Map<String, String> env, ZoneId zone, Consumer<URI> browser, Path downloadDir, Consumer<String> rawOutput,
      Path settingsFile) {
    this(theme, locale, notifications, login, env, zone, browser, downloadDir, rawOutput, settingsFile, null, null);
  }

  public static final URI FEEDBACK_URL = URI.create("https://community.liveperson.com/");
  public static final URI MESSAGE_US_URL = URI.create("https://www.liveperson.com/contact-us/");

  /** {@link #defaults(Map)} over the process environment. */
  public static ConsoleOptions defaults() {
    return defaults(System.getenv());
  }

  /**
   * Dark theme, the default locale, bell, system browser; then what the settings drawer saved
   * ({@code console.properties} in the lpa config directory); then {@code LPA_THEME},
   * {@code LPA_LANG}, {@code LPA_NOTIFY} from {@code env}. {@code NO_COLOR} still wins at start.
   */
  public static ConsoleOptions defaults(Map<String, String> env) {
    Path settings = ConsoleSettings.defaultFile(env);
    ConsoleOptions o = new ConsoleOptions(
        Theme.DARK,
        Locale.getDefault(),
        NotifyMode.BELL,
        null,
        Map.copyOf(env),
        ZoneId.systemDefault(),
        SystemBrowser::open,
        Path.of(System.getProperty("java.io.tmpdir"), "lpa-downloads"),
        s -> {
          System.out.print(s);
          System.out.flush();
        },
        settings);
    return ConsoleSettings.apply(o, settings, env);
  }

  public ConsoleOptions withTheme(Theme t) {
    return new ConsoleOptions(t, locale, notifications, login, env, zone, browser, downloadDir, rawOutput, settingsFile, focus, onFailure);
  }

  public ConsoleOptions withLocale(Locale l) {
    return new ConsoleOptions(theme, l, notifications, login, env, zone, browser, downloadDir, rawOutput, settingsFile, focus, onFailure);
  }

  public ConsoleOptions withNotify(NotifyMode n) {
    return new ConsoleOptions(theme, locale, n, login, env, zone, browser, downloadDir, rawOutput, settingsFile, focus, onFailure);
  }

  public ConsoleOptions withLogin(LoginHandler h) {
    return new ConsoleOptions(theme, locale, notifications, h, env, zone, browser, downloadDir, rawOutput, settingsFile, focus, onFailure);
  }

  public ConsoleOptions withEnv(Map<String, String> e) {
    return new ConsoleOptions(theme, locale, notifications, login, Map.copyOf(e), zone, browser, downloadDir, rawOutput, settingsFile, focus, onFailure);
  }

  public ConsoleOptions withZone(ZoneId z) {
    return new ConsoleOptions(theme, locale, notifications, login, env, z, browser, downloadDir, rawOutput, settingsFile, focus, onFailure);
  }

  public ConsoleOptions withBrowser(Consumer<URI> b) {
    return new ConsoleOptions(theme, locale, notifications, login, env, zone, b, downloadDir, rawOutput, settingsFile, focus, onFailure);
  }

  public ConsoleOptions withDownloadDir(Path d) {
    return new ConsoleOptions(theme, locale, notifications, login, env, zone, browser, d, rawOutput, settingsFile, focus, onFailure);
  }

  public ConsoleOptions withRawOutput(Consumer<String> r) {
    return new ConsoleOptions(theme, locale, notifications, login, env, zone, browser, downloadDir, r, settingsFile, focus, onFailure);
  }

  public ConsoleOptions withFocus(String conversationId) {
    return new ConsoleOptions(theme, locale, notifications, login, env, zone, browser, downloadDir, rawOutput, settingsFile, conversationId, onFailure);
  }

  public ConsoleOptions withSettingsFile(Path f) {
    return new ConsoleOptions(theme, locale, notifications, login, env, zone, browser, downloadDir, rawOutput, f, focus, onFailure);
  }

  public ConsoleOptions withOnFailure(Consumer<RuntimeException> f) {
    return new ConsoleOptions(theme, locale, notifications, login, env, zone, browser, downloadDir, rawOutput, settingsFile, focus, f);
  }
}
