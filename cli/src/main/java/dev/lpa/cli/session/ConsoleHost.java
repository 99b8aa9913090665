package dev.lpa.cli.session;

import dev.lpa.cli.support.CliContext;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.tui.StreamTerminal;
import java.io.IOException;
import java.util.function.Consumer;

/** Runs the full-screen console inside the session for an attached client. */
public interface ConsoleHost {
  /**
   * @param ctx the session's context with the client's environment (colours, language, TERM)
   * @param profile the session's profile
   * @param w the session's workspace, which stays open when the console quits
   * @param raw where escape sequences beside the screen go (OSC notifications)
   * @param focus the conversation of the last desktop notification, or null
   * @return the console's exit code
   */
  int run(CliContext ctx, String profile, Workspace w, StreamTerminal terminal, Consumer<String> raw, String focus) throws IOException;
}
