package dev.lpa.bench;

import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.workspace.Reducer;
import dev.lpa.core.workspace.WorkspaceState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The reducer's share of {@code lpa list --all}: the team's first snapshot as one input, then
 * one profile per consumer, each its own input (as they answer one by one), then the full list.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ListAllBench {
  @Param({"1000", "5000", "10000"})
  int conversations;

  private Reducer.Conversations snapshot;
  private ConsumerProfile[] profiles;

  @Setup
  public void setup() {
    snapshot = Accounts.firstSnapshot(conversations);
    profiles = new ConsumerProfile[conversations];
    for (int i = 0; i < conversations; i++) {
      profiles[i] = new ConsumerProfile(Accounts.consumer(i), "First" + i, "Last", null, null, null, "APP", Map.of());
    }
  }

  @Benchmark
  public List<Conversation> snapshotProfilesAndList() {
    Instant now = Accounts.T0;
    WorkspaceState s = Reducer.apply(Reducer.initial(Accounts.MANAGER, now), snapshot, now);
    for (ConsumerProfile p : profiles) {
      now = now.plusMillis(1);
      s = Reducer.apply(s, new Reducer.ConsumerKnown(p), now);
    }
    return Sla.listOrder(s.conversations().values(), now, null);
  }
}
