package dev.lpa.cli;

import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.LpaCommand;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.workspace.Workspace;
import java.time.Instant;

/** A command that works on the logged-in user's live workspace. */
abstract class WorkspaceCommand extends LpaCommand {
  protected Workspace workspace() {
    return ctx.sessions().workspace(profile());
  }

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
