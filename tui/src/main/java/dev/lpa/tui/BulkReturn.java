package dev.lpa.tui;

import dev.lpa.core.bulk.BulkExecutor;
import dev.lpa.core.bulk.BulkPlan;
import dev.lpa.core.bulk.BulkPlanner;
import dev.lpa.core.bulk.ConversationFilter;
import dev.lpa.core.bulk.BulkResult;
import dev.lpa.tui.view.ListRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Marks and "return the marked to the queue", planned by core's bulk planner (the same as
 * {@code lpa mq return-all}); what could not go back stays marked with the reason.
 */
final class BulkReturn {
  private final Console ui;

  BulkReturn(Console ui) {
    this.ui = ui;
  }

  void toggleMark(ListRow row) {
    if (row.closed()) {
      return;
    }
    ui.model.toggleMark(row.conversationId());
  }

  void markAll(List<ListRow> rows) {
    List<String> open = rows.stream().filter(r -> !r.closed()).map(ListRow::conversationId).toList();
    ui.model.markAll(open);
  }

  void confirmReturnMarked() {
    if (ui.model.marked().isEmpty()) {
      ui.info(ui.text.get("status.noMarks"));
      return;
    }
    int n = ui.model.marked().size();
    ui.push(new Overlay.Menu(ui.text.get("confirm.returnMarked", n), List.of(
        Overlay.Item.of('y', ui.text.get("confirm.yes"), () -> returnMarked()),
        Overlay.Item.of('n', ui.text.get("confirm.no"), () -> {})), false));
  }

  /** Returns every marked conversation through core's bulk executor; failures stay marked. */
  void returnMarked() {
    BulkPlan plan = plan(new ArrayList<>(ui.model.marked()));
    runBulk(plan, results -> {
      for (BulkResult.ItemResult r : results.items()) {
        if (r.outcome() == BulkResult.Outcome.FAILED) {
          ui.model.markFailed(r.conversationId(), r.detail());
        } else {
          ui.model.unmark(r.conversationId());
        }
      }
      long failed = results.count(BulkResult.Outcome.FAILED);
      if (failed > 0) {
        ui.model.error(ui.text.get("status.bulkPartial", results.count(BulkResult.Outcome.DONE), failed), ui.now());
      } else {
        ui.info(ui.text.get("status.bulkDone", results.count(BulkResult.Outcome.DONE)));
      }
      if (ui.model.openId() != null && ui.conv(ui.model.openId()) != null && results.items().stream().anyMatch(
          r -> r.conversationId().equals(ui.model.openId()) && r.outcome() == BulkResult.Outcome.DONE)) {
        ui.deselect();
      }
    });
  }

  /** Core's planner decides what can go back (open, assigned, not pending a transfer) and why not. */
  BulkPlan plan(List<String> ids) {
    return BulkPlanner.returnToQueue(ui.state, ConversationFilter.none(), ids, ui.now());
  }

  void runBulk(BulkPlan plan, Consumer<BulkResult> done) {
    ui.info(ui.text.get("status.bulkRunning", plan.targets().size()));
    CompletableFuture<BulkResult> f;
    try {
      f = BulkExecutor.run(plan, id -> ui.ws.returnToQueue(id), 4, null);
    } catch (RuntimeException e) {
      ui.error(e);
      return;
    }
    f.whenComplete((r, err) -> ui.post(() -> {
      if (err != null) {
        ui.error(err);
      } else {
        done.accept(r);
      }
    }));
  }
}
