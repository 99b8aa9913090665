package dev.lpa.cli;

import dev.lpa.cli.session.SessionClient;
import dev.lpa.cli.session.SessionServer;
import dev.lpa.cli.support.CliContext;
import dev.lpa.cli.support.ContextFactory;
import dev.lpa.cli.support.DurationConverter;
import dev.lpa.cli.support.ErrorHandler;
import dev.lpa.cli.support.RetryNotices;
import dev.lpa.cli.support.UsageErrors;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lpa} entry point. */
@Command(
    name = "lpa",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Terminal agent console for LivePerson Conversational Cloud messaging.",
    footer = {
      "",
      "Start with `lpa demo` (a simulated account, no LivePerson needed) or `lpa login`.",
      "Topics: lpa help exit-codes | environment | formatting",
      "",
      "Examples:",
      "  lpa demo",
      "  lpa login --account 90233546 --username agent1",
      "  lpa list --json",
      "  lpa send --help"
    })
public final class Main implements Runnable {
  /** The commands, in the order the usage lists them. */
  static final List<Class<?>> COMMANDS =
      List.of(
          HelpCommand.class,
          LoginCommand.class,
          LogoutCommand.class,
          WhoamiCommand.class,
          StateCommand.class,
          ListCommand.class,
          ShowCommand.class,
          WatchCommand.class,
          AcceptCommand.class,
          SendCommand.class,
          TransferCommand.class,
          ReturnCommand.class,
          CloseCommand.class,
          UrgentCommand.class,
          JoinCommand.class,
          JoinCommand.Leave.class,
          CannedCommand.class,
          SkillsCommand.class,
          AgentsCommand.class,
          MqCommand.class,
          SmokeCommand.class,
          SessionCommand.class,
          ShellCommand.class,
          TuiCommand.class,
          DemoCommand.class,
          SimCommand.class,
          CompletionCommand.class,
          CompleteCommand.class);

  /** Commands that read the whole tree (the root's usage, the completion scripts). */
  private static final Set<String> NEED_ALL = Set.of("help", "completion");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command tree over the real process environment. */
  public static CommandLine commandLine() {
    return commandLine(CliContext.system());
  }

  /** The command tree over a given context (tests, the shell). */
  public static CommandLine commandLine(CliContext ctx) {
    return commandLine(ctx, COMMANDS);
  }

