package dev.lpa.cli;

import dev.lpa.core.bulk.BulkPlan;
import dev.lpa.core.bulk.ConversationFilter;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Participant;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.workspace.WorkspaceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resolves a bulk return-to-queue to a plan over the current snapshot. Core offers the executor and
 * the plan type but no planner, so the filter rules live here (a candidate for core).
 */
final class BulkPlanner {
  private BulkPlanner() {}

  static BulkPlan returnToQueue(WorkspaceState s, ConversationFilter f, Instant now) {
    List<BulkPlan.Item> targets = new ArrayList<>();
    List<BulkPlan.Item> skipped = new ArrayList<>();
    // listOrder drops unassigned-skill and closed ones, and gives a stable, meaningful order
    for (Conversation c : Sla.listOrder(s.conversations().values(), now, null)) {
      if (!matches(c, f, now)) {
        continue;
      }
      Participant a = c.assignedAgent();
      BulkPlan.Item item = new BulkPlan.Item(c.id(), describe(c, now), null);
      if (a == null) {
        skipped.add(new BulkPlan.Item(c.id(), item.description(), "already in the queue"));
      } else if (a.suggested()) {
        skipped.add(new BulkPlan.Item(c.id(), item.description(), "a transfer to an agent is pending"));
      } else {
        targets.add(item);
      }
    }
    return new BulkPlan("return-to-queue", List.copyOf(targets), List.copyOf(skipped));
  }

  static boolean matches(Conversation c, ConversationFilter f, Instant now) {
    if (f.skill() != null && !f.skill().equals(c.skillId())
        && (c.skillName() == null || !c.skillName().equalsIgnoreCase(f.skill()))) {
      return false;
    }
    if (f.agent() != null) {
      Participant a = c.assignedAgent();
      if (a == null || !(a.id().equals(f.agent()) || a.id().endsWith("." + f.agent())
          || f.agent().equals(a.pid()))) {
        return false;
      }
    }
    if (f.idleFor() != null) {
      Instant last = lastActivity(c);
      if (last == null || Duration.between(last, now).compareTo(f.idleFor()) < 0) {
        return false;
      }
    }
    if (f.match() != null) {
      String m = f.match().toLowerCase(Locale.ROOT);
      String name = c.consumer() == null ? "" : c.consumer().displayName();
      String last = c.lastMessage() == null ? "" : c.lastMessage().excerpt();
      if (!(name + "\n" + last).toLowerCase(Locale.ROOT).contains(m)) {
        return false;
      }
    }
    return true;
  }

  /** When either side last wrote: the last message, else the conversation's start. */
  static Instant lastActivity(Conversation c) {
    if (c.lastMessage() != null && c.lastMessage().time() != null) {
      return c.lastMessage().time();
    }
    return c.started();
  }

  static String describe(Conversation c, Instant now) {
    Instant last = lastActivity(c);
    String idle = last == null ? "" : ", idle " + Sla.formatDueIn(Duration.between(last, now));
    Participant a = c.assignedAgent();
    return SafeText.line(c.consumer() == null ? c.id() : c.consumer().displayName())
        + " (" + SafeText.line(c.skillName() != null ? c.skillName() : c.skillId())
        + (a == null ? "" : ", " + a.id()) + idle + ")";
  }
}
