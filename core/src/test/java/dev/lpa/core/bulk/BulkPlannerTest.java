package dev.lpa.core.bulk;

import static dev.lpa.core.sla.TestConversations.AGENT;
import static dev.lpa.core.sla.TestConversations.MANAGER;
import static dev.lpa.core.sla.TestConversations.T0;
import static dev.lpa.core.sla.TestConversations.conv;
import static dev.lpa.core.sla.TestConversations.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Role;
import dev.lpa.core.workspace.WorkspaceState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkPlannerTest {
  final Conversation mineOld = conv("aaa111").consumer("Jane", "Doe").assignedTo(AGENT)
      .lastMessage("where is my parcel", T0.minus(Duration.ofMinutes(90))).due(T0.plusSeconds(60)).build();
  final Conversation mineNew = conv("aaa222").consumer("Bob", "Roe").assignedTo(AGENT)
      .lastMessage("thanks", T0.minus(Duration.ofMinutes(5))).build();
  final Conversation others = conv("bbb333").assignedTo("acct.8", "pid-8").skill("20", "Sales")
      .lastMessage("hello", T0.minus(Duration.ofHours(3))).build();
  final Conversation queued = conv("ccc444").lastMessage("anyone?", T0.minus(Duration.ofMinutes(30))).build();
  final Conversation pending = conv("ddd555").suggestedTo("acct.8").build();
  final Conversation closed = conv("eee666").assignedTo(AGENT).closed(T0.minusSeconds(600)).build();
  final Conversation unassigned = conv("fff777").skill("-1", "Unassigned").assignedTo(AGENT).build();

  WorkspaceState agentState() {
    return state(AGENT, mineOld, mineNew, others, queued, pending, closed, unassigned);
  }

  @Test
  void filterModeTargetsMyAssignedOpenOnesAndExplainsTheRest() {
    BulkPlan plan = BulkPlanner.returnToQueue(agentState(), ConversationFilter.none(), T0);
    assertThat(plan.action()).isEqualTo("return-to-queue");
    assertThat(plan.targets()).extracting(BulkPlan.Item::conversationId).containsExactly("aaa111", "aaa222");
    assertThat(plan.skipped()).extracting(BulkPlan.Item::conversationId, BulkPlan.Item::reason)
        .containsExactlyInAnyOrder(
            tuple("bbb333", "not assigned to you"),
            tuple("ccc444", "already in the queue"),
            tuple("ddd555", "a transfer to an agent is pending"));
    // closed and unassigned-skill ones are in no list, so a filter never picks them
    assertThat(plan.skipped()).extracting(BulkPlan.Item::conversationId).doesNotContain("eee666", "fff777");
  }

  @Test
  void aManagerMayReturnOtherAgentsConversations() {
    BulkPlan plan = BulkPlanner.returnToQueue(state(MANAGER, mineOld, others, queued), ConversationFilter.none(), T0);
    assertThat(plan.targets()).extracting(BulkPlan.Item::conversationId).containsExactlyInAnyOrder("aaa111", "bbb333");
    assertThat(plan.skipped()).extracting(BulkPlan.Item::reason).containsExactly("already in the queue");
  }

  @Test
  void explicitIdsAcceptUniquePrefixesAndAreDeduplicated() {
    BulkPlan plan = BulkPlanner.returnToQueue(agentState(), ConversationFilter.none(),
        List.of("aaa2", "aaa222", " aaa222 ", "aaa1", "aaa"), T0);
    assertThat(plan.targets()).extracting(BulkPlan.Item::conversationId).containsExactly("aaa222", "aaa111");
    assertThat(plan.skipped()).extracting(BulkPlan.Item::conversationId, BulkPlan.Item::reason)
        .containsExactly(tuple("aaa", "ambiguous: the prefix matches 2 conversations"));
  }

  @Test
  void explicitIdsThatResolveToNothingOrCannotBeActedOnAreSkippedWithAReason() {
    BulkPlan plan = BulkPlanner.returnToQueue(agentState(), ConversationFilter.none(),
        List.of("zzz", "eee666", "fff777", "ccc444"), T0);
    assertThat(plan.targets()).isEmpty();
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.skipped()).extracting(BulkPlan.Item::conversationId, BulkPlan.Item::reason).containsExactly(
        tuple("zzz", "no such conversation"),
        tuple("eee666", "closed"),
        tuple("fff777", "unassigned skill"),
        tuple("ccc444", "already in the queue"));
  }

  @Test
  void anExactIdWinsOverBeingAPrefixOfAnother() {
    Conversation a = conv("abc").assignedTo(AGENT).build();
    Conversation b = conv("abcd").assignedTo(AGENT).build();
    BulkPlan plan = BulkPlanner.returnToQueue(state(AGENT, a, b), ConversationFilter.none(), List.of("abc"), T0);
    assertThat(plan.targets()).extracting(BulkPlan.Item::conversationId).containsExactly("abc");
  }

  @Test
  void explicitIdsMustAlsoMatchAFilterWhenOneIsGiven() {
    ConversationFilter sales = new ConversationFilter("sales", null, null, null);
    BulkPlan plan = BulkPlanner.returnToQueue(state(MANAGER, mineOld, others), sales,
        List.of("aaa111", "bbb333"), T0);
    assertThat(plan.targets()).extracting(BulkPlan.Item::conversationId).containsExactly("bbb333");
    assertThat(plan.skipped()).extracting(BulkPlan.Item::reason).containsExactly("does not match the filter");
  }

  @Test
  void filterBySkillIdOrNameAgentIdleAndText() {
    WorkspaceState s = state(MANAGER, mineOld, mineNew, others, queued);
    assertThat(ids(BulkPlanner.returnToQueue(s, new ConversationFilter("20", null, null, null), T0)))
        .containsExactly("bbb333");
    assertThat(ids(BulkPlanner.returnToQueue(s, new ConversationFilter("BILLING", null, null, null), T0)))
        .containsExactlyInAnyOrder("aaa111", "aaa222");
    // agent by numeric user id, legacy id or PID
    assertThat(ids(BulkPlanner.returnToQueue(s, new ConversationFilter(null, "8", null, null), T0)))
        .containsExactly("bbb333");
    assertThat(ids(BulkPlanner.returnToQueue(s, new ConversationFilter(null, "acct.7", null, null), T0)))
        .containsExactlyInAnyOrder("aaa111", "aaa222");
    assertThat(ids(BulkPlanner.returnToQueue(s, new ConversationFilter(null, "pid-8", null, null), T0)))
        .containsExactly("bbb333");
    assertThat(ids(BulkPlanner.returnToQueue(s, new ConversationFilter(null, null, Duration.ofMinutes(60), null), T0)))
        .containsExactlyInAnyOrder("aaa111", "bbb333");
    assertThat(ids(BulkPlanner.returnToQueue(s, new ConversationFilter(null, null, null, "PARCEL"), T0)))
        .containsExactly("aaa111");
    assertThat(ids(BulkPlanner.returnToQueue(s, new ConversationFilter(null, null, null, "bob"), T0)))
        .containsExactly("aaa222");
  }

  @Test
  void idleBoundaryIsInclusive() {
    ConversationFilter f = new ConversationFilter(null, null, Duration.ofMinutes(5), null);
    assertThat(ids(BulkPlanner.returnToQueue(state(AGENT, mineNew), f, T0))).containsExactly("aaa222");
    assertThat(ids(BulkPlanner.returnToQueue(state(AGENT, mineNew), f, T0.minusSeconds(1)))).isEmpty();
  }

  @Test
  void closeSkipsClosedAndWhatTheUserMayNotClose() {
    Conversation joined = conv("ggg888").assignedTo("acct.8", "pid-8").myRole(Role.MANAGER).build();
    BulkPlan agentPlan = BulkPlanner.close(state(AGENT, mineOld, others, queued, closed), ConversationFilter.none(),
        List.of("aaa111", "bbb333", "ccc444", "eee666"), T0);
    assertThat(agentPlan.action()).isEqualTo("close");
    assertThat(agentPlan.targets()).extracting(BulkPlan.Item::conversationId).containsExactly("aaa111");
    assertThat(agentPlan.skipped()).extracting(BulkPlan.Item::conversationId, BulkPlan.Item::reason).containsExactly(
        tuple("bbb333", "not assigned to you"),
        tuple("ccc444", "not assigned to you"),
        tuple("eee666", "already closed"));

    BulkPlan managerPlan = BulkPlanner.close(state(MANAGER, others, joined), ConversationFilter.none(), T0);
    assertThat(managerPlan.targets()).extracting(BulkPlan.Item::conversationId).containsExactly("ggg888");
    assertThat(managerPlan.skipped()).extracting(BulkPlan.Item::reason).containsExactly("not joined (join it first)");
  }

  @Test
  void filterModeFollowsTheListOrder() {
    // mineOld is due (awaiting the agent) so it comes before mineNew, which is pending the consumer
    BulkPlan plan = BulkPlanner.close(state(AGENT, mineNew, mineOld), ConversationFilter.none(), T0);
    assertThat(plan.targets()).extracting(BulkPlan.Item::conversationId).containsExactly("aaa111", "aaa222");
  }

  @Test
  void descriptionsNameConsumerSkillAgentAndIdleTime() {
    assertThat(BulkPlanner.describe(mineOld, T0)).isEqualTo("Jane Doe (Billing, acct.7, idle 1h30m)");
    assertThat(BulkPlanner.describe(queued, T0)).isEqualTo("Consumer ccc444 (Billing, in queue, idle 30m)");
    assertThat(BulkPlanner.describe(pending, T0)).startsWith("Consumer ddd555 (Billing, transfer to acct.8, idle ");
    assertThat(BulkPlanner.describe(closed, T0)).isEqualTo("Consumer eee666 (Billing, acct.7, closed)");
  }

  @Test
  void descriptionsAreSafeForATerminal() {
    Conversation evil = conv("x1").consumer("Eve\u001b]0;owned\u0007", "\u202eoD").skill("10", "Bill\u001b[31ming")
        .assignedTo(AGENT).build();
    String d = BulkPlanner.describe(evil, T0);
    assertThat(d).isEqualTo("Eve oD (Billing, acct.7, idle 1h00m)");
  }

  @Test
  void planIsPureAndRepeatable() {
    WorkspaceState s = agentState();
    assertThat(BulkPlanner.returnToQueue(s, ConversationFilter.none(), T0))
        .isEqualTo(BulkPlanner.returnToQueue(s, ConversationFilter.none(), T0));
  }

  @Test
  void plansFeedTheExecutor() {
    BulkPlan plan = BulkPlanner.returnToQueue(agentState(), ConversationFilter.none(), List.of("aaa111", "zzz"), T0);
    BulkResult r = BulkExecutor.run(plan, id -> java.util.concurrent.CompletableFuture.completedFuture(null), 2, null)
        .join();
    assertThat(r.items()).extracting(BulkResult.ItemResult::conversationId, BulkResult.ItemResult::outcome)
        .containsExactly(tuple("aaa111", BulkResult.Outcome.DONE), tuple("zzz", BulkResult.Outcome.SKIPPED));
  }

  private static List<String> ids(BulkPlan p) {
    return p.targets().stream().map(BulkPlan.Item::conversationId).toList();
  }
}
