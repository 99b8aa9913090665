package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.ExitCodes;
import dev.lpa.core.LpaClient;
import dev.lpa.core.LpaException;
import dev.lpa.core.bulk.BulkResult;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.usecase.MyConversations;
import dev.lpa.core.usecase.ReturnMine;
import dev.lpa.core.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "logout",
    description = "Log out and delete the profile's local data.",
    footer = {
      "",
      "With open conversations assigned to you, on a terminal you are asked whether to return them to the queue first; off a terminal say so with --return-all or --keep.",
      "",
      "Examples:",
      "  lpa logout",
      "  lpa logout --return-all",
      "  lpa logout --keep --profile staging"
    })
public final class LogoutCommand extends WorkspaceCommand {
  @ArgGroup(exclusive = true)
  Choice choice = new Choice();

  static final class Choice {
    @Option(names = "--return-all", description = "Return your open conversations to the queue, then log out.")
    boolean returnAll;

    @Option(names = "--keep", description = "Log out and leave your open conversations assigned to you.")
    boolean keep;
  }

  @Override
  public Integer call() {
    LpaClient client = ctx.sessions().client();
    String profile = profile();
    if (client.session(profile).isEmpty()) {
      out().println("Not logged in on profile " + profile + ".");
      return 0;
    }
    List<Conversation> mine = openAssignedToMe(profile);
    boolean returnAll = choice.returnAll;
    if (!mine.isEmpty() && !choice.returnAll && !choice.keep) {
      if (!ctx.terminal().interactive()) {
        throw CliException.usage("you have " + mine.size()
            + " open conversation(s): add --return-all to return them to the queue, or --keep");
      }
      String a = ctx.prompter().ask("You have " + mine.size() + " open conversation(s).\n"
          + "  [r] return all to the queue and log out\n"
          + "  [l] log out and keep them\n"
          + "  [c] cancel\n"
          + "Choose r, l or c: ");
      String answer = a == null ? "c" : a.trim().toLowerCase();
      if (answer.startsWith("r")) {
        returnAll = true;
      } else if (!answer.startsWith("l")) {
        throw CliException.cancelled("logout cancelled; you are still logged in");
      }
    }
    if (returnAll && !mine.isEmpty()) {
      // core's one "return mine, then log out": the console's logout and lpa session stop run it too
      Workspace w = workspace();
      Map<String, Conversation> byId = new LinkedHashMap<>();
      mine.forEach(c -> byId.put(c.id(), c));
      ReturnMine.Outcome o = Await.get(ReturnMine.thenLogOut(w, ReturnMine.plan(w.state(), now()), () -> {
        ctx.sessions().forget(profile);
        return client.logout(profile);
      }), "returning your conversations and logging out");
      for (BulkResult.ItemResult r : o.returned().items()) {
        Conversation c = byId.get(r.conversationId());
        String id = Views.shortId(r.conversationId());
        switch (r.outcome()) {
          case DONE -> out().println("returned " + id + (c == null ? "" : " " + Views.consumer(c)));
          case FAILED -> err().println("could not return " + id + ": " + r.detail());
          case SKIPPED -> err().println("kept " + id + ": " + r.detail());
        }
      }
      if (!o.followedUp()) {
        throw new CliException(ExitCodes.PARTIAL,
            o.failed() + " conversation(s) could not be returned; still logged in (retry, or --keep)");
      }
    } else {
      ctx.sessions().forget(profile);
      Await.get(client.logout(profile), "logging out");
    }
    out().println("Logged out of profile " + profile + ".");
    out().flush();
    return 0;
  }

  private List<Conversation> openAssignedToMe(String profile) {
    Workspace w;
    try {
      w = workspace();
    } catch (LpaException e) {
      if (e.kind() == LpaException.Kind.NOT_LOGGED_IN) {
        // the session is dead anyway: nothing can be returned, just clean up locally
        return List.of();
      }
      throw e;
    }
    return MyConversations.open(w.state());
  }
}
