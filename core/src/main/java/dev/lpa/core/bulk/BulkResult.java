package dev.lpa.core.bulk;

import dev.lpa.core.LpaException;
import java.util.List;

/** The outcome of a bulk run: one result per item, in plan order. */
public record BulkResult(String action, List<ItemResult> items) {

  public enum Outcome { DONE, SKIPPED, FAILED }

  /** @param error set when FAILED */
  public record ItemResult(String conversationId, Outcome outcome, String detail, LpaException error) {}

  public long count(Outcome o) {
    return items.stream().filter(i -> i.outcome() == o).count();
  }

  public boolean partialFailure() {
    return count(Outcome.FAILED) > 0;
  }
}
