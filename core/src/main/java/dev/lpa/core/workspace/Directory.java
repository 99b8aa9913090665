package dev.lpa.core.workspace;

import dev.lpa.core.model.ConsumerProfile;
import java.util.Map;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * Who is who, as far as this run knows: agents' display names by legacy user id
 * ("account.number"), skill names by skill id, consumer profiles by consumer id. Part of the
 * snapshot so every face reads the same names; persistent, so a name arriving copies nothing.
 */
public record Directory(PMap<String, String> agents, PMap<String, String> skills,
    PMap<String, ConsumerProfile> consumers) {

  public static final Directory EMPTY = new Directory(HashTreePMap.empty(), HashTreePMap.empty(),
      HashTreePMap.empty());

  public String agentName(String userId) {
    return userId == null ? null : agents.get(userId);
  }

  public String skillName(String skillId) {
    return skillId == null ? null : skills.get(skillId);
  }

  public ConsumerProfile consumer(String consumerId) {
    return consumerId == null ? null : consumers.get(consumerId);
  }

  Directory withAgents(Map<String, String> names) {
    return names.isEmpty() ? this : new Directory(agents.plusAll(names), skills, consumers);
  }

  Directory withSkills(Map<String, String> names) {
    return names.isEmpty() ? this : new Directory(agents, skills.plusAll(names), consumers);
  }

  Directory withConsumer(ConsumerProfile p) {
    return p.equals(consumers.get(p.id())) ? this : new Directory(agents, skills, consumers.plus(p.id(), p));
  }
}
