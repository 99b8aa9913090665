package dev.lpa.cli;

import dev.lpa.cli.support.Ansi;
import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.OutputOptions;
import dev.lpa.cli.support.Printer;
import dev.lpa.core.LpaException;
import dev.lpa.core.manager.TeamFilter;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.workspace.ClosedSearch;
import dev.lpa.core.workspace.StartMode;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    aliases = "ls",
    description = "List your conversations, most urgent first (response-time order).",
    footer = {
      "",
      "Columns: urgency (🔔 overdue, ! due within 5 minutes, ● awaiting you, ○ awaiting the consumer), id (any unique prefix works in other commands), time left to respond, consumer, skill, last message.",
      "",
      "Examples:",
      "  lpa list",
      "  lpa list --closed",
      "  lpa list --search refund --since 30d",
      "  lpa list --all --status unassigned --skill Sales",
      "  lpa list --all --status closed --agent agent1 --agent agent2",
      "  lpa list --watch",
      "  lpa list --json | jq -r '.[] | select(.urgency==\"OVERDUE\") | .id'"
    })
public final class ListCommand extends WorkspaceCommand {
  @Option(names = "--all", description = "Managers: also your team's conversations and the queue.")
  boolean all;

  @Option(names = "--closed", description = "Also show conversations closed within the last day (with --all: your agents' of the last 14 days).")
  boolean closed;

  @Option(names = "--status", paramLabel = "STATUS", description = "With --all: only open, unassigned (open, in the queue) or closed (your agents' of the last 14 days).")
  String status;

  @Option(names = "--agent", paramLabel = "AGENT", description = "With --all: only conversations of this agent of your groups (login name or id; repeat for several).")
  List<String> agents = new ArrayList<>();

  @Option(names = "--skill", paramLabel = "SKILL", description = "With --all: only conversations of this skill (name or id; repeat for several).")
  List<String> skills = new ArrayList<>();

  @Option(names = "--search", paramLabel = "TEXT", description = "Search closed conversations (history) for TEXT.")
  String search;

  @Option(names = "--since", paramLabel = "DURATION", description = "How far back --search looks (default: 90d, at most 90d).")
  Duration since;

  @Option(names = "--limit", paramLabel = "N", description = "At most N rows (default: all; 50 for --search).")
  Integer limit;

  @Option(names = "--watch", description = "Keep the list live: redraw on every change (Ctrl-C to stop).")
  boolean watch;

