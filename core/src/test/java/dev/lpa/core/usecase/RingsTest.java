package dev.lpa.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Ring;
import dev.lpa.core.sla.TestConversations;
import dev.lpa.core.workspace.ConnectionState;
import dev.lpa.core.workspace.WorkspaceState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RingsTest {
  private static final Instant T = TestConversations.T0;

  private static Ring ring(String id, String state, Instant expires) {
    return new Ring(id, "c-" + id, "consumer-" + id, "10", state, expires, false);
  }

  private static WorkspaceState with(Ring... rings) {
    return new WorkspaceState(TestConversations.AGENT, AgentState.ONLINE, ConnectionState.CONNECTED, "", Map.of(),
        Map.of(), List.of(rings), Set.of(), true, T);
  }

  @Test
  void theWaitingRingThatExpiresFirstIsNextWhateverOrderTheyCameIn() {
    WorkspaceState s = with(ring("late", "WAITING", T.plusSeconds(50)), ring("gone", "ACCEPTED", T.plusSeconds(1)),
        ring("soon", "WAITING", T.plusSeconds(10)), ring("none", "WAITING", null));
    assertThat(Rings.next(s)).map(Ring::ringId).contains("soon");
    assertThat(Rings.waiting(s)).isEqualTo(3);
  }

  @Test
  void tiesAndMissingExpiriesKeepArrivalOrder() {
    assertThat(Rings.next(with(ring("a", "WAITING", null), ring("b", "WAITING", null)))).map(Ring::ringId).contains("a");
    assertThat(Rings.next(with(ring("a", "WAITING", T), ring("b", "WAITING", T)))).map(Ring::ringId).contains("a");
    assertThat(Rings.next(with())).isEmpty();
    assertThat(Rings.next(null)).isEmpty();
  }
}
