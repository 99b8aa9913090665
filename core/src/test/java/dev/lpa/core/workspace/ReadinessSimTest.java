package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.LpaClient;
import dev.lpa.core.SimFixture;
import dev.lpa.core.model.AgentState;
import dev.lpa.sim.DemoAccount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ready follows from the subscriptions' responses, with or without an (empty) first notification
 * for a conversation subscription that has nothing to return: the simulator runs in both modes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadinessSimTest {
  @TempDir static Path dir;
  SimFixture f;

  @BeforeAll
  void start() throws Exception {
    f = new SimFixture(dir);
  }

  @AfterAll
  void stop() throws Exception {
    f.close();
  }

  @ParameterizedTest(name = "empty first notification: {0}")
  @ValueSource(booleans = {true, false})
  void readyWithNothingOpenThenConversationsStillArrive(boolean emptyFirst) throws Exception {
    f.admin().emptyFirstNotification(emptyFirst);
    try {
      for (String login : List.of(emptyFirst ? "agent3" : "agent4", emptyFirst ? "manager1" : "manager2")) {
        LpaClient c = f.client(login + "-" + emptyFirst);
        f.login(c, login);
        Workspace w = c.open("default").get(10, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        WorkspaceState ready = w.ready().get(SubscriptionRound.FIRST_NOTIFICATION_WAIT.toSeconds() + 8, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(ready.conversations()).as(login).isEmpty();
        if (emptyFirst) {
          assertThat(took).as("no need to wait when the server says 'nothing'")
              .isLessThan(SubscriptionRound.FIRST_NOTIFICATION_WAIT);
        }
        if (login.startsWith("agent")) {
          w.setAgentState(AgentState.ONLINE).get(10, TimeUnit.SECONDS);
          long skill = login.equals("agent3") ? DemoAccount.SKILL_TECH : DemoAccount.SKILL_BILLING;
          String conv = f.admin().createConversation(skill, "Rita Ready", List.of("hello"));
          WorkspaceState rung = SimFixture.await(w, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
          String ring = rung.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow().ringId();
          w.acceptRing(ring).get(10, TimeUnit.SECONDS);
          SimFixture.await(w, st -> st.conversations().containsKey(conv));
          f.admin().consumerCloses(conv);
        }
        w.close();
      }
    } finally {
      f.admin().emptyFirstNotification(true);
    }
  }
}
