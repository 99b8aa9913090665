package dev.lpa.core.usecase;

import dev.lpa.core.bulk.BulkExecutor;
import dev.lpa.core.bulk.BulkPlan;
import dev.lpa.core.bulk.BulkPlanner;
import dev.lpa.core.bulk.BulkResult;
import dev.lpa.core.bulk.ConversationFilter;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceState;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * "Return my conversations to the queue, then log out": the one operation {@code lpa logout
 * --return-all}, {@code lpa session stop --return-all} and the console's logout share. My open
 * conversations ({@link MyConversations}) are planned by the bulk planner and returned with bounded
 * concurrency; what follows (the logout, the stop) runs only when none failed, because a
 * conversation that could not go back would stay assigned to an agent who is gone.
 */
public final class ReturnMine {
  /** As many returns at once as the console's bulk return runs. */
  public static final int CONCURRENCY = 4;

  private ReturnMine() {}

  /** What was returned (one result per conversation, in plan order) and whether the follow-up ran. */
  public record Outcome(BulkResult returned, boolean followedUp) {
    public long failed() {
      return returned.count(BulkResult.Outcome.FAILED);
    }
  }

  /** My open conversations, through the planner (which says why any of them cannot go back). */
  public static BulkPlan plan(WorkspaceState state, Instant now) {
    return BulkPlanner.returnToQueue(state, ConversationFilter.none(),
        MyConversations.open(state).stream().map(Conversation::id).toList(), now);
  }

  /**
   * Returns what {@code plan} targets, then runs {@code then} (log out, stop) if nothing failed;
   * the outcome completes after {@code then} did. A failing {@code then} fails the outcome.
   */
  public static CompletableFuture<Outcome> thenLogOut(Workspace ws, BulkPlan plan,
      Supplier<CompletableFuture<?>> then) {
    return BulkExecutor.run(plan, ws::returnToQueue, CONCURRENCY, null).thenCompose(r -> r.partialFailure()
        ? CompletableFuture.completedFuture(new Outcome(r, false))
        : then.get().thenApply(v -> new Outcome(r, true)));
  }
}
