package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.OutputOptions;
import dev.lpa.cli.support.Printer;
import dev.lpa.core.model.CannedResponse;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.workspace.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import dev.lpa.cli.support.Ansi;

@Command(
    name = "canned",
    description = "List canned responses (predefined content), optionally only a skill's.",
    footer = {"", "Examples:", "  lpa canned", "  lpa canned --skill Billing", "  lpa send 3f2a --canned greet"})
public final class CannedCommand extends WorkspaceCommand {
  @Option(names = "--skill", paramLabel = "SKILL", description = "Only those enabled for this skill (id or name).")
  String skill;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    Workspace w = workspace();
    String skillId = skill == null ? null : Lookups.skill(w, skill).id();
    List<CannedResponse> all = Await.get(w.cannedResponses(skillId), "loading canned responses");
    Printer p = printer(output);
    if (p.machine()) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (CannedResponse c : all) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("hotkey", c.hotkey());
        m.put("title", SafeText.line(c.title()));
        m.put("category", c.category() == null ? null : SafeText.line(c.category()));
        m.put("text", SafeText.multiline(c.text()));
        m.put("skillIds", c.skillIds());
        items.add(m);
      }
      p.items(items);
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    int width = Math.max(20, ctx.terminal().width() - 50);
    for (CannedResponse c : all) {
      rows.add(List.of(c.id(), c.hotkey() == null ? "" : c.hotkey(), SafeText.line(c.title()),
          Ansi.truncate(SafeText.line(c.text()), width)));
    }
    p.table(List.of("ID", "HOTKEY", "TITLE", "TEXT"), rows);
    return 0;
  }
}
