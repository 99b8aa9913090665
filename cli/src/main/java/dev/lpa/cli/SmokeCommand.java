package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.ErrorHandler;
import dev.lpa.cli.support.ExitCodes;
import dev.lpa.cli.support.LpaCommand;
import dev.lpa.cli.support.Printer;
import dev.lpa.core.LpaClient;
import dev.lpa.core.auth.Credentials;
import dev.lpa.core.auth.Endpoint;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Ring;
import dev.lpa.core.model.Session;
import dev.lpa.core.workspace.ConnectionState;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "smoke",
    description = "CI smoke test: log in from the environment, connect, subscribe, change state; optionally a full conversation.",
    footer = {
      "",
      "Reads LPA_ACCOUNT, LPA_USERNAME and LPA_PASSWORD (or LPA_TOKEN), LPA_CSDS and LPA_CA_FILE. Steps: login (with domain discovery), socket, subscribe, state. With --conversation, a round trip with a consumer played through the simulator's admin API: ring, accept, consumer message in, agent reply out, consumer reply in, close. The conversation goes to a skill of the smoke user that no other online agent serves (fewest waiting first), only its own ring is accepted, and a failed run closes the conversation it opened. Exit 0 when every step passed, else the exit code of the first failure.",
      "",
      "Examples:",
      "  LPA_ACCOUNT=90233546 LPA_USERNAME=agent1 LPA_PASSWORD=agent1-pass \\",
      "    LPA_CSDS=127.0.0.1:8443 LPA_CA_FILE=ca.pem lpa smoke --conversation --junit smoke.xml",
      "  lpa smoke --json | jq '.steps[] | select(.ok|not)'"
    })
public final class SmokeCommand extends LpaCommand {
  @Option(names = "--conversation", description = "Also run a full conversation round trip (simulator only).")
  boolean conversation;

  @Option(names = "--junit", paramLabel = "FILE", description = "Write the steps as a JUnit XML report.")
  Path junit;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(names = "--timeout", paramLabel = "DURATION", description = "Time allowed per step (default: 30s).")
  Duration timeout = Duration.ofSeconds(30);

  record Step(String name, boolean ok, long millis, String detail, int code) {}

