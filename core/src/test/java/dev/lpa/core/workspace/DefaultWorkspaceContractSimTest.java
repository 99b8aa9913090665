package dev.lpa.core.workspace;

import dev.lpa.core.SimFixture;
import dev.lpa.sim.DemoAccount;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the real workspace against the simulator: one simulator, a fresh login per test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefaultWorkspaceContractSimTest extends WorkspaceContract {
  @TempDir static Path dir;
  private SimFixture f;
  private DefaultWorkspace current;

  @BeforeAll
  void start() throws Exception {
    f = new SimFixture(dir);
  }

  @AfterAll
  void stop() throws Exception {
    f.close();
  }

  @AfterEach
  void cleanUp() {
    if (current != null) {
      current.close();
    }
    for (String id : f.admin().openConversations()) {
      try {
        f.admin().consumerCloses(id);
      } catch (IllegalArgumentException e) {
        // already closed
      }
    }
  }

  @Override
  protected Workspace agent() throws Exception {
    current = f.open("agent1");
    return current;
  }

  @Override
  protected String consumerStarts(String name, String text) {
    return f.admin().createConversation(DemoAccount.SKILL_GENERAL, name, List.of(text));
  }

  @Override
  protected void consumerWrites(String conversationId, String text) {
    f.admin().consumerSays(conversationId, text);
  }

  @Override
  protected String skill() {
    return Long.toString(DemoAccount.SKILL_GENERAL);
  }

  @Override
  protected String otherSkill() {
    return Long.toString(DemoAccount.SKILL_BILLING);
  }
}
