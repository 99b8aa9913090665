package dev.lpa.cli.support;

import dev.lpa.core.internal.NetworkFailures;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

/**
 * While a command runs, says on a terminal's stderr that a call is being retried and for how
 * long: without it a 5xx burst looks like a hung command. Off a terminal it stays quiet, so logs
 * and pipes carry only the outcome.
 */
public final class RetryNotices implements IExecutionStrategy {
  private final CliContext ctx;
  private final IExecutionStrategy next;

  public RetryNotices(CliContext ctx, IExecutionStrategy next) {
    this.ctx = ctx;
    this.next = next;
  }

  @Override
  public int execute(ParseResult parsed) {
    if (!ctx.terminal().stderrTty()) {
      return next.execute(parsed);
    }
    CommandLine cl = parsed.commandSpec().commandLine();
    PrintWriter err = cl.getErr();
    boolean colour = ctx.env("NO_COLOR") == null;
    try (AutoCloseable sub = NetworkFailures.onRetry(r -> {
      String line = "lpa: " + dev.lpa.core.text.SafeText.line(r.line());
      synchronized (err) {
        err.println(colour ? new Ansi(true).dim(line) : line);
        err.flush();
      }
    })) {
      return next.execute(parsed);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // only the listener's close can throw a checked exception, and it does not
      throw new IllegalStateException(e);
    }
  }
}
