package dev.lpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.cli.fake.Desk;
import dev.lpa.core.LpaException;
import dev.lpa.core.testkit.ScriptedWorkspace;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per documented exit code, each through a real command. */
class ExitCodesTest {
  @TempDir Path tmp;

  private CliHarness cli() {
    return new CliHarness(tmp);
  }

  private ScriptedWorkspace agent1(CliHarness h) {
    ScriptedWorkspace w = h.client().loggedIn("default", "agent1");
    Desk.add(w, "c1aaaaaa-1", "Ann", "1001", "agent1", CliHarness.NOW.plusSeconds(600), CliHarness.NOW.minusSeconds(60), "hi");
    return w;
  }

  @Test
  void zeroWhenTheCommandWorked() {
    CliHarness h = cli();
    agent1(h);
    assertThat(h.run("list").code()).isEqualTo(0);
  }

  @Test
  void oneOnAServerErrorWithAHintAboutVerbose() {
    CliHarness h = cli();
    agent1(h).failing("*", "c1aaaaaa-1", new LpaException(LpaException.Kind.ERROR, "server said 500"));
    CliHarness.Result r = h.run("close", "c1aa");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("lpa: server said 500").contains("--verbose").doesNotContain("at dev.lpa");
  }

  @Test
  void aServerMessageCannotReachTheTerminalRaw() {
    CliHarness h = cli();
    agent1(h).failing("*", "c1aaaaaa-1", new LpaException(LpaException.Kind.ERROR, "bad \u001b]0;owned\u0007request"));
    CliHarness.Result r = h.run("close", "c1aa");
    assertThat(r.err()).contains("lpa: bad request").doesNotContain("\u001b]0;");
  }

  @Test
  void oneWithTheStackTraceUnderVerbose() {
    CliHarness h = cli();
    agent1(h).failing("*", "c1aaaaaa-1", new LpaException(LpaException.Kind.ERROR, "server said 500"));
    CliHarness.Result r = h.run("close", "c1aa", "--verbose");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("LpaException").contains("at ");
  }

  @Test
  void twoOnAUsageError() {
    CliHarness.Result r = cli().run("send");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("lpa: missing required parameter: 'CONV' (see: lpa send --help)\n");
  }

  @Test
  void twoWhenAPasswordIsNeededOffATerminal() {
    CliHarness.Result r = cli().run("login", "--account", "90233546", "--username", "agent1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--password-stdin").contains("LPA_PASSWORD");
  }

  @Test
  void threeWhenTheUserCancelsAtThePrompt() {
    CliHarness h = cli().tty();
    agent1(h);
    h.answers.add("c");
    CliHarness.Result r = h.run("logout");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("still logged in");
    assertThat(h.client().sessions).containsKey("default");
  }

  @Test
  void fourWhenNotLoggedIn() {
    CliHarness.Result r = cli().run("list");
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("not logged in").contains("lpa login");
  }

  @Test
  void fourWhenTheServerRejectsThePassword() {
    CliHarness h = cli();
    h.stdin = "wrong\n";
    CliHarness.Result r = h.run("login", "-a", "90233546", "-u", "agent1", "--password-stdin");
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("rejected");
  }

  @Test
  void fiveWhenSomeOfABulkRunFailed() {
    CliHarness h = cli();
    ScriptedWorkspace w = agent1(h);
    Desk.add(w, "c2bbbbbb-2", "Bob", "1001", "agent1", null, CliHarness.NOW.minusSeconds(3600), "thanks");
    w.failing("*", "c2bbbbbb-2", new LpaException(LpaException.Kind.FORBIDDEN, "not allowed"));
    CliHarness.Result r = h.run("mq", "return-all", "--yes");
    assertThat(r.code()).isEqualTo(5);
    assertThat(r.out()).contains("c2bbbbbb  failed").contains("1 returned, 1 failed");
  }

  @Test
  void aBulkRunThatIsThrottledSaysWhichItemsFailedAndWhy() throws Exception {
    CliHarness h = cli();
    ScriptedWorkspace w = agent1(h);
    Desk.add(w, "c2bbbbbb-2", "Bob", "1001", "agent1", null, CliHarness.NOW.minusSeconds(3600), "thanks");
    Desk.add(w, "c3cccccc-3", "Cy", "1001", "agent1", null, CliHarness.NOW.minusSeconds(3600), "ok");
    w.failing("*", "c2bbbbbb-2", new LpaException(LpaException.Kind.GAVE_UP,
        "UpdateConversationField: the server kept throttling (429) through 4 tries", 429, null));
    CliHarness.Result r = h.run("mq", "return-all", "--yes", "--json");
    assertThat(r.code()).isEqualTo(5);
    com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(doc.get("failed").asInt()).isEqualTo(1);
    com.fasterxml.jackson.databind.JsonNode failed = null;
    for (com.fasterxml.jackson.databind.JsonNode i : doc.get("items")) {
      if (i.get("outcome").asText().equals("failed")) {
        failed = i;
      } else {
        assertThat(i.get("outcome").asText()).isEqualTo("done");
      }
    }
    assertThat(failed).isNotNull();
    assertThat(failed.get("conversationId").asText()).isEqualTo("c2bbbbbb-2");
    assertThat(failed.get("detail").asText()).contains("throttling (429) through 4 tries");
    CliHarness.Result text = h.run("mq", "return-all", "c2bb", "--yes");
    assertThat(text.code()).isEqualTo(5);
    assertThat(text.out()).contains("c2bbbbbb  failed    UpdateConversationField: the server kept throttling (429) through 4 tries");
  }

  @Test
  void sixWhenTheConversationDoesNotExist() {
    CliHarness h = cli();
    agent1(h);
    CliHarness.Result r = h.run("show", "zzz");
    assertThat(r.code()).isEqualTo(6);
    assertThat(r.err()).contains("conversation zzz not found or not visible to you");
  }

  @Test
  void sevenWhenNothingRangBeforeTheWaitRanOut() {
    CliHarness h = cli();
    agent1(h);
    CliHarness.Result r = h.run("accept", "--wait", "1s");
    assertThat(r.code()).isEqualTo(7);
    assertThat(r.err()).contains("nothing rang within 1s");
  }

  @Test
  void sevenWhenCoreGaveUpAfterRetries() {
    CliHarness h = cli();
    agent1(h).failing("*", "c1aaaaaa-1", new LpaException(LpaException.Kind.GAVE_UP, "429 after 5 tries"));
    CliHarness.Result r = h.run("return", "c1");
    assertThat(r.code()).isEqualTo(7);
    assertThat(r.err()).contains("429 after 5 tries");
  }

  @Test
  void helpTopicListsEveryCode() {
    CliHarness.Result r = cli().run("help", "exit-codes");
    assertThat(r.code()).isZero();
    for (int i = 0; i <= 7; i++) {
      assertThat(r.out()).contains("  " + i + "  ");
    }
  }
}
