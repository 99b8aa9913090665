package dev.lpa.cli.support;

import java.io.PrintWriter;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place a failure becomes an exit code and a message. A user mistake prints one line saying
 * what to do; the stack trace only with --verbose.
 */
public final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    Throwable t = unwrap(ex);
    if (t instanceof OutputClosedException) {
      return ExitCodes.OK;
    }
    PrintWriter err = cl.getErr();
    Failure f = classify(t);
    err.println(cl.getColorScheme().errorText("lpa: " + f.message()));
    if (verbose(parsed)) {
      t.printStackTrace(err);
    } else if (f.code() == ExitCodes.ERROR && !(t instanceof CliException)) {
      err.println("(run again with --verbose for details)");
    }
    err.flush();
    return f.code();
  }

  public record Failure(int code, String message) {}

  /**
   * Exit code and one-line message for any throwable a command let out. Messages may quote the
   * server, so they are made safe for the terminal here, once for every caller.
   */
  public static Failure classify(Throwable t) {
    Failure f = classifyRaw(t);
    return new Failure(f.code(), dev.lpa.core.text.SafeText.line(f.message()));
  }

  private static Failure classifyRaw(Throwable t) {
    t = unwrap(t);
    if (t instanceof CliException c) {
      return new Failure(c.exitCode(), c.getMessage());
    }
    Failure core = CoreErrors.classify(t);
    if (core != null) {
      return core;
    }
    if (t instanceof CancellationException || t instanceof InterruptedException) {
      return new Failure(ExitCodes.CANCELLED, "cancelled");
    }
    String m = t.getMessage();
    return new Failure(
        ExitCodes.ERROR, (m == null || m.isBlank() ? t.getClass().getSimpleName() : firstLine(m)));
  }

  public static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String firstLine(String m) {
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
