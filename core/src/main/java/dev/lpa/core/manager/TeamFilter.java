package dev.lpa.core.manager;

import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Participant;
import dev.lpa.core.model.Role;
import dev.lpa.core.model.Skill;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The manager's All-tab filter: one status at most, any number of the team's agents, any number
 * of the team's skills. Empty sets and a null status do not filter; the kinds combine with AND,
 * the agents (and the skills) among themselves with OR.
 *
 * @param agentIds user ids of team members
 * @param skillIds skill ids that at least one team member has
 */
public record TeamFilter(Status status, Set<String> agentIds, Set<String> skillIds) {

  /** The app's three status choices. */
  public enum Status {
    OPEN, UNASSIGNED, CLOSED;

    public static Status parse(String s) {
      return switch (s.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
        case "open" -> OPEN;
        case "unassigned", "open-unassigned" -> UNASSIGNED;
        case "closed", "close" -> CLOSED;
        default -> throw new LpaException(Kind.INVALID,
            "unknown status '" + s + "' (use open, unassigned or closed)");
      };
    }
  }

  public TeamFilter {
    agentIds = Set.copyOf(agentIds);
    skillIds = Set.copyOf(skillIds);
  }

  public static TeamFilter none() {
    return new TeamFilter(null, Set.of(), Set.of());
  }

  /**
   * Resolves what a person typed against the team: agents by login name or id, skills by name or
   * id. An agent outside the manager's groups, or a skill none of them has, is refused (INVALID)
   * in one line that names it.
   */
  public static TeamFilter resolve(Team team, List<Skill> skills, String status, Collection<String> agents,
      Collection<String> skillRefs) {
    Set<String> a = new LinkedHashSet<>();
    for (String who : agents) {
      Agent m = team.member(who);
      if (m == null) {
        throw new LpaException(Kind.INVALID, "'" + who + "' is not an agent of your groups");
      }
      a.add(m.userId());
    }
    Set<String> s = new LinkedHashSet<>();
    for (String ref : skillRefs) {
      Skill k = skills.stream().filter(x -> x.id().equals(ref.strip())
          || (x.name() != null && x.name().equalsIgnoreCase(ref.strip()))).findFirst().orElse(null);
      if (k == null) {
        throw new LpaException(Kind.INVALID, "no skill '" + ref + "'");
      }
      if (!team.skillIds().contains(k.id())) {
        throw new LpaException(Kind.INVALID, "no agent of your groups has the skill '" + k.name() + "'");
      }
      s.add(k.id());
    }
    return new TeamFilter(status == null ? null : Status.parse(status), a, s);
  }

  public boolean test(Conversation c) {
    if (status != null) {
      boolean ok = switch (status) {
        case OPEN -> c.open();
        case UNASSIGNED -> c.open() && c.assignedAgent() == null;
        case CLOSED -> !c.open();
      };
      if (!ok) {
        return false;
      }
    }
    if (!skillIds.isEmpty() && !skillIds.contains(c.skillId())) {
      return false;
    }
    if (!agentIds.isEmpty()) {
      return c.participants().stream().anyMatch(p -> isAgent(p) && agentIds.contains(bare(p.id())));
    }
    return true;
  }

  /** True when closed conversations may match (no status, or Closed): only then is history asked. */
  public boolean wantsClosed() {
    return status == null || status == Status.CLOSED;
  }

  public boolean wantsOpen() {
    return status != Status.CLOSED;
  }

  private static boolean isAgent(Participant p) {
    // an open conversation names its agent as ASSIGNED_AGENT; history gives every agent who had it
    return p.role() == Role.ASSIGNED_AGENT || p.role() == Role.AGENT;
  }

  private static String bare(String legacyId) {
    return legacyId == null ? "" : legacyId.substring(legacyId.lastIndexOf('.') + 1);
  }
}
