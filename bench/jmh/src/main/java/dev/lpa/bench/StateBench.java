package dev.lpa.bench;

import dev.lpa.core.model.Conversation;
import dev.lpa.core.workspace.Reducer;
import dev.lpa.core.workspace.WorkspaceState;
import java.time.Instant;
import java.util.List;
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
 * The console's hot path: one consumer message arrives in a 10,000-conversation team and the
 * first screenful of the list (50 rows) is produced again. Each call applies one event to the
 * same immutable base snapshot, so every call measures exactly one event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class StateBench {
  @Param({"10000"})
  int conversations;

  private WorkspaceState base;
  private Reducer.Events[] events;
  private final Instant now = Accounts.T0.plusSeconds(1);
  private int next;

  @Setup
  public void setup() {
    base = Accounts.team(conversations);
    events = new Reducer.Events[1024];
    for (int k = 0; k < events.length; k++) {
      int i = (int) ((k * 7919L) % conversations);
      events[k] = new Reducer.Events("conv-" + i, List.of(Accounts.message(i, 1, "and another thing " + k)));
    }
  }

  @Benchmark
  public List<Conversation> oneMessageThenFirstRows() {
    Reducer.Events e = events[next++ & 1023];
    WorkspaceState s = Reducer.apply(base, e, now);
    return Accounts.rows(s, now, 50);
  }
}
