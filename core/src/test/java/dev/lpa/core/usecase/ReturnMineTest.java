package dev.lpa.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.LpaException;
import dev.lpa.core.bulk.BulkPlan;
import dev.lpa.core.bulk.BulkResult;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.testkit.ScriptedWorkspace;
import dev.lpa.core.testkit.TestData;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReturnMineTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  private final ScriptedWorkspace ws = new ScriptedWorkspace(TestData.session("agent1", "Maya", false, T0), clock,
      AgentState.ONLINE);
  private final AtomicInteger logouts = new AtomicInteger();

  private CompletableFuture<?> logout() {
    logouts.incrementAndGet();
    return CompletableFuture.completedFuture(null);
  }

  private void desk() {
    ws.conversation(TestData.conversation("mine-1").consumer("Ann Lee", null).assignedTo(ws.me()).started(T0));
    ws.conversation(TestData.conversation("mine-2").consumer("Bo Kim", null).assignedTo(ws.me()).started(T0));
    ws.conversation(TestData.conversation("closed").consumer("Cy Day", null).assignedTo(ws.me()).started(T0)
        .closed(T0, "AGENT"));
    ws.conversation(TestData.conversation("other").consumer("Di Eng", null).assignedTo("90233546.2", "pid-agent2"));
  }

  @Test
  void plansOnlyMyOpenConversations() {
    desk();
    BulkPlan plan = ReturnMine.plan(ws.state(), T0);
    assertThat(plan.targets()).extracting(BulkPlan.Item::conversationId).containsExactlyInAnyOrder("mine-1", "mine-2");
    assertThat(plan.skipped()).isEmpty();
  }

  @Test
  void returnsAllThenLogsOutOnce() throws Exception {
    desk();
    ReturnMine.Outcome o = ReturnMine.thenLogOut(ws, ReturnMine.plan(ws.state(), T0), this::logout)
        .get(5, TimeUnit.SECONDS);
    assertThat(o.followedUp()).isTrue();
    assertThat(o.returned().count(BulkResult.Outcome.DONE)).isEqualTo(2);
    assertThat(logouts).hasValue(1);
    assertThat(MyConversations.open(ws.state())).isEmpty();
    assertThat(ws.calls).contains("returnToQueue mine-1", "returnToQueue mine-2");
  }

  @Test
  void oneThatCannotGoBackKeepsMeLoggedInAndTheRestAreStillReturned() throws Exception {
    desk();
    ws.failing("returnToQueue", "mine-2", new LpaException(LpaException.Kind.FORBIDDEN, "not allowed"));
    ReturnMine.Outcome o = ReturnMine.thenLogOut(ws, ReturnMine.plan(ws.state(), T0), this::logout)
        .get(5, TimeUnit.SECONDS);
    assertThat(o.followedUp()).isFalse();
    assertThat(o.failed()).isEqualTo(1);
    assertThat(logouts).hasValue(0);
    assertThat(MyConversations.open(ws.state())).extracting(c -> c.id()).containsExactly("mine-2");
  }

  @Test
  void withNothingOfMineItLogsOutAtOnce() throws Exception {
    ReturnMine.Outcome o = ReturnMine.thenLogOut(ws, ReturnMine.plan(ws.state(), T0), this::logout)
        .get(5, TimeUnit.SECONDS);
    assertThat(o.followedUp()).isTrue();
    assertThat(o.returned().items()).isEqualTo(List.of());
    assertThat(logouts).hasValue(1);
  }
}
