package dev.lpa.cli;

import dev.lpa.cli.session.SessionClient;
import dev.lpa.cli.session.SessionPaths;
import dev.lpa.cli.shell.ShellCompleter;
import dev.lpa.cli.support.LpaCommand;
import dev.lpa.core.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.WriterOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "shell",
    description = "An interactive shell over the same commands, with one connection kept open.",
    footer = {
      "",
      "Tab completes commands, options and live values (conversation ids, skills, agents). History is kept in $XDG_DATA_HOME/lpa/history. Leave with exit, quit or Ctrl-D.",
      "",
      "Examples:",
      "  lpa shell",
      "  lpa shell --profile staging"
    })
public final class ShellCommand extends LpaCommand {
  @CommandLine.Option(names = "--no-session",
      description = "Run the shell's commands on a connection of its own, not in the profile's running session.")
  boolean noSession;

  @Override
  public Integer call() throws IOException {
    if (!ctx.terminal().stdinTty()) {
      return script();
    }
    try (Terminal terminal = terminal()) {
      PrintWriter out = terminal.writer();
      CommandLine probe = Main.commandLine(ctx);
      Path history = ctx.dataDir().resolve("history");
      privateFile(history);
      DefaultParser parser = new DefaultParser();
      parser.setEscapeChars(new char[0]);
      LineReader reader = LineReaderBuilder.builder()
          .appName("lpa")
          .terminal(terminal)
          .parser(parser)
          .completer(new ShellCompleter(probe.getCommandSpec(), this::liveValues))
          .variable(LineReader.HISTORY_FILE, history)
          .variable(LineReader.HISTORY_SIZE, 2000)
          .build();
      out.println("lpa shell: type help for commands, exit to leave.");
      out.flush();
      while (true) {
        String line;
        try {
          line = reader.readLine("lpa> ");
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          break;
        }
        // after Tab completion the parsed line may end with an empty word
        List<String> words = reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
        if (!execute(words, out, out)) {
          break;
        }
      }
      reader.getHistory().save();
      out.flush();
      terminal.flush();
    }
    return 0;
  }

  /**
   * Off a terminal the shell runs a script: one command per line, no prompt, no line editing.
   * Returns the exit code of the last failing command, so a CI step notices.
   */
  private int script() throws IOException {
    java.io.BufferedReader in = new java.io.BufferedReader(
        new java.io.InputStreamReader(ctx.stdin(), StandardCharsets.UTF_8));
    DefaultParser parser = new DefaultParser();
    parser.setEscapeChars(new char[0]);
    lastCode = 0;
    int number = 0;
    for (String line; (line = in.readLine()) != null; ) {
      number++;
      if (line.isBlank() || line.trim().startsWith("#")) {
        continue;
      }
      // what a failing line printed says which line it was, as sh does
      PrintWriter err = new PrintWriter(new LinePrefixWriter(err(), "line " + number + ": "), true);
      List<String> words = parser.parse(line, line.length()).words().stream().filter(w -> !w.isEmpty()).toList();
      boolean more = execute(words, out(), err);
      err.flush();
      if (!more) {
        break;
      }
    }
    return lastCode;
  }

  /** Writes each line through to {@code target} with a prefix in front. */
  static final class LinePrefixWriter extends java.io.Writer {
    private final PrintWriter target;
    private final String prefix;
    private boolean atStart = true;

    LinePrefixWriter(PrintWriter target, String prefix) {
      this.target = target;
      this.prefix = prefix;
    }

    @Override
    public void write(char[] buf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (atStart) {
          target.write(prefix);
          atStart = false;
        }
        target.write(buf[i]);
        if (buf[i] == '\n') {
          atStart = true;
        }
      }
    }

    @Override
    public void flush() {
      target.flush();
    }

