package dev.lpa.cli.support;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every command: the shared options, the injected context, and the writers picocli was
 * given (never System.out, so tests and the shell capture everything).
 */
public abstract class LpaCommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;
  @Mixin protected CommonOptions common;

  protected CliContext ctx;

  /** Called by {@link ContextFactory} right after construction. */
  public void context(CliContext ctx) {
    this.ctx = ctx;
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  protected Ansi ansiOut() {
    return new Ansi(common.colour(ctx, ctx.terminal().stdoutTty()));
  }

  protected Ansi ansiErr() {
    return new Ansi(common.colour(ctx, ctx.terminal().stderrTty()));
  }

  protected Printer printer(OutputOptions output) {
    return new Printer(out(), output.format(), ansiOut());
  }

  /** The profile to act on, resolved by core (--profile, else LPA_PROFILE, else "default"). */
  protected String profile() {
    return ctx.sessions().client().resolveProfile(common.profileOrNull());
  }

  /** A status line for people: on stderr, and only when stderr is a terminal. */
  protected void progress(String message) {
    if (ctx.terminal().stderrTty()) {
      err().println(ansiErr().dim(message));
      err().flush();
    }
  }
}
