package dev.lpa.cli.fake;

import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.CannedResponse;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.QueueHealth;
import dev.lpa.core.model.Session;
import dev.lpa.core.testkit.Await;
import dev.lpa.core.testkit.ScriptedWorkspace;
import dev.lpa.core.testkit.TestData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The command tests' account on core's scripted workspace: user "agentN" is N on the demo account,
 * skills General (1001) and Billing (1003), three agents, two canned answers, a queue status.
 */
public final class Desk {
  public static final String ACCOUNT = TestData.ACCOUNT;

  private Desk() {}

  /** The workspace of {@code login} on {@code profile}, AWAY, on an empty desk. */
  public static ScriptedWorkspace of(Clock clock, String profile, String login) {
    String n = login.replaceAll("\\D", "");
    Session me = new Session(profile, ACCOUNT, login, ACCOUNT + "." + n, "pid-" + login, "Agent " + n,
        login.startsWith("manager"), clock.instant().plus(Duration.ofHours(8)));
    ScriptedWorkspace w = new ScriptedWorkspace(me, clock, AgentState.AWAY)
        .withSkills(TestData.skill("1001", "General", 2), TestData.skill("1003", "Billing", 1));
    for (int i = 1; i <= 3; i++) {
      w.agents.add(TestData.agent(Integer.toString(i), "Agent " + i, "A" + i, i == 1 ? AgentState.ONLINE : AgentState.AWAY,
          0, "1001"));
    }
    w.canned.addAll(List.of(
        new CannedResponse("501", "Greeting", "Hello {consumer.name}, how can I help?", "General", "greet", List.of()),
        new CannedResponse("502", "Refund", "Your refund is on its way.", "Billing", "refund", List.of("1003"))));
    w.queueHealth.addAll(List.of(
        new QueueHealth("1001", "General", 3, 1, 2, Duration.ofMinutes(12), 2),
        new QueueHealth("1003", "Billing", 0, 0, 0, Duration.ZERO, 1)));
    return w;
  }

  /**
   * An open conversation assigned to {@code agentLogin} (null: in the queue), due at {@code due}
   * (null: no due time), whose consumer wrote {@code lastText} at {@code lastMessageAt}.
   */
  public static Conversation add(ScriptedWorkspace w, String id, String consumerName, String skillId, String agentLogin,
      Instant due, Instant lastMessageAt, String lastText) {
    Instant now = w.clock().instant();
    TestData.Conv c = conv(id, consumerName, skillId, agentLogin)
        .started(lastMessageAt == null ? now : lastMessageAt.minusSeconds(60)).due(due);
    w.conversation(c);
    if (lastText != null) {
      w.consumerSays(id, lastText, lastMessageAt);
    }
    return w.state().conversations().get(id);
  }

  public static TestData.Conv conv(String id, String consumerName, String skillId, String agentLogin) {
    TestData.Conv c = TestData.conversation(id).consumer(consumerName, null).skill(skillId);
    if (agentLogin != null) {
      c.assignedTo(ACCOUNT + "." + agentLogin.replaceAll("\\D", ""), "pid-" + agentLogin);
    }
    return c;
  }

  /** A closed conversation in history with {@code agentLogin} as its agent and one consumer message. */
  public static void closedInHistory(ScriptedWorkspace w, String id, String consumerName, String consumerId,
      String agentLogin, Instant started, String text) {
    TestData.Conv c = conv(id, consumerName, "1001", agentLogin)
        .consumer(TestData.consumer(consumerId, consumerName, null)).started(started)
        .closed(started.plusSeconds(600), "AGENT");
    w.inHistory(c, started, text);
  }

  /** Until a command subscribed to states, so a change made next cannot be missed. */
  public static void awaitStateListener(ScriptedWorkspace w) {
    awaitSubscribed(w::stateListeners);
  }

  public static void awaitEventListener(ScriptedWorkspace w) {
    awaitSubscribed(w::eventListeners);
  }

  private static void awaitSubscribed(IntSupplier count) {
    Await.until(() -> count.getAsInt() > 0, Duration.ofSeconds(20), () -> { }, () -> "the command never subscribed");
  }
}
