package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import dev.lpa.core.ClientConfig;
import dev.lpa.core.LpaClient;
import dev.lpa.core.auth.Credentials;
import dev.lpa.core.DefaultLpaClient;
import dev.lpa.core.auth.Endpoint;
import dev.lpa.core.auth.Tuning;
import dev.lpa.core.manager.TeamFilter;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.sim.DemoAccount;
import dev.lpa.sim.SimClock;
import dev.lpa.sim.SimConfig;
import dev.lpa.sim.Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager's console against the simulator: manager1 manages Team Atlas (agent1 Maya, agent2
 * Tomasz, agent3 Aisha: General, Sales, Billing, Tech Support); agent4 and the VIP skill are Team
 * Borealis's. Conversations: open ones on each of the team's agents and one of agent4's on a
 * shared skill, queued ones on a team skill and on VIP, closed ones of 13 and 15 days and another
 * team's. The golden screens come first, before any test moves the clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManagerConsoleSimTest {
  @TempDir Path dir;
  private final SimClock clock = new SimClock(Instant.parse("2026-11-27T09:00:00Z"));
  private Simulator sim;
  private LpaClient client;
  private Workspace ws;

  private String fatima;  // agent1, General
  private String lucas;   // agent2, Sales
  private String kenji;   // agent3, Tech Support
  private String sofia;   // queued, Tech Support
  private String noah;    // queued, VIP: no skill of the team
  private String ines;    // agent4 (Borealis), Billing: a shared skill, another team's agent
  private String recent;  // agent1, Sales, closed, started 13 days ago
  private String old;     // agent1, General, closed, started 15 days ago
  private String other;   // agent4, Billing, closed, started 13 days ago

  @BeforeAll
  void seed() throws Exception {
    sim = Simulator.start(SimConfig.builder().clock(clock).admin(true).port(0).build());
    old = sim.admin().seedConversation(DemoAccount.SKILL_GENERAL, "Olga Old", "agent1", "a fortnight ago");
    sim.admin().consumerCloses(old);
    sim.admin().advanceClock(Duration.ofDays(2));
    recent = sim.admin().seedConversation(DemoAccount.SKILL_SALES, "Rita Recent", "agent1", "thirteen days ago");
    sim.admin().consumerCloses(recent);
    other = sim.admin().seedConversation(DemoAccount.SKILL_BILLING, "Otto Other", "agent4", "not your team");
    sim.admin().consumerCloses(other);
    sim.admin().advanceClock(Duration.ofDays(13));
    fatima = sim.admin().seedConversation(DemoAccount.SKILL_GENERAL, "Fatima Zahra", "agent1", "where is my parcel");
    sim.admin().advanceClock(Duration.ofSeconds(30));
    lucas = sim.admin().seedConversation(DemoAccount.SKILL_SALES, "Lucas Moreau", "agent2", "an upgrade please");
    sim.admin().advanceClock(Duration.ofSeconds(30));
    kenji = sim.admin().seedConversation(DemoAccount.SKILL_TECH, "Kenji Watanabe", "agent3", "the router blinks");
    ines = sim.admin().seedConversation(DemoAccount.SKILL_BILLING, "Ines Ortega", "agent4", "my invoice");
    // apart in time, so the list's order (and the golden screens) cannot tie
    sim.admin().advanceClock(Duration.ofSeconds(30));
    sofia = sim.admin().createConversation(DemoAccount.SKILL_TECH, "Sofia Rossi", List.of("anyone there?"));
    noah = sim.admin().createConversation(DemoAccount.SKILL_VIP, "Noah Thompson", List.of("vip here"));
  }

  @BeforeEach
  void login() throws Exception {
    client = client("manager");
    login(client, DemoAccount.MANAGER1);
    ws = client.open("default").get(10, TimeUnit.SECONDS);
    ws.ready().get(10, TimeUnit.SECONDS);
  }

  private LpaClient client(String name) {
    return DefaultLpaClient.create(new ClientConfig(dir.resolve(name + "/config"), dir.resolve(name + "/data"), Map.of(),
        clock, Duration.ofSeconds(5)), Tuning.fast());
  }

  private void login(LpaClient c, String user) throws Exception {
    c.login("default", new Endpoint(sim.accountId(), sim.csdsDomain(), sim.caPem(), false),
        new Credentials.Password(user, DemoAccount.user(user).orElseThrow().password().toCharArray()))
        .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void logout() {
    if (ws != null) {
      ws.close();
    }
    if (client != null) {
      client.close();
    }
  }

  @AfterAll
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  private Harness console(int cols, int rows) {
    return new Harness(cols, rows, ws, clock, Harness.options());
  }

  /**
   * The All tab, once the team's closed conversations arrived from history and the agents'
   * names from the directory (both come after the list first shows, ids standing in meanwhile).
   */
  private Harness allTab(int cols, int rows) {
    Harness h = console(cols, rows);
    h.key('t');
    h.until(() -> h.shows("Rita Recent") && h.shows("Sofia Rossi") && h.shows("Kenji Watanabe"), 10);
    h.until(() -> !h.shows(".100"), 10);
    return h;
  }

  private static List<String> listed(Harness h) {
    return h.console.model().listedIds();
  }

  /**
   * Waits until the panel on screen (a team page of the filter panel, or the team panel) has the
   * team: the console reads it once at start, and a page drawn before the answer says so.
   */
  private static void teamRead(Harness h) {
    h.until(() -> !h.shows("Loading your team"), 10);
    assertThat(h.text()).doesNotContain("Could not read your team");
  }

  /** The team panel, once it shows the team and the queues. */
  private static void teamPanel(Harness h) {
    h.key('p');
    teamRead(h);
    h.until(() -> h.shows("Queues") && !h.shows("Loading queue health"), 10);
    assertThat(h.text()).doesNotContain("Could not read queue health");
  }

  @Test
  @Order(1)
  void goldenFilterPanelAt120x40() {
    try (Harness h = allTab(120, 40)) {
      h.key('f');
      h.assertGolden("manager_panel_120x40");
      h.key('2');
      teamRead(h);
      h.assertGolden("manager_panel_agents_120x40");
    }
  }

  @Test
  @Order(2)
  void goldenFilterPanelAndTeamPanelNarrow() {
    try (Harness h = allTab(60, 20)) {
      h.key('f').key('3');
      teamRead(h);
      h.until(() -> h.shows("Tech Support"), 10);
      h.assertGolden("manager_panel_skills_60x20");
      h.key(KeyType.Escape).key(KeyType.Escape);
      assertThat(h.console.model().filterPanel()).isNull();
      teamPanel(h);
      h.assertGolden("manager_team_60x20");
    }
  }

  @Test
  @Order(3)
  void allShowsTheTeamTheTeamsQueuesAndFourteenDaysOfClosed() {
    try (Harness h = allTab(120, 40)) {
      assertThat(listed(h)).containsExactlyInAnyOrder(fatima, lucas, kenji, sofia, recent)
          .doesNotContain(noah, ines, old, other);
      // closed at the bottom, under the open ones
      assertThat(listed(h).get(listed(h).size() - 1)).isEqualTo(recent);
      assertThat(h.text()).contains("Unassigned · anyone there?").doesNotContain("Olga Old", "Otto Other", "Noah Thompson");
    }
  }

  @Test
  @Order(4)
  void thePanelOffersOnlyTheTeamsAgentsWithTheirStateAndOnlyTheTeamsSkills() {
    try (Harness h = allTab(120, 40)) {
      h.key('f');
      assertThat(h.text()).contains("Filter All", "[1]   Status", "[2]   Agents", "[3]   Skills", "No filter");
      h.key(KeyType.Enter).key(KeyType.Escape).key(KeyType.ArrowDown).key(KeyType.Enter);
      teamRead(h);
      assertThat(h.text()).contains("‹ Agents", "Aisha Rahman", "Maya Lindqvist", "Tomasz Nowak", "offline")
          .doesNotContain("Diego", "Priya", "Jonas", "Helen Okafor");
      h.key(KeyType.ArrowLeft).key('3');
      // the skills' names arrive after their ids (a look-up): wait for them, as for the team's
      h.until(() -> h.shows("Billing"), 10);
      assertThat(h.text()).contains("‹ Skills", "Billing", "General", "Sales", "Tech Support").doesNotContain("VIP");
    }
  }

  @Test
  @Order(5)
  void eachFilterAloneAndCombinedAndStatusChosenAgainClears() {
    try (Harness h = allTab(120, 40)) {
      h.key('f').key('1');
      h.key('1'); // Open
      assertThat(listed(h)).containsExactlyInAnyOrder(fatima, lucas, kenji, sofia);
      assertThat(h.text()).contains("[All 4] · Open");
      h.key('2'); // Open & unassigned
      assertThat(listed(h)).containsExactly(sofia);
      h.key('3'); // Closed
      assertThat(listed(h)).containsExactly(recent);
      h.key('3'); // again: no status
      assertThat(listed(h)).containsExactlyInAnyOrder(fatima, lucas, kenji, sofia, recent);
      assertThat(h.console.model().teamFilter()).isEqualTo(TeamFilter.none());

      // agents alone (Aisha, Maya, Tomasz by name): Maya has Fatima and the closed Rita
      h.key(KeyType.Escape).key('2');
      teamRead(h);
      h.key('2');
      assertThat(listed(h)).containsExactlyInAnyOrder(fatima, recent);
      assertThat(h.text()).contains("· Maya Lindqvist");
      h.key('3');
      assertThat(listed(h)).containsExactlyInAnyOrder(fatima, recent, lucas);
      assertThat(h.text()).contains("· 2 agents");

      // skills: Sales on top of the two agents, then with Open
      h.key(KeyType.Escape).key('3');
      int sales = row(h, "Sales");
      h.key((char) ('1' + sales));
      assertThat(listed(h)).containsExactlyInAnyOrder(lucas, recent);
      h.key(KeyType.Escape).key('1').key('1');
      assertThat(listed(h)).containsExactly(lucas);
      assertThat(h.text()).contains("[All 1] · Open · 2 agents · Sales");

      // a skill alone
      h.key('x');
      assertThat(listed(h)).hasSize(5);
      h.key(KeyType.Escape).key('3');
      h.key((char) ('1' + row(h, "Tech Support")));
      assertThat(listed(h)).containsExactlyInAnyOrder(kenji, sofia);
    }
  }

  /** The row of a skill on the skills page, from 0. */
  private static int row(Harness h, String name) {
    teamRead(h);
    List<String> rows = h.text().lines().map(l -> l.replaceAll("^.*│ ?", "").strip())
        .filter(l -> l.matches("\\[\\d] .*")).toList();
    for (String l : rows) {
      if (l.substring(3).replaceAll("^[^\\p{L}]+", "").equals(name)) {
        return l.charAt(1) - '1';
      }
    }
    throw new AssertionError("no row " + name + " on the skills page: " + rows);
  }

  @Test
  @Order(6)
  void theFilterStaysAcrossTabSwitchesAndAKeyOutsideClosesThePanelAndWorks() {
    try (Harness h = allTab(120, 40)) {
      h.key('f').key('1').key('2');
      assertThat(listed(h)).containsExactly(sofia);
      h.key('t'); // not the panel's: closes it and switches the tab
      assertThat(h.console.model().filterPanel()).isNull();
      assertThat(h.console.model().scope().tab()).isEqualTo(dev.lpa.tui.view.ListScope.Tab.MY);
      assertThat(h.text()).doesNotContain("Open & unassigned");
      h.key('t');
      assertThat(listed(h)).containsExactly(sofia);
      assertThat(h.text()).contains("[All 1] · Open & unassigned");
      h.key('f').key('f');
      assertThat(h.console.model().filterPanel()).isNull();
    }
  }

  @Test
  @Order(7)
  void aTabSwitchKeepsTheConversationWhenTheNewTabListsItElseAsksToSelectOne() throws Exception {
    ws.join(kenji, false).get(10, TimeUnit.SECONDS);
    try (Harness h = allTab(120, 40)) {
      h.until(() -> h.shows("⊕ joined Aisha Rahman"), 10);
      openRow(h, fatima);
      h.key(KeyType.Tab).key('t');
      assertThat(h.console.model().openId()).isNull();
      assertThat(h.text()).contains("Please select a conversation");
      h.key('t');
      openRow(h, kenji);
      h.key(KeyType.Tab).key('t');
      assertThat(h.console.model().openId()).isEqualTo(kenji);
      assertThat(h.text()).contains("Kenji Watanabe · Tech Support").doesNotContain("Please select a conversation");
    } finally {
      ws.leave(kenji).get(10, TimeUnit.SECONDS);
    }
  }

  private static void openRow(Harness h, String id) {
    h.console.model().moveCursor(id);
    h.key(KeyType.Enter);
    h.until(() -> id.equals(h.console.model().openId()));
  }

  @Test
  @Order(8)
  void theTeamPanelFollowsStatesLoadsAndQueuesLive() throws Exception {
    try (Harness h = console(120, 40)) {
      teamPanel(h);
      String maya = line(h, "Maya Lindqvist");
      // an offline agent has no load in the agent view ("?"); the open column counts what the manager sees
      assertThat(maya).contains("offline").endsWith(" 1");
      assertThat(h.text()).contains("Team (3)", "Aisha Rahman", "Tomasz Nowak", "Queues", "Tech Support │", "█ overdue  ▒ waiting")
          .doesNotContain("Diego", "VIP │");
      assertThat(line(h, "Tech Support │")).contains("1 waiting");

      // agent2 goes online, agent3 gets one more, one more waits for Tech Support
      LpaClient c2 = client("agent2");
      login(c2, "agent2");
      try (Workspace a2 = c2.open("default").get(10, TimeUnit.SECONDS)) {
        a2.ready().get(10, TimeUnit.SECONDS);
        a2.setAgentState(AgentState.AWAY).get(10, TimeUnit.SECONDS);
        String more = sim.admin().seedConversation(DemoAccount.SKILL_TECH, "Amara Obi", "agent3", "still blinking");
        String waits = sim.admin().createConversation(DemoAccount.SKILL_TECH, "Yusuf Kaya", List.of("hello?"));
        // the open column follows the state at once
        h.until(() -> line(h, "Aisha Rahman").endsWith(" 2"), 10);
        assertThat(line(h, "Tomasz Nowak")).contains("offline");
        // states, loads and queues are asked again every 5 s
        sim.admin().advanceClock(TeamWatch.EVERY);
        h.until(() -> line(h, "Tomasz Nowak").contains("away") && line(h, "Tech Support │").contains("2 waiting"), 10);
        sim.admin().consumerCloses(more);
        sim.admin().consumerCloses(waits);
      } finally {
        c2.close();
      }
      h.key(KeyType.Escape);
      assertThat(h.console.model().teamPanel()).isFalse();
    }
  }

  private static String line(Harness h, String part) {
    return h.text().lines().filter(l -> l.contains(part)).findFirst().orElse("").replaceAll("^.*│ ?", "").strip();
  }
}
