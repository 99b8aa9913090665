package dev.lpa.tui;

import dev.lpa.core.LpaException;
import dev.lpa.core.manager.Team;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.QueueHealth;
import dev.lpa.core.text.SafeText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The manager's team and queues as the console last read them: the team (the same {@code
 * Workspace.team()} that {@code lpa agents --team} reads: members, their state and load) and the
 * queue health per skill. Both are polled while a panel shows them, as the command's
 * {@code --watch} does: neither has a push (UMS tells a user only its own state).
 */
final class TeamWatch {
  static final Duration EVERY = Duration.ofSeconds(5);

  private final Console ui;
  private Team team;
  private List<QueueHealth> queues;
  private Instant teamAt;
  private Instant queuesAt;
  private boolean askingTeam;
  private boolean askingQueues;
  private String teamError;
  private String queueError;

  TeamWatch(Console ui) {
    this.ui = ui;
  }

  /** Logged in as a manager: the team once, for the filter panel's agents and skills. */
  void start() {
    reset();
    askTeam();
  }

  void reset() {
    team = null;
    queues = null;
    teamAt = null;
    queuesAt = null;
    teamError = null;
    queueError = null;
  }

  /** Each tick: asks again what a visible panel shows, once {@link #EVERY} has passed. */
  void tick() {
    if (ui.ws == null || !ui.manager()) {
      return;
    }
    boolean teamShown = ui.model.teamPanel() || ui.model.filterPanel() != null;
    if (teamShown && due(teamAt)) {
      askTeam();
    }
    if (ui.model.teamPanel() && due(queuesAt)) {
      askQueues();
    }
  }

  private boolean due(Instant last) {
    return last == null || !ui.now().isBefore(last.plus(EVERY));
  }

  private void askTeam() {
    if (askingTeam || ui.ws == null) {
      return;
    }
    askingTeam = true;
    teamAt = ui.now();
    poll(ui.ws::team, t -> {
      team = t;
      teamError = null;
    }, msg -> teamError = msg, () -> askingTeam = false);
  }

  private void askQueues() {
    if (askingQueues || ui.ws == null) {
      return;
    }
    askingQueues = true;
    queuesAt = ui.now();
    poll(ui.ws::queueHealth, q -> {
      queues = q;
      queueError = null;
    }, msg -> queueError = msg, () -> askingQueues = false);
  }

  /** A failed poll says so in its panel, not on the status line: it would repeat every 5 s. */
  private <T> void poll(java.util.function.Supplier<CompletableFuture<T>> op, Consumer<T> ok, Consumer<String> failed,
      Runnable done) {
    CompletableFuture<T> f;
    try {
      f = op.get();
    } catch (RuntimeException e) {
      failed.accept(message(e));
      done.run();
      return;
    }
    f.whenComplete((v, err) -> ui.post(() -> {
      done.run();
      if (err != null) {
        failed.accept(message(err));
      } else {
        ok.accept(v);
      }
    }));
  }

  private static String message(Throwable t) {
    LpaException e = LpaException.from(t);
    return SafeText.line(e.getMessage() == null ? e.kind().name() : e.getMessage());
  }

  /** The team as last read, or null before the first answer. */
  Team team() {
    return team;
  }

  String teamError() {
    return teamError;
  }

  /** The queues of the skills the team has (the queues a manager sees), or null before the first answer. */
  List<QueueHealth> queues() {
    if (queues == null) {
      return null;
    }
    if (team == null) {
      return queues;
    }
    List<QueueHealth> out = new ArrayList<>();
    for (QueueHealth q : queues) {
      if (team.skillIds().contains(q.skillId())) {
        out.add(q);
      }
    }
    return out;
  }

  String queueError() {
    return queueError;
  }

  /** When the queues were last asked for (the panel says how fresh they are). */
  Instant queuesAt() {
    return queuesAt;
  }

  /** Open conversations in the manager's state by the bare user id of their assigned agent. */
  java.util.Map<String, Integer> openByAgent() {
    java.util.Map<String, Integer> m = new java.util.HashMap<>();
    if (ui.state == null) {
      return m;
    }
    for (Conversation c : ui.state.conversations().values()) {
      if (c.open() && c.assignedAgent() != null) {
        String id = c.assignedAgent().id();
        m.merge(id.substring(id.lastIndexOf('.') + 1), 1, Integer::sum);
      }
    }
    return m;
  }

  /** A member's display name, made safe. */
  static String name(Agent a) {
    String n = a.fullName() != null && !a.fullName().isBlank() ? a.fullName() : a.loginName();
    return SafeText.line(n == null ? a.userId() : n);
  }
}