  private final List<Step> steps = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    String profile = common.profileOrNull() == null ? "smoke" : common.profileOrNull();
    LpaClient client = ctx.sessions().client();
    Instant started = Instant.now();
    Workspace[] w = new Workspace[1];
    Session[] session = new Session[1];
    boolean ok = step("login", () -> {
      session[0] = Await.get(client.login(profile, endpoint(), credentials()), "logging in", timeout);
      return "as " + session[0].loginName() + " on account " + session[0].accountId();
    });
    ok = ok && step("socket", () -> {
      ctx.sessions().forget(profile);
      w[0] = Await.get(client.open(profile), "connecting", timeout);
      WorkspaceState s = waitFor(w[0], st -> st.connection() == ConnectionState.CONNECTED, "the socket to connect");
      return "connected";
    });
    ok = ok && step("subscribe", () -> {
      WorkspaceState s = Await.get(w[0].ready(), "subscribing", timeout);
      return s.conversations().size() + " conversation(s), " + s.rings().size() + " ring(s)";
    });
    AgentState before = w[0] == null ? null : w[0].state().agentState();
    ok = ok && step("state", () -> {
      AgentState target = before == AgentState.ONLINE && !conversation ? AgentState.AWAY : AgentState.ONLINE;
      Await.get(w[0].setAgentState(target), "changing state", timeout);
      waitFor(w[0], st -> st.agentState() == target, "the server to confirm the state");
      return (before == null ? "?" : before.cliName()) + " -> " + target.cliName();
    });
    if (conversation) {
      ok = ok && roundTrip(w[0], session[0]);
    }
    if (w[0] != null && before != null && before != w[0].state().agentState()) {
      step("restore-state", () -> {
        Await.get(w[0].setAgentState(before), "restoring the state", timeout);
        return before.cliName();
      });
    }
    ctx.sessions().forget(profile);
    report(started);
    if (ok && steps.stream().allMatch(Step::ok)) {
      return 0;
    }
    return steps.stream().filter(s -> !s.ok()).findFirst().map(Step::code).orElse(ExitCodes.ERROR);
  }

  private boolean roundTrip(Workspace w, Session me) {
    String nonce = UUID.randomUUID().toString().substring(0, 8);
    String[] conv = new String[1];
    boolean[] closed = new boolean[1];
    SimAdminClient[] admin = new SimAdminClient[1];
    boolean ok = false;
    try {
      ok = step("conversation-open", () -> {
        admin[0] = new SimAdminClient(endpointHost(), caFile());
        long skill = ownSkill(w, me);
        conv[0] = admin[0].createConversation(skill, "lpa smoke " + nonce, "smoke ping " + nonce);
        return "conversation " + conv[0] + " on skill " + skill;
      });
      ok = ok && step("ring-accept", () -> {
        // only the ring of this conversation: rings of other traffic are not the smoke's to take
        WorkspaceState s = waitFor(w, st -> st.rings().stream().anyMatch(r -> r.waiting() && r.conversationId().equals(conv[0])),
            "the ring of conversation " + Views.shortId(conv[0]));
        Ring r = s.rings().stream().filter(x -> x.waiting() && x.conversationId().equals(conv[0])).findFirst().orElseThrow();
        Await.get(w.acceptRing(r.ringId()), "accepting", timeout);
        return "accepted ring " + r.ringId();
      });
      ok = ok && step("consumer-message-in", () -> {
        waitFor(w, st -> has(st, conv[0], "smoke ping " + nonce), "the consumer's first message");
        return "received";
      });
      ok = ok && step("agent-message-out", () -> {
        Message m = Await.get(w.sendText(conv[0], "smoke pong " + nonce), "sending", timeout);
        return "sequence " + m.sequence();
      });
      ok = ok && step("consumer-reply-in", () -> {
        admin[0].consumerSays(conv[0], "smoke bye " + nonce);
        waitFor(w, st -> has(st, conv[0], "smoke bye " + nonce), "the consumer's reply");
        return "received";
      });
      ok = ok && step("close", () -> {
        Await.get(w.close(conv[0]), "closing", timeout);
        closed[0] = true;
        return "closed";
      });
    } finally {
      if (conv[0] != null && !closed[0]) {
        // a failed run must not leave its conversation in the queue for a real agent to find
        step("cleanup", () -> {
          admin[0].consumerCloses(conv[0]);
          return "closed conversation " + conv[0] + " after the failure";
        });
      }
    }
    return ok;
  }

  /**
   * A skill of the smoke user that no other online agent serves, fewest waiting first: the
   * conversation then rings this user, not whoever else is online, and does not queue behind
   * traffic that is already waiting.
   */
  private long ownSkill(Workspace w, Session me) {
    String uid = me.userId().contains(".") ? me.userId().substring(me.userId().lastIndexOf('.') + 1) : me.userId();
    List<Agent> agents = Await.get(w.agents(), "loading agents", timeout);
    Agent self = agents.stream().filter(a -> a.userId().equals(uid)).findFirst().orElse(null);
    if (self == null || self.skillIds().isEmpty()) {
      throw new CliException(ExitCodes.ERROR, "the smoke user has no skill to receive a conversation on");
    }
    Map<String, Integer> waiting = new LinkedHashMap<>();
    try {
      for (dev.lpa.core.model.QueueHealth q : Await.get(w.queueHealth(), "loading queue health", timeout)) {
        waiting.put(q.skillId(), q.waiting());
      }
    } catch (RuntimeException e) {
      // without queue health every free skill counts as empty
    }
    List<String> contested = new ArrayList<>();
    String best = null;
    for (String skill : self.skillIds()) {
      List<String> others = agents.stream()
          .filter(a -> !a.userId().equals(uid) && a.state() == AgentState.ONLINE && a.skillIds().contains(skill))
          .map(a -> a.loginName() == null ? a.userId() : a.loginName())
          .toList();
      if (!others.isEmpty()) {
        contested.add("skill " + skill + ": " + String.join(", ", others));
      } else if (best == null || waiting.getOrDefault(skill, 0) < waiting.getOrDefault(best, 0)) {
        best = skill;
      }
    }
    if (best == null) {
      throw new CliException(ExitCodes.ERROR, "no skill of " + self.loginName()
          + " is free of other online agents, so the test conversation could ring someone else ("
          + String.join("; ", contested) + "); run smoke as a user with a skill of its own");
    }
    return Long.parseLong(best);
  }

  private static boolean has(WorkspaceState s, String conv, String text) {
    return s.messagesOf(conv).stream().anyMatch(m -> m.content() instanceof Message.Text t && t.text().equals(text));
  }

  interface Body {
    String run() throws Exception;
  }

  private boolean step(String name, Body body) {
    long t0 = System.nanoTime();
    try {
      String detail = dev.lpa.core.text.SafeText.line(body.run());
      steps.add(new Step(name, true, (System.nanoTime() - t0) / 1_000_000, detail, 0));
      return true;
    } catch (Exception e) {
      ErrorHandler.Failure f = ErrorHandler.classify(e);
      steps.add(new Step(name, false, (System.nanoTime() - t0) / 1_000_000, f.message(), f.code()));
      return false;
    }
  }

  /** Waits until the workspace's state satisfies {@code p}, within the step timeout. */
  private WorkspaceState waitFor(Workspace w, Predicate<WorkspaceState> p, String what) throws Exception {
    LinkedBlockingQueue<WorkspaceState> q = new LinkedBlockingQueue<>();
    try (AutoCloseable sub = w.onState(q::add)) {
      WorkspaceState s = w.state();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!p.test(s)) {
        long left = deadline - System.nanoTime();
        WorkspaceState next = left > 0 ? q.poll(left, TimeUnit.NANOSECONDS) : null;
        if (next == null) {
          throw new CliException(ExitCodes.GAVE_UP, "timed out after " + timeout.toSeconds() + "s waiting for " + what);
        }
        s = next;
      }
      return s;
    }
  }

  private Endpoint endpoint() {
    String account = need("LPA_ACCOUNT");
    return new Endpoint(account, endpointHost(), caFile(), false);
  }

  private String endpointHost() {
    return ctx.env("LPA_CSDS") == null ? Endpoint.LIVEPERSON_CSDS : ctx.env("LPA_CSDS");
  }

  private Path caFile() {
    return ctx.env("LPA_CA_FILE") == null ? null : Path.of(ctx.env("LPA_CA_FILE"));
  }

  private Credentials credentials() {
    if (ctx.env("LPA_TOKEN") != null) {
      return new Credentials.Bearer(ctx.env("LPA_TOKEN"));
    }
    return new Credentials.Password(need("LPA_USERNAME"), need("LPA_PASSWORD").toCharArray());
  }

  private String need(String var) {
    String v = ctx.env(var);
    if (v == null) {
      throw CliException.usage(var + " is not set (smoke logs in from the environment; see lpa help environment)");
    }
    return v;
  }

  private void report(Instant started) throws IOException {
    boolean allOk = steps.stream().allMatch(Step::ok);
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ok", allOk);
      m.put("started", started);
      m.put("steps", steps.stream().map(s -> {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("name", s.name());
        x.put("ok", s.ok());
        x.put("millis", s.millis());
        x.put("detail", s.detail());
        return x;
      }).toList());
      new Printer(out(), dev.lpa.cli.support.OutputOptions.Format.JSON, ansiOut()).document(m);
    } else {
      for (Step s : steps) {
        out().println((s.ok() ? ansiOut().green("ok  ") : ansiOut().red("FAIL")) + " " + s.name()
            + " (" + s.millis() + " ms) " + s.detail());
      }
      out().println(allOk ? "smoke: all " + steps.size() + " steps passed" : "smoke: FAILED");
      out().flush();
    }
    if (junit != null) {
      Path parent = junit.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(junit, junitXml(), StandardCharsets.UTF_8);
    }
  }

  String junitXml() {
    long failures = steps.stream().filter(s -> !s.ok()).count();
    double total = steps.stream().mapToLong(Step::millis).sum() / 1000.0;
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuite name=\"lpa.smoke\" tests=\"").append(steps.size()).append("\" failures=\"").append(failures)
        .append("\" errors=\"0\" time=\"").append(String.format(java.util.Locale.ROOT, "%.3f", total)).append("\">\n");
    for (Step s : steps) {
      b.append("  <testcase classname=\"lpa.smoke\" name=\"").append(xml(s.name())).append("\" time=\"")
          .append(String.format(java.util.Locale.ROOT, "%.3f", s.millis() / 1000.0)).append("\"");
      if (s.ok()) {
        b.append("/>\n");
      } else {
        b.append(">\n    <failure message=\"").append(xml(s.detail())).append("\"/>\n  </testcase>\n");
      }
    }
    return b.append("</testsuite>\n").toString();
  }

  private static String xml(String s) {
    return s == null ? "" : dev.lpa.core.text.SafeText.line(s).replace("&", "&amp;").replace("<", "&lt;")
        .replace(">", "&gt;").replace("\"", "&quot;");
  }
}
