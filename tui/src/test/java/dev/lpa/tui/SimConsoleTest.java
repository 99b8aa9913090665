package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import dev.lpa.core.ClientConfig;
import dev.lpa.core.LpaClient;
import dev.lpa.core.auth.Credentials;
import dev.lpa.core.DefaultLpaClient;
import dev.lpa.core.auth.Endpoint;
import dev.lpa.core.auth.Tuning;
import dev.lpa.core.model.Message;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console against the real core client and the in-process simulator: ring, accept, reply,
 * transfer, return, close, logout prompt, all through keys.
 */
class SimConsoleTest {
  @TempDir Path dir;
  private final SimClock clock = new SimClock(Instant.parse("2026-11-27T09:00:00Z"));
  private Simulator sim;
  private LpaClient client;
  private Workspace ws;

  @BeforeEach
  void start() throws Exception {
    sim = Simulator.start(SimConfig.builder().clock(clock).admin(true).port(0).build());
    client = DefaultLpaClient.create(new ClientConfig(dir.resolve("config"), dir.resolve("data"), Map.of(), clock,
        Duration.ofSeconds(5)), Tuning.fast());
    client.login("default", new Endpoint(sim.accountId(), sim.csdsDomain(), sim.caPem(), false),
        new Credentials.Password(DemoAccount.AGENT1, DemoAccount.user(DemoAccount.AGENT1).orElseThrow().password()
            .toCharArray())).get(10, TimeUnit.SECONDS);
    ws = client.open("default").get(10, TimeUnit.SECONDS);
    ws.ready().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    if (ws != null) {
      ws.close();
    }
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private String ringAndAccept(Harness h, String consumer, String first) {
    String id = sim.admin().createConversation(DemoAccount.SKILL_GENERAL, consumer, List.of(first));
    h.until(() -> h.shows("[a/F3] accept") && h.shows("General"), 10);
    h.key('a');
    h.until(() -> id.equals(h.console.model().openId()) && h.shows(first) && h.shows(consumer), 10);
    return id;
  }

  @Test
  void a_shift_at_the_desk() {
    try (Harness h = new Harness(120, 40, ws, clock, Harness.options())) {
      // go online from the settings drawer
      h.key('s').key('o');
      h.until(() -> "ONLINE".equals(sim.admin().agentState(DemoAccount.AGENT1)), 10);

      // ring, accept, reply
      String c1 = ringAndAccept(h, "Olivia Martin", "hello there");
      h.type("Hi Olivia, how can I help?").key(KeyType.Enter);
      h.until(() -> ws.state().messagesOf(c1).stream().anyMatch(m -> m.sender() == Message.Sender.AGENT
          && m.content() instanceof Message.Text t && t.text().equals("Hi Olivia, how can I help?")), 10);
      h.until(() -> h.shows("Hi Olivia, how can I help?"), 10);
      sim.admin().consumerSays(c1, "my order is late");
      h.until(() -> h.shows("my order is late"), 10);
      sim.admin().consumerTyping(c1, true);
      h.until(() -> h.shows("Olivia Martin is typing…"), 10);
      sim.admin().consumerTyping(c1, false);
      h.until(() -> !h.shows("is typing"), 10);

      // a photo arrives with its half-block preview
      sim.admin().consumerSendsPhoto(c1, "the parcel", java.util.Base64.getDecoder().decode(Fixtures.thumbnail()));
      h.until(() -> h.shows("[photo] the parcel"), 10);
      assertThat(h.text()).contains("▀▀▀▀");

      // video call invitation: the browser gets the agent's link, the title shows the state
      h.ctrl('t').key('v');
      h.until(() -> !h.opened.isEmpty(), 10);
      h.until(() -> h.shows("video call: INVITED"), 10);
      assertThat(h.opened.get(0).getScheme()).isEqualTo("https");

      // transfer to a skill this agent does not have, picked by its hotkey in the menu
      h.ctrl('k').key('t').key('s');
      h.until(() -> h.shows("] Tech Support"), 10);
      String line = h.text().lines().filter(l -> l.contains("] Tech Support")).findFirst().orElseThrow();
      char hotkey = line.charAt(line.indexOf("] Tech Support") - 1);
      h.key(hotkey).type("late order").key(KeyType.Enter);
      h.until(() -> h.shows("Transferred to Tech Support."), 10);
      h.until(() -> !h.console.model().listedIds().contains(c1), 10);
      assertThat(h.text()).contains("Conversations list is empty");

      // close, with confirmation
      String c2 = ringAndAccept(h, "Clara Close", "all done, thanks");
      h.key(KeyType.F4).key('c');
      assertThat(h.text()).contains("Close the conversation with Clara Close?");
      h.key('y');
      h.until(() -> !sim.admin().openConversations().contains(c2), 10);
      h.until(() -> h.console.model().openId() == null && h.shows("Please select a conversation"), 10);

      // return to queue; nobody else is online, so it rings here again
      String c3 = ringAndAccept(h, "Peter Queue", "can you help?");
      h.ctrl('k').key('r');
      h.until(() -> h.shows("went back to the queue"), 10);
      h.until(() -> h.shows("[a/F3] accept"), 10);
      h.key('a');
      h.until(() -> c3.equals(h.console.model().openId()), 10);

      // logout with an open conversation: cancel first, then return all and log out
      h.key(KeyType.Escape).key('L');
      assertThat(h.text()).contains("You have 1 open conversation(s)");
      h.key('c');
      assertThat(h.console.running()).isTrue();
      h.key('L').key('r');
      h.until(() -> !h.console.running(), 10);
      assertThat(sim.admin().openConversations()).contains(c3);
      ws = null; // closed by the console on logout
    }
  }
}
