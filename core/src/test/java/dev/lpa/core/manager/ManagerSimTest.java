package dev.lpa.core.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpa.core.LpaException;
import dev.lpa.core.SimFixture;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Skill;
import dev.lpa.core.workspace.DefaultWorkspace;
import dev.lpa.core.workspace.WorkspaceState;
import dev.lpa.sim.DemoAccount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager's team, its filter and its 14 days of closed conversations against the simulator.
 * manager1 manages Team Atlas (agent1..agent3: General, Sales, Billing, Tech); agent4 is in Team
 * Borealis, and only Borealis has VIP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagerSimTest {
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

  static <T> T get(CompletableFuture<T> fut) throws Exception {
    return fut.get(20, TimeUnit.SECONDS);
  }

  String acceptedAndClosed(DefaultWorkspace w, long skill, String consumer) throws Exception {
    String conv = f.admin().createConversation(skill, consumer, List.of("hello"));
    WorkspaceState s = SimFixture.await(w, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
    get(w.acceptRing(s.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow().ringId()));
    f.admin().consumerCloses(conv);
    return conv;
  }

  @Test
  void teamIsTheManagedGroupsAndTheirSkills() throws Exception {
    try (DefaultWorkspace m = f.open("manager1")) {
      Team t = get(m.team());
      assertThat(t.agents()).extracting(Agent::loginName).containsExactlyInAnyOrder("agent1", "agent2", "agent3");
      assertThat(t.skillIds()).contains(String.valueOf(DemoAccount.SKILL_GENERAL), String.valueOf(DemoAccount.SKILL_TECH))
          .doesNotContain(String.valueOf(DemoAccount.SKILL_VIP));
      List<Skill> skills = get(m.skills());

      TeamFilter ok = TeamFilter.resolve(t, skills, "unassigned", List.of("agent2", "1003"), List.of("sales", "1004"));
      assertThat(ok.status()).isEqualTo(TeamFilter.Status.UNASSIGNED);
      assertThat(ok.agentIds()).containsExactlyInAnyOrder("1002", "1003");
      assertThat(ok.skillIds()).containsExactlyInAnyOrder("1002", "1004");

      assertThatThrownBy(() -> TeamFilter.resolve(t, skills, null, List.of("agent4"), List.of()))
          .isInstanceOf(LpaException.class).hasMessage("'agent4' is not an agent of your groups");
      assertThatThrownBy(() -> TeamFilter.resolve(t, skills, null, List.of(), List.of("VIP")))
          .isInstanceOf(LpaException.class).hasMessage("no agent of your groups has the skill 'VIP'");
      assertThatThrownBy(() -> TeamFilter.resolve(t, skills, "pending", List.of(), List.of()))
          .isInstanceOf(LpaException.class).hasMessageContaining("unknown status 'pending'");
    }
  }

  @Test
  void filtersAloneAndCombinedOnTheAllList() throws Exception {
    try (DefaultWorkspace a1 = f.open("agent1"); DefaultWorkspace a2 = f.open("agent2")) {
      get(a1.setAgentState(AgentState.ONLINE));
      String general = f.admin().createConversation(DemoAccount.SKILL_GENERAL, "Fatima Zahra", List.of("one"));
      WorkspaceState s = SimFixture.await(a1, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(general)));
      get(a1.acceptRing(s.rings().stream().filter(r -> r.conversationId().equals(general)).findFirst().orElseThrow().ringId()));
      get(a1.setAgentState(AgentState.AWAY));
      get(a2.setAgentState(AgentState.ONLINE));
      String sales = f.admin().createConversation(DemoAccount.SKILL_SALES, "Lucas Moreau", List.of("two"));
      s = SimFixture.await(a2, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(sales)));
      get(a2.acceptRing(s.rings().stream().filter(r -> r.conversationId().equals(sales)).findFirst().orElseThrow().ringId()));
      get(a2.setAgentState(AgentState.AWAY));
      String queued = f.admin().createConversation(DemoAccount.SKILL_TECH, "Sofia Rossi", List.of("three"));
      // VIP is no skill of Team Atlas: the manager never sees it
      String vip = f.admin().createConversation(DemoAccount.SKILL_VIP, "Noah Thompson", List.of("four"));

      try (DefaultWorkspace m = f.open("manager1")) {
        WorkspaceState ms = SimFixture.await(m, st -> st.conversations().keySet().containsAll(Set.of(general, sales, queued)));
        assertThat(ms.conversations()).doesNotContainKey(vip);
        Team t = get(m.team());
        List<Skill> skills = get(m.skills());
        List<Conversation> all = List.of(ms.conversations().get(general), ms.conversations().get(sales), ms.conversations().get(queued));

        assertThat(ids(all, TeamFilter.none())).containsExactlyInAnyOrder(general, sales, queued);
        assertThat(ids(all, TeamFilter.resolve(t, skills, "open", List.of(), List.of()))).containsExactlyInAnyOrder(general, sales, queued);
        assertThat(ids(all, TeamFilter.resolve(t, skills, "unassigned", List.of(), List.of()))).containsExactly(queued);
        assertThat(ids(all, TeamFilter.resolve(t, skills, "closed", List.of(), List.of()))).isEmpty();
        assertThat(ids(all, TeamFilter.resolve(t, skills, null, List.of("agent1"), List.of()))).containsExactly(general);
        assertThat(ids(all, TeamFilter.resolve(t, skills, null, List.of("agent1", "agent2"), List.of()))).containsExactlyInAnyOrder(general, sales);
        assertThat(ids(all, TeamFilter.resolve(t, skills, null, List.of(), List.of("Tech Support")))).containsExactly(queued);
        assertThat(ids(all, TeamFilter.resolve(t, skills, null, List.of("agent1", "agent2"), List.of("Sales")))).containsExactly(sales);
        assertThat(ids(all, TeamFilter.resolve(t, skills, "unassigned", List.of(), List.of("Sales")))).isEmpty();
      }
      for (String id : List.of(general, sales, queued, vip)) {
        f.admin().consumerCloses(id);
      }
    }
  }

  static List<String> ids(List<Conversation> all, TeamFilter filter) {
    return all.stream().filter(filter::test).map(Conversation::id).toList();
  }

  @Test
  void closedOfTheLastFourteenDaysByStartMostRecentlyClosedFirst() throws Exception {
    String old;
    String recent;
    String later;
    String otherTeam;
    // a login does not outlive days of simulated time: each phase logs in anew
    try (DefaultWorkspace a1 = f.open("agent1")) {
      get(a1.setAgentState(AgentState.ONLINE));
      old = acceptedAndClosed(a1, DemoAccount.SKILL_GENERAL, "Fatima Zahra");
      get(a1.setAgentState(AgentState.AWAY));
    }
    f.admin().advanceClock(Duration.ofDays(2));
    try (DefaultWorkspace a1 = f.open("agent1"); DefaultWorkspace a4 = f.open("agent4")) {
      get(a1.setAgentState(AgentState.ONLINE));
      recent = acceptedAndClosed(a1, DemoAccount.SKILL_SALES, "Lucas Moreau");
      get(a4.setAgentState(AgentState.ONLINE));
      otherTeam = acceptedAndClosed(a4, DemoAccount.SKILL_BILLING, "Sofia Rossi");
      f.admin().advanceClock(Duration.ofMinutes(30));
      later = acceptedAndClosed(a1, DemoAccount.SKILL_GENERAL, "Noah Thompson");
      get(a1.setAgentState(AgentState.AWAY));
      get(a4.setAgentState(AgentState.AWAY));
    }
    // now "old" started 15 days ago, "recent" 13 days ago
    f.admin().advanceClock(Duration.ofDays(13).minusHours(1));
    try (DefaultWorkspace m = f.open("manager1")) {
      List<String> closed = get(m.teamClosed()).stream().map(Conversation::id).toList();
      assertThat(closed).containsExactly(later, recent).doesNotContain(old, otherTeam);
      // the manager's state holds them too (the console's All tab and its Closed filter), and
      // keeps them past the agents' one day
      dev.lpa.core.workspace.WorkspaceState s = SimFixture.await(m,
          st -> st.conversations().containsKey(later) && st.conversations().containsKey(recent));
      assertThat(s.conversations()).doesNotContainKeys(old, otherTeam);
      assertThat(s.conversations().get(recent).open()).isFalse();
    }
  }

  static LpaException failure(CompletableFuture<?> fut) {
    try {
      fut.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      return LpaException.from(e);
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void aManagerEndsOnlyWhatItJoinedAndReturnsToTheQueueWithoutJoining() throws Exception {
    try (DefaultWorkspace a1 = f.open("agent1")) {
      get(a1.setAgentState(AgentState.ONLINE));
      String conv = f.admin().createConversation(DemoAccount.SKILL_GENERAL, "Kenji Watanabe", List.of("hi"));
      WorkspaceState s = SimFixture.await(a1, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
      get(a1.acceptRing(s.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow().ringId()));
      get(a1.setAgentState(AgentState.AWAY));
      String other = f.admin().createConversation(DemoAccount.SKILL_SALES, "Lucas Moreau", List.of("hey"));
      get(a1.setAgentState(AgentState.ONLINE));
      s = SimFixture.await(a1, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(other)));
      get(a1.acceptRing(s.rings().stream().filter(r -> r.conversationId().equals(other)).findFirst().orElseThrow().ringId()));
      get(a1.setAgentState(AgentState.AWAY));

      try (DefaultWorkspace m = f.open("manager1")) {
        SimFixture.await(m, st -> st.conversations().containsKey(conv) && st.conversations().containsKey(other));
        LpaException refused = failure(m.close(conv));
        assertThat(refused.kind()).isEqualTo(LpaException.Kind.FORBIDDEN);
        assertThat(refused.getMessage()).startsWith("a manager ends only conversations assigned to it or that it joined")
            .doesNotContain("\n");
        assertThat(f.admin().openConversations()).contains(conv);

        get(m.returnToQueue(other));
        WorkspaceState back = SimFixture.await(m, st -> st.conversations().containsKey(other)
            && st.conversations().get(other).assignedAgent() == null && st.conversations().get(other).myRole() == null);
        assertThat(back.conversations().get(other).open()).isTrue();

        get(m.join(conv, false));
        SimFixture.await(m, st -> st.conversations().get(conv).myRole() != null);
        get(m.close(conv));
        assertThat(f.admin().openConversations()).doesNotContain(conv);
      }
      f.admin().consumerCloses(other);
    }
  }
}
