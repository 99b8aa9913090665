package dev.lpa.cli.support;

import dev.lpa.core.LpaException;

/** Maps the core client's typed errors to exit codes, with a hint where one helps. */
final class CoreErrors {
  private CoreErrors() {}

  static ErrorHandler.Failure classify(Throwable t) {
    if (!(t instanceof LpaException e)) {
      return null;
    }
    String m = e.getMessage() == null ? e.kind().name().toLowerCase() : e.getMessage();
    String hint = switch (e.kind()) {
      case NOT_LOGGED_IN -> " (log in with: lpa login)";
      case GAVE_UP -> " (the server kept failing; try again later)";
      default -> "";
    };
    return new ErrorHandler.Failure(e.kind().exitCode(), m + (m.contains("lpa login") || m.contains("run: ") ? "" : hint));
  }
}
