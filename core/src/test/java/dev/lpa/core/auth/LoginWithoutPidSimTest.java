package dev.lpa.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.LpaClient;
import dev.lpa.core.SimFixture;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Session;
import dev.lpa.core.workspace.DefaultWorkspace;
import dev.lpa.core.workspace.WorkspaceState;
import dev.lpa.sim.DemoAccount;
import dev.lpa.sim.SimConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A login answer without {@code config.userPid}, as in LivePerson's documented example. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginWithoutPidSimTest {
  @TempDir static Path dir;
  SimFixture f;

  @BeforeAll
  void start() throws Exception {
    f = new SimFixture(dir, SimConfig.builder().loginUserPid(false));
  }

  @AfterAll
  void stop() throws Exception {
    f.close();
  }

  @Test
  void thePidComesFromTheUserRecord() throws Exception {
    LpaClient c = f.client("from-record");
    Session s = f.login(c, "agent1");
    assertThat(s.userPid()).isEqualTo(DemoAccount.user("agent1").orElseThrow().pid());
  }

  @Test
  void anUnreadableUserRecordStillLogsInAndOwnMessagesAreKnownByTheLegacyId() throws Exception {
    LpaClient c = f.client("no-record");
    f.admin().refusePath("/le-users/users/", 403);
    Session s;
    try {
      s = f.login(c, "agent2");
    } finally {
      f.admin().refusePath("/le-users/users/", 0);
    }
    DemoAccount.User u = DemoAccount.user("agent2").orElseThrow();
    assertThat(s.userPid()).isNull();
    assertThat(s.userId()).isEqualTo(DemoAccount.ACCOUNT_ID + "." + u.userId());

    DefaultWorkspace w = f.open(c);
    w.setAgentState(dev.lpa.core.model.AgentState.ONLINE).get(10, TimeUnit.SECONDS);
    String conv = f.admin().createConversation(DemoAccount.SKILL_SALES, "Pat Pidless", List.of("hello?"));
    WorkspaceState rung = SimFixture.await(w, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
    String ring = rung.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow().ringId();
    w.acceptRing(ring).get(10, TimeUnit.SECONDS);
    w.sendText(conv, "hi there").get(10, TimeUnit.SECONDS);
    // the server's echo carries the legacy id: it is recognised as this agent's own message
    WorkspaceState echoed = SimFixture.await(w, st -> st.messages().getOrDefault(conv, List.of()).stream()
        .anyMatch(m -> m.sequence() >= 0 && m.content().toString().contains("hi there")));
    assertThat(echoed.messages().get(conv)).filteredOn(m -> m.content().toString().contains("hi there"))
        .singleElement().satisfies(m -> assertThat(m.sender()).isEqualTo(Message.Sender.AGENT));
  }
}