  @Option(names = "--updates", paramLabel = "N", hidden = true, description = "With --watch, stop after N updates.")
  int updates = -1;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws InterruptedException {
    if (since != null && search == null) {
      throw CliException.usage("--since goes with --search (e.g. --search refund --since 30d)");
    }
    if (since != null && since.compareTo(ClosedSearch.MAX_SINCE) > 0) {
      throw CliException.usage("--since can go back at most 90d");
    }
    boolean filtered = status != null || !agents.isEmpty() || !skills.isEmpty();
    if (filtered && !all) {
      throw CliException.usage("--status, --agent and --skill go with --all (lpa list --all --status open)");
    }
    if (filtered && search != null) {
      throw CliException.usage("--search does not go with --status, --agent or --skill");
    }
    if (status != null) {
      try {
        TeamFilter.Status.parse(status);
      } catch (LpaException e) {
        throw CliException.usage(e.getMessage());
      }
    }
    // printed once and gone: the conversations and their names, not rings or live upkeep
    Workspace w = workspace(watch ? StartMode.LIVE : StartMode.LISTING);
    Printer p = printer(output);
    if (filtered) {
      try {
        filter = TeamFilter.resolve(Await.get(w.team(), "loading your team"),
            skills.isEmpty() ? List.of() : Await.get(w.skills(), "loading skills"), status, agents, skills);
      } catch (LpaException e) {
        if (e.kind() != LpaException.Kind.INVALID) {
          throw e;
        }
        throw CliException.usage(e.getMessage());
      }
    }
    if (search != null) {
      if (watch) {
        throw CliException.usage("--watch does not go with --search");
      }
      ClosedSearch q = new ClosedSearch(search, since == null ? ClosedSearch.MAX_SINCE : since,
          !all, limit == null ? 50 : limit);
      List<Conversation> found = new ArrayList<>();
      for (Workspace.ConversationWithMessages c : Await.get(w.searchClosed(q), "searching")) {
        found.add(c.conversation());
      }
      print(p, found, false);
      return 0;
    }
    if (!watch) {
      print(p, rows(w, w.state()), false);
      return 0;
    }
    LinkedBlockingQueue<WorkspaceState> changes = new LinkedBlockingQueue<>();
    // a quiet list still redraws each second on a terminal, so the due-in column counts down
    boolean tick = !p.machine() && ctx.terminal().stdoutTty();
    try (AutoCloseable sub = w.onState(changes::add)) {
      WorkspaceState s = w.state();
      for (int shown = 1; ; shown++) {
        print(p, rows(w, s), true);
        if (updates >= 0 && shown >= updates) {
          return 0;
        }
        WorkspaceState next = tick ? changes.poll(1, TimeUnit.SECONDS) : changes.take();
        for (WorkspaceState newer; (newer = changes.poll()) != null; ) {
          next = newer;
        }
        if (next != null) {
          s = next;
        }
      }
    } catch (InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private TeamFilter filter = TeamFilter.none();

  private List<Conversation> rows(Workspace w, WorkspaceState s) {
    if (all && (!filter.equals(TeamFilter.none()) || closed)) {
      return teamRows(w, s);
    }
    String me = s.me() == null ? null : s.me().userId();
    List<Conversation> list = new ArrayList<>();
    Instant now = now();
    for (Conversation c : Sla.listOrder(s.conversations().values(), now, closed ? Duration.ofDays(1) : null)) {
      if (all || mine(c, me)) {
        list.add(c);
      }
    }
    if (closed) {
      // closed ones may be older than what the live state keeps: ask history too
      try {
        Map<String, Conversation> byId = new LinkedHashMap<>();
        list.forEach(c -> byId.put(c.id(), c));
        for (Workspace.ConversationWithMessages h : Await.get(w.searchClosed(ClosedSearch.myLastDay()), "loading closed conversations")) {
          byId.putIfAbsent(h.conversation().id(), h.conversation());
        }
        list = Sla.listOrder(byId.values(), now, Duration.ofDays(1));
      } catch (RuntimeException e) {
        progress("closed conversations from history unavailable: " + e.getMessage());
      }
    }
    if (limit != null && list.size() > limit) {
      list = list.subList(0, limit);
    }
    return list;
  }

  /**
   * The manager's All list: open ones in response-time order, then the team's closed ones of the
   * last 14 days (history), most recently closed first.
   */
  private List<Conversation> teamRows(Workspace w, WorkspaceState s) {
    List<Conversation> list = new ArrayList<>();
    if (filter.wantsOpen()) {
      for (Conversation c : Sla.listOrder(s.conversations().values(), now(), null)) {
        if (c.open() && filter.test(c)) {
          list.add(c);
        }
      }
    }
    if (filter.wantsClosed() && (closed || filter.status() == TeamFilter.Status.CLOSED)) {
      if (teamClosed == null) {
        teamClosed = Await.get(w.teamClosed(), "loading your team's closed conversations");
      }
      teamClosed.stream().filter(filter::test).forEach(list::add);
    }
    if (limit != null && list.size() > limit) {
      list = list.subList(0, limit);
    }
    return list;
  }

  /** History, loaded once per command: a --watch redraw shows the open ones live. */
  private List<Conversation> teamClosed;

  private Map<String, String> agentNames;

  /** User id to login name, loaded once per command (a --watch redraw must not ask again). */
  private Map<String, String> agentNames() {
    if (agentNames == null) {
      agentNames = new java.util.HashMap<>();
      try {
        for (dev.lpa.core.model.Agent ag : Await.get(workspace().agents(), "loading agents")) {
          agentNames.put(ag.userId(), dev.lpa.core.text.SafeText.line(ag.loginName()));
        }
      } catch (RuntimeException e) {
        progress("agent names unavailable: " + e.getMessage());
      }
    }
    return agentNames;
  }

  static boolean mine(Conversation c, String me) {
    if (c.myRole() != null) {
      return true;
    }
    return c.assignedAgent() != null && c.assignedAgent().id().equals(me);
  }

  private void print(Printer p, List<Conversation> list, boolean live) {
    Instant now = now();
    if (p.machine()) {
      List<Map<String, Object>> items = new ArrayList<>();
      list.forEach(c -> items.add(Views.json(c, now)));
      p.refreshed("conversations", items, live, now);
      return;
    }
    if (live && ctx.terminal().stdoutTty()) {
      p.clearScreen();
    }
    if (list.isEmpty()) {
      p.println(closed || !filter.equals(TeamFilter.none()) ? "No conversations." : "No open conversations. (lpa accept --next --wait 5m waits for one)");
      return;
    }
    Ansi a = p.ansi();
    int excerpt = Math.max(20, ctx.terminal().width() - 60);
    List<List<String>> rows = new ArrayList<>();
    if (!all) {
      for (Conversation c : list) {
        rows.add(Views.row(c, now, a, excerpt));
      }
      p.table(Views.LIST_HEADERS, rows);
      return;
    }
    // the team view says who has each conversation, "Unassigned" for the queue
    Map<String, String> names = agentNames();
    for (Conversation c : list) {
      List<String> row = new ArrayList<>(Views.row(c, now, a, excerpt));
      dev.lpa.core.model.Participant ag = c.assignedAgent();
      String who = ag == null ? a.dim("Unassigned")
          : names.getOrDefault(ag.id().substring(ag.id().lastIndexOf('.') + 1), ag.id());
      row.add(4, ag != null && ag.suggested() ? who + " (transfer)" : who);
      rows.add(row);
    }
    List<String> headers = new ArrayList<>(Views.LIST_HEADERS);
    headers.add(4, "AGENT");
    p.table(headers, rows);
  }
}
