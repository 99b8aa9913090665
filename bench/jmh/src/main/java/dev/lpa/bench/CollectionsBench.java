package dev.lpa.bench;

import java.util.HashMap;
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
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.TreePSet;

/**
 * The choice of state collections: a new version of an N-entry map with one entry replaced.
 * pcollections' persistent map against the copy-on-write java.util map the state used before
 * (a copy, then a put), plus reads, plus the sorted set kept for the list order.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CollectionsBench {
  @Param({"1000", "10000"})
  int size;

  private PMap<String, Integer> persistent;
  private Map<String, Integer> plain;
  private TreePSet<String> sorted;
  private String[] keys;
  private int next;

  @Setup
  public void setup() {
    Map<String, Integer> m = new HashMap<>();
    keys = new String[size];
    for (int i = 0; i < size; i++) {
      keys[i] = "conv-" + i;
      m.put(keys[i], i);
    }
    plain = Map.copyOf(m);
    persistent = HashTreePMap.from(m);
    sorted = TreePSet.from(m.keySet());
  }

  @Benchmark
  public Map<String, Integer> pcollectionsReplaceOne() {
    return persistent.plus(keys[next++ % size], next);
  }

  @Benchmark
  public Map<String, Integer> copyOnWriteReplaceOne() {
    Map<String, Integer> copy = new HashMap<>(plain);
    copy.put(keys[next++ % size], next);
    return Map.copyOf(copy);
  }

  @Benchmark
  public Integer pcollectionsGet() {
    return persistent.get(keys[next++ % size]);
  }

  @Benchmark
  public Integer javaUtilGet() {
    return plain.get(keys[next++ % size]);
  }

  @Benchmark
  public TreePSet<String> pcollectionsSortedMoveOne() {
    String k = keys[next++ % size];
    return sorted.minus(k).plus(k + "x");
  }
}
