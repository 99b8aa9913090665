package dev.lpa.core.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lpa.core.LpaException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BulkExecutorTest {
  static BulkPlan plan(int targets, String... skipped) {
    List<BulkPlan.Item> t = IntStream.range(0, targets)
        .mapToObj(i -> new BulkPlan.Item("c" + i, "conversation " + i, null)).toList();
    List<BulkPlan.Item> s = new ArrayList<>();
    for (String id : skipped) {
      s.add(new BulkPlan.Item(id, "", "already in the queue"));
    }
    return new BulkPlan("return-to-queue", t, s);
  }

  /** An action whose futures the test completes by hand, recording how many run at once. */
  static final class Manual {
    final Map<String, CompletableFuture<Void>> started = Collections.synchronizedMap(new LinkedHashMap<>());
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    CompletableFuture<?> apply(String id) {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      CompletableFuture<Void> f = new CompletableFuture<>();
      started.put(id, f);
      return f.whenComplete((v, e) -> inFlight.decrementAndGet());
    }

    void finish(String id) {
      started.get(id).complete(null);
    }

    void fail(String id, String why) {
      started.get(id).completeExceptionally(new LpaException(LpaException.Kind.FORBIDDEN, why));
    }
  }

  @Test
  void neverRunsMoreThanTheBoundAndStartsTheNextWhenOneFinishes() {
    Manual m = new Manual();
    CompletableFuture<BulkResult> run = BulkExecutor.run(plan(7), m::apply, 3, null);
    assertThat(m.started).containsOnlyKeys("c0", "c1", "c2");
    m.finish("c1");
    assertThat(m.started).containsOnlyKeys("c0", "c1", "c2", "c3");
    assertThat(run).isNotDone();
    for (int i = 0; i < 7; i++) {
      String id = "c" + i;
      if (m.started.containsKey(id) && !m.started.get(id).isDone()) {
        m.finish(id);
      }
      // finishing one may start the next; finish those as they appear
      for (String s : List.copyOf(m.started.keySet())) {
        if (!m.started.get(s).isDone()) {
          m.finish(s);
        }
      }
    }
    assertThat(run).isCompleted();
    assertThat(m.maxInFlight.get()).isEqualTo(3);
    assertThat(run.join().count(BulkResult.Outcome.DONE)).isEqualTo(7);
  }

  @Test
  void boundIsRespectedWithRealThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      AtomicInteger inFlight = new AtomicInteger();
      AtomicInteger max = new AtomicInteger();
      BulkResult r = BulkExecutor.run(plan(40), id -> CompletableFuture.runAsync(() -> {
        max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        Thread.onSpinWait();
        inFlight.decrementAndGet();
      }, pool), 4, null).get(30, TimeUnit.SECONDS);
      assertThat(max.get()).isBetween(1, 4);
      assertThat(r.items()).hasSize(40).allMatch(i -> i.outcome() == BulkResult.Outcome.DONE);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void failuresDoNotStopTheBatch() {
    BulkResult r = BulkExecutor.run(plan(5), id -> switch (id) {
      case "c1" -> CompletableFuture.failedFuture(new LpaException(LpaException.Kind.FORBIDDEN, "403 not yours"));
      case "c3" -> throw new IllegalStateException("socket closed");
      default -> CompletableFuture.completedFuture(null);
    }, 2, null).join();
    assertThat(r.items()).extracting(BulkResult.ItemResult::conversationId, BulkResult.ItemResult::outcome)
        .containsExactly(
            tuple("c0", BulkResult.Outcome.DONE),
            tuple("c1", BulkResult.Outcome.FAILED),
            tuple("c2", BulkResult.Outcome.DONE),
            tuple("c3", BulkResult.Outcome.FAILED),
            tuple("c4", BulkResult.Outcome.DONE));
    assertThat(r.items().get(1).error().kind()).isEqualTo(LpaException.Kind.FORBIDDEN);
    assertThat(r.items().get(1).detail()).isEqualTo("403 not yours");
    assertThat(r.items().get(3).error().getMessage()).isEqualTo("socket closed");
    assertThat(r.partialFailure()).isTrue();
    assertThat(r.count(BulkResult.Outcome.FAILED)).isEqualTo(2);
  }

  @Test
  void resultsAreInPlanOrderWhateverOrderTheyFinishIn() {
    Manual m = new Manual();
    CompletableFuture<BulkResult> run = BulkExecutor.run(plan(4, "s1", "s2"), m::apply, 4, null);
    m.finish("c3");
    m.fail("c2", "nope");
    m.finish("c0");
    m.finish("c1");
    BulkResult r = run.join();
    // targets in plan order, then the skipped ones in plan order
    assertThat(r.items()).extracting(BulkResult.ItemResult::conversationId, BulkResult.ItemResult::outcome)
        .containsExactly(
            tuple("c0", BulkResult.Outcome.DONE),
            tuple("c1", BulkResult.Outcome.DONE),
            tuple("c2", BulkResult.Outcome.FAILED),
            tuple("c3", BulkResult.Outcome.DONE),
            tuple("s1", BulkResult.Outcome.SKIPPED),
            tuple("s2", BulkResult.Outcome.SKIPPED));
    assertThat(r.items().get(4).detail()).isEqualTo("already in the queue");
    assertThat(r.action()).isEqualTo("return-to-queue");
  }

  @Test
  void progressHearsEveryItemOnceAsItCompletes() {
    Manual m = new Manual();
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<BulkResult> run = BulkExecutor.run(plan(3, "s"), m::apply, 2,
        r -> heard.add(r.conversationId() + ":" + r.outcome()));
    assertThat(heard).containsExactly("s:SKIPPED");
    m.finish("c1");
    m.fail("c0", "x");
    m.finish("c2");
    run.join();
    assertThat(heard).containsExactly("s:SKIPPED", "c1:DONE", "c0:FAILED", "c2:DONE");
  }

  @Test
  void aBoundBelowOneRunsOneAtATime() {
    Manual m = new Manual();
    CompletableFuture<BulkResult> run = BulkExecutor.run(plan(3), m::apply, 0, null);
    assertThat(m.started).containsOnlyKeys("c0");
    m.finish("c0");
    m.finish("c1");
    m.finish("c2");
    assertThat(run.join().items()).hasSize(3);
    assertThat(m.maxInFlight.get()).isEqualTo(1);
  }

  @Test
  void anEmptyPlanCompletesWithOnlyTheSkippedItems() {
    BulkResult r = BulkExecutor.run(plan(0, "s"), id -> {
      throw new AssertionError("nothing to run");
    }, 4, null).join();
    assertThat(r.items()).extracting(BulkResult.ItemResult::outcome).containsExactly(BulkResult.Outcome.SKIPPED);
    assertThat(r.partialFailure()).isFalse();
  }

  @Test
  void aLongBatchOfInstantActionsDoesNotOverflowTheStack() {
    BulkResult r = BulkExecutor.run(plan(20_000), id -> CompletableFuture.completedFuture(null), 2, null).join();
    assertThat(r.count(BulkResult.Outcome.DONE)).isEqualTo(20_000);
  }

  @Test
  void aThrowingProgressListenerOrANullFutureDoesNotLoseResults() {
    BulkResult r = BulkExecutor.run(plan(3), id -> id.equals("c1") ? null : CompletableFuture.completedFuture(null), 1,
        item -> {
          throw new IllegalStateException("printer broke");
        }).join();
    assertThat(r.items()).extracting(BulkResult.ItemResult::outcome).containsExactly(
        BulkResult.Outcome.DONE, BulkResult.Outcome.FAILED, BulkResult.Outcome.DONE);
  }
}
