package dev.lpa.cli;

import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.LpaCommand;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.workspace.StartMode;
import dev.lpa.core.workspace.Workspace;
import java.time.Instant;

/** A command that works on the logged-in user's live workspace. */
abstract class WorkspaceCommand extends LpaCommand {
  protected Workspace workspace() {
    return workspace(StartMode.LIVE);
  }

  /** The workspace, started only as far as {@code mode} needs (a one-shot command's is partial). */
  protected Workspace workspace(StartMode mode) {
    if (common.verbose() && !coreLogged) {
      // what core went on without (a look-up, a store write) and its start-up steps, on stderr
      coreLogged = true;
      java.io.PrintWriter err = err();
      ctx.closeWith(dev.lpa.core.internal.CoreLog.listen(line -> {
        synchronized (err) {
          err.println(line);
          err.flush();
        }
      }));
    }
    return ctx.sessions().workspace(profile(), mode);
  }

  private boolean coreLogged;

  protected Instant now() {
    return ctx.clock().instant();
  }

  /** A conversation by full id or unique prefix; exit 6 when there is none. */
  protected Conversation conversation(Workspace w, String idOrPrefix) {
    String id = w.resolveConversationId(idOrPrefix);
    Conversation c = w.state().conversations().get(id);
    if (c == null) {
      throw CliException.notFound("no conversation " + idOrPrefix + " (see: lpa list)");
    }
    return c;
  }
}
