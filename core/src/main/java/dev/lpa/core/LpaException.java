package dev.lpa.core;

/**
 * Every error a core operation completes with. The {@link Kind} tells the faces what happened
 * (the CLI maps it to an exit code, the console to a status-line message); the message is one
 * line a user can act on.
 */
public class LpaException extends RuntimeException {
  public enum Kind {
    /** Not logged in, session expired with no way to renew it, or credentials rejected. */
    NOT_LOGGED_IN(4),
    /** The server refused: missing permission, wrong role (403). */
    FORBIDDEN(1),
    /** No such conversation, ring, skill, agent, profile (404 or unknown locally). */
    NOT_FOUND(6),
    /** The request is wrong (400, or rejected before sending). */
    INVALID(2),
    /** Still failing after the retry policy ran out (429, 5xx, network). */
    GAVE_UP(7),
    /** No answer in time. */
    TIMEOUT(1),
    /** The user cancelled. */
    CANCELLED(3),
    /** Some items of a bulk run failed. */
    PARTIAL(5),
    /** Anything else. */
    ERROR(1);

    private final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }

    /** The process exit code the CLI uses for this kind (architecture.md). */
    public int exitCode() {
      return exitCode;
    }
  }

  private final Kind kind;
  private final int status;

  public LpaException(Kind kind, String message) {
    this(kind, message, 0, null);
  }

  public LpaException(Kind kind, String message, Throwable cause) {
    this(kind, message, 0, cause);
  }

  /** {@code status}: the server's code (HTTP status or socket response code), 0 when none. */
  public LpaException(Kind kind, String message, int status, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  public int status() {
    return status;
  }

  /** Unwraps CompletionException/ExecutionException chains to the LpaException inside, if any. */
  public static LpaException from(Throwable t) {
    Throwable c = t;
    while (c != null) {
      if (c instanceof LpaException e) {
        return e;
      }
      c = c.getCause();
    }
    return new LpaException(Kind.ERROR, t == null ? "unknown error" : String.valueOf(t.getMessage()), t);
  }
}
