package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.OutputOptions;
import dev.lpa.cli.support.Printer;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.workspace.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "agents",
    description = "List the account's agents and managers with their state and load.",
    footer = {"", "Examples:", "  lpa agents", "  lpa agents --team --watch",
        "  lpa agents --json | jq -r '.[] | select(.state==\"online\") | .loginName'"})
public final class AgentsCommand extends WorkspaceCommand {
  @Option(names = "--team", description = "Managers: only the agents of your groups, with their open conversations.")
  boolean team;

  @Option(names = "--watch", description = "With --team: refresh every --every (Ctrl-C to stop).")
  boolean watch;

  @Option(names = "--every", paramLabel = "DURATION", description = "How often --watch asks again (default: 5s, at least 2s).")
  Duration every = Duration.ofSeconds(5);

  @Option(names = "--updates", paramLabel = "N", hidden = true, description = "With --watch, stop after N refreshes.")
  int updates = -1;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws InterruptedException {
    if (watch && !team) {
      throw CliException.usage("--watch goes with --team (lpa agents --team --watch)");
    }
    if (every.compareTo(Duration.ofSeconds(2)) < 0) {
      throw CliException.usage("--every must be at least 2s");
    }
    Workspace w = workspace();
    Printer p = printer(output);
    if (!team) {
      print(p, Await.get(w.agents(), "loading agents"), null, false);
      return 0;
    }
    // the agent view is polled: UMS's agent-state subscription tells the logged-in user's own
    // state only, while the agent view gives every team member's state and load in one call
    for (int shown = 1; ; shown++) {
      List<Agent> members = Await.get(w.team(), "loading your team").agents();
      print(p, members, openByAgent(w), watch);
      if (!watch || (updates >= 0 && shown >= updates)) {
        return 0;
      }
      Thread.sleep(every.toMillis());
    }
  }

  /** Open conversations the manager sees, by the bare user id of the assigned agent. */
  private static Map<String, List<String>> openByAgent(Workspace w) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (Conversation c : w.state().conversations().values()) {
      if (c.open() && c.assignedAgent() != null) {
        String id = c.assignedAgent().id();
        m.computeIfAbsent(id.substring(id.lastIndexOf('.') + 1), k -> new ArrayList<>()).add(c.id());
      }
    }
    return m;
  }

  private void print(Printer p, List<Agent> agents, Map<String, List<String>> open, boolean live) {
    if (p.machine()) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (Agent a : agents) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("userId", a.userId());
        m.put("loginName", SafeText.line(a.loginName()));
        m.put("name", SafeText.line(a.fullName()));
        m.put("nickname", a.nickname() == null ? null : SafeText.line(a.nickname()));
        m.put("manager", a.manager());
        m.put("state", a.state() == null ? null : a.state().cliName());
        m.put("openConversations", a.openConversations());
        m.put("maxConversations", a.maxConversations());
        m.put("skillIds", a.skillIds());
        if (open != null) {
          m.put("conversationIds", open.getOrDefault(a.userId(), List.of()));
        }
        items.add(m);
      }
      p.refreshed("agents", items, live, now());
      return;
    }
    if (live && ctx.terminal().stdoutTty()) {
      p.clearScreen();
    }
    if (open != null && agents.isEmpty()) {
      p.println("No agents in your groups.");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (Agent a : agents) {
      String load = a.openConversations() < 0 ? "?" : a.openConversations()
          + (a.maxConversations() < 0 ? "" : "/" + a.maxConversations());
      String state = a.state() == null ? "?" : a.state().cliName();
      state = switch (state) {
        case "online" -> p.ansi().green(state);
        case "away" -> p.ansi().red(state);
        case "back-soon" -> p.ansi().yellow(state);
        default -> p.ansi().dim(state);
      };
      if (open == null) {
        rows.add(List.of(a.userId(), SafeText.line(a.loginName()), SafeText.line(a.fullName()),
            a.manager() ? "manager" : "agent", state, load));
      } else {
        List<String> ids = open.getOrDefault(a.userId(), List.of());
        rows.add(List.of(a.userId(), SafeText.line(a.loginName()), SafeText.line(a.fullName()), state, load,
            ids.isEmpty() ? "-" : String.join(" ", ids.stream().map(Views::shortId).toList())));
      }
    }
    if (open == null) {
      p.table(List.of("ID", "LOGIN", "NAME", "ROLE", "STATE", "LOAD"), rows);
    } else {
      p.table(List.of("ID", "LOGIN", "NAME", "STATE", "LOAD", "OPEN"), rows);
    }
  }
}
