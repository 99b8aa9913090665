package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ConsoleOptions.onFailure: told of a bug the console caught, while the session goes on. */
class ConsoleFailureHookTest {
  @Test
  void an_exception_in_a_callback_reaches_the_hook_and_the_console_keeps_running() throws Exception {
    MutableClock clock = new MutableClock(Harness.T0);
    List<RuntimeException> seen = new ArrayList<>();
    ConsoleOptions o = Harness.options().withOnFailure(seen::add);
    DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(80, 24));
    try (Console console = new Console(vt, clock, o, Fixtures.workspace(clock))) {
      console.start();
      console.tick();
      assertThat(seen).isEmpty();
      IllegalStateException boom = new IllegalStateException("boom");
      console.post(() -> {
        throw boom;
      });
      console.tick();
      assertThat(seen).containsExactly(boom);
      assertThat(console.running()).isTrue();
      console.tick();
      assertThat(seen).hasSize(1);
    }
  }
}
