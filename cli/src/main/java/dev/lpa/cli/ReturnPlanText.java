package dev.lpa.cli;

import dev.lpa.core.bulk.BulkPlanner;
import dev.lpa.core.bulk.ConversationFilter;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Participant;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.text.SafeText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The words of a return-all plan for people: agents by name rather than {@code 90233546.1001},
 * and for each planned return why it was picked, so the reader checks the plan against what they
 * meant before saying yes.
 */
final class ReturnPlanText {
  private final Map<String, Agent> agents;
  private final ConversationFilter filter;
  private final boolean named;
  private final Instant now;

  /** {@code agents} by user id; {@code named}: the user listed the conversations by id. */
  ReturnPlanText(Map<String, Agent> agents, ConversationFilter filter, boolean named, Instant now) {
    this.agents = agents;
    this.filter = filter;
    this.named = named;
    this.now = now;
  }

  /** The agent's display name for a participant id ({@code account.user} or the bare user id). */
  String agentName(String participantId) {
    if (participantId == null) {
      return "";
    }
    String user = participantId.contains(".") ? participantId.substring(participantId.lastIndexOf('.') + 1) : participantId;
    Agent a = agents.get(user);
    if (a == null) {
      return SafeText.line(participantId);
    }
    String name = first(a.nickname(), a.fullName(), a.loginName());
    return SafeText.line(name == null ? participantId : name);
  }

  /** Consumer (skill, agent by name, idle time). */
  String describe(Conversation c) {
    String who = c.consumer() == null ? c.id() : c.consumer().displayName();
    String skill = c.skillName() != null && !c.skillName().isBlank() ? c.skillName() : "skill " + c.skillId();
    StringBuilder b = new StringBuilder(SafeText.line(who)).append(" (").append(SafeText.line(skill));
    Participant a = c.assignedAgent();
    if (a != null) {
      b.append(", ").append(a.suggested() ? "transfer to " : "").append(agentName(a.id()));
    } else if (c.open()) {
      b.append(", in queue");
    }
    Duration idle = idle(c);
    if (c.open() && idle != null) {
      b.append(", idle ").append(Sla.formatDueIn(idle));
    }
    return b.append(')').toString();
  }

  /** Why a planned return was picked: the id given and each filter it passed. */
  String why(Conversation c) {
    List<String> parts = new ArrayList<>();
    if (named) {
      parts.add("named");
    }
    if (filter.skill() != null) {
      parts.add("skill " + SafeText.line(c.skillName() != null ? c.skillName() : c.skillId()));
    }
    if (filter.agent() != null && c.assignedAgent() != null) {
      parts.add("assigned to " + agentName(c.assignedAgent().id()));
    }
    if (filter.idleFor() != null) {
      Duration idle = idle(c);
      parts.add("idle " + Sla.formatDueIn(idle) + " (at least " + Sla.formatDueIn(filter.idleFor()) + ")");
    }
    if (filter.match() != null && !filter.match().isEmpty()) {
      parts.add("matches \"" + SafeText.line(filter.match()) + "\"");
    }
    if (parts.isEmpty()) {
      parts.add("open and assigned (no filter)");
    }
    return String.join(", ", parts);
  }

  private Duration idle(Conversation c) {
    Instant last = BulkPlanner.lastActivity(c);
    if (last == null) {
      return null;
    }
    Duration d = Duration.between(last, now);
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static String first(String... s) {
    for (String x : s) {
      if (x != null && !x.isBlank()) {
        return x;
      }
    }
    return null;
  }
}
