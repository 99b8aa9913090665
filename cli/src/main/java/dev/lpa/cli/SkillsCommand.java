package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.OutputOptions;
import dev.lpa.cli.support.Printer;
import dev.lpa.core.model.Skill;
import dev.lpa.core.text.SafeText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "skills",
    description = "List the account's skills with how many agents are online in each.",
    footer = {"", "Examples:", "  lpa skills", "  lpa skills --json"})
public final class SkillsCommand extends WorkspaceCommand {
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    List<Skill> skills = Await.get(workspace().skills(), "loading skills").stream()
        .filter(s -> !"-1".equals(s.id())).toList();
    Printer p = printer(output);
    if (p.machine()) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (Skill s : skills) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", SafeText.line(s.name()));
        m.put("agentsOnline", s.agentsOnline());
        m.put("transferSkillIds", s.transferSkillIds());
        items.add(m);
      }
      p.items(items);
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    for (Skill s : skills) {
      rows.add(List.of(s.id(), SafeText.line(s.name()), s.agentsOnline() < 0 ? "?" : Integer.toString(s.agentsOnline())));
    }
    p.table(List.of("ID", "NAME", "ONLINE"), rows);
    return 0;
  }
}
