package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lpa.core.SimFixture;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Message;
import dev.lpa.sim.DemoAccount;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** An operation returns its future at once: file reads run on the workspace's own threads. */
class NonBlockingSimTest {
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
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void sendingAFileThatIsSlowToReadDoesNotHoldTheCaller() throws Exception {
    DefaultWorkspace w = f.open("agent1");
    w.setAgentState(AgentState.ONLINE).get(10, TimeUnit.SECONDS);
    String conv = f.admin().createConversation(DemoAccount.SKILL_GENERAL, "Pat Slow", List.of("hi"));
    WorkspaceState s = SimFixture.await(w, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
    w.acceptRing(s.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow().ringId())
        .get(10, TimeUnit.SECONDS);
    // a named pipe: reading it waits until someone writes (a slow disk, a network mount)
    Path pipe = dir.resolve("slow.png");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();

    CompletableFuture<Message> sent = assertTimeoutPreemptively(Duration.ofSeconds(2),
        () -> w.sendFile(conv, pipe, "slow"));
    assertThat(sent).isNotDone();

    // the writer comes: an empty file, which the read then refuses
    try (OutputStream out = Files.newOutputStream(pipe)) {
      out.flush();
    }
    assertThat(sent).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withMessageContaining("1 byte to 5 MB");
  }
}
