package dev.lpa.core.bulk;

import java.util.List;

/**
 * A resolved, de-duplicated bulk action before it runs: what will be done, and what will be
 * skipped (with why) because it is already in the target state or cannot be acted on.
 */
public record BulkPlan(String action, List<Item> targets, List<Item> skipped) {
  /** One conversation of the plan, with a one-line description (consumer, skill, agent, idle). */
  public record Item(String conversationId, String description, String reason) {}

  public boolean isEmpty() {
    return targets.isEmpty();
  }
}
