package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.LpaClient;
import dev.lpa.core.SimFixture;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Ring;
import dev.lpa.sim.DemoAccount;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Look-ups remembered across runs, and a ring set that follows the server after a reconnect. */
class ScaleSimTest {
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

  static <T> T get(CompletableFuture<T> fut) throws Exception {
    return fut.get(10, TimeUnit.SECONDS);
  }

  private long profileRequests() {
    return f.frames.stream().filter(x -> x.contains("\"type\":\".ams.userprofile.GetUserProfile\"")).count();
  }

  private String accepted(Workspace w, String consumer) throws Exception {
    get(w.setAgentState(AgentState.ONLINE));
    String conv = f.admin().createConversation(DemoAccount.SKILL_GENERAL, consumer, List.of("hello"));
    WorkspaceState s = SimFixture.await(w, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
    get(w.acceptRing(s.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow().ringId()));
    return conv;
  }

  @Test
  void aSecondRunDoesNotAskAgainForTheProfilesItHas() throws Exception {
    LpaClient c = f.client("names");
    f.login(c, "agent1");
    DefaultWorkspace first = f.open(c);
    String conv = accepted(first, "Olivia Martin");
    SimFixture.await(first, st -> st.conversations().containsKey(conv)
        && "Olivia".equals(st.conversations().get(conv).consumer().firstName()));
    first.close();
    long asked = profileRequests();
    assertThat(asked).isPositive();

    // ready() follows the first snapshot, whose look-ups are sent before it completes
    DefaultWorkspace second = f.open(c);
    WorkspaceState s = SimFixture.await(second, st -> st.conversations().containsKey(conv));
    assertThat(s.conversations().get(conv).consumer().firstName()).isEqualTo("Olivia");
    assertThat(s.directory().consumer(s.conversations().get(conv).consumer().id())).isNotNull();
    assertThat(profileRequests()).isEqualTo(asked);
  }

  @Test
  void aRingTheServerDroppedWhileTheSocketWasDownIsGoneAfterTheResubscribe() throws Exception {
    DefaultWorkspace w = f.open("agent1");
    get(w.setAgentState(AgentState.ONLINE));
    String conv = f.admin().createConversation(DemoAccount.SKILL_GENERAL, "Gus Tran", List.of("anyone?"));
    WorkspaceState s = SimFixture.await(w, st -> st.rings().stream()
        .anyMatch(r -> r.waiting() && r.conversationId().equals(conv)));
    String ringId = s.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow().ringId();

    assertThat(f.admin().dropSockets()).isEqualTo(1);
    // while the socket is down the consumer gives up: the ring's end reaches nobody
    f.admin().consumerCloses(conv);

    s = SimFixture.await(w, st -> st.connection() == ConnectionState.CONNECTED
        && st.rings().stream().noneMatch(r -> r.conversationId().equals(conv)));
    // what the header counts and what accept can take agree: nothing
    assertThat(s.rings().stream().filter(Ring::waiting)).isEmpty();
    CompletableFuture<?> accept = w.acceptRing(ringId);
    assertThat(accept).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class);
  }
}
