package dev.lpa.core.bulk;

import dev.lpa.core.internal.CoreLog;
import dev.lpa.core.LpaException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a plan with bounded concurrency: one result per item, skipped items reported as such,
 * and a failure never stops the rest of the batch.
 */
public final class BulkExecutor {
  private BulkExecutor() {}

  /**
   * @param action applied to each target's conversation id
   * @param concurrency how many run at once (at least 1)
   * @param progress told of every item result as it completes (any thread), may be null
   */
  public static CompletableFuture<BulkResult> run(
      BulkPlan plan,
      Function<String, CompletableFuture<?>> action,
      int concurrency,
      Consumer<BulkResult.ItemResult> progress) {
    Consumer<BulkResult.ItemResult> report = progress == null ? r -> { } : progress;
    List<BulkResult.ItemResult> results = Collections.synchronizedList(new ArrayList<>());
    for (BulkPlan.Item s : plan.skipped()) {
      BulkResult.ItemResult r = new BulkResult.ItemResult(
          s.conversationId(), BulkResult.Outcome.SKIPPED, s.reason(), null);
      results.add(r);
      report.accept(r);
    }
    ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < plan.targets().size(); i++) {
      queue.add(i);
    }
    BulkResult.ItemResult[] done = new BulkResult.ItemResult[plan.targets().size()];
    int workers = Math.max(1, Math.min(concurrency, Math.max(1, plan.targets().size())));
    List<CompletableFuture<Void>> lanes = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      lanes.add(lane(queue, done, plan, action, report));
    }
    return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).thenApply(v -> {
      List<BulkResult.ItemResult> all = new ArrayList<>(List.of(done));
      all.addAll(results);
      return new BulkResult(plan.action(), List.copyOf(all));
    });
  }

  /**
   * One worker: takes items off the queue until it is empty. Actions that complete at once (a
   * fast failure such as "not connected") are handled in a loop, not by chaining, so a long batch
   * cannot overflow the stack.
   */
  private static CompletableFuture<Void> lane(
      ConcurrentLinkedQueue<Integer> queue,
      BulkResult.ItemResult[] done,
      BulkPlan plan,
      Function<String, CompletableFuture<?>> action,
      Consumer<BulkResult.ItemResult> report) {
    CompletableFuture<Void> finished = new CompletableFuture<>();
    next(queue, done, plan, action, report, finished);
    return finished;
  }

  private static void next(
      ConcurrentLinkedQueue<Integer> queue,
      BulkResult.ItemResult[] done,
      BulkPlan plan,
      Function<String, CompletableFuture<?>> action,
      Consumer<BulkResult.ItemResult> report,
      CompletableFuture<Void> finished) {
    while (true) {
      Integer index = queue.poll();
      if (index == null) {
        finished.complete(null);
        return;
      }
      BulkPlan.Item item = plan.targets().get(index);
      CompletableFuture<?> f;
      try {
        f = action.apply(item.conversationId());
        if (f == null) {
          f = CompletableFuture.failedFuture(new IllegalStateException("action returned no future"));
        }
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      if (f.isDone()) {
        record(f.handle((ok, err) -> err).join(), item, index, done, report);
        continue;
      }
      f.whenComplete((ok, err) -> {
        record(err, item, index, done, report);
        next(queue, done, plan, action, report, finished);
      });
      return;
    }
  }

  private static void record(
      Throwable err,
      BulkPlan.Item item,
      int index,
      BulkResult.ItemResult[] done,
      Consumer<BulkResult.ItemResult> report) {
    while (err instanceof java.util.concurrent.CompletionException && err.getCause() != null) {
      err = err.getCause();
    }
    BulkResult.ItemResult r = err == null
        ? new BulkResult.ItemResult(item.conversationId(), BulkResult.Outcome.DONE, "ok", null)
        : failed(item, LpaException.from(err));
    done[index] = r;
    try {
      report.accept(r);
    } catch (RuntimeException e) {
      // a broken progress printer must not lose the batch's results
      CoreLog.swallowed("a bulk item's progress report", e);
    }
  }

  private static BulkResult.ItemResult failed(BulkPlan.Item item, LpaException e) {
    return new BulkResult.ItemResult(item.conversationId(), BulkResult.Outcome.FAILED, e.getMessage(), e);
  }
}
