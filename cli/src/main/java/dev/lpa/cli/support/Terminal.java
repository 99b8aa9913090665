package dev.lpa.cli.support;

/**
 * What the process is attached to. {@code System.console()} is not enough on its own: it is non-null
 * when stdin and stdout are both terminals, and we care about each stream separately.
 */
public record Terminal(boolean stdinTty, boolean stdoutTty, boolean stderrTty, int width) {
  public static final Terminal NONE = new Terminal(false, false, false, 100);

  /** A person can answer prompts. */
  public boolean interactive() {
    return stdinTty && (stdoutTty || stderrTty);
  }

  /**
   * Best guess for the real process. Java cannot ask isatty per stream, so the launcher passes what
   * it saw through LPA_TTY ("in,out,err" flags, e.g. "1,1,0"); without it we fall back to the console.
   */
  public static Terminal detect(java.util.Map<String, String> env) {
    int width = parseWidth(env.get("COLUMNS"));
    String flags = env.get("LPA_TTY");
    if (flags != null && flags.matches("[01],[01],[01]")) {
      return new Terminal(flags.charAt(0) == '1', flags.charAt(2) == '1', flags.charAt(4) == '1', width);
    }
    boolean console = System.console() != null;
    return new Terminal(console, console, console, width);
  }

  private static int parseWidth(String s) {
    try {
      int w = s == null ? 0 : Integer.parseInt(s.trim());
      return w >= 20 ? w : 100;
    } catch (NumberFormatException e) {
      return 100;
    }
  }
}
