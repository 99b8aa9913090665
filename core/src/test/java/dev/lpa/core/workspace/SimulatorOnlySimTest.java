package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.LpaException;
import dev.lpa.core.SimFixture;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Message;
import dev.lpa.sim.DemoAccount;
import dev.lpa.sim.SimConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against an account whose CSDS does not announce the simulator's extras (as LivePerson's does
 * not), reading a secure form and inviting to a call say so in one line and send nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatorOnlySimTest {
  @TempDir static Path dir;
  SimFixture f;

  @BeforeAll
  void start() throws Exception {
    f = new SimFixture(dir, SimConfig.builder().simulatorExtras(false));
  }

  @AfterAll
  void stop() throws Exception {
    f.close();
  }

  static <T> T get(CompletableFuture<T> fut) throws Exception {
    return fut.get(10, TimeUnit.SECONDS);
  }

  static LpaException failure(CompletableFuture<?> fut) {
    try {
      fut.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return LpaException.from(e);
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void secureFormValuesAndCallsAreSimulatorOnly() throws Exception {
    DefaultWorkspace w = f.open("agent1");
    get(w.setAgentState(AgentState.ONLINE));
    String conv = f.admin().createConversation(DemoAccount.SKILL_BILLING, "Fatima Zahra", List.of("my card?"));
    WorkspaceState rung = SimFixture.await(w, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
    get(w.acceptRing(rung.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow().ringId()));

    // the invitation is a documented content type: it still goes out
    Message inv = get(w.inviteSecureForm(conv, "813633132", "Credit card"));
    String invitationId = ((Message.FormInvitation) inv.content()).invitationId();
    String submission = f.admin().consumerSubmitsForm(conv, invitationId, Map.of("card", "4111 1111 1111 1111"));
    SimFixture.await(w, st -> st.messagesOf(conv).stream().anyMatch(m -> m.content() instanceof Message.FormSubmission));
    int sentBefore = f.frames.size();

    LpaException read = failure(w.readSecureForm(conv, submission));
    assertThat(read.kind()).isEqualTo(LpaException.Kind.ERROR);
    assertThat(read.getMessage()).contains("simulator only").doesNotContain("\n");
    LpaException call = failure(w.inviteCall(conv, "VIDEO_CALL"));
    assertThat(call.getMessage()).startsWith("a call invitation works on the simulator only");
    assertThat(List.copyOf(f.frames).subList(sentBefore, f.frames.size()))
        .as("no request for either").noneMatch(fr -> fr.contains("GenerateDownloadToken") || fr.contains("DialogChange"));
  }
}
