package dev.lpa.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.sim.conformance.NodeScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs LivePerson's published Node agent SDK (npm {@code node-agent-sdk} 1.2.0, unmodified) against
 * the simulator through the project's scripts in {@code conformance/node}. Each script checks what
 * the SDK must see and exits non-zero on any miss; this class prepares the scenario, asserts exit 0,
 * cross-checks the simulator's side, and validates every frame the simulator queued for the SDK's
 * socket against LivePerson's schemas.
 *
 * <p>Needs {@code node} and {@code npm}; when {@code conformance/node/node_modules} lacks the SDK it
 * runs {@code npm ci --no-audit --no-fund} there first. Without node, or when the install fails
 * (offline), the class is skipped, unless the environment variable {@code CI} is set: then it fails.
 */
class NodeSdkConformanceTest extends SimTestBase {
  private static NodeScript node;

  /** Frames the simulator queued for agent sockets (the SDK's and the test's own probes). */
  private final List<String> agentFrames = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void needNodeAndSdk() {
    Path dir = Path.of("").toAbsolutePath().getParent().resolve("conformance/node");
    String missing = NodeScript.whatIsMissing(dir);
    if (missing != null && missing.endsWith("is not installed")) {
      // a fresh checkout: install the pinned SDK from the lock file, as a developer would by hand
      String failed = NodeScript.installIfMissing(dir);
      missing = failed == null ? NodeScript.whatIsMissing(dir) : failed;
    }
    if (missing != null) {
      String why = "Node SDK conformance cannot run: " + missing
          + " (install Node 18+ and npm; the test runs `npm ci --no-audit --no-fund` in conformance/node)";
      if (System.getenv("CI") != null) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    node = new NodeScript(dir);
  }

  @Override
  SimConfig.Builder config() {
    // The SDK's own timers run on real time and the scripts compare getClock with it, so the
    // simulator's clock starts at now; it stays still, so no ring expires mid-test.
    clock = new SimClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    return SimConfig.builder().clock(clock).admin(true);
  }

  @BeforeEach
  void tapAgentFrames() {
    sim.tapFrames((kind, frame) -> {
      if (kind == Conn.Kind.AGENT) {
        agentFrames.add(frame);
      }
    });
  }

  @AfterEach
  void framesSentToTheSdkMatchTheSchemas() throws Exception {
    if (!Schemas.available()) {
      return;
    }
    List<String> problems = new ArrayList<>();
    for (String text : agentFrames) {
      JsonNode f = Json.M.readTree(text);
      List<String> found = new ArrayList<>(Schemas.violations("agent", f));
      if (f.path("type").asText().equals(".ams.ms.QueryMessages$Response")) {
        // The shared checker validates only this response's envelope; each history item is a
        // messaging event that must match LP's event schema like a live one.
        ObjectNode asNotification = Json.obj().put("kind", "notification").put("type", "ms.MessagingEventNotification");
        asNotification.putObject("body").set("changes", f.path("body"));
        found.addAll(Schemas.violations("agent", asNotification));
      }
      for (String v : found) {
        problems.add(f.path("type").asText() + " -> " + v + " in "
            + (text.length() > 400 ? text.substring(0, 400) + "..." : text));
      }
    }
    assertThat(problems).as("frames sent to the Node SDK that do not match LivePerson's schemas").isEmpty();
  }

  private NodeScript.Result run(String script, DemoAccount.User user, String... extraArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of(
        "--csds=" + sim.csdsDomain(), "--account=" + ACCT, "--user=" + user.login(), "--password=" + user.password()));
    args.addAll(List.of(extraArgs));
    long t0 = System.nanoTime();
    NodeScript.Result r = node.run(script, sim.caPem(), args);
    System.out.printf("== node %s (%d ms, exit %d)%n%s%n", script, (System.nanoTime() - t0) / 1_000_000, r.exitCode(), r.output());
    assertThat(r.exitCode()).as("%s exit code; its output:%n%s", script, r.output()).isZero();
    assertThat(r.output()).as("%s output", script).contains("PASS ");
    return r;
  }

  private List<String> agentFrameTypes() throws Exception {
    List<String> types = new ArrayList<>();
    for (String f : agentFrames) {
      types.add(Json.M.readTree(f).path("type").asText());
    }
    return types;
  }

  @Test
  void agentAcceptsRepliesMarksReadAndClosesOnHashClose() throws Exception {
    run("agent-flow.js", DemoAccount.user(DemoAccount.AGENT1).orElseThrow());

    assertThat(admin.openConversations()).as("the script closed the one conversation it was rung for").isEmpty();
    assertThat(agentFrameTypes()).as("the SDK was sent each kind of frame this flow needs, all schema-checked")
        .contains(".GetClock$Response", ".ams.routing.RoutingTaskNotification",
            ".ams.aam.ExConversationChangeNotification", ".ams.ms.QueryMessages$Response",
            ".ams.ms.OnlineEventDistribution");
  }

