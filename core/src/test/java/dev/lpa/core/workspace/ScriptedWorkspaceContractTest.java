package dev.lpa.core.workspace;

import dev.lpa.core.model.AgentState;
import dev.lpa.core.testkit.ScriptedWorkspace;
import dev.lpa.core.testkit.TestData;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The contract on the scripted workspace: the tests of both faces rely on it behaving so. */
class ScriptedWorkspaceContractTest extends WorkspaceContract {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T09:00:00Z"), ZoneOffset.UTC);
  private ScriptedWorkspace ws;
  private int conversations;

  @Override
  protected Workspace agent() {
    ws = new ScriptedWorkspace(TestData.session("agent1", "Maya", false, clock.instant()), clock, AgentState.AWAY)
        .withSkills(TestData.skill("1001", "General", 2), TestData.skill("1003", "Billing", 1));
    return ws;
  }

  @Override
  protected String consumerStarts(String name, String text) {
    TestData.Conv c = TestData.conversation("conv-" + (++conversations) + "-" + Long.toHexString(name.hashCode()))
        .consumer(name, null).skill(skill()).started(clock.instant()).due(clock.instant().plusSeconds(3600));
    ws.ring(c, clock.instant().plusSeconds(60), text);
    return c.id();
  }

  @Override
  protected void consumerWrites(String conversationId, String text) {
    ws.consumerSays(conversationId, text, clock.instant());
  }

  @Override
  protected String skill() {
    return "1001";
  }

  @Override
  protected String otherSkill() {
    return "1003";
  }
}
