package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.OutputOptions;
import dev.lpa.cli.support.Printer;
import dev.lpa.core.model.Agent;
import dev.lpa.core.text.SafeText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "agents",
    description = "List the account's agents and managers with their state and load.",
    footer = {"", "Examples:", "  lpa agents", "  lpa agents --json | jq -r '.[] | select(.state==\"online\") | .loginName'"})
public final class AgentsCommand extends WorkspaceCommand {
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    List<Agent> agents = Await.get(workspace().agents(), "loading agents");
    Printer p = printer(output);
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
        items.add(m);
      }
      p.items(items);
      return 0;
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
      rows.add(List.of(a.userId(), SafeText.line(a.loginName()), SafeText.line(a.fullName()),
          a.manager() ? "manager" : "agent", state, load));
    }
    p.table(List.of("ID", "LOGIN", "NAME", "ROLE", "STATE", "LOAD"), rows);
    return 0;
  }
}
