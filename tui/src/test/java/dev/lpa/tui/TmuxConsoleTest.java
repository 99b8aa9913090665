package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lpa.core.testkit.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console in a real terminal: tmux runs {@link ConsoleDemoMain}, keys go in with send-keys. */
class TmuxConsoleTest {
  private final String socket = "lpa-tui-test-" + ProcessHandle.current().pid();

  private static boolean tmuxAvailable() {
    try {
      Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
      return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String tmux(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }

  private String capture(boolean escapes) throws Exception {
    return escapes ? tmux("capture-pane", "-p", "-e", "-t", "lpa") : tmux("capture-pane", "-p", "-t", "lpa");
  }

  /** The first screen that satisfies {@code cond}, captured again until {@code seconds} have passed. */
  private String waitFor(Predicate<String> cond, int seconds) {
    String[] last = {""};
    return Await.value(() -> {
      try {
        last[0] = capture(false);
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new AssertionError("tmux capture-pane failed", e);
      }
      return cond.test(last[0]) ? last[0] : null;
    }, Duration.ofSeconds(seconds), () -> "screen did not reach the expected state; last screen:\n" + last[0]);
  }

  @AfterEach
  void killServer() throws Exception {
    if (tmuxAvailable()) {
      tmux("kill-server");
    }
  }

  @Test
  void ring_accept_and_reply_in_a_real_terminal() throws Exception {
    assumeTrue(tmuxAvailable(), "tmux is not installed: skipping the real-terminal test");
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = ProcessHandle.current().info().command().orElse("java");
    String cmd = "'" + java + "' -cp '" + cp + "' dev.lpa.tui.ConsoleDemoMain; sleep 30";
    tmux("new-session", "-d", "-s", "lpa", "-x", "120", "-y", "40", "-e", "NO_COLOR=", cmd);

    // a loaded machine can show a frame half written: wait for the whole first screen
    String screen = waitFor(s -> s.contains("[a/F3] accept") && s.contains("General") && s.contains("Conversations (0)"), 40);
    assertThat(screen).contains("Conversations (0)", "online");
    String coloured = capture(true);
    assertThat(coloured).contains("\u001b[");

    tmux("send-keys", "-t", "lpa", "a");
    // the ring banner already shows her name and words: wait for the chat itself (its header)
    waitFor(s -> s.contains("█ Olivia Martin · General · reply due") && s.contains("hello, is anyone there?")
        && !s.contains("[a/F3] accept"), 20);

    tmux("send-keys", "-t", "lpa", "-l", "Hi Olivia,");
    tmux("send-keys", "-t", "lpa", "M-Enter");
    tmux("send-keys", "-t", "lpa", "-l", "how can I help?");
    waitFor(s -> s.contains("› Hi Olivia,") && s.contains("  how can I help?"), 10);
    tmux("send-keys", "-t", "lpa", "Enter");
    screen = waitFor(s -> s.contains("✓") && s.contains("how can I help?") && !s.contains("› Hi Olivia,"), 20);
    assertThat(screen).contains("Hi Olivia,");

    // resize: narrow terminals show one pane at a time
    tmux("resize-window", "-t", "lpa", "-x", "80", "-y", "24");
    waitFor(s -> !s.contains("Conversations (1)") && s.contains("Olivia Martin"), 10);

    tmux("send-keys", "-t", "lpa", "Escape");
    waitFor(s -> s.contains("Conversations (1)"), 10);
    // Ctrl+Q quits: the terminal's flow control would otherwise keep it as XON
    tmux("send-keys", "-t", "lpa", "C-q");
    waitFor(s -> !s.contains("Conversations (1)"), 20);
  }
}
