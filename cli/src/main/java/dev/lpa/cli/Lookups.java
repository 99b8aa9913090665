package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.CliException;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.Skill;
import dev.lpa.core.workspace.Workspace;
import java.util.List;
import java.util.Locale;

/** Skills and agents by what people type: an id or a name, any case. */
final class Lookups {
  private Lookups() {}

  static Skill skill(Workspace w, String key) {
    List<Skill> skills = Await.get(w.skills(), "loading skills");
    String k = key.toLowerCase(Locale.ROOT);
    return skills.stream()
        .filter(s -> s.id().equals(key) || (s.name() != null && s.name().toLowerCase(Locale.ROOT).equals(k)))
        .findFirst()
        .orElseThrow(() -> CliException.notFound("no skill " + key + " (see: lpa skills)"));
  }

  static Agent agent(Workspace w, String key) {
    List<Agent> agents = Await.get(w.agents(), "loading agents");
    String k = key.toLowerCase(Locale.ROOT);
    return agents.stream()
        .filter(a -> a.userId().equals(key)
            || key.endsWith("." + a.userId())
            || eq(a.loginName(), k)
            || eq(a.nickname(), k))
        .findFirst()
        .orElseThrow(() -> CliException.notFound("no agent " + key + " (see: lpa agents)"));
  }

  private static boolean eq(String s, String lower) {
    return s != null && s.toLowerCase(Locale.ROOT).equals(lower);
  }
}
