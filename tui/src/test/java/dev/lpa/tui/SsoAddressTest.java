package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.lpa.core.testkit.Await;
import dev.lpa.core.workspace.Workspace;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The SSO sign-in address: opened in the browser, or shown whole on the login screen when it cannot be. */
class SsoAddressTest {
  private static final String ADDRESS = "https://sentinel.example/authorize?client_id=lpa-console&state=s7a9f3"
      + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A41234%2Fcallback&code_challenge=QWERTYUIOPASDFGHJKLZXCVBNM0123456789";
  private final MutableClock clock = new MutableClock(Harness.T0);
  private final CountDownLatch signedIn = new CountDownLatch(1);

  @Test
  void without_a_browser_the_address_stays_on_the_login_screen_until_the_login_completes() throws Exception {
    // the Harness always gives the console a working browser; this one has none
    ConsoleOptions o = Harness.options().withLogin(handler()).withBrowser(uri -> {
      throw new UnsupportedOperationException("no desktop session");
    });
    DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(80, 24));
    Console console = new Console(vt, clock, o, null);
    console.start();
    try {
      vt.addInput(new KeyStroke(KeyType.F2));
      // wrapped over several rows: every piece of it must be on screen, start and end
      until(console, vt, () -> text(vt).contains("Open this yourself:") && text(vt).contains("https://sentinel.example")
          && text(vt).contains("0123456789") && text(vt).contains("Logging in"));
      signedIn.countDown();
      until(console, vt, () -> text(vt).contains("Conversations (4)") && !text(vt).contains("sentinel.example"));
    } finally {
      signedIn.countDown();
      console.close();
    }
  }

  @Test
  void with_a_browser_the_address_is_opened_and_not_shown() {
    try (Harness h = new Harness(80, 24, null, clock, Harness.options().withLogin(handler()))) {
      h.key(KeyType.F2);
      h.until(() -> h.opened.size() == 1 && h.shows("Logging in"));
      assertThat(h.opened).containsExactly(URI.create(ADDRESS));
      assertThat(h.shows("sentinel.example")).isFalse();
      signedIn.countDown();
      h.until(() -> h.shows("Conversations (4)"));
    } finally {
      signedIn.countDown();
    }
  }

  private LoginHandler handler() {
    Workspace ws = Fixtures.desk(clock);
    return new LoginHandler() {
      @Override
      public String rememberedAccount() {
        return "90233546";
      }

      @Override
      public Workspace login(String account, String username, char[] password, boolean remember) {
        throw new AssertionError("password login not expected");
      }

      @Override
      public Workspace loginSso(String account, boolean remember) {
        throw new AssertionError("the console passes its opener");
      }

      @Override
      public Workspace loginSso(String account, boolean remember, Consumer<URI> open) {
        open.accept(URI.create(ADDRESS));
        try {
          signedIn.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return ws;
      }
    };
  }

  private static void until(Console console, DefaultVirtualTerminal vt, BooleanSupplier cond) throws Exception {
    Await.until(cond, Duration.ofSeconds(5), console::tick, () -> "screen:\n" + text(vt));
  }

  private static String text(DefaultVirtualTerminal vt) {
    StringBuilder sb = new StringBuilder();
    for (int y = 0; y < vt.getTerminalSize().getRows(); y++) {
      for (int x = 0; x < vt.getTerminalSize().getColumns(); x++) {
        TextCharacter ch = vt.getCharacter(x, y);
        sb.append(ch == null ? " " : ch.getCharacterString());
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
