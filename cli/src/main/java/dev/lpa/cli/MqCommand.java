package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.ErrorHandler;
import dev.lpa.cli.support.ExitCodes;
import dev.lpa.cli.support.OutputOptions;
import dev.lpa.cli.support.Printer;
import dev.lpa.core.bulk.BulkExecutor;
import dev.lpa.core.bulk.BulkPlan;
import dev.lpa.core.bulk.BulkPlanner;
import dev.lpa.core.bulk.BulkResult;
import dev.lpa.core.bulk.ConversationFilter;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.QueueHealth;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.workspace.StartMode;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "mq",
    description = "Queue management: bulk return to queue, queue health.",
    footer = {
      "",
      "Examples:",
      "  lpa mq status",
      "  lpa mq return-all --skill 1001 --dry-run",
      "  lpa mq return-all --help"
    },
    subcommands = {MqCommand.ReturnAll.class, MqCommand.Status.class})
public final class MqCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "return-all",
      description = "Return every open conversation matching the filters to its skill's queue.",
      footer = {
        "",
        "The set is computed first and printed as a plan; --dry-run stops there. On a terminal you confirm; elsewhere --yes is required. One result line per conversation, then a summary. Exit 5 when some failed. Re-running is safe: conversations already in the queue are skipped.",
        "",
        "Examples:",
        "  lpa mq return-all --agent agent2 --idle-for 30m --dry-run",
        "  lpa mq return-all --agent agent2 --idle-for 30m --yes --json",
        "  lpa mq return-all --skill Billing --match refund --concurrency 8",
        "  lpa mq return-all 3f2a 9bc1 --yes"
      })
  public static final class ReturnAll extends WorkspaceCommand {
    @Parameters(arity = "0..*", paramLabel = "CONV", description = "Only these conversations (ids or unique prefixes); the filters still apply.")
    List<String> ids;

    @Option(names = "--skill", paramLabel = "SKILL", description = "Only this skill (id or name).")
    String skill;

    @Option(names = "--agent", paramLabel = "AGENT", description = "Only conversations assigned to this agent (login or id).")
    String agent;

    @Option(names = "--idle-for", paramLabel = "DURATION", description = "Only those with no message for at least DURATION (e.g. 30m).")
    Duration idleFor;

    @Option(names = "--match", paramLabel = "TEXT", description = "Only those whose consumer name or last message contains TEXT.")
    String match;

    @Option(names = "--dry-run", description = "Print the plan and stop.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (required off a terminal).")
    boolean yes;

    @Option(names = "--concurrency", paramLabel = "N", description = "How many at once (default: ${DEFAULT-VALUE}).")
    int concurrency = 4;

    @Mixin OutputOptions output;

    @Override
    public Integer call() {
      if (concurrency < 1 || concurrency > 64) {
        throw CliException.usage("--concurrency must be between 1 and 64");
      }
      // run unseen (--yes, no filter on history or names): the conversations alone, no history
      // or consumer look-ups; a plan someone reads, or a filter on them, waits for those
      boolean unseen = yes && !dryRun && idleFor == null && match == null;
      Workspace w = workspace(unseen ? StartMode.BULK : StartMode.LISTING);
      String skillId = skill == null ? null : Lookups.skill(w, skill).id();
      String agentId = null;
      if (agent != null) {
        Agent a = Lookups.agent(w, agent);
        agentId = a.userId();
      }
      ConversationFilter filter = new ConversationFilter(skillId, agentId, idleFor, match);
      WorkspaceState state = w.state();
      BulkPlan plan = BulkPlanner.returnToQueue(state, filter, ids == null ? List.of() : ids, now());
      plan = inWords(plan, state, new ReturnPlanText(agentsById(w), filter, ids != null && !ids.isEmpty(), now()));
      Printer p = printer(output);
      printPlan(p, plan);
      if (dryRun) {
        if (p.machine()) {
          p.document(planJson(plan, true));
        }
        return 0;
      }
      if (!yes && !plan.isEmpty()) {
        if (!ctx.terminal().interactive()) {
          throw CliException.usage("add --yes to return " + plan.targets().size()
              + " conversation(s) to the queue (not on a terminal, so it cannot ask)");
        }
        String a = ctx.prompter().ask("Return " + plan.targets().size() + " conversation(s) to the queue? [y/N] ");
        if (a == null || !a.trim().toLowerCase().startsWith("y")) {
          throw CliException.cancelled("nothing returned");
        }
      }
      dev.lpa.core.internal.CoreLog.step("mq return-all: " + plan.targets().size() + " to return");
      BulkResult result = Await.get(
          BulkExecutor.run(plan, w::returnToQueue, concurrency, r -> item(p, r)),
          "returning conversations", Duration.ofMinutes(30));
      dev.lpa.core.internal.CoreLog.step("mq return-all: done");
      summary(p, result);
      return result.partialFailure() ? ExitCodes.PARTIAL : 0;
    }

    /** Agents by user id for names in the plan; without the list the plan still shows ids. */
    private Map<String, Agent> agentsById(Workspace w) {
      Map<String, Agent> byId = new LinkedHashMap<>();
      try {
        for (Agent a : Await.get(w.agents(), "loading agents")) {
          byId.put(a.userId(), a);
        }
      } catch (RuntimeException e) {
        progress("agent names unavailable: " + e.getMessage());
      }
      return byId;
    }

    /** The same plan, with the descriptions and the reasons of planned returns for people. */
    static BulkPlan inWords(BulkPlan plan, WorkspaceState state, ReturnPlanText text) {
      List<BulkPlan.Item> targets = new ArrayList<>();
      for (BulkPlan.Item i : plan.targets()) {
        Conversation c = state.conversations().get(i.conversationId());
        targets.add(c == null ? i : new BulkPlan.Item(i.conversationId(), text.describe(c), text.why(c)));
      }
      List<BulkPlan.Item> skipped = new ArrayList<>();
      for (BulkPlan.Item i : plan.skipped()) {
        Conversation c = state.conversations().get(i.conversationId());
        skipped.add(c == null ? i : new BulkPlan.Item(i.conversationId(), text.describe(c), i.reason()));
      }
      return new BulkPlan(plan.action(), List.copyOf(targets), List.copyOf(skipped));
    }

    private void printPlan(Printer p, BulkPlan plan) {
      if (p.machine()) {
        return;
      }
      if (plan.isEmpty()) {
        p.println("Nothing to return: no open assigned conversation matches"
            + (plan.skipped().isEmpty() ? "." : " (" + plan.skipped().size() + " skipped)."));
      } else {
        p.println("Plan: return " + plan.targets().size() + " conversation(s) to the queue"
            + (plan.skipped().isEmpty() ? "" : ", skip " + plan.skipped().size()) + ":");
      }
      List<List<String>> rows = new ArrayList<>();
      plan.targets().forEach(i -> rows.add(List.of("return", Views.shortId(i.conversationId()), i.description(), i.reason())));
      plan.skipped().forEach(i -> rows.add(List.of("skip", Views.shortId(i.conversationId()), i.description(), i.reason())));
      if (!rows.isEmpty()) {
        p.table(List.of("ACTION", "ID", "CONVERSATION", "WHY"), rows);
      }
      if (dryRun) {
        p.println("Dry run: nothing was changed.");
      }
    }

    // called from core threads as items complete: one line each, never interleaved
    private synchronized void item(Printer p, BulkResult.ItemResult r) {
      if (r.outcome() == BulkResult.Outcome.SKIPPED) {
        return;
      }
      if (p.format() == OutputOptions.Format.JSONL) {
        p.line(itemJson(r));
      } else if (!p.machine()) {
        String word = switch (r.outcome()) {
          case DONE -> p.ansi().green("returned");
          case FAILED -> p.ansi().red("failed  ");
          case SKIPPED -> "skipped ";
        };
        p.println(Views.shortId(r.conversationId()) + "  " + word
            + (r.outcome() == BulkResult.Outcome.FAILED ? "  " + ErrorHandler.classify(r.error()).message() : ""));
      }
    }

    private void summary(Printer p, BulkResult result) {
      long done = result.count(BulkResult.Outcome.DONE);
      long failed = result.count(BulkResult.Outcome.FAILED);
      long skipped = result.count(BulkResult.Outcome.SKIPPED);
      if (p.format() == OutputOptions.Format.JSON) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", result.action());
        m.put("returned", done);
        m.put("failed", failed);
        m.put("skipped", skipped);
        m.put("items", result.items().stream().map(ReturnAll::itemJson).toList());
        p.document(m);
      } else if (p.format() == OutputOptions.Format.JSONL) {
        p.line(Map.of("summary", Map.of("returned", done, "failed", failed, "skipped", skipped)));
      } else {
        p.println(done + " returned, " + failed + " failed, " + skipped + " skipped.");
      }
    }

    static Map<String, Object> itemJson(BulkResult.ItemResult r) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("conversationId", r.conversationId());
      m.put("outcome", r.outcome().name().toLowerCase());
      m.put("detail", r.outcome() == BulkResult.Outcome.FAILED ? ErrorHandler.classify(r.error()).message() : r.detail());
      return m;
    }

    static Map<String, Object> planJson(BulkPlan plan, boolean dryRun) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("action", plan.action());
      m.put("dryRun", dryRun);
      m.put("targets", plan.targets().stream().map(ReturnAll::planItem).toList());
      m.put("skipped", plan.skipped().stream().map(ReturnAll::planItem).toList());
      return m;
    }

    private static Map<String, Object> planItem(BulkPlan.Item i) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("conversationId", i.conversationId());
      m.put("description", i.description());
      m.put("reason", i.reason());
      return m;
    }
  }

  @Command(
      name = "status",
      description = "Queue health per skill: waiting, overdue (in the queue and assigned), longest wait, agents online.",
      footer = {"", "With --watch on a terminal: a bar per skill (█ overdue, ▒ waiting), redrawn every --every; off a terminal one table (or with --json one JSON line) per refresh.",
          "", "Examples:", "  lpa mq status", "  lpa mq status --watch", "  lpa mq status --json"})
  public static final class Status extends WorkspaceCommand {
    @Option(names = "--watch", description = "Keep it live: refresh every --every (Ctrl-C to stop).")
    boolean watch;

    @Option(names = "--every", paramLabel = "DURATION", description = "How often --watch asks again (default: 5s, at least 2s).")
    Duration every = Duration.ofSeconds(5);

    @Option(names = "--updates", paramLabel = "N", hidden = true, description = "With --watch, stop after N refreshes.")
    int updates = -1;

    @Mixin OutputOptions output;

    @Override
    public Integer call() throws InterruptedException {
      if (every.compareTo(Duration.ofSeconds(2)) < 0) {
        throw CliException.usage("--every must be at least 2s");
      }
      Workspace w = workspace();
      Printer p = printer(output);
      // queue health is a reporting API with no push: polled
      for (int shown = 1; ; shown++) {
        print(p, Await.get(w.queueHealth(), "loading queue health"));
        if (!watch || (updates >= 0 && shown >= updates)) {
          return 0;
        }
        Thread.sleep(every.toMillis());
      }
    }

    private void print(Printer p, List<QueueHealth> health) {
      if (p.machine()) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (QueueHealth h : health) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("skillId", h.skillId());
          m.put("skill", SafeText.line(h.skillName()));
          m.put("waiting", h.waiting());
          m.put("overdue", h.overdue() < 0 ? null : h.overdue());
          m.put("overdueAssigned", h.overdueAssigned() < 0 ? null : h.overdueAssigned());
          m.put("longestWaitSeconds", h.longestWait() == null ? null : h.longestWait().getSeconds());
          m.put("agentsOnline", h.agentsOnline());
          items.add(m);
        }
        p.refreshed("skills", items, watch, now());
        return;
      }
      if (watch && ctx.terminal().stdoutTty()) {
        p.clearScreen();
        p.println("Queue health at " + java.time.LocalTime.ofInstant(now(), java.time.ZoneId.systemDefault())
            .withNano(0) + " (every " + every.getSeconds() + "s, Ctrl-C to stop)");
        int bar = Math.max(10, Math.min(40, ctx.terminal().width() - 70));
        QueueBars.render(health, bar, p.ansi()).forEach(p::println);
        return;
      }
      List<List<String>> rows = new ArrayList<>();
      for (QueueHealth h : health) {
        rows.add(List.of(h.skillId(), SafeText.line(h.skillName()), Integer.toString(h.waiting()),
            count(p, h.overdue()), count(p, h.overdueAssigned()),
            Sla.formatDueIn(h.longestWait()), h.agentsOnline() < 0 ? "?" : Integer.toString(h.agentsOnline())));
      }
      p.table(List.of("ID", "SKILL", "WAITING", "OVERDUE", "OVERDUE ASSIGNED", "LONGEST", "ONLINE"), rows);
    }

    /** An overdue count: red when above zero, "?" when the server does not tell. */
    private static String count(Printer p, int n) {
      return n < 0 ? "?" : n > 0 ? p.ansi().red(Integer.toString(n)) : "0";
    }
  }

}
