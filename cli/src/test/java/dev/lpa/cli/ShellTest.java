package dev.lpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.cli.fake.Desk;
import dev.lpa.cli.shell.ShellCompleter;
import dev.lpa.cli.support.CliContext;
import dev.lpa.cli.support.Prompter;
import dev.lpa.core.testkit.Await;
import dev.lpa.core.testkit.ScriptedWorkspace;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellTest {
  @TempDir Path tmp;
  CliHarness h;
  ScriptedWorkspace w;

  @BeforeEach
  void scene() {
    h = new CliHarness(tmp);
    w = h.client().loggedIn("default", "agent1");
    Desk.add(w, "aaaa1111-x", "Ann", "1001", "agent1", CliHarness.NOW.plusSeconds(900), CliHarness.NOW, "hi");
    Desk.add(w, "abbb2222-x", "Abe", "1003", "agent1", null, CliHarness.NOW, "ok");
  }

  @Test
  void jlineShellRunsCommandsOverOneConnectionAndKeepsHistory() throws Exception {
    PipedOutputStream keys = new PipedOutputStream();
    h.tty().stdinStream = new PipedInputStream(keys, 1 << 16);
    CompletableFuture<CliHarness.Result> run = CompletableFuture.supplyAsync(() -> h.run("shell"));
    // typed like a person: each line after the prompt for it, and the pipe open until the end
    String[] lines = {"whoami", "state online", "list --jsonl", "send aaaa 'two words'", "nope", "exit"};
    for (int i = 0; i < lines.length; i++) {
      awaitPrompts(i + 1);
      keys.write((lines[i] + "\n").getBytes(StandardCharsets.UTF_8));
      keys.flush();
    }
    CliHarness.Result r = run.get(20, TimeUnit.SECONDS);
    keys.close();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Agent 1 <agent1>").contains("You are now online.")
        .contains("\"id\":\"aaaa1111-x\"").contains("Sent to aaaa1111").contains("unknown command 'nope'").contains("(exit 2)");
    assertThat(h.client.calls.stream().filter(c -> c.startsWith("open"))).hasSize(1);
    assertThat(w.state().messagesOf("aaaa1111-x").get(1).excerpt()).isEqualTo("two words");
    assertThat(Files.readString(tmp.resolve("data/history"))).contains("state online").contains("list --jsonl");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(tmp.resolve("data/history")))).isEqualTo("rw-------");
  }

  @Test
  void aHistoryFileLeftReadableByOthersIsTightened() throws Exception {
    Path f = tmp.resolve("data/history");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "list\n");
    Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    ShellCommand.privateFile(f);
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(f)).isEqualTo("list\n");
  }

  private void awaitPrompts(int n) {
    Await.until(() -> h.liveOut.toString().split("lpa> |>\\.\\.\\.\\.", -1).length - 1 >= n, Duration.ofSeconds(20),
        () -> "prompt " + n + " did not come; the shell wrote:\n" + h.liveOut);
  }

  @Test
  void offATerminalTheShellRunsAScriptAndReportsTheLastFailure() {
    h.stdin = "# a comment\nwhoami\nclose zzzz\nstate\n";
    CliHarness.Result r = h.run("shell");
    assertThat(r.code()).isEqualTo(6);
    assertThat(r.out()).contains("Agent 1 <agent1>").contains("You are away.").doesNotContain("lpa>");
    assertThat(r.err()).contains("no conversation zzzz").contains("(exit 6)");
  }

  @Test
  void completesCommandsOptionsAndLiveValues() {
    CliContext ctx = new CliContext(h.env, h.clock, InputStream.nullInputStream(), h.terminal, Prompter.console(),
        c -> h.client());
    ShellCompleter completer = new ShellCompleter(Main.commandLine(ctx).getCommandSpec(), kind -> switch (kind) {
      case "conversations" -> List.of("aaaa1111", "abbb2222");
      case "skills" -> List.of("General", "Billing");
      default -> List.of();
    });
    assertThat(completer.candidates(List.of("se"), 0, 2)).contains("send").doesNotContain("list");
    assertThat(completer.candidates(List.of("list", "--cl"), 1, 4)).containsExactly("--closed");
    assertThat(completer.candidates(List.of("send", "a"), 1, 1)).containsExactly("aaaa1111", "abbb2222");
    assertThat(completer.candidates(List.of("transfer", "aaaa", "--skill", "B"), 3, 1)).containsExactly("Billing");
    assertThat(completer.candidates(List.of("mq", "re"), 1, 2)).containsExactly("return-all");
  }
}
