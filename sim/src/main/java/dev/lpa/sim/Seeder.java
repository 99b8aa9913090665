package dev.lpa.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The scale load profile: thousands of open conversations, each with one consumer message, put
 * straight on agents (no ring, no accept), in one call. Each agent's capacity grows by what it
 * was given, so routing still sees its usual free slots. For the contact-center benchmarks
 * (bench/scale): a manager's team view over N conversations, one agent holding 1,000 for a bulk
 * return.
 */
final class Seeder {
  /** The agents of manager1's team (Team Atlas): where a team seed goes when no agent is named. */
  static final List<String> TEAM_ATLAS = List.of("agent1", "agent2", "agent3");

  private Seeder() {}

  /** Call with the engine's lock held (Admin.run). Returns the new conversation ids. */
  static List<String> seed(Engine e, Admin admin, int count, List<DemoAccount.User> agents) {
    if (count < 0 || count > 100_000) {
      throw new Engine.Fail(400, "count must be within 0..100000");
    }
    if (agents.isEmpty()) {
      throw new Engine.Fail(400, "no agent to seed");
    }
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(assign(e, admin, agents.get(i % agents.size()), DemoAccount.SKILL_GENERAL, "Seed Consumer" + (i + 1),
          "seeded question " + (i + 1)));
    }
    return ids;
  }

  /** One open conversation on the skill, straight on the agent, with one consumer message; its id. */
  static String assign(Engine e, Admin admin, DemoAccount.User u, long skillId, String consumerName, String message) {
    if (DemoAccount.skill(skillId).isEmpty()) {
      throw new Engine.Fail(404, "skill " + skillId + " not found");
    }
    Engine.ConsumerInfo ci = admin.newConsumer(consumerName, "APP");
    ObjectNode ctx = Json.obj().put("type", "SharkContext").put("lang", "en-US");
    Conv c = e.newConv(ci.id, skillId, "NORMAL", ctx, "APP");
    long now = e.now();
    c.parts.add(new Conv.Part("ASSIGNED_AGENT", u.legacyId(), u.pid(), "ACTIVE", now));
    c.queuedSince = -1;
    c.lastActivity = now;
    e.extraSlots.merge(u.legacyId(), 1, Integer::sum);
    admin.say(c, message);
    e.touch(c);
    return c.id;
  }

  static List<DemoAccount.User> agents(String login) {
    List<String> logins = login == null || login.isBlank() ? TEAM_ATLAS : List.of(login);
    List<DemoAccount.User> out = new ArrayList<>();
    for (String l : logins) {
      DemoAccount.User u = DemoAccount.user(l).orElseThrow(() -> new Engine.Fail(404, "no user " + l));
      if (u.role() != DemoAccount.Role.AGENT) {
        throw new Engine.Fail(400, l + " is not an agent");
      }
      out.add(u);
    }
    return out;
  }
}
