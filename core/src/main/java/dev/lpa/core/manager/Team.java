package dev.lpa.core.manager;

import dev.lpa.core.model.Agent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The users a manager manages: every user whose agent group is one the manager is "managerOf"
 * (LivePerson's Users API), and the skills at least one of them has. A manager of no group has an
 * empty team.
 *
 * @param managerId the manager's user id
 * @param groupIds the agent groups the manager manages
 * @param agents the members of those groups, without the manager
 * @param skillIds the union of the members' skills
 */
public record Team(String managerId, Set<String> groupIds, List<Agent> agents, Set<String> skillIds) {

  /**
   * @param memberOf user id to the id of the agent group the user belongs to
   */
  public static Team of(String managerId, Collection<String> managedGroups, Map<String, String> memberOf,
      List<Agent> everyone) {
    Set<String> groups = Set.copyOf(managedGroups);
    List<Agent> members = new ArrayList<>();
    Set<String> skills = new LinkedHashSet<>();
    for (Agent a : everyone) {
      if (!a.userId().equals(managerId) && groups.contains(memberOf.get(a.userId()))) {
        members.add(a);
        skills.addAll(a.skillIds());
      }
    }
    return new Team(managerId, groups, List.copyOf(members), Set.copyOf(skills));
  }

  /** The member by login name, user id or legacy id ({@code account.userId}), case-insensitive; null if none. */
  public Agent member(String who) {
    String w = who.strip().toLowerCase(Locale.ROOT);
    String bare = w.substring(w.lastIndexOf('.') + 1);
    for (Agent a : agents) {
      if (a.userId().equals(bare) || (a.loginName() != null && a.loginName().toLowerCase(Locale.ROOT).equals(w))) {
        return a;
      }
    }
    return null;
  }

  public Set<String> memberIds() {
    Set<String> ids = new LinkedHashSet<>();
    agents.forEach(a -> ids.add(a.userId()));
    return ids;
  }
}
