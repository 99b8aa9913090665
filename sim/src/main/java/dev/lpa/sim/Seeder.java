package dev.lpa.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The scale load profile: thousands of open conversations, each with a given number of messages
 * (the consumer's question first, then the agent and the consumer in turn), put straight on agents
 * (no ring, no accept), in one call. Each agent's capacity grows by what it
 * was given, so routing still sees its usual free slots. For the contact-center benchmarks
 * (bench/scale): a manager's team view over N conversations, one agent holding 1,000 for a bulk
 * return.
 */
final class Seeder {
  /** The agents of manager1's team (Team Atlas): where a team seed goes when no agent is named. */
  static final List<String> TEAM_ATLAS = List.of("agent1", "agent2", "agent3");

  private Seeder() {}

  /** The most messages one seed may write: a million fits the simulator's heap with room to spare. */
  static final long MAX_MESSAGES = 1_000_000;

  /** Call with the engine's lock held (Admin.run). Returns the new conversation ids. */
  static List<String> seed(Engine e, Admin admin, int count, int messages, List<DemoAccount.User> agents) {
    if (count < 0 || count > 100_000) {
      throw new Engine.Fail(400, "count must be within 0..100000");
    }
    if (messages < 1 || (long) count * messages > MAX_MESSAGES) {
      throw new Engine.Fail(400, "messages must be at least 1 per conversation and at most "
          + MAX_MESSAGES + " in all");
    }
    if (agents.isEmpty()) {
      throw new Engine.Fail(400, "no agent to seed");
    }
    List<String> ids = new ArrayList<>(count);
    e.store.inOneTransaction(() -> {
      for (int i = 0; i < count; i++) {
        ids.add(assign(e, admin, agents.get(i % agents.size()), DemoAccount.SKILL_GENERAL, "Seed Consumer" + (i + 1),
            "seeded question " + (i + 1), messages));
      }
      e.flush(); // inside the transaction: the conversations are written here, not one commit each
    });
    return ids;
  }

  /** One open conversation on the skill, straight on the agent, with one consumer message; its id. */
  static String assign(Engine e, Admin admin, DemoAccount.User u, long skillId, String consumerName, String message) {
    return assign(e, admin, u, skillId, consumerName, message, 1);
  }

  /**
   * One open conversation on the skill, straight on the agent: the consumer's message first, then
   * the agent and the consumer in turn up to {@code messages} in all; its id.
   */
  static String assign(Engine e, Admin admin, DemoAccount.User u, long skillId, String consumerName, String message,
      int messages) {
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
    Engine.Originator agent = e.originatorFor(u, c);
    for (int m = 1; m < messages; m++) {
      if (m % 2 == 1) {
        e.publish(c, c.main(), agent, text("seeded answer " + m), null, null);
      } else {
        admin.say(c, "seeded follow-up " + m);
      }
    }
    e.touch(c);
    return c.id;
  }

  private static ObjectNode text(String message) {
    return Json.obj().put("type", "ContentEvent").put("contentType", "text/plain").put("message", message);
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
