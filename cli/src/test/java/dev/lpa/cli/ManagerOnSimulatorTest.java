package dev.lpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpa.cli.support.CliContext;
import dev.lpa.cli.support.Prompter;
import dev.lpa.cli.support.Terminal;
import dev.lpa.core.DefaultLpaClient;
import dev.lpa.core.auth.Tuning;
import dev.lpa.sim.DemoAccount;
import dev.lpa.sim.SimClock;
import dev.lpa.sim.SimConfig;
import dev.lpa.sim.Simulator;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The manager's face of the command line against the simulator, on a clock the test moves:
 * manager1 manages agent1..agent3 (General, Sales, Billing, Tech); agent4 and the VIP skill are
 * another team's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ManagerOnSimulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  final SimClock clock = new SimClock(Instant.now());
  Simulator sim;
  @TempDir Path tmp;

  String old;
  String recent;
  String otherTeam;
  String mine1;
  String mine2;
  String queued;
  String vip;

  @BeforeAll
  void start() throws Exception {
    sim = Simulator.start(SimConfig.builder().clock(clock).port(0).admin(true).build());
    old = sim.admin().seedConversations(1, "agent1").get(0);
    sim.admin().consumerCloses(old);
    sim.admin().advanceClock(Duration.ofDays(2));
    recent = sim.admin().seedConversations(1, "agent1").get(0);
    sim.admin().consumerCloses(recent);
    otherTeam = sim.admin().seedConversations(1, "agent4").get(0);
    sim.admin().consumerCloses(otherTeam);
    // "old" started 15 days ago, "recent" and "otherTeam" 13
    sim.admin().advanceClock(Duration.ofDays(13));
    mine1 = sim.admin().seedConversations(1, "agent1").get(0);
    mine2 = sim.admin().seedConversations(1, "agent2").get(0);
    queued = sim.admin().createConversation(DemoAccount.SKILL_TECH, "Sofia Rossi", List.of("anyone?"));
    vip = sim.admin().createConversation(DemoAccount.SKILL_VIP, "Noah Thompson", List.of("vip here"));
  }

  @AfterAll
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  record Result(int code, String out, String err) {}

  Result runWith(String stdin, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("LPA_CONFIG_DIR", tmp.resolve("config").toString());
    env.put("LPA_DATA_DIR", tmp.resolve("data").toString());
    env.put("HOME", tmp.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (CliContext ctx = new CliContext(env, clock, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        Terminal.NONE, Prompter.console(), c -> DefaultLpaClient.create(c, Tuning.fast()))) {
      CommandLine cl = Main.commandLine(ctx);
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      return new Result(cl.execute(args), out.toString(), err.toString());
    }
  }

  Result run(String... args) {
    return runWith("", args);
  }

  void loginManager() {
    Result in = runWith("manager1-pass\n", "login", "--account", sim.accountId(), "--username", "manager1",
        "--password-stdin", "--csds", sim.csdsDomain(), "--ca-file", sim.caPem().toString());
    assertThat(in.code()).as(in.err()).isZero();
  }

  List<String> ids(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("list", "--all", "--json"));
    all.addAll(List.of(args));
    Result r = run(all.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    List<String> out = new ArrayList<>();
    for (JsonNode n : JSON.readTree(r.out())) {
      out.add(n.get("id").asText());
    }
    return out;
  }

  @Test
  void listAllFiltersByStatusAgentsAndSkills() throws Exception {
    loginManager();
    assertThat(ids()).contains(mine1, mine2, queued).doesNotContain(vip, old, recent);
    assertThat(ids("--status", "open")).containsExactlyInAnyOrder(mine1, mine2, queued);
    assertThat(ids("--status", "unassigned")).containsExactly(queued);
    assertThat(ids("--status", "closed")).containsExactly(recent);
    assertThat(ids("--agent", "agent1")).containsExactly(mine1);
    assertThat(ids("--agent", "agent1", "--agent", "1002")).containsExactlyInAnyOrder(mine1, mine2);
    assertThat(ids("--status", "closed", "--agent", "agent2")).isEmpty();
    assertThat(ids("--skill", "Tech Support")).containsExactly(queued);
    assertThat(ids("--status", "unassigned", "--skill", "tech support", "--agent", "agent1")).isEmpty();
    assertThat(ids("--closed", "--agent", "agent1")).containsExactly(mine1, recent);
  }

  @Test
  void filtersOutsideTheTeamAreRefusedInOneLine() {
    loginManager();
    Result agent = run("list", "--all", "--agent", "agent4");
    assertThat(agent.code()).isEqualTo(2);
    assertThat(agent.err().strip()).isEqualTo("lpa: 'agent4' is not an agent of your groups");
    Result skill = run("list", "--all", "--skill", "VIP");
    assertThat(skill.code()).isEqualTo(2);
    assertThat(skill.err().strip()).isEqualTo("lpa: no agent of your groups has the skill 'VIP'");
    Result status = run("list", "--all", "--status", "pending");
    assertThat(status.code()).isEqualTo(2);
    assertThat(status.err().strip()).doesNotContain("\n").contains("unknown status 'pending'");
    assertThat(run("list", "--all", "--status", "open", "--search", "refund").code()).isEqualTo(2);
    Result noAll = run("list", "--status", "open");
    assertThat(noAll.code()).isEqualTo(2);
    assertThat(noAll.err().strip()).contains("go with --all");
  }

  @Test
  void teamPresenceListsTheManagedAgentsWithTheirOpenConversations() throws Exception {
    loginManager();
    Result r = run("agents", "--team", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, JsonNode> byLogin = new HashMap<>();
    for (JsonNode n : JSON.readTree(r.out())) {
      byLogin.put(n.get("loginName").asText(), n);
    }
    assertThat(byLogin).containsOnlyKeys("agent1", "agent2", "agent3");
    assertThat(byLogin.get("agent1").get("conversationIds").toString()).contains(mine1).doesNotContain(mine2);
    assertThat(byLogin.get("agent1").get("state").asText()).isNotBlank();

    Result table = run("agents", "--team");
    assertThat(table.out()).contains("OPEN").contains(Views.shortId(mine2)).doesNotContain("agent4");

    Result live = run("agents", "--team", "--watch", "--every", "2s", "--updates", "2", "--json");
    assertThat(live.code()).as(live.err()).isZero();
    List<String> lines = live.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(JSON.readTree(lines.get(1)).get("agents")).hasSize(3);

    assertThat(run("agents", "--watch").code()).isEqualTo(2);
  }

  @Test
  void queueHealthWatchPrintsOneLineOrOneTablePerRefreshOffATerminal() throws Exception {
    loginManager();
    Result json = run("mq", "status", "--watch", "--every", "2s", "--updates", "2", "--json");
    assertThat(json.code()).as(json.err()).isZero();
    List<String> lines = json.out().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode tech = null;
    for (JsonNode n : JSON.readTree(lines.get(0)).get("skills")) {
      if (n.get("skillId").asText().equals(String.valueOf(DemoAccount.SKILL_TECH))) {
        tech = n;
      }
    }
    assertThat(tech).isNotNull();
    assertThat(tech.get("waiting").asInt()).isGreaterThanOrEqualTo(1);

    Result table = run("mq", "status", "--watch", "--every", "2s", "--updates", "2");
    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out().lines().filter(l -> l.startsWith("ID ")).count()).isEqualTo(2);
    assertThat(table.out()).doesNotContain("\u001b");
    assertThat(run("mq", "status", "--every", "1s").code()).isEqualTo(2);
  }

  /** Last: it changes what the other tests list. */
  @Test
  @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
  void aManagerEndsOnlyWhatItJoinedAndReturnsAllWithoutJoining() throws Exception {
    loginManager();
    List<String> seeded = sim.admin().seedConversations(2, "agent3");
    String toClose = seeded.get(0);
    String toReturn = seeded.get(1);
    Result close = run("close", toClose);
    assertThat(close.code()).isEqualTo(1);
    assertThat(close.err().lines().findFirst().orElse("")).contains("a manager ends only conversations assigned to it or that it joined");
    assertThat(sim.admin().openConversations()).contains(toClose);

    Result back = run("mq", "return-all", toReturn, "--yes");
    assertThat(back.code()).as(back.out() + back.err()).isZero();
    assertThat(back.out()).contains("1 returned, 0 failed");
    assertThat(ids("--status", "unassigned")).contains(toReturn);

    assertThat(run("join", toClose).code()).isZero();
    Result closed = run("close", toClose);
    assertThat(closed.code()).as(closed.err()).isZero();
    assertThat(sim.admin().openConversations()).doesNotContain(toClose);
  }
}
