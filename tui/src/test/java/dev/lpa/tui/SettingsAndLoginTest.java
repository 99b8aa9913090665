package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import dev.lpa.core.LpaException;
import dev.lpa.core.testkit.ScriptedWorkspace;
import dev.lpa.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsAndLoginTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Harness.T0);

  @Test
  void drawer_choices_are_saved_and_read_back_with_env_overrides() {
    Path file = dir.resolve("lpa/console.properties");
    try (Harness h = new Harness(120, 40, Fixtures.desk(clock), clock, Harness.options().withSettingsFile(file))) {
      h.key('s').key('t').key('l').key('n');
      h.until(() -> Files.exists(file) && read(file).contains("notifications=osc"));
    }
    ConsoleOptions o = ConsoleSettings.apply(Harness.options(), file, Map.of());
    assertThat(o.theme()).isEqualTo(Theme.LIGHT);
    assertThat(o.locale().getLanguage()).isEqualTo("de");
    assertThat(o.notifications()).isEqualTo(NotifyMode.OSC);
    ConsoleOptions env = ConsoleSettings.apply(Harness.options(), file, Map.of("LPA_THEME", "mono", "LPA_NOTIFY", "none"));
    assertThat(env.theme()).isEqualTo(Theme.MONO);
    assertThat(env.notifications()).isEqualTo(NotifyMode.NONE);
    assertThat(ConsoleSettings.defaultFile(Map.of("XDG_CONFIG_HOME", "/x"))).isEqualTo(Path.of("/x/lpa/console.properties"));
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  /** A login handler that accepts agent1/agent1-pass and fails otherwise, like the cli's would. */
  private final class Handler implements LoginHandler {
    final List<String> calls = new ArrayList<>();
    final ScriptedWorkspace ws = Fixtures.desk(clock);
    volatile boolean serverDown;

    @Override
    public String rememberedAccount() {
      return "90233546";
    }

    @Override
    public Workspace login(String account, String username, char[] password, boolean remember) {
      calls.add("login " + account + " " + username + " " + remember);
      if (serverDown) {
        throw new LpaException(LpaException.Kind.GAVE_UP, "503 from the login service");
      }
      if (!username.equals("agent1") || !new String(password).equals("agent1-pass")) {
        throw new LpaException(LpaException.Kind.NOT_LOGGED_IN, "bad credentials");
      }
      return ws;
    }

    @Override
    public Workspace loginSso(String account, boolean remember) {
      calls.add("sso " + account);
      return ws;
    }

    @Override
    public void logout(Workspace w) {
      calls.add("logout");
    }
  }

  @Test
  void login_alerts_then_logs_in_and_logout_returns_to_the_login_screen() {
    Handler handler = new Handler();
    try (Harness h = new Harness(80, 24, null, clock, Harness.options().withLogin(handler))) {
      assertThat(h.text()).contains("Account number    90233546");
      h.key(KeyType.Tab).key(KeyType.Tab).key(KeyType.Tab).key(KeyType.Enter); // on "Log in", form incomplete
      assertThat(h.text()).contains("Fill in every field first.");
      h.key(KeyType.ReverseTab).key(KeyType.ReverseTab).key(KeyType.ReverseTab);
      h.type("agent1").key(KeyType.Enter).type("wrong").key(KeyType.Enter);
      h.until(() -> h.shows("Wrong username or password."));
      assertThat(handler.calls).containsExactly("login 90233546 agent1 true");
      // the password field was emptied: type it again
      handler.serverDown = true;
      h.type("agent1-pass").key(KeyType.Enter);
      h.until(() -> h.shows("The server could not log you in: 503 from the login"));
      handler.serverDown = false;
      h.type("agent1-pass").key(KeyType.Enter);
      h.until(() -> h.shows("Conversations (4)"));
      h.key('L').key('l');
      h.until(() -> h.shows("Log in") && h.shows("Logged out."));
      assertThat(handler.calls).contains("logout");
      assertThat(handler.ws.calls).contains("close-workspace");
      assertThat(h.console.running()).isTrue();
    }
  }

  @Test
  void an_expired_session_offers_the_login_in_place_and_keeps_the_reply_being_typed() {
    Handler handler = new Handler();
    try (Harness h = new Harness(120, 40, null, clock, Harness.options().withLogin(handler))) {
      h.type("agent1").key(KeyType.Enter).type("agent1-pass").key(KeyType.Enter);
      h.until(() -> h.shows("Conversations (4)"));
      h.key(KeyType.Enter);
      h.until(() -> h.console.model().openId() != null);
      String open = h.console.model().openId();
      h.type("half a reply");
      handler.ws.connection(dev.lpa.core.workspace.ConnectionState.LOGGED_OUT, "");
      h.until(() -> h.shows("Log in") && h.shows("log in again to continue; your unsent reply"));
      assertThat(h.text()).contains("agent1");
      h.type("agent1-pass").key(KeyType.Enter);
      h.until(() -> h.shows("Conversations (4)"));
      assertThat(h.console.model().openId()).isEqualTo(open);
      assertThat(h.console.model().composer().text()).isEqualTo("half a reply");
    }
  }

  @Test
  void logging_out_with_unsent_messages_asks_first_and_can_keep_them() {
    Handler handler = new Handler();
    try (Harness h = new Harness(120, 40, null, clock, Harness.options().withLogin(handler))) {
      h.type("agent1").key(KeyType.Enter).type("agent1-pass").key(KeyType.Enter);
      h.until(() -> h.shows("Conversations (4)"));
      String conv = handler.ws.state().conversations().keySet().iterator().next();
      // in the outbox, not yet answered by the server
      handler.ws.feed(new dev.lpa.core.workspace.Reducer.OutboxQueued(new dev.lpa.core.model.Message(conv, conv, -1,
          clock.instant(), dev.lpa.core.model.Message.Sender.AGENT, Fixtures.ACCOUNT + ".1", "pid-1", "Alex Agent",
          new dev.lpa.core.model.Message.Text("not sent yet"), dev.lpa.core.model.Message.Delivery.PENDING, "local-1")));
      h.tick();
      h.key('L');
      h.until(() -> h.shows("1 message(s) you wrote are not sent yet"));
      h.key('k');
      h.until(() -> h.shows("your unsent messages are kept"));
      assertThat(handler.calls).doesNotContain("logout");
    }
  }

  @Test
  void sso_needs_only_the_account() {
    Handler handler = new Handler();
    try (Harness h = new Harness(80, 24, null, clock, Harness.options().withLogin(handler).withLocale(Locale.GERMAN))) {
      assertThat(h.text()).contains("Kontonummer");
      h.key(KeyType.F2);
      h.until(() -> h.shows("Konversationen (4)"));
      assertThat(handler.calls).containsExactly("sso 90233546");
    }
  }
}
