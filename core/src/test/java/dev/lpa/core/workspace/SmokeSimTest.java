package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.SimFixture;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.sim.DemoAccount;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeSimTest {
  @TempDir Path dir;

  @Test
  void ringAcceptAndChat() throws Exception {
    try (SimFixture f = new SimFixture(dir)) {
      DefaultWorkspace w = f.open(DemoAccount.AGENT1);
      w.setAgentState(AgentState.ONLINE).get(5, TimeUnit.SECONDS);
      String conv = f.admin().createConversation(DemoAccount.SKILL_GENERAL, "Olivia Martin", List.of("hello there"));
      WorkspaceState s = SimFixture.await(w, st -> !st.rings().isEmpty());
      Conversation c = w.acceptRing(s.rings().get(0).ringId()).get(5, TimeUnit.SECONDS);
      assertThat(c.id()).isEqualTo(conv);
      SimFixture.await(w, st -> st.messagesOf(conv).stream().anyMatch(m -> m.content() instanceof Message.Text t
          && t.text().equals("hello there")));
      Message sent = w.sendText(conv, "hi, how can I help?").get(5, TimeUnit.SECONDS);
      assertThat(sent.sequence()).isGreaterThanOrEqualTo(0);
      System.out.println(w.state().messagesOf(conv));
    }
  }
}
