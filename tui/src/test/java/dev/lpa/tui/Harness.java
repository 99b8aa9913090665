package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminalListener;
import dev.lpa.core.testkit.Await;
import dev.lpa.core.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** A console on a virtual terminal with a hand-moved clock, driven key by key. */
final class Harness implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  final DefaultVirtualTerminal vt;
  final java.time.Clock clock;
  final Console console;
  final AtomicInteger bells = new AtomicInteger();
  final StringBuilder raw = new StringBuilder();
  final List<URI> opened = new ArrayList<>();
  /** Unexpected exceptions the console caught and carried on after; {@link #close} fails on one. */
  private final List<RuntimeException> failures = new ArrayList<>();

  Harness(int cols, int rows, Workspace ws, java.time.Clock clock, ConsoleOptions base) {
    this(new DefaultVirtualTerminal(new TerminalSize(cols, rows)), ws, clock, base);
  }

  Harness(DefaultVirtualTerminal terminal, Workspace ws, java.time.Clock clock, ConsoleOptions base) {
    this.vt = terminal;
    this.clock = clock;
    vt.addVirtualTerminalListener(new VirtualTerminalListener() {
      @Override public void onFlush() {}
      @Override public void onBell() { bells.incrementAndGet(); }
      @Override public void onClose() {}
      @Override public void onResized(com.googlecode.lanterna.terminal.Terminal t, TerminalSize s) {}
    });
    ConsoleOptions o = base.withRawOutput(s -> {
      synchronized (raw) {
        raw.append(s);
      }
    }).withBrowser(opened::add).withOnFailure(failures::add);
    try {
      this.console = new Console(vt, clock, o, ws);
      console.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    tick();
  }

  static ConsoleOptions options() {
    return options(Map.of());
  }

  static ConsoleOptions options(Map<String, String> env) {
    return new ConsoleOptions(Theme.DARK, Locale.ENGLISH, NotifyMode.BELL, null, env, ZoneOffset.UTC,
        u -> {}, Path.of(System.getProperty("java.io.tmpdir"), "lpa-tui-test"), null, null);
  }

  Harness tick() {
    console.tick();
    console.tick();
    return this;
  }

  Harness key(KeyType t) {
    vt.addInput(new KeyStroke(t));
    return tick();
  }

  Harness key(char c) {
    vt.addInput(new KeyStroke(c, false, false));
    return tick();
  }

  Harness ctrl(char c) {
    vt.addInput(new KeyStroke(c, true, false));
    return tick();
  }

  Harness alt(KeyType t) {
    vt.addInput(new KeyStroke(t, false, true));
    return tick();
  }

  Harness type(String s) {
    for (char c : s.toCharArray()) {
      vt.addInput(new KeyStroke(c, false, false));
    }
    return tick();
  }

  /** Ticks until the condition holds (work finishing on other threads), at most ~5 s. */
  Harness until(BooleanSupplier cond) {
    return until(cond, 5);
  }

  Harness until(BooleanSupplier cond, int seconds) {
    Await.until(cond, Duration.ofSeconds(seconds), this::tick, () -> "screen:\n" + text());
    return this;
  }

  Harness resize(int cols, int rows) {
    vt.setTerminalSize(new TerminalSize(cols, rows));
    return tick();
  }

  /** The screen as text, trailing blanks trimmed per line. */
  String text() {
    TerminalSize size = vt.getTerminalSize();
    StringBuilder sb = new StringBuilder();
    for (int y = 0; y < size.getRows(); y++) {
      StringBuilder line = new StringBuilder();
      for (int x = 0; x < size.getColumns(); x++) {
        TextCharacter ch = vt.getCharacter(x, y);
        line.append(ch == null ? " " : ch.getCharacterString());
        if (ch != null && ch.isDoubleWidth()) {
          x++;
        }
      }
      sb.append(line.toString().replaceAll("\\s+$", "")).append('\n');
    }
    return sb.toString();
  }

  boolean shows(String s) {
    return text().contains(s);
  }

  /** Row and column of the first occurrence of {@code s} on screen (single-width text only). */
  int[] find(String s) {
    String[] lines = text().split("\n");
    for (int y = 0; y < lines.length; y++) {
      int x = lines[y].indexOf(s);
      if (x >= 0) {
        return new int[] {y, x};
      }
    }
    return null;
  }

  TextColor fgAt(int x, int y) {
    return vt.getCharacter(x, y).getForegroundColor();
  }

  TextColor bgAt(int x, int y) {
    return vt.getCharacter(x, y).getBackgroundColor();
  }

  String raw() {
    synchronized (raw) {
      return raw.toString();
    }
  }

  /** Compares the screen with golden/{name}.txt; -Dlpa.golden.update=true rewrites the file. */
  void assertGolden(String name) {
    Path file = Path.of("src/test/resources/golden", name + ".txt");
    String actual = text();
    try {
      if (Boolean.getBoolean("lpa.golden.update") || !Files.exists(file)) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        if (!Boolean.getBoolean("lpa.golden.update")) {
          throw new AssertionError("golden file " + file + " was missing; written now, check it and rerun");
        }
        return;
      }
      assertThat(actual).as("screen " + name + " (rerun with -Dlpa.golden.update=true after a deliberate change)")
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    console.close();
    if (!failures.isEmpty()) {
      AssertionError e = new AssertionError("the console hit " + failures.size() + " unexpected exception(s)", failures.get(0));
      failures.stream().skip(1).forEach(e::addSuppressed);
      throw e;
    }
  }

  static Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
