package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Session;
import dev.lpa.core.ums.Notification;
import dev.lpa.core.workspace.Reducer;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What keeps a manager's console cheap when the account changes dozens of times a second: frames
 * the workspace asks for are paced, keys are not, and the list's order is kept while the
 * conversations stay the same. The console runs without a workspace here; the states are made by
 * core's reducer from the wire shapes the socket delivers.
 */
class ConsoleAtScaleTest {
  private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
  private static final Session MANAGER = new Session("default", "123", "manager1", "123.2001", "pid-manager",
      "Helen", true, null);
  private final MutableClock clock = new MutableClock(T0);
  private Console console;

  @AfterEach
  void close() {
    if (console != null) {
      console.close();
    }
  }

  private Console console() throws IOException {
    LoginHandler none = new LoginHandler() {
      @Override
      public Workspace login(String account, String username, char[] password, boolean remember) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Workspace loginSso(String account, boolean remember) {
        throw new UnsupportedOperationException();
      }
    };
    console = new Console(new DefaultVirtualTerminal(new TerminalSize(120, 40)), clock,
        Harness.options().withLogin(none), null);
    return console;
  }

  private static ObjectNode conversation(int i) {
    String id = "conv-" + i;
    long started = T0.toEpochMilli() - 3_600_000L + i;
    ObjectNode r = Json.obj().put("convId", id).put("effectiveTTR", T0.toEpochMilli() + 60_000L * (10 + i));
    ObjectNode d = r.putObject("conversationDetails");
    d.put("skillId", "1001").put("state", "OPEN").put("startTs", started).put("metaDataLastUpdateTs", started);
    d.putObject("ttr").put("ttrType", "NORMAL").put("value", 3600);
    d.putObject("participants").putArray("CONSUMER").add("consumer-" + i);
    ((ObjectNode) d.get("participants")).putArray("ASSIGNED_AGENT").add("123.1001");
    ObjectNode dlg = d.putArray("dialogs").addObject();
    dlg.put("dialogId", id).put("dialogType", "MAIN").put("channelType", "MESSAGING").put("state", "OPEN");
    dlg.putArray("participantsDetails").addObject().put("id", "consumer-" + i).put("role", "CONSUMER")
        .put("state", "ACTIVE");
    return r;
  }

  private static ObjectNode message(int i, long seq, String text) {
    String id = "conv-" + i;
    ObjectNode e = Json.obj().put("sequence", seq).put("dialogId", id).put("conversationId", id)
        .put("serverTimestamp", T0.toEpochMilli() + seq * 1000).put("originatorId", "consumer-" + i);
    e.putObject("originatorMetadata").put("role", "CONSUMER");
    e.putObject("event").put("type", "ContentEvent").put("contentType", "text/plain").put("message", text);
    return e;
  }

  private static WorkspaceState team(int n) {
    List<Notification.Change> changes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      changes.add(new Notification.Change("UPSERT", conversation(i)));
    }
    return Reducer.apply(Reducer.initial(MANAGER, T0),
        new Reducer.Conversations(Reducer.Scope.TEAM, true, changes, Map.of("1001", "General")), T0);
  }

  @Test
  void workspaceChangesDrawAtMostTenFramesASecondWhileKeysDrawAtOnce() throws IOException {
    Console c = console();
    c.backgroundFrameGapMillis = Console.BACKGROUND_FRAME_GAP_MILLIS;
    c.start();
    long atStart = c.frames;
    for (int i = 0; i < 20; i++) {
      c.post(() -> {}); // what a state from the workspace does: queue a change for the UI thread
      c.tick();
      clock.advance(Duration.ofMillis(4));
    }
    assertThat(c.frames - atStart).as("frames for 20 changes within 80 ms").isZero();
    clock.advance(Duration.ofMillis(20));
    c.tick();
    assertThat(c.frames - atStart).as("the changes are drawn once the gap is over").isEqualTo(1);
    c.post(() -> {});
    c.tick();
    assertThat(c.frames - atStart).isEqualTo(1);
    ((DefaultVirtualTerminal) terminalOf(c)).addInput(new KeyStroke('x', false, false));
    c.tick();
    assertThat(c.frames - atStart).as("a key is drawn without waiting").isEqualTo(2);
  }

  @Test
  void withoutAGapEveryChangeIsDrawnAsBefore() throws IOException {
    Console c = console();
    c.start();
    long atStart = c.frames;
    for (int i = 0; i < 5; i++) {
      c.post(() -> {});
      c.tick();
    }
    assertThat(c.frames - atStart).isEqualTo(5);
  }

  @Test
  void theListKeepsItsOrderWhileOnlyOtherThingsChangeAndReordersOnANewMessage() throws IOException {
    Console c = console();
    c.start();
    c.mode = Console.Mode.MAIN;
    WorkspaceState first = team(50);
    c.state = first;
    c.model.switchTab();
    List<Conversation> before = c.lists.ordered(null);
    assertThat(before).hasSize(50);
    assertThat(before.get(0).id()).isEqualTo("conv-0");

    WorkspaceState online = Reducer.apply(first, new Reducer.AgentStateIs(AgentState.ONLINE), T0);
    assertThat(online).isNotSameAs(first);
    c.state = online;
    assertThat(c.lists.ordered(null)).as("the same conversations: the order is not made again").isSameAs(before);

    WorkspaceState answered = Reducer.apply(online,
        new Reducer.Events("conv-0", List.of(message(0, 1, "still there?")), Map.of()), T0);
    c.state = answered;
    List<Conversation> after = c.lists.ordered(null);
    assertThat(after).isNotSameAs(before).hasSize(50);
    assertThat(after.stream().filter(x -> x.id().equals("conv-0")).findFirst().orElseThrow().lastMessage().excerpt())
        .contains("still there?");
  }

  private static com.googlecode.lanterna.terminal.Terminal terminalOf(Console c) {
    return ((com.googlecode.lanterna.screen.TerminalScreen) c.screen()).getTerminal();
  }
}
