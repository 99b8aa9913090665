package dev.lpa.cli.support;

/** The exit codes every command keeps to; {@code lpa help exit-codes} prints the same table. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int USAGE = 2;
  public static final int CANCELLED = 3;
  public static final int AUTH = 4;
  public static final int PARTIAL = 5;
  public static final int NOT_FOUND = 6;
  public static final int GAVE_UP = 7;

  private ExitCodes() {}

  /** Code and meaning, in order, for the help topic and the man page. */
  public static final String[][] TABLE = {
    {"0", "success"},
    {"1", "an error not covered below (server error, network, unexpected answer)"},
    {"2", "usage error: unknown command or option, missing argument, a value that does not parse, an id prefix that matches more than one conversation (type more of it), a message over 10000 characters"},
    {"3", "cancelled: you answered no (or nothing) at a prompt; Ctrl-C ends with the usual 130"},
    {"4", "not logged in, the server rejected the credentials or the token, or the profile file is readable by others"},
    {"5", "partial failure: a bulk run where some items failed (see the per-item lines)"},
    {"6", "not found: no such conversation (or not visible to you), skill, agent, canned response or profile"},
    {"7", "gave up: retries or the --wait time ran out"},
  };
}
