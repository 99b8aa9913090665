package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.LpaClient;
import dev.lpa.core.SimFixture;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Message;
import dev.lpa.core.store.LocalStore;
import dev.lpa.sim.DemoAccount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several lpa processes on one profile share its store and outbox: each opens its own workspace
 * and store connection on the same file, as separate {@code lpa send} processes do. Every
 * message is delivered exactly once, whoever flushes the outbox.
 */
class ConcurrentSendersSimTest {
  static final int SENDERS = 20;

  @TempDir Path dir;
  SimFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new SimFixture(dir);
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  @Test
  void twentySendersOnOneProfileDeliverEveryMessageExactlyOnce() throws Exception {
    LpaClient first = f.client("shared");
    f.login(first, "agent1");
    DefaultWorkspace w = f.open(first);
    w.setAgentState(AgentState.ONLINE).get(10, TimeUnit.SECONDS);
    String conv = f.admin().createConversation(DemoAccount.SKILL_GENERAL, "Ines Duarte", List.of("hello?"));
    WorkspaceState s0 = SimFixture.await(w, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
    w.acceptRing(s0.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow().ringId())
        .get(10, TimeUnit.SECONDS);

    // each "process": its own client on the same profile folder, its own workspace and store
    // connection, started together, sending one message and closing, like `lpa send`
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Long>> results = new ArrayList<>();
    for (int i = 0; i < SENDERS; i++) {
      String text = "message " + i;
      LpaClient c = f.client("shared");
      results.add(pool.submit(() -> {
        go.await();
        Workspace ws = c.open("default").get(20, TimeUnit.SECONDS);
        try {
          ws.ready().get(20, TimeUnit.SECONDS);
          CompletableFuture<Message> sent = ws.sendText(conv, text);
          return sent.get(20, TimeUnit.SECONDS).sequence();
        } finally {
          ws.close();
        }
      }));
    }
    go.countDown();
    for (Future<Long> r : results) {
      assertThat(r.get(60, TimeUnit.SECONDS)).isPositive();
    }
    pool.shutdown();

    List<Message> server = w.loadMessages(conv).get(10, TimeUnit.SECONDS);
    for (int i = 0; i < SENDERS; i++) {
      String text = "message " + i;
      assertThat(server.stream().filter(m -> m.content() instanceof Message.Text t && t.text().equals(text)))
          .as("copies of %s on the server", text).hasSize(1);
    }
    try (LocalStore store = LocalStore.open(f.config("shared", Map.of()).dataDir().resolve("default.db"), f.clock)) {
      assertThat(store.pendingOutbox()).isEmpty();
    }
  }
}
