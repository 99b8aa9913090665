package dev.lpa.core.bulk;

import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Participant;
import dev.lpa.core.model.Role;
import dev.lpa.core.model.Session;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.workspace.WorkspaceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Turns "return these to the queue" or "close these" into a {@link BulkPlan} over one state
 * snapshot, before anything runs. Pure: the same snapshot, filter, ids and instant give the same
 * plan.
 *
 * <p>Targets are either the explicit ids given (a full id or a unique prefix of one; the filter,
 * when it filters anything, must match too) or, with no ids, every open conversation of the
 * snapshot that the filter matches (closed and unassigned-skill conversations are in no list, so
 * a filter never picks them). Each conversation appears once. Those that the action cannot or
 * need not change are listed as skipped with the reason; ids that resolve to nothing are skipped
 * as well, so a typo shows up in the plan instead of vanishing.
 */
public final class BulkPlanner {
  public static final String RETURN_TO_QUEUE = "return-to-queue";
  public static final String CLOSE = "close";

  private BulkPlanner() {}

  public static BulkPlan returnToQueue(
      WorkspaceState state, ConversationFilter filter, Collection<String> explicitIds, Instant now) {
    return plan(RETURN_TO_QUEUE, state, filter, explicitIds, now);
  }

  /** Over the filter alone. */
  public static BulkPlan returnToQueue(WorkspaceState state, ConversationFilter filter, Instant now) {
    return returnToQueue(state, filter, List.of(), now);
  }

  public static BulkPlan close(
      WorkspaceState state, ConversationFilter filter, Collection<String> explicitIds, Instant now) {
    return plan(CLOSE, state, filter, explicitIds, now);
  }

  /** Over the filter alone. */
  public static BulkPlan close(WorkspaceState state, ConversationFilter filter, Instant now) {
    return close(state, filter, List.of(), now);
  }

  private static BulkPlan plan(
      String action, WorkspaceState state, ConversationFilter filter, Collection<String> explicitIds, Instant now) {
    ConversationFilter f = filter == null ? ConversationFilter.none() : filter;
    Session me = state.me();
    List<BulkPlan.Item> targets = new ArrayList<>();
    List<BulkPlan.Item> skipped = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    Collection<Conversation> all = state.conversations().values();

    if (explicitIds != null && !explicitIds.isEmpty()) {
      Set<String> askedFor = new LinkedHashSet<>();
      for (String raw : explicitIds) {
        if (raw != null && !raw.isBlank()) {
          askedFor.add(raw.strip());
        }
      }
      for (String id : askedFor) {
        // a full id is a look-up in the state; only a prefix walks the conversations
        Conversation exact = state.conversations().get(id);
        List<Conversation> found = exact != null ? List.of(exact) : resolve(all, id);
        if (found.isEmpty()) {
          if (seen.add("?" + id)) {
            skipped.add(new BulkPlan.Item(id, "", "no such conversation"));
          }
          continue;
        }
        if (found.size() > 1) {
          skipped.add(new BulkPlan.Item(id, "",
              "ambiguous: the prefix matches " + found.size() + " conversations"));
          continue;
        }
        Conversation c = found.get(0);
        if (!seen.add(c.id())) {
          continue;
        }
        String description = describe(c, now);
        String reason = matches(c, f, now) ? why(action, c, me) : "does not match the filter";
        (reason == null ? targets : skipped).add(new BulkPlan.Item(c.id(), description, reason));
      }
    } else {
      for (Conversation c : Sla.listOrder(all, now, null)) {
        if (!matches(c, f, now) || !seen.add(c.id())) {
          continue;
        }
        String reason = why(action, c, me);
        (reason == null ? targets : skipped).add(new BulkPlan.Item(c.id(), describe(c, now), reason));
      }
    }
    return new BulkPlan(action, List.copyOf(targets), List.copyOf(skipped));
  }

  /** An exact id wins over prefixes, so an id that is also another's prefix stays usable. */
  static List<Conversation> resolve(Collection<Conversation> all, String idOrPrefix) {
    List<Conversation> prefixed = new ArrayList<>();
    for (Conversation c : all) {
      if (c.id().equals(idOrPrefix)) {
        return List.of(c);
      }
      if (c.id().startsWith(idOrPrefix)) {
        prefixed.add(c);
      }
    }
    return prefixed;
  }

