package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Skill;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.workspace.Workspace;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "transfer",
    description = "Transfer a conversation to a skill's queue or to a specific agent.",
    footer = {
      "",
      "An agent who does not accept within the ring time sends it back to the skill's queue.",
      "",
      "Examples:",
      "  lpa transfer 3f2a --skill Billing --note 'Refund over 100 EUR'",
      "  lpa transfer 3f2a --agent agent2"
    })
public final class TransferCommand extends WorkspaceCommand {
  @Parameters(paramLabel = "CONV", description = "Conversation id (or a unique prefix).")
  String conv;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--skill", paramLabel = "SKILL", required = true, description = "Skill id or name.")
    String skill;

    @Option(names = "--agent", paramLabel = "AGENT", required = true, description = "Agent login name or user id.")
    String agent;
  }

  @Option(names = "--note", paramLabel = "TEXT", description = "A note for whoever gets it.")
  String note;

  @Override
  public Integer call() {
    Workspace w = workspace();
    Conversation c = conversation(w, conv);
    String to;
    if (target.skill != null) {
      Skill s = Lookups.skill(w, target.skill);
      Await.get(w.transferToSkill(c.id(), s.id(), note), "transferring");
      to = "skill " + SafeText.line(s.name());
    } else {
      Agent a = Lookups.agent(w, target.agent);
      Await.get(w.transferToAgent(c.id(), a.userId(), note), "transferring");
      to = "agent " + SafeText.line(a.loginName());
    }
    out().println("Transferred " + Views.shortId(c.id()) + " (" + Views.consumer(c) + ") to " + to + ".");
    out().flush();
    return 0;
  }
}