    @Override
    public void close() {
      target.flush();
    }
  }

  private int lastCode;

  /** Runs one shell line; false when the shell should end. */
  private boolean execute(List<String> words, PrintWriter out, PrintWriter err) {
    if (words.isEmpty()) {
      return true;
    }
    String first = words.get(0);
    if (first.equals("exit") || first.equals("quit")) {
      return false;
    }
    if (first.equals("shell")) {
      err.println("already in the shell");
      err.flush();
      return true;
    }
    CommandLine cl = Main.commandLine(ctx);
    cl.setOut(out);
    cl.setErr(err);
    String[] args = words.toArray(String[]::new);
    String profileArg = common.profileOrNull();
    if (profileArg != null && takesProfile(cl, words)
        && !words.contains("--profile") && !words.contains("-p")) {
      args = withProfile(args, profileArg);
    }
    int code = inSession(args, out, err);
    if (code < 0) {
      code = cl.execute(args);
    }
    out.flush();
    if (code != 0) {
      lastCode = code;
      err.println("(exit " + code + ")");
      err.flush();
    }
    return true;
  }

  /**
   * A line the profile's running session can run goes there, as a one-shot command would: its
   * connection and state, no second login beside it. -1 when it runs here.
   */
  private int inSession(String[] args, PrintWriter out, PrintWriter err) {
    if (noSession || !Main.SESSION_COMMANDS.contains(args[0]) || !SessionClient.enabled(args, ctx.env())) {
      return -1;
    }
    SessionPaths paths;
    try {
      paths = SessionPaths.of(ctx.env(), ctx.dataDir(), SessionPaths.profileOf(List.of(args), ctx.env()));
    } catch (RuntimeException e) {
      return -1;
    }
    WriterOutputStream o = new WriterOutputStream(out, StandardCharsets.UTF_8);
    WriterOutputStream e = new WriterOutputStream(err, StandardCharsets.UTF_8);
    try {
      return SessionClient.runInSession(paths, args, ctx.env(), java.io.InputStream.nullInputStream(), o, e);
    } catch (IOException x) {
      err.println("lpa: lost the session during the command (" + x.getMessage()
          + "); it may or may not have run; see: lpa session log");
      return 1;
    } finally {
      try {
        o.flush();
        e.flush();
      } catch (IOException x) {
        // the terminal is gone
      }
      out.flush();
      err.flush();
    }
  }

  private static boolean takesProfile(CommandLine cl, List<String> words) {
    CommandLine c = cl;
    for (String w : words) {
      CommandLine sub = c.getSubcommands().get(w);
      if (sub == null) {
        break;
      }
      c = sub;
    }
    return c != cl && c.getCommandSpec().findOption("--profile") != null;
  }

  /** Appends the shell's --profile: options after the last subcommand word belong to it. */
  private static String[] withProfile(String[] args, String profile) {
    String[] out = new String[args.length + 2];
    System.arraycopy(args, 0, out, 0, args.length);
    out[args.length] = "--profile";
    out[args.length + 1] = profile;
    return out;
  }

  private List<String> liveValues(String kind) {
    List<String> fromSession = sessionValues(kind);
    if (fromSession != null) {
      return fromSession;
    }
    try {
      Workspace w = ctx.sessions().ifOpen(profile());
      if (w == null) {
        w = ctx.sessions().workspace(profile());
      }
      return LiveValues.of(w, kind);
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** A Tab press's live values from the running session (its state), or null when none answers. */
  private List<String> sessionValues(String kind) {
    String[] args = common.profileOrNull() == null ? new String[] {"__complete", kind}
        : new String[] {"__complete", kind, "--profile", common.profileOrNull()};
    if (noSession || !SessionClient.enabled(args, ctx.env())) {
      return null;
    }
    try {
      SessionPaths paths = SessionPaths.of(ctx.env(), ctx.dataDir(), SessionPaths.profileOf(List.of(args), ctx.env()));
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      int code = SessionClient.runInSession(paths, args, ctx.env(), java.io.InputStream.nullInputStream(), out,
          java.io.OutputStream.nullOutputStream());
      return code != 0 ? null : out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).toList();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The history holds everything typed, message texts included: owner-only like every other file
   * of lpa. JLine writes the file in place, so the mode set here stays; one left 0644 by an older
   * version is tightened.
   */
  static void privateFile(Path f) throws IOException {
    Files.createDirectories(f.getParent());
    if (!f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    java.util.Set<java.nio.file.attribute.PosixFilePermission> owner =
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
    try {
      Files.createFile(f, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(owner));
    } catch (java.nio.file.FileAlreadyExistsException e) {
      Files.setPosixFilePermissions(f, owner);
    }
  }

  private Terminal terminal() throws IOException {
    if (ctx.stdin() == System.in) {
      return TerminalBuilder.builder().name("lpa").system(true).build();
    }
    // an embedding that hands in its own streams (tests): a dumb terminal over them
    return TerminalBuilder.builder()
        .name("lpa")
        .system(false)
        .dumb(true)
        .size(new org.jline.terminal.Size(ctx.terminal().width(), 40))
        .streams(ctx.stdin(), new WriterOutputStream(out(), StandardCharsets.UTF_8))
        .encoding(StandardCharsets.UTF_8)
        .build();
  }
}