  /** Why {@code action} does not apply to {@code c}; null when it does. */
  private static String why(String action, Conversation c, Session me) {
    if (!c.open()) {
      return CLOSE.equals(action) ? "already closed" : "closed";
    }
    if (c.unassignedSkill()) {
      return "unassigned skill";
    }
    Participant assigned = c.assignedAgent();
    boolean manager = me != null && me.manager();
    boolean mine = assigned != null && !assigned.suggested() && isMe(assigned, me);
    if (RETURN_TO_QUEUE.equals(action)) {
      if (assigned == null) {
        return "already in the queue";
      }
      if (assigned.suggested()) {
        return "a transfer to an agent is pending";
      }
      // managers return others' conversations (the apps join, requeue and leave for them)
      if (!mine && !manager) {
        return "not assigned to you";
      }
      return null;
    }
    // close: an agent closes what it is assigned; a manager also what it joined (decisions.md #11)
    if (mine) {
      return null;
    }
    if (manager && (c.myRole() == Role.MANAGER || c.myRole() == Role.ASSIGNED_AGENT)) {
      return null;
    }
    return manager ? "not joined (join it first)" : "not assigned to you";
  }

  private static boolean isMe(Participant p, Session me) {
    if (me == null) {
      return false;
    }
    return (p.id() != null && p.id().equals(me.userId()))
        || (p.pid() != null && p.pid().equals(me.userPid()));
  }

  /** Whether {@code c} passes every field the filter sets. */
  public static boolean matches(Conversation c, ConversationFilter f, Instant now) {
    if (f.skill() != null && !f.skill().equals(c.skillId())
        && (c.skillName() == null || !c.skillName().equalsIgnoreCase(f.skill()))) {
      return false;
    }
    if (f.agent() != null) {
      Participant a = c.assignedAgent();
      if (a == null || a.suggested() || !(f.agent().equals(a.id())
          || (a.id() != null && a.id().endsWith("." + f.agent())) || f.agent().equals(a.pid()))) {
        return false;
      }
    }
    if (f.idleFor() != null) {
      Instant last = lastActivity(c);
      if (last == null || Duration.between(last, now).compareTo(f.idleFor()) < 0) {
        return false;
      }
    }
    if (f.match() != null && !f.match().isEmpty()) {
      String m = f.match().toLowerCase(Locale.ROOT);
      String name = c.consumer() == null ? "" : Objects.requireNonNullElse(c.consumer().displayName(), "");
      String last = c.lastMessage() == null ? "" : Objects.requireNonNullElse(c.lastMessage().excerpt(), "");
      if (!name.toLowerCase(Locale.ROOT).contains(m) && !last.toLowerCase(Locale.ROOT).contains(m)) {
        return false;
      }
    }
    return true;
  }

  /** When either side last wrote: the newest message, else the conversation's start. */
  public static Instant lastActivity(Conversation c) {
    if (c.lastMessage() != null && c.lastMessage().time() != null) {
      return c.lastMessage().time();
    }
    return c.started();
  }

  /** One line: consumer (skill, assigned agent, idle time). Untrusted parts are made safe. */
  public static String describe(Conversation c, Instant now) {
    String who = c.consumer() == null ? c.id() : c.consumer().displayName();
    String skill = c.skillName() != null && !c.skillName().isBlank() ? c.skillName() : "skill " + c.skillId();
    StringBuilder b = new StringBuilder(SafeText.line(who)).append(" (").append(SafeText.line(skill));
    Participant a = c.assignedAgent();
    if (a != null) {
      b.append(", ").append(a.suggested() ? "transfer to " : "").append(SafeText.line(a.id()));
    } else if (c.open()) {
      b.append(", in queue");
    }
    if (!c.open()) {
      b.append(", closed");
    } else {
      Instant last = lastActivity(c);
      if (last != null) {
        Duration idle = Duration.between(last, now);
        b.append(", idle ").append(Sla.formatDueIn(idle.isNegative() ? Duration.ZERO : idle));
      }
    }
    return b.append(')').toString();
  }
}
