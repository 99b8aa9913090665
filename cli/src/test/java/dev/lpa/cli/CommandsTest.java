package dev.lpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpa.cli.fake.Desk;
import dev.lpa.core.auth.Credentials;
import dev.lpa.core.testkit.Await;
import dev.lpa.core.testkit.ScriptedWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = CliHarness.NOW;

  @TempDir Path tmp;
  CliHarness h;
  ScriptedWorkspace w;

  @BeforeEach
  void scene() {
    h = new CliHarness(tmp);
    w = h.client().loggedIn("default", "agent1");
    Desk.add(w, "aaaa1111-x", "Ann", "1001", "agent1", NOW.plusSeconds(120), NOW.minusSeconds(300), "where is my order?");
    Desk.add(w, "bbbb2222-x", "Bob", "1003", "agent1", NOW.minusSeconds(60), NOW.minusSeconds(3700), "hello?");
    Desk.add(w, "cccc3333-x", "Cy", "1001", "agent1", null, NOW.minusSeconds(7200), "thanks!");
    Desk.add(w, "dddd4444-x", "Dee", "1001", "agent2", NOW.plusSeconds(3000), NOW.minusSeconds(100), "other agent's");
  }

  @Test
  void loginWithPasswordFromStdinRemembersTheAccount() {
    CliHarness fresh = new CliHarness(tmp.resolve("fresh"));
    fresh.stdin = "agent2-pass\n";
    CliHarness.Result r = fresh.run("login", "-a", "90233546", "-u", "agent2", "--password-stdin",
        "--csds", "127.0.0.1:9443", "--profile", "sim");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("Logged in as Agent 2 <agent2> on account 90233546 (profile sim).\n");
    assertThat(fresh.client.calls).contains("login sim 90233546 127.0.0.1:9443");
  }

  @Test
  void loginPromptsForThePasswordOnATerminalAndFromEnvironmentOffIt() {
    CliHarness t = new CliHarness(tmp.resolve("t")).tty();
    t.answers.add("agent3-pass");
    assertThat(t.run("login", "-a", "90233546", "-u", "agent3").code()).isZero();
    assertThat(t.prompts).containsExactly("Password for agent3: ");

    CliHarness e = new CliHarness(tmp.resolve("e"));
    e.env.put("LPA_ACCOUNT", "90233546");
    e.env.put("LPA_USERNAME", "agent1");
    e.env.put("LPA_PASSWORD", "agent1-pass");
    CliHarness.Result r = e.run("login", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"loginName\" : \"agent1\"");
  }

  @Test
  void loginWithATokenFromTheEnvironment() {
    CliHarness e = new CliHarness(tmp.resolve("tok"));
    e.env.put("LPA_TOKEN", "tok-agent4");
    assertThat(e.run("login", "--token", "-a", "90233546").code()).isZero();
    assertThat(e.client.lastCredentials).isInstanceOf(Credentials.Bearer.class);
  }

  @Test
  void whoamiNamesTheUser() throws Exception {
    CliHarness.Result r = h.run("whoami", "--json");
    assertThat(JSON.readTree(r.out()).get("loginName").asText()).isEqualTo("agent1");
    assertThat(h.run("whoami").out()).isEqualTo("Agent 1 <agent1> on account 90233546 (profile default)\n");
  }

  @Test
  void stateSetsAndShows() {
    assertThat(h.run("state", "back-soon").out()).isEqualTo("You are now back-soon.\n");
    assertThat(w.calls).contains("setAgentState BACK_SOON");
    assertThat(h.run("state").out()).isEqualTo("You are back-soon.\n");
    assertThat(h.run("state", "asleep").code()).isEqualTo(2);
  }

  @Test
  void listShowsMineInResponseTimeOrder() {
    CliHarness.Result r = h.run("list");
    assertThat(r.code()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).contains("ID").contains("DUE").contains("CONSUMER").contains("SKILL").contains("LAST MESSAGE");
    assertThat(lines).hasSize(4);
    assertThat(lines[1]).startsWith("🔔").contains("bbbb2222").contains("-1m").contains("Bob").contains("Billing");
    assertThat(lines[2]).startsWith("!").contains("aaaa1111").contains("2m").contains("where is my order?");
    assertThat(lines[3]).startsWith("○").contains("cccc3333");
    assertThat(r.out()).doesNotContain("dddd4444").doesNotContain("\u001b[");
  }

  @Test
  void listAllShowsWhoHasEachConversationAndTheQueue() {
    Desk.add(w, "gggg7777-x", "Gus", "1001", null, NOW.plusSeconds(1800), NOW, "waiting in the queue");
    CliHarness.Result r = h.run("list", "--all");
    assertThat(r.code()).as(r.err()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).contains("AGENT");
    assertThat(r.out()).contains("dddd4444").contains("agent2");
    assertThat(java.util.Arrays.stream(lines).filter(l -> l.contains("gggg7777")).findFirst().orElseThrow())
        .contains("Unassigned");
  }

  @Test
  void joinAndLeave() {
    assertThat(h.run("join", "dddd", "--silent").out()).isEqualTo("Joined dddd4444 (Dee) silently.\n");
    assertThat(h.run("leave", "dddd").out()).isEqualTo("Left dddd4444.\n");
    assertThat(w.calls).contains("join dddd4444-x silent", "leave dddd4444-x");
  }

  @Test
  void listJsonCarriesUrgencyAndDueIn() throws Exception {
    JsonNode a = JSON.readTree(h.run("list", "--json").out());
    assertThat(a.size()).isEqualTo(3);
    assertThat(a.get(0).get("id").asText()).isEqualTo("bbbb2222-x");
    assertThat(a.get(0).get("urgency").asText()).isEqualTo("OVERDUE");
    assertThat(a.get(0).get("dueInSeconds").asLong()).isEqualTo(-60);
    String jsonl = h.run("list", "--jsonl").out();
    assertThat(jsonl.split("\n")).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("{\"id\":"));
  }

  @Test
  void colourFollowsTheTerminalNoColorAndTheOption() {
    assertThat(h.tty().run("list").out()).contains("\u001b[31m");
    h.env.put("NO_COLOR", "1");
    assertThat(h.run("list").out()).doesNotContain("\u001b[");
    assertThat(h.run("list", "--color=always").out()).contains("\u001b[");
  }

  @Test
  void consumerTextCannotReachTheTerminalRaw() {
    Desk.add(w, "eeee5555-x", "Eve\u001b]0;pwned\u0007", "1001", "agent1", NOW.plusSeconds(900), NOW, "click \u001b[2J here\u202e");
    String out = h.run("list").out();
    assertThat(out).doesNotContain("\u001b").doesNotContain("\u202e").contains("Eve").contains("click  here");
  }

  @Test
  void listSearchGoesToHistoryAndRejectsTooFarBack() {
    assertThat(h.run("list", "--search", "refund", "--since", "30d").code()).isZero();
    assertThat(w.calls).contains("searchClosed refund PT720H");
    assertThat(h.run("list", "--search", "x", "--since", "91d").code()).isEqualTo(2);
    assertThat(h.run("list", "--since", "1d").code()).isEqualTo(2);
  }

  @Test
  void listWatchPrintsAnUpdateOnEveryChange() throws Exception {
    CompletableFuture<CliHarness.Result> run = CompletableFuture.supplyAsync(() -> h.run("list", "--watch", "--jsonl", "--updates", "2"));
    // the first snapshot prints at once; the close below must produce the second (after the
    // first is out: a close before it would be in the first line already)
    Desk.awaitStateListener(w);
    Await.until(() -> h.liveOut.toString().contains("aaaa1111-x"), Duration.ofSeconds(10),
        () -> "the first snapshot printed; so far: " + h.liveOut);
    w.close("aaaa1111-x").join();
    CliHarness.Result r = run.get(10, TimeUnit.SECONDS);
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).contains("aaaa1111-x");
    assertThat(lines[1]).doesNotContain("aaaa1111-x").contains("bbbb2222-x");
  }

  @Test
  void showPrintsTheTranscript() {
    w.sendText("aaaa1111-x", "Let me check.").join();
    CliHarness.Result r = h.run("show", "aaaa");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Ann").contains("│ where is my order?").contains("Let me check.").contains("✓");
  }

  @Test
  void showMarksAPrivateNoteAndJsonSaysWhoSawEachMessage() throws Exception {
    w.knownUser("90233546.2", "Agent 2");
    w.message("aaaa1111-x", w.fromAgent("90233546.2").text("VIP, refund approved").agentsOnly().at(NOW));
    CliHarness.Result r = h.run("show", "aaaa");
    assertThat(r.out()).contains("┆ VIP, refund approved").contains("┆ private note (agents and managers only) · Agent 2");
    assertThat(r.out()).contains("│ where is my order?").doesNotContain("┆ where is my order?");
    JsonNode doc = JSON.readTree(h.run("show", "aaaa", "--json").out());
    assertThat(doc.get("messages").get(0).get("audience").asText()).isEqualTo("ALL");
    assertThat(doc.get("messages").get(1).get("audience").asText()).isEqualTo("AGENTS_AND_MANAGERS");
  }

  @Test
  void showWrapsALongLineToTheTerminalWidth() {
    h.tty();
    w.sendText("aaaa1111-x", "z".repeat(5000)).join();
    w.consumerSays("aaaa1111-x", "ok " + "Q".repeat(3000) + " 日本語".repeat(400), NOW);
    CliHarness.Result r = h.run("show", "aaaa", "--color", "never");
    assertThat(r.code()).as(r.err()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines).allSatisfy(l -> assertThat(dev.lpa.cli.support.Ansi.width(l)).as(l).isLessThanOrEqualTo(100));
    assertThat(r.out().replaceAll("[^z]", "")).hasSize(5000);
    assertThat(r.out().replaceAll("[^Q]", "")).hasSize(3000);
  }

  @Test
  void showReadsAClosedConversationFromHistoryAsTextJsonAndFollow() throws Exception {
    Desk.closedInHistory(w, "eeee5555-x", "Eve", "consumer-eve", "agent1", NOW.minusSeconds(7200), "my refund?");
    Desk.closedInHistory(w, "eeee0000-y", "Eve", "consumer-eve", "agent1", NOW.minusSeconds(86400 * 3), "first visit");
    CliHarness.Result r = h.run("show", "eeee5");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Eve").contains("│ my refund?").contains("earlier conversation eeee0000")
        .contains("│ first visit");
    JsonNode doc = JSON.readTree(h.run("show", "eeee5", "--json").out());
    assertThat(doc.get("id").asText()).isEqualTo("eeee5555-x");
    assertThat(doc.get("state").asText()).isEqualTo("CLOSE");
    assertThat(doc.get("messages").get(0).get("text").asText()).isEqualTo("my refund?");
    assertThat(doc.get("previous").get(0).get("id").asText()).isEqualTo("eeee0000-y");
    CliHarness.Result f = CompletableFuture.supplyAsync(() -> h.run("show", "eeee5555-x", "--follow", "--jsonl"))
        .get(10, TimeUnit.SECONDS);
    assertThat(f.code()).as(f.err()).isZero();
    assertThat(f.out()).contains("\"text\":\"my refund?\"");
  }

  @Test
  void aPrefixMatchingTwoConversationsIsAmbiguousAndListsThem() {
    Desk.closedInHistory(w, "aaaa9999-x", "Ann", "consumer-ann", "agent1", NOW.minusSeconds(7200), "old order");
    CliHarness.Result r = h.run("show", "aaaa");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).hasLineCount(1).contains("ambiguous id aaaa: 2 conversations match")
        .contains("aaaa1111-x (Ann, open)").contains("aaaa9999-x (Ann, closed").contains("type more of the id");
    assertThat(h.run("show", "aaaa1").code()).isZero();
    assertThat(h.run("show", "aaaa9").out()).contains("old order");
  }

  @Test
  void showNeverPicksAConversationTheUserIsNotPartOf() {
    // dddd4444 is agent2's: in agent1's state only as a cache leftover
    CliHarness.Result r = h.run("show", "dddd");
    assertThat(r.code()).isEqualTo(6);
    assertThat(r.err()).contains("conversation dddd not found or not visible to you").doesNotContain("other agent's");
    assertThat(r.out()).isEmpty();
    Desk.closedInHistory(w, "ffff7777-x", "Fred", "consumer-fred", "agent2", NOW.minusSeconds(600), "not yours");
    CliHarness.Result other = h.run("show", "ffff");
    assertThat(other.code()).isEqualTo(6);
    assertThat(other.out()).doesNotContain("not yours");
  }

  @Test
  void aConversationTheServerNoLongerShowsIsNotFound() {
    w.failing("*", "aaaa1111-x", new dev.lpa.core.LpaException(dev.lpa.core.LpaException.Kind.ERROR,
        "QueryMessages: 401 unauthorized for conversation", 401, null));
    CliHarness.Result r = h.run("show", "aaaa");
    assertThat(r.code()).isEqualTo(6);
    assertThat(r.err()).isEqualTo("lpa: conversation aaaa1111 not found or not visible to you\n");
  }

  @Test
  void showFollowPrintsNewMessagesOfThatConversationOnly() throws Exception {
    CompletableFuture<CliHarness.Result> run = CompletableFuture.supplyAsync(
        () -> h.run("show", "aaaa", "--follow", "--messages", "1", "--jsonl"));
    Desk.awaitEventListener(w);
    // written by another command (lpa send in another terminal): the server's events reach this one
    w.message("bbbb2222-x", w.fromMe().text("not this one"));
    w.message("aaaa1111-x", w.fromMe().text("this one"));
    CliHarness.Result r = run.get(10, TimeUnit.SECONDS);
    assertThat(r.code()).as(r.err()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines[lines.length - 1]).contains("\"text\":\"this one\"");
    assertThat(r.out()).doesNotContain("not this one");
  }

  @Test
  void watchPrintsEventsAsJsonLines() throws Exception {
    CompletableFuture<CliHarness.Result> run = CompletableFuture.supplyAsync(() -> h.run("watch", "--count", "2", "--type", "ring,agent-state"));
    Desk.awaitEventListener(w);
    w.setAgentState(dev.lpa.core.model.AgentState.ONLINE).join();
    w.consumerTyping("aaaa1111-x", true);
    w.ring("r9", Desk.conv("ffff9999-x", "Fay", "1001", null), NOW.plusSeconds(60), "hi");
    CliHarness.Result r = run.get(10, TimeUnit.SECONDS);
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(JSON.readTree(lines[0]).get("type").asText()).isEqualTo("agent-state");
    assertThat(JSON.readTree(lines[1]).get("ringId").asText()).isEqualTo("r9");
  }

  @Test
  void acceptTakesTheRingThatExpiresFirst() {
    // the later ring expires first: core's Rings.next, the console's rule, picks it
    w.ring("ring-0", Desk.conv("eeee6666-x", "Eli", "1001", null).due(NOW.plusSeconds(600)), NOW.plusSeconds(90), "hi");
    w.ring("ring-1", Desk.conv("ffff6666-x", "Fay", "1001", null).due(NOW.plusSeconds(600)), NOW.plusSeconds(30),
        "anyone?");
    CliHarness.Result r = h.run("accept");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("Accepted ffff6666 from Fay (General).\n");
    assertThat(h.run("accept").out()).isEqualTo("Accepted eeee6666 from Eli (General).\n");
    assertThat(h.run("accept").code()).isEqualTo(6);
  }

  @Test
  void acceptWaitsForARing() throws Exception {
    CompletableFuture<CliHarness.Result> run = CompletableFuture.supplyAsync(() -> h.run("accept", "--next", "--wait", "10s"));
    Desk.awaitStateListener(w);
    w.ring("ring-2", Desk.conv("ffff6666-x", "Fay", "1001", null).due(NOW.plusSeconds(600)), NOW.plusSeconds(60),
        "anyone?");
    assertThat(run.get(10, TimeUnit.SECONDS).out()).contains("Accepted ffff6666");
  }

  @Test
  void sendTextStdinCannedAndFile() throws Exception {
    assertThat(h.run("send", "aaaa", "On its way").out()).isEqualTo("Sent to aaaa1111 ✓\n");
    h.stdin = "line one\nline two\n";
    assertThat(h.run("send", "aaaa", "--stdin").code()).isZero();
    assertThat(h.run("send", "aaaa", "--canned", "greet").code()).isZero();
    Path photo = Files.write(tmp.resolve("p.png"), new byte[] {1, 2, 3});
    assertThat(h.run("send", "aaaa", "--file", photo.toString(), "--caption", "receipt").code()).isZero();
    assertThat(w.state().messagesOf("aaaa1111-x")).extracting(m -> m.excerpt())
        .containsSubsequence("On its way", "line one\nline two", "Hello Ann, how can I help?", "[photo] receipt");
    assertThat(h.run("send", "aaaa").code()).isEqualTo(2);
    assertThat(h.run("send", "aaaa", "--canned", "refund").code()).as("refund is Billing only").isEqualTo(6);
  }

  @Test
  void textOverTheMessageLimitIsRefusedWithOneLineAndNothingIsSent() {
    int before = w.state().messagesOf("aaaa1111-x").size();
    CliHarness.Result r = h.run("send", "aaaa", "x".repeat(10_001));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("lpa: the message is 10001 characters; the limit is 10000 (split it, or send a file with --file)\n");
    h.stdin = "y".repeat(1 << 20);
    CliHarness.Result piped = h.run("send", "aaaa", "--stdin");
    assertThat(piped.code()).isEqualTo(2);
    assertThat(piped.err()).contains("1048576 characters");
    assertThat(w.state().messagesOf("aaaa1111-x")).hasSize(before);
    assertThat(h.run("send", "aaaa", "x".repeat(10_000)).code()).isZero();
  }

  @Test
  void transferToSkillByNameOrAgentByLogin() {
    assertThat(h.run("transfer", "aaaa", "--skill", "billing", "--note", "VIP").out())
        .isEqualTo("Transferred aaaa1111 (Ann) to skill Billing.\n");
    assertThat(w.calls).contains("transferToSkill aaaa1111-x 1003 VIP");
    assertThat(h.run("transfer", "bbbb", "--agent", "agent2").code()).isZero();
    assertThat(w.calls).contains("transferToAgent bbbb2222-x 2 null");
    assertThat(h.run("transfer", "cccc", "--skill", "Nope").code()).isEqualTo(6);
    assertThat(h.run("transfer", "cccc").code()).isEqualTo(2);
  }

  @Test
  void returnAndCloseTakeSeveralIds() {
    CliHarness.Result r = h.run("return", "aaaa", "bbbb", "aaaa1111-x");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("aaaa1111  returned to the queue\nbbbb2222  returned to the queue\n");
    assertThat(h.run("close", "cccc").out()).isEqualTo("Closed cccc3333.\n");
    CliHarness.Result partial = h.run("close", "dddd", "zzzz");
    assertThat(partial.code()).isEqualTo(5);
    assertThat(partial.err()).contains("zzzz  failed  no conversation zzzz");
  }

  @Test
  void urgentCannedSkillsAgentsAndQueueStatus() throws Exception {
    assertThat(h.run("urgent", "aaaa").out()).isEqualTo("aaaa1111 is urgent.\n");
    assertThat(h.run("canned", "--skill", "General").out()).contains("greet").doesNotContain("refund");
    assertThat(JSON.readTree(h.run("skills", "--json").out()).get(1).get("name").asText()).isEqualTo("Billing");
    assertThat(h.run("agents").out()).contains("agent2").contains("online");
    CliHarness.Result s = h.run("mq", "status");
    assertThat(s.out()).contains("General").contains("12m");
  }

  @Test
  void mqReturnAllFiltersPlansAndReportsPerItem() throws Exception {
    CliHarness.Result dry = h.run("mq", "return-all", "--agent", "agent1", "--idle-for", "30m", "--dry-run");
    assertThat(dry.code()).isZero();
    assertThat(dry.out()).contains("Plan: return 2 conversation(s)").contains("bbbb2222").contains("cccc3333")
        .doesNotContain("aaaa1111").contains("Dry run");
    assertThat(w.calls).noneMatch(c -> c.startsWith("returnToQueue"));

    assertThat(h.run("mq", "return-all", "--agent", "agent1", "--idle-for", "30m").code())
        .as("off a terminal without --yes").isEqualTo(2);

    CliHarness.Result run = h.run("mq", "return-all", "--agent", "agent1", "--idle-for", "30m", "--yes", "--json");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode doc = JSON.readTree(run.out());
    assertThat(doc.get("returned").asInt()).isEqualTo(2);
    assertThat(doc.get("failed").asInt()).isZero();

    CliHarness.Result again = h.run("mq", "return-all", "--agent", "agent1", "--idle-for", "30m", "--yes");
    assertThat(again.out()).contains("Nothing to return");
  }

  @Test
  void mqReturnAllNamesAgentsAndSaysWhyEachIsPlanned() throws Exception {
    w.agents.add(new dev.lpa.core.model.Agent("1", "pid-agent1", "agent1", "Maya Lindqvist", "Maya", null, false,
        java.util.List.of("1001"), dev.lpa.core.model.AgentState.ONLINE, 3, 4));
    CliHarness.Result dry = h.run("mq", "return-all", "--agent", "agent1", "--idle-for", "30m", "--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).doesNotContain("90233546.1").contains("Maya")
        .contains("assigned to Maya, idle 1h01m (at least 30m)");
    String bob = dry.out().lines().filter(l -> l.contains("bbbb2222")).findFirst().orElseThrow();
    assertThat(bob).startsWith("return").contains("Bob (Billing, Maya, idle 1h01m)").contains("assigned to Maya");
    JsonNode plan = JSON.readTree(h.run("mq", "return-all", "cccc", "--skill", "General", "--dry-run", "--json").out());
    assertThat(plan.get("targets").get(0).get("reason").asText()).isEqualTo("named, skill General");
    assertThat(plan.get("targets").get(0).get("description").asText()).contains("Maya");
  }

  @Test
  void skillCompletionOffersNamesEvenWithSpaces() {
    w.skills.add(new dev.lpa.core.model.Skill("1004", "Tech Support", java.util.List.of(), 1));
    assertThat(LiveValues.of(w, "skills")).containsExactly("General", "Billing", "Tech Support");
    assertThat(h.run("__complete", "skills").out()).isEqualTo("General\nBilling\nTech Support\n");
  }

  @Test
  void mqReturnAllAsksOnATerminal() {
    h.tty().answers.add("n");
    assertThat(h.run("mq", "return-all").code()).isEqualTo(3);
    h.answers.add("y");
    assertThat(h.run("mq", "return-all", "--skill", "Billing").out()).contains("1 returned, 0 failed");
  }

  @Test
  void logoutOffATerminalNeedsAChoiceWhenConversationsAreOpen() {
    assertThat(h.run("logout").code()).isEqualTo(2);
    CliHarness.Result r = h.run("logout", "--return-all");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(w.calls).contains("returnToQueue aaaa1111-x", "returnToQueue bbbb2222-x", "returnToQueue cccc3333-x");
    assertThat(r.out()).endsWith("Logged out of profile default.\n");
    assertThat(h.client().sessions).isEmpty();
  }

  @Test
  void logoutReturnAllStaysLoggedInWhenOneCannotGoBack() {
    w.failing("returnToQueue", "bbbb2222-x", new dev.lpa.core.LpaException(dev.lpa.core.LpaException.Kind.FORBIDDEN,
        "not allowed"));
    CliHarness.Result r = h.run("logout", "--return-all");
    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).contains("could not return bbbb2222: not allowed").contains("still logged in");
    assertThat(r.out()).contains("returned aaaa1111 Ann").contains("returned cccc3333 Cy").doesNotContain("Logged out");
    assertThat(h.client().sessions).containsKey("default");
  }

  @Test
  void logoutOnATerminalAsksAndCanKeep() {
    h.tty().answers.add("l");
    assertThat(h.run("logout").code()).isZero();
    assertThat(h.prompts.get(0)).contains("3 open conversation(s)").contains("return all to the queue");
    assertThat(w.calls).noneMatch(c -> c.startsWith("returnToQueue"));
  }

  @Test
  void everyCommandAnswersHelpWithExamples() {
    CliHarness.Result r = h.run("mq", "return-all", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: lpa mq return-all").contains("Examples:");
    assertThat(h.run("send", "-h").out()).contains("--canned");
  }

  @Test
  void helpTopicsAndCommandHelp() {
    assertThat(h.run("help", "environment").out()).contains("LPA_TOKEN").contains("NO_COLOR");
    assertThat(h.run("help", "formatting").out()).contains("--jsonl");
    assertThat(h.run("help", "mq", "return-all").out()).contains("--idle-for").contains("Examples:");
    assertThat(h.run("help", "nope").code()).isEqualTo(2);
  }

  @Test
  void everyCommandHasExamplesAndTheProfileOption() {
    picocli.CommandLine root = Main.commandLine(new dev.lpa.cli.support.CliContext(h.env, h.clock,
        java.io.InputStream.nullInputStream(), h.terminal, dev.lpa.cli.support.Prompter.console()));
    java.util.List<String> missing = new java.util.ArrayList<>();
    walk(root, missing);
    assertThat(missing).isEmpty();
  }

  private static void walk(picocli.CommandLine cl, java.util.List<String> missing) {
    for (picocli.CommandLine sub : dev.lpa.cli.completion.Scripts.visibleSubcommands(cl).values()) {
      var spec = sub.getCommandSpec();
      if (!spec.name().equals("help") && spec.findOption("--help") == null) {
        missing.add(spec.qualifiedName() + ": no --help");
      }
      if (sub.getSubcommands().isEmpty()) {
        if (!String.join("\n", spec.usageMessage().footer()).contains("Examples:")) {
          missing.add(spec.qualifiedName() + ": no examples");
        }
        if (!spec.name().equals("help") && spec.findOption("--profile") == null) {
          missing.add(spec.qualifiedName() + ": no --profile");
        }
      }
      walk(sub, missing);
    }
  }

  @Test
  void aStreamStopsQuietlyWhenItsReaderGoesAway() throws Exception {
    // like `lpa watch | head -1`: the first write after the reader left ends the command
    java.io.Writer closed = new java.io.Writer() {
      @Override
      public void write(char[] b, int off, int len) throws java.io.IOException {
        throw new java.io.IOException("Broken pipe");
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    dev.lpa.cli.support.CliContext ctx = new dev.lpa.cli.support.CliContext(h.env, h.clock,
        java.io.InputStream.nullInputStream(), h.terminal, dev.lpa.cli.support.Prompter.console(), c -> h.client());
    picocli.CommandLine cl = Main.commandLine(ctx);
    cl.setOut(new java.io.PrintWriter(closed));
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(err, true));
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cl.execute("watch"));
    Desk.awaitEventListener(w);
    w.setAgentState(dev.lpa.core.model.AgentState.ONLINE).join();
    assertThat(run.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(err.toString()).isEmpty();
  }
}
