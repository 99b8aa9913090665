package dev.lpa.cli;

import dev.lpa.cli.fake.FakeClient;
import dev.lpa.cli.support.CliContext;
import dev.lpa.cli.support.Prompter;
import dev.lpa.cli.support.Terminal;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs commands through {@code CommandLine.execute} with captured writers, an environment map
 * pointing at a temporary folder, a fixed clock, scripted prompts and a fake core client.
 */
final class CliHarness {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  final Map<String, String> env = new HashMap<>();
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final Deque<String> answers = new ArrayDeque<>();
  final List<String> prompts = new ArrayList<>();
  Terminal terminal = Terminal.NONE;
  String stdin = "";
  InputStream stdinStream;
  FakeClient client;
  /** Build only the tree the arguments need, as {@code lpa} does; false: every command. */
  boolean trimmedTree = true;
  /** Output of the command running now, readable while it runs. */
  volatile StringWriter liveOut = new StringWriter();

  CliHarness(Path tmp) {
    env.put("LPA_CONFIG_DIR", tmp.resolve("config").toString());
    env.put("LPA_DATA_DIR", tmp.resolve("data").toString());
    env.put("HOME", tmp.toString());
  }

  CliHarness tty() {
    terminal = new Terminal(true, true, true, 100);
    return this;
  }

  record Result(int code, String out, String err) {}

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    liveOut = out;
    InputStream in = stdinStream != null ? stdinStream : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    Prompter prompter = new Prompter() {
      @Override
      public String ask(String prompt) {
        prompts.add(prompt);
        return answers.poll();
      }

      @Override
      public char[] askSecret(String prompt) {
        prompts.add(prompt);
        String a = answers.poll();
        return a == null ? null : a.toCharArray();
      }
    };
    try (CliContext ctx = new CliContext(env, clock, in, terminal, prompter, config -> {
      if (client == null) {
        client = new FakeClient(config);
      }
      return client;
    })) {
      CommandLine cl = trimmedTree ? Main.commandLine(ctx, args) : Main.commandLine(ctx);
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute(args);
      return new Result(code, out.toString(), err.toString());
    }
  }

  /** The fake client before any command ran, to set the scene. */
  FakeClient client() {
    if (client == null) {
      client = new FakeClient(new CliContext(env, clock, InputStream.nullInputStream(), terminal, Prompter.console()).clientConfig());
    }
    return client;
  }
}