  @Test
  void theSdkMethodsAgentFlowLeavesOut() throws Exception {
    run("agent-ops.js", DemoAccount.user("agent2").orElseThrow());

    List<String> types = agentFrameTypes();
    assertThat(types).as("frames for the extra SDK methods, all schema-checked")
        .contains(".ams.routing.AgentStateNotification", ".ams.routing.RoutingTaskNotification",
            ".ams.ms.GenerateURLResponse", ".ams.aam.ExConversationChangeNotification");
    assertThat(sim.engine().auth.all()).as("the SDK refreshed its session (each refresh replaces the cookie)")
        .anyMatch(se -> se.user.login().equals("agent2") && !se.previousCookies.isEmpty());
  }

  @Test
  void managerJoinsATeamConversationAndGreetsTheConsumer() throws Exception {
    Login a1 = login(DemoAccount.AGENT1);
    WsProbe p1 = onlineAgent(a1);
    String conv = admin.createConversation(DemoAccount.SKILL_GENERAL, "Join Me", List.of("can a lead help?"));
    accept(p1, awaitRing(p1, conv));
    awaitConv(p1, conv, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    DemoAccount.User m1 = DemoAccount.user(DemoAccount.MANAGER1).orElseThrow();

    NodeScript.Result r = run("manager-join.js", m1, "--conversation=" + conv);

    assertThat(r.output()).contains("joined " + conv);
    JsonNode joined = awaitConv(p1, conv, "UPSERT",
        res -> res.path("conversationDetails").path("participants").path("MANAGER").size() == 1);
    assertThat(joined.path("conversationDetails").path("participants").path("MANAGER").get(0).asText())
        .isEqualTo(m1.legacyId());
    assertThat(joined.path("conversationDetails").path("participantsPId").path("MANAGER").get(0).asText())
        .isEqualTo(m1.pid());
    JsonNode greeting = p1.awaitNotification(".ams.ms.OnlineEventDistribution",
        b -> b.path("event").path("message").asText().startsWith("Hi, I am the team lead")).path("body");
    assertThat(greeting.path("originatorPId").asText()).as("the assigned agent sees the manager's PID").isEqualTo(m1.pid());
    assertThat(greeting.path("originatorId").asText()).isEqualTo(m1.legacyId());
    assertThat(greeting.path("originatorMetadata").path("role").asText()).isEqualTo("MANAGER");
  }

  @Test
  void closeEverythingBotClosesWhatTheManagerSeesAndNothingElse() throws Exception {
    Login a1 = login(DemoAccount.AGENT1);
    WsProbe p1 = onlineAgent(a1);
    String assigned = admin.createConversation(DemoAccount.SKILL_GENERAL, "Assigned One", List.of("hello"));
    accept(p1, awaitRing(p1, assigned));
    awaitConv(p1, assigned, "UPSERT", r -> assignedTo(r, a1.legacyId()));
    String queued1 = admin.createConversation(DemoAccount.SKILL_SALES, "Queued Two", List.of("anyone?"));
    String queued2 = admin.createConversation(DemoAccount.SKILL_TECH, "Queued Three", List.of("help"));
    // VIP is held only by team Borealis, so manager1 (team Atlas) cannot see this one.
    String hidden = admin.createConversation(DemoAccount.SKILL_VIP, "Not Mine", List.of("vip here"));

    NodeScript.Result r = run("close-all.js", DemoAccount.user(DemoAccount.MANAGER1).orElseThrow(), "--expect=3");

    assertThat(r.output()).contains(assigned, queued1, queued2).doesNotContain(hidden);
    assertThat(admin.openConversations()).containsExactly(hidden);
    JsonNode gone = awaitConv(p1, assigned, "DELETE", res -> true);
    assertThat(gone.path("conversationDetails").path("state").asText()).isEqualTo("CLOSE");
  }

  @Test
  void scriptsFailLoudlyOnAMiss() throws Exception {
    // A wrong password must make the SDK emit `error` and the script exit non-zero, so a green run
    // above means the checks ran rather than that nothing was checked.
    NodeScript.Result r = node.run("agent-flow.js", sim.caPem(), List.of("--csds=" + sim.csdsDomain(),
        "--account=" + ACCT, "--user=agent1", "--password=wrong", "--timeout-ms=20000"));
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output()).contains("FAIL agent-flow").contains("SDK emitted error");
  }

  @Test
  void manifestPinsTheSdkAndTheLockNamesNoOtherRegistry() throws Exception {
    Path dir = node.dir();
    JsonNode pkg = Json.M.readTree(Files.readString(dir.resolve("package.json")));
    assertThat(pkg.path("dependencies").path("node-agent-sdk").asText()).isEqualTo("1.2.0");
    JsonNode lock = Json.M.readTree(Files.readString(dir.resolve("package-lock.json")));
    assertThat(lock.path("packages").path("node_modules/node-agent-sdk").path("version").asText()).isEqualTo("1.2.0");
    List<String> foreign = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : lock.path("packages").properties()) {
      String resolved = e.getValue().path("resolved").asText("");
      if (!resolved.isEmpty() && !resolved.startsWith("https://registry.npmjs.org/")) {
        foreign.add(e.getKey() + " -> " + resolved);
      }
    }
    assertThat(foreign).as("packages resolved from somewhere other than the default registry").isEmpty();
  }
}