  /**
   * The tree a process needs for these arguments: when they start with a command's name, the root
   * and that command only. picocli reads every command's annotations when it is added, which is
   * most of the start-up time of a short command (bench/results/startup.md).
   */
  static CommandLine commandLine(CliContext ctx, String[] args) {
    if (args.length == 0 || (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h")))) {
      return rootUsageOnly(ctx);
    }
    if (args.length > 0 && !NEED_ALL.contains(args[0])) {
      for (Class<?> c : COMMANDS) {
        Command command = c.getAnnotation(Command.class);
        if (command.name().equals(args[0]) || Arrays.asList(command.aliases()).contains(args[0])) {
          return commandLine(ctx, List.of(c));
        }
      }
    }
    return commandLine(ctx, COMMANDS);
  }

  /**
   * The root's usage needs only each command's name, aliases and description, not its options:
   * placeholders read off the {@code @Command} annotation stand in for the commands (a full tree
   * reflects over every option of every command, most of what {@code lpa --help} cost).
   */
  private static CommandLine rootUsageOnly(CliContext ctx) {
    CommandLine cl = commandLine(ctx, List.of());
    for (Class<?> c : COMMANDS) {
      Command command = c.getAnnotation(Command.class);
      CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create().name(command.name())
          .aliases(command.aliases());
      spec.usageMessage().description(command.description()).hidden(command.hidden());
      cl.addSubcommand(command.name(), new CommandLine(spec));
    }
    return cl;
  }

  private static CommandLine commandLine(CliContext ctx, List<Class<?>> commands) {
    ContextFactory factory = new ContextFactory(ctx);
    CommandLine cl = new CommandLine(new Main(), factory);
    // before the settings below: picocli applies them to the subcommands present at that moment
    for (Class<?> c : commands) {
      cl.addSubcommand(new CommandLine(c, factory));
    }
    cl.setExecutionExceptionHandler(new ErrorHandler());
    UsageErrors usage = new UsageErrors(new RetryNotices(ctx, new CommandLine.RunLast()));
    cl.setParameterExceptionHandler(usage);
    cl.setExecutionStrategy(usage);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.registerConverter(java.time.Duration.class, new DurationConverter());
    return cl;
  }

  /** The commands a background session may run (SessionCommandsTest checks them against the tree). */
  static final Set<String> SESSION_COMMANDS = SessionClient.COMMANDS;

  static Set<String> sessionCommandsOfTree() {
    Set<String> names = new java.util.HashSet<>();
    for (Class<?> c : COMMANDS) {
      Command command = c.getAnnotation(Command.class);
      // __complete too: the live values of a Tab press come from the session's state, not a new login
      boolean workspace = WorkspaceCommand.class.isAssignableFrom(c) || c == MqCommand.class || c == CompleteCommand.class;
      if (workspace && !SessionServer.LOCAL.contains(command.name())) {
        names.add(command.name());
        names.addAll(Arrays.asList(command.aliases()));
      }
    }
    return names;
  }

  /** Commands that connect besides those a session may run (help, whoami, completion... do not). */
  private static final Set<String> CONNECTING = Set.of("login", "logout", "watch", "smoke", "tui", "shell", "demo");

  /**
   * Whether this command line warms up the first connection (see {@code Warmup}): a command that
   * connects, not its help, and not with {@code LPA_WARMUP=off}.
   */
  static boolean warms(String[] args, java.util.Map<String, String> env) {
    if (args.length == 0 || "off".equalsIgnoreCase(env.get("LPA_WARMUP"))
        || !(SESSION_COMMANDS.contains(args[0]) || CONNECTING.contains(args[0]))) {
      return false;
    }
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        return false;
      }
    }
    return true;
  }

  public static void main(String[] argv) {
    CliContext ctx = CliContext.system();
    // before the command tree: a command the profile's session runs costs no picocli, login or socket here
    SessionClient.Route route = SessionClient.route(argv, ctx.env(), ctx.dataDir(), SESSION_COMMANDS,
        new java.util.function.BooleanSupplier() {
          // not a lambda: its bootstrap is a measurable part of a command that a session runs
          @Override
          public boolean getAsBoolean() {
            return SessionHooks.loggedIn(ctx, argv);
          }
        }, System.in, new java.io.FileOutputStream(java.io.FileDescriptor.out),
        new java.io.FileOutputStream(java.io.FileDescriptor.err));
    if (!route.local()) {
      System.exit(route.code());
    }
    String[] args = route.args();
    if (warms(args, ctx.env())) {
      // the first handshake's elliptic-curve set-up on the second core while picocli parses
      dev.lpa.core.internal.Warmup.start();
    }
    AutoCloseable console = SessionHooks.before(ctx, args);
    // Ctrl-C ends watch, list --watch and show --follow: close the socket properly on the way out
    Thread closer = new Thread(ctx::close, "lpa-close");
    Runtime.getRuntime().addShutdownHook(closer);
    CommandLine cl = commandLine(ctx, args);
    // straight to the file descriptor: System.out hides a broken pipe, and streams must notice it
    cl.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(
        new java.io.FileOutputStream(java.io.FileDescriptor.out), java.nio.charset.Charset.defaultCharset()), true));
    int code = cl.execute(args);
    SessionHooks.after(ctx, args, code, console);
    route.finished();
    ctx.close();
    Runtime.getRuntime().removeShutdownHook(closer);
    System.exit(code);
  }
}
