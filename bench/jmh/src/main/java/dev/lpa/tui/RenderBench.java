package dev.lpa.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.lpa.bench.Accounts;
import dev.lpa.core.workspace.Reducer;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The console's frame: a manager's All tab over a 10,000-conversation team on a 200x50 virtual
 * terminal, drawn and refreshed onto the terminal as {@code Console.render} does. In this package
 * because the console's state and render are package-private; the console runs without a
 * workspace (the state is put in directly), so nothing but drawing is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class RenderBench {
  @Param({"10000"})
  int conversations;

  private final Instant now = Accounts.T0.plusSeconds(1);
  private Console console;
  private WorkspaceState base;
  private Reducer.Events[] events;
  private int next;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    base = Accounts.team(conversations);
    events = new Reducer.Events[1024];
    for (int k = 0; k < events.length; k++) {
      int i = (int) ((k * 7919L) % conversations);
      events[k] = new Reducer.Events("conv-" + i, List.of(Accounts.message(i, 1, "and another thing " + k)));
    }
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
    ConsoleOptions opts = new ConsoleOptions(Theme.DARK, Locale.ENGLISH, NotifyMode.NONE, none, Map.of(),
        ZoneOffset.UTC, u -> {}, Path.of(System.getProperty("java.io.tmpdir")), null, null);
    console = new Console(new DefaultVirtualTerminal(new TerminalSize(200, 50)), Clock.fixed(now, ZoneOffset.UTC),
        opts, null);
    console.start();
    console.mode = Console.Mode.MAIN;
    console.state = base;
    console.model.switchTab();
    console.render();
    if (console.lists.rows().size() != conversations) {
      throw new IllegalStateException("the All tab shows " + console.lists.rows().size() + " rows");
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    console.close();
  }

  /** A consumer message arrives (a new snapshot): the next frame, drawn and sent to the terminal. */
  @Benchmark
  public String frameAfterMessage() throws IOException {
    console.state = Reducer.apply(base, events[next++ & 1023], now);
    console.render();
    return console.model.cursorId();
  }

  /** The cursor moves down or up a row over the same snapshot: the next frame. */
  @Benchmark
  public String frameAfterCursorMove() throws IOException {
    console.handleKey(new KeyStroke((next++ & 1) == 0 ? 'j' : 'k', false, false));
    console.render();
    return console.model.cursorId();
  }
}
