package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.core.model.CannedResponse;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Ring;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.workspace.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Values a user may type for an argument, read from the live workspace (shell and completion). */
final class LiveValues {
  private LiveValues() {}

  static List<String> of(Workspace w, String kind) {
    List<String> out = new ArrayList<>();
    switch (kind) {
      case "conversations" -> {
        for (Conversation c : Sla.listOrder(w.state().conversations().values(), w.state().updated() == null
            ? java.time.Instant.now() : w.state().updated(), Duration.ofDays(1))) {
          out.add(Views.shortId(c.id()));
        }
      }
      case "rings" -> w.state().rings().stream().filter(Ring::waiting).forEach(r -> out.add(r.ringId()));
      case "skills" -> Await.get(w.skills(), "skills", Duration.ofSeconds(5)).stream()
          // names, as people type them (the commands take a name in any case); "Tech Support" too
          .filter(s -> !"-1".equals(s.id()))
          .forEach(s -> out.add(s.name() != null && !s.name().isBlank() ? dev.lpa.core.text.SafeText.line(s.name()) : s.id()));
      case "agents" -> Await.get(w.agents(), "agents", Duration.ofSeconds(5)).forEach(a -> out.add(a.loginName()));
      case "canned" -> {
        for (CannedResponse c : Await.get(w.cannedResponses(null), "canned", Duration.ofSeconds(5))) {
          out.add(c.hotkey() != null ? c.hotkey() : c.id());
        }
      }
      default -> { }
    }
    return out;
  }
}
