package dev.lpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpa.cli.support.CliContext;
import dev.lpa.cli.support.Prompter;
import dev.lpa.cli.support.Terminal;
import dev.lpa.core.LpaClient;
import dev.lpa.core.auth.Credentials;
import dev.lpa.core.DefaultLpaClient;
import dev.lpa.core.auth.Endpoint;
import dev.lpa.core.auth.Tuning;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.testkit.Await;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.sim.DemoAccount;
import dev.lpa.sim.SimConfig;
import dev.lpa.sim.Simulator;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code lpa smoke --conversation} next to other traffic: its conversation rings the smoke user
 * and nobody else, and whatever happens it leaves no conversation of its own open.
 */
class SmokeOnSimulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;
  Simulator sim;
  final List<AutoCloseable> others = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    sim = Simulator.start(SimConfig.builder().port(0).admin(true).build());
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : others) {
      c.close();
    }
    sim.close();
  }

  /** Another agent online in its own client, as a colleague at work would be. */
  private void online(String login) throws Exception {
    LpaClient c = DefaultLpaClient.create(new dev.lpa.core.ClientConfig(tmp.resolve(login + "/config"),
        tmp.resolve(login + "/data"), Map.of(), Clock.systemUTC(), Duration.ofSeconds(5)), Tuning.fast());
    others.add(c::close);
    c.login("default", new Endpoint(sim.accountId(), sim.csdsDomain(), sim.caPem(), false),
        new Credentials.Password(login, (login + "-pass").toCharArray())).get(10, TimeUnit.SECONDS);
    Workspace w = c.open("default").get(10, TimeUnit.SECONDS);
    others.add(0, w::close);
    w.ready().get(10, TimeUnit.SECONDS);
    w.setAgentState(AgentState.ONLINE).get(10, TimeUnit.SECONDS);
    Await.until(() -> sim.admin().agentState(login).equals("ONLINE"), Duration.ofSeconds(10),
        () -> login + " online in the simulator; it says " + sim.admin().agentState(login));
  }

  private record Result(int code, String out, String err) {}

  private Result smoke(String login) {
    Map<String, String> env = new HashMap<>(Map.of("LPA_ACCOUNT", sim.accountId(), "LPA_USERNAME", login,
        "LPA_PASSWORD", login + "-pass", "LPA_CSDS", sim.csdsDomain(), "LPA_CA_FILE", sim.caPem().toString()));
    env.put("LPA_CONFIG_DIR", tmp.resolve("smoke/config").toString());
    env.put("LPA_DATA_DIR", tmp.resolve("smoke/data").toString());
    env.put("HOME", tmp.resolve("smoke").toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (CliContext ctx = new CliContext(env, Clock.systemUTC(), new ByteArrayInputStream(new byte[0]), Terminal.NONE,
        Prompter.console(), c -> DefaultLpaClient.create(c, Tuning.fast()))) {
      CommandLine cl = Main.commandLine(ctx);
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute("smoke", "--conversation", "--json", "--timeout", "4s");
      return new Result(code, out.toString(), err.toString());
    }
  }

  /** Open conversation ids: a test compares them before and after the smoke. */
  private List<String> smokeConversationsOpen() {
    return new ArrayList<>(sim.admin().openConversations());
  }

  @Test
  void aColleagueOnlineOnTheSameSkillDoesNotTakeTheSmokesConversation() throws Exception {
    // agent4 (Diego) serves Billing and Tech: online, and first in line for either
    online("agent4");
    List<String> before = smokeConversationsOpen();
    // agent5 (Priya) serves Tech and VIP; Tech is shared with Diego, VIP is hers alone
    Result r = smoke("agent5");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("ok").asBoolean()).isTrue();
    assertThat(doc.get("steps").findValuesAsText("detail")).anyMatch(d -> d.endsWith("on skill " + DemoAccount.SKILL_VIP));
    assertThat(smokeConversationsOpen()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void aFailedRoundTripClosesTheConversationItOpened() throws Exception {
    // two VIP consumers already waiting fill Priya's two slots as soon as she is online, so the
    // smoke's own conversation cannot ring her within the timeout
    online("agent4");
    String waiting1 = sim.admin().createConversation(DemoAccount.SKILL_VIP, "Vip One", List.of("hello"));
    String waiting2 = sim.admin().createConversation(DemoAccount.SKILL_VIP, "Vip Two", List.of("hello"));
    List<String> before = smokeConversationsOpen();
    Result r = smoke("agent5");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(7);
    JsonNode doc = JSON.readTree(r.out());
    List<String> names = doc.get("steps").findValuesAsText("name");
    assertThat(names).contains("ring-accept", "cleanup").doesNotContain("close");
    assertThat(smokeConversationsOpen()).as("only the other traffic is left")
        .containsExactlyInAnyOrderElementsOf(before).contains(waiting1, waiting2);
  }

  @Test
  void withEverySkillSharedItSaysSoAndOpensNothing() throws Exception {
    online("agent4"); // Tech
    online("agent6"); // VIP
    List<String> before = smokeConversationsOpen();
    Result r = smoke("agent5");
    assertThat(r.code()).isEqualTo(1);
    JsonNode doc = JSON.readTree(r.out());
    String detail = doc.get("steps").findValuesAsText("detail").stream().filter(d -> d.contains("no skill of")).findFirst()
        .orElseThrow();
    assertThat(detail).contains("agent5").contains("agent4").contains("agent6");
    assertThat(smokeConversationsOpen()).containsExactlyInAnyOrderElementsOf(before);
  }
}
