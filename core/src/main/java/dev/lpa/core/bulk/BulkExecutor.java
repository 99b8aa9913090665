package dev.lpa.core.bulk;

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

  private static CompletableFuture<Void> lane(
      ConcurrentLinkedQueue<Integer> queue,
      BulkResult.ItemResult[] done,
      BulkPlan plan,
      Function<String, CompletableFuture<?>> action,
      Consumer<BulkResult.ItemResult> report) {
    Integer index = queue.poll();
    if (index == null) {
      return CompletableFuture.completedFuture(null);
    }
    BulkPlan.Item item = plan.targets().get(index);
    CompletableFuture<?> f;
    try {
      f = action.apply(item.conversationId());
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    return f.handle((ok, err) -> {
      BulkResult.ItemResult r = err == null
          ? new BulkResult.ItemResult(item.conversationId(), BulkResult.Outcome.DONE, "ok", null)
          : failed(item, LpaException.from(err));
      done[index] = r;
      report.accept(r);
      return null;
    }).thenCompose(v -> lane(queue, done, plan, action, report));
  }

  private static BulkResult.ItemResult failed(BulkPlan.Item item, LpaException e) {
    return new BulkResult.ItemResult(item.conversationId(), BulkResult.Outcome.FAILED, e.getMessage(), e);
  }
}
