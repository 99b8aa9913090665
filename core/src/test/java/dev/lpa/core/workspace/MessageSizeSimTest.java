package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.LpaException;
import dev.lpa.core.SimFixture;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Message;
import dev.lpa.sim.DemoAccount;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageSizeSimTest {
  @TempDir Path dir;

  @Test
  void textOverTheLimitIsRefusedBeforeItReachesTheOutboxAndTheLimitItselfIsSent() throws Exception {
    try (SimFixture f = new SimFixture(dir)) {
      DefaultWorkspace w = f.open("agent1");
      try {
        w.setAgentState(AgentState.ONLINE).get(10, TimeUnit.SECONDS);
        String conv = f.admin().createConversation(DemoAccount.SKILL_GENERAL, "Olivia Martin", List.of("hi"));
        WorkspaceState s = SimFixture.await(w, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
        String ring = s.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow().ringId();
        w.acceptRing(ring).get(10, TimeUnit.SECONDS);

        // a supplementary character is one character, two chars in Java
        String over = "😀".repeat(MessageLimits.MAX_TEXT_CHARACTERS + 1);
        LpaException e = null;
        try {
          w.sendText(conv, over).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException x) {
          e = LpaException.from(x);
        }
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(LpaException.Kind.INVALID);
        assertThat(e.getMessage()).contains("10001 characters").contains("limit is 10000");
        assertThat(w.state().messagesOf(conv)).noneMatch(m -> m.content() instanceof Message.Text t && t.text().length() > 100);

        String atLimit = "😀".repeat(MessageLimits.MAX_TEXT_CHARACTERS);
        Message sent = w.sendText(conv, atLimit).get(10, TimeUnit.SECONDS);
        assertThat(sent.sequence()).isPositive();
      } finally {
        w.close();
      }
    }
  }
}
