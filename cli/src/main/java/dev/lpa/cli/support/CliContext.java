package dev.lpa.cli.support;

import dev.lpa.core.ClientConfig;
import dev.lpa.core.LpaClient;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.net.URI;

/**
 * Everything a command needs from the outside world, handed in rather than read from globals, so
 * tests run in parallel with their own environment, directories, clock, input and answers.
 */
public final class CliContext implements AutoCloseable {
  private final Map<String, String> env;
  private final Clock clock;
  private final InputStream stdin;
  private final Terminal terminal;
  private final Prompter prompter;
  private final Function<ClientConfig, LpaClient> clients;
  private final Sessions sessions;
  private final boolean ownsSessions;
  private volatile Consumer<URI> browser = CliContext::systemBrowser;
  /** Handles this context's commands opened that end with it (e.g. a --verbose command's core log). */
  private final java.util.List<AutoCloseable> closeWith = new java.util.concurrent.CopyOnWriteArrayList<>();

  public CliContext(
      Map<String, String> env, Clock clock, InputStream stdin, Terminal terminal, Prompter prompter) {
    this(env, clock, stdin, terminal, prompter, LpaClient::create);
  }

  public CliContext(
      Map<String, String> env,
      Clock clock,
      InputStream stdin,
      Terminal terminal,
      Prompter prompter,
      Function<ClientConfig, LpaClient> clients) {
    this.clients = Objects.requireNonNull(clients);
    this.env = Map.copyOf(env);
    this.clock = Objects.requireNonNull(clock);
    this.stdin = Objects.requireNonNull(stdin);
    this.terminal = Objects.requireNonNull(terminal);
    this.prompter = Objects.requireNonNull(prompter);
    this.sessions = new Sessions(this);
    this.ownsSessions = true;
  }

  private CliContext(CliContext owner, Map<String, String> env, InputStream stdin, Terminal terminal, Prompter prompter) {
    this.clients = owner.clients;
    this.env = Map.copyOf(env);
    this.clock = owner.clock;
    this.stdin = Objects.requireNonNull(stdin);
    this.terminal = Objects.requireNonNull(terminal);
    this.prompter = Objects.requireNonNull(prompter);
    this.sessions = owner.sessions;
    this.ownsSessions = false;
    this.browser = owner.browser;
  }

  /**
   * A context for one command a background session runs for a client: the client's environment
   * and streams over this context's open workspaces, which outlive the command (closing the
   * borrowed context leaves them open).
   */
  public CliContext borrowing(Map<String, String> env, InputStream stdin, Terminal terminal, Prompter prompter) {
    return new CliContext(this, env, stdin, terminal, prompter);
  }

  /** The real process. */
  public static CliContext system() {
    Map<String, String> env = System.getenv();
    return new CliContext(
        env, Clock.systemDefaultZone(), System.in, Terminal.detect(env), Prompter.console());
  }

  public Map<String, String> env() {
    return env;
  }

  public String env(String name) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  public Clock clock() {
    return clock;
  }

  public InputStream stdin() {
    return stdin;
  }

  public Terminal terminal() {
    return terminal;
  }

  public Prompter prompter() {
    return prompter;
  }

  public Sessions sessions() {
    return sessions;
  }

  /** The core client's configuration: our directories, environment and clock. */
  public ClientConfig clientConfig() {
    return new ClientConfig(configDir(), dataDir(), env, clock, Duration.ofSeconds(15));
  }

  LpaClient newClient() {
    return clients.apply(clientConfig());
  }

  /** {@code LPA_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/lpa}, else {@code ~/.config/lpa}. */
  public Path configDir() {
    return dir("LPA_CONFIG_DIR", "XDG_CONFIG_HOME", ".config");
  }

  /** {@code LPA_DATA_DIR}, else {@code $XDG_DATA_HOME/lpa}, else {@code ~/.local/share/lpa}. */
  public Path dataDir() {
    return dir("LPA_DATA_DIR", "XDG_DATA_HOME", ".local/share");
  }

  private Path dir(String own, String xdg, String fallback) {
    if (env(own) != null) {
      return Path.of(env(own));
    }
    if (env(xdg) != null) {
      return Path.of(env(xdg), "lpa");
    }
    String home = env("HOME") != null ? env("HOME") : System.getProperty("user.home");
    return Path.of(home, fallback, "lpa");
  }

  /**
   * Opens a web page for the user (the SSO login, links in the console); tests sign in instead.
   * Throws {@link UnsupportedOperationException} when there is no browser to open, so the caller
   * shows the address where the user sees it.
   */
  public Consumer<URI> browser() {
    return browser;
  }

  public CliContext browser(Consumer<URI> browser) {
    this.browser = Objects.requireNonNull(browser);
    return this;
  }

  // xdg-open/open only when a desktop session is there: over ssh it would start a text browser
  // or fail, so the caller shows the address instead
  private static void systemBrowser(URI uri) {
    Map<String, String> env = System.getenv();
    String opener = System.getProperty("os.name", "").startsWith("Mac") ? "open"
        : env.containsKey("DISPLAY") || env.containsKey("WAYLAND_DISPLAY") ? "xdg-open" : null;
    if (opener == null) {
      throw new UnsupportedOperationException("no desktop session to open a browser in");
    }
    try {
      new ProcessBuilder(opener, uri.toString()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (java.io.IOException e) {
      throw new UnsupportedOperationException("cannot start " + opener + ": " + e.getMessage(), e);
    }
  }

  /** Closed when this context closes (a borrowed one: when the session's command ends). */
  public void closeWith(AutoCloseable c) {
    closeWith.add(Objects.requireNonNull(c));
  }

  /** Closes any connection the commands opened (the shell keeps one across commands). */
  @Override
  public void close() {
    if (ownsSessions) {
      sessions.close();
    }
    // after the workspaces: a --verbose command hears how its workspace closed
    for (AutoCloseable c : closeWith) {
      try {
        c.close();
      } catch (Exception e) {
        // on the way out: a handle that cannot close has nothing more to say
      }
    }
    closeWith.clear();
  }
}
