package dev.lpa.core.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one place core reports what it deliberately swallows (a best-effort store write, a look-up
 * whose failure only leaves a name out) and how long its start-up phases took. Silent unless a
 * face listens: the cli's {@code --verbose} prints each line on stderr. Lines carry no
 * secrets and no message text: only what failed, where, and the exception's class and message.
 */
public final class CoreLog {
  private static final java.util.List<Consumer<String>> SINKS = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static final long T0 = System.nanoTime();

  private CoreLog() {}

  /**
   * Lines go to {@code s} too until the handle is closed (a background session serves several
   * commands at once: each --verbose one hears core while it runs).
   */
  public static AutoCloseable listen(Consumer<String> s) {
    Objects.requireNonNull(s);
    SINKS.add(s);
    return () -> SINKS.remove(s);
  }

  public static boolean enabled() {
    return !SINKS.isEmpty();
  }

  /** Something failed and core went on without it: {@code what} says what is missing now. */
  public static void swallowed(String what, Throwable t) {
    if (SINKS.isEmpty()) {
      return;
    }
    Throwable root = t;
    while ((root instanceof java.util.concurrent.CompletionException
        || root instanceof java.util.concurrent.ExecutionException) && root.getCause() != null) {
      root = root.getCause();
    }
    emit(what + ": " + (root == null ? "?" : root.getClass().getSimpleName() + ": " + root.getMessage()));
  }

  /** A step of core's own work (start-up phases); cheap when no sink is installed. */
  public static void step(String what) {
    if (!SINKS.isEmpty()) {
      emit(what);
    }
  }

  /**
   * For {@code future.exceptionally(CoreLog.ignore("..."))}: logs and yields null, so the chain
   * goes on as before.
   */
  public static <T> java.util.function.Function<Throwable, T> ignore(String what) {
    Objects.requireNonNull(what);
    return t -> {
      swallowed(what, t);
      return null;
    };
  }

  private static void emit(String line) {
    String text = "core +" + Duration.ofNanos(System.nanoTime() - T0).toMillis() + "ms " + line;
    for (Consumer<String> s : SINKS) {
      try {
        s.accept(text);
      } catch (RuntimeException e) {
        // a broken sink must not break the caller
      }
    }
  }
}
