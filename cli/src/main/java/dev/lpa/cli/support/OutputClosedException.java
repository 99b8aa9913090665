package dev.lpa.cli.support;

/**
 * The reader of stdout went away (`lpa watch | head -1`). PrintWriter swallows the broken pipe, so
 * streams check for it and stop; the command then ends quietly with status 0.
 */
public final class OutputClosedException extends RuntimeException {
  public OutputClosedException() {
    super("output closed", null, false, false);
  }
}
