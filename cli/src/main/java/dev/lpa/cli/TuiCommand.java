package dev.lpa.cli;

import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.LpaCommand;
import dev.lpa.core.auth.ProfileInfo;
import dev.lpa.core.workspace.Workspace;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "tui",
    description = "Open the full-screen console for the profile (its login screen when logged out).",
    footer = {"", "Examples:", "  lpa tui", "  lpa tui --profile staging", "  NO_COLOR=1 lpa tui"})
public final class TuiCommand extends LpaCommand {
  // read by SessionClient.route before this command runs: with it, no attaching to the session
  @Option(names = "--no-session",
      description = "Open the console on a connection of its own, not inside the profile's running session.")
  boolean noSession;

  @Override
  public Integer call() {
    if (!ctx.terminal().stdinTty() || !ctx.terminal().stdoutTty()) {
      throw CliException.usage("the console needs a terminal; for scripts use lpa list --watch or lpa watch");
    }
    String profile = profile();
    Workspace w = null;
    if (ctx.sessions().client().session(profile).isPresent()) {
      w = ctx.sessions().workspaceLoading(profile);
    }
    String csds = ctx.env("LPA_CSDS");
    ProfileInfo stored = ctx.sessions().client().profiles().stream()
        .filter(p -> p.name().equals(profile)).findFirst().orElse(null);
    if (csds == null && stored != null) {
      csds = stored.csdsDomain();
    }
    Path ca = ctx.env("LPA_CA_FILE") == null ? null : Path.of(ctx.env("LPA_CA_FILE"));
    // the conversation of the session's last desktop notification, taken once
    String focus = dev.lpa.cli.session.SessionPaths.of(ctx.env(), ctx.dataDir(), profile).takeFocus();
    return ConsoleLauncher.run(w, ConsoleLauncher.options(ctx, ConsoleLauncher.loginHandler(ctx, profile, csds, ca))
        .withFocus(focus));
  }
}
