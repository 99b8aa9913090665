package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Role;
import dev.lpa.core.testkit.ScriptedWorkspace;
import org.junit.jupiter.api.Test;

/** Every screen survives terminals far smaller than anyone should use, and wide characters. */
class TinyTerminalTest {

  @Test
  void all_screens_draw_at_tiny_sizes() {
    int[][] sizes = {{12, 4}, {30, 8}, {60, 10}, {99, 12}, {100, 12}};
    for (int[] size : sizes) {
      MutableClock clock = new MutableClock(Harness.T0);
      ScriptedWorkspace ws = Fixtures.desk(clock);
      ws.conversation(Fixtures.conversation("cjk", "山田 太郎 with a really very long family name", null, "Sales",
          Harness.T0, Fixtures.at("10:30"), Role.ASSIGNED_AGENT));
      Fixtures.message(ws, "cjk", Message.Sender.CONSUMER, null,
          new Message.Text("こんにちは、注文について質問があります。" .repeat(3)), Harness.T0, Message.Delivery.READ);
      try (Harness h = new Harness(size[0], size[1], ws, clock, Harness.options())) {
        h.key(KeyType.F1).key(KeyType.Escape).key('s').key(KeyType.Escape);
        h.key('/').type("山").key(KeyType.Enter).key(KeyType.Enter);
        h.type("長いメッセージ ".repeat(10)).ctrl('n').type("x");
        h.ctrl('k').key(KeyType.Escape).ctrl('t').key(KeyType.Escape);
        h.key(KeyType.PageUp).key(KeyType.PageDown);
        h.resize(size[0] + 1, size[1] + 1);
        assertThat(h.console.running()).as("size %dx%d", size[0], size[1]).isTrue();
        assertThat(h.text()).isNotBlank();
      }
    }
  }

  @Test
  void login_screen_at_tiny_sizes() {
    MutableClock clock = new MutableClock(Harness.T0);
    java.util.concurrent.atomic.AtomicInteger tried = new java.util.concurrent.atomic.AtomicInteger();
    LoginHandler handler = new LoginHandler() {
      @Override public dev.lpa.core.workspace.Workspace login(String a, String u, char[] p, boolean r) {
        tried.incrementAndGet();
        throw new dev.lpa.core.LpaException(dev.lpa.core.LpaException.Kind.NOT_LOGGED_IN, "no");
      }
      @Override public dev.lpa.core.workspace.Workspace loginSso(String a, boolean r) {
        throw new dev.lpa.core.LpaException(dev.lpa.core.LpaException.Kind.GAVE_UP, "down");
      }
    };
    for (int[] size : new int[][] {{10, 3}, {40, 10}}) {
      tried.set(0);
      try (Harness h = new Harness(size[0], size[1], null, clock, Harness.options().withLogin(handler))) {
        h.type("1").key(KeyType.Tab).type("u").key(KeyType.Tab).type("p").key(KeyType.Enter);
        h.until(() -> tried.get() > 0);
        // at 10x3 the login error has no room: read it where it fits, then draw it tiny again
        h.resize(80, 24);
        h.until(() -> h.shows("Wrong username or password."));
        h.resize(size[0], size[1]);
        assertThat(h.console.running()).isTrue();
        assertThat(h.text()).isNotBlank();
      }
    }
  }
}
