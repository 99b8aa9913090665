package dev.lpa.cli.support;

import picocli.CommandLine.Option;

/** Options every command takes: which profile, colours, how much detail on failure. */
public final class CommonOptions {
  public enum ColorMode {
    auto,
    always,
    never
  }

  @Option(
      names = {"-p", "--profile"},
      paramLabel = "NAME",
      description = "Profile to use (default: $LPA_PROFILE, else \"default\").")
  String profile;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      description = "Colour output: ${COMPLETION-CANDIDATES} (default: auto; NO_COLOR turns it off).")
  ColorMode color = ColorMode.auto;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help, with examples, and exit.")
  boolean help;

  @Option(
      names = {"-v", "--verbose"},
      description = "On failure, show details (the cause chain and stack trace).")
  boolean verbose;

  public String profile(CliContext ctx) {
    if (profile != null && !profile.isBlank()) {
      return profile;
    }
    String p = ctx.env("LPA_PROFILE");
    return p != null ? p : "default";
  }

  /** Whether to colour a stream attached (or not) to a terminal. */
  public boolean colour(CliContext ctx, boolean tty) {
    return switch (color) {
      case always -> true;
      case never -> false;
      case auto -> tty && ctx.env("NO_COLOR") == null && !"dumb".equals(ctx.env("TERM"));
    };
  }

  /** The --profile value, or null when not given (core then applies LPA_PROFILE and "default"). */
  public String profileOrNull() {
    return profile == null || profile.isBlank() ? null : profile;
  }

  public boolean verbose() {
    return verbose;
  }
}
