package dev.lpa.cli.support;

/**
 * A failure the user can act on: carries its exit code and a one-line message saying what to do.
 * The execution exception handler prints the message without a stack trace.
 */
public class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  public static CliException notFound(String message) {
    return new CliException(ExitCodes.NOT_FOUND, message);
  }

  public static CliException cancelled(String message) {
    return new CliException(ExitCodes.CANCELLED, message);
  }

  public static CliException notLoggedIn(String message) {
    return new CliException(ExitCodes.AUTH, message);
  }
}
