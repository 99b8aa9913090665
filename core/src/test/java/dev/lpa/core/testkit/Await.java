package dev.lpa.core.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one wait for tests: work finishing on other threads is polled for, never slept on blindly.
 *
 * <ul>
 *   <li>{@link #until} waits for something that must happen (each round may run a {@code step},
 *       a console's tick, say, before asking again);
 *   <li>{@link #value} waits for a value to appear and returns it;
 *   <li>{@link #holds} gives something that must <em>not</em> happen the time to happen, failing
 *       at once when it does.
 * </ul>
 *
 * Every failure is an {@link AssertionError} carrying {@code describe}'s text (a screen, the last
 * state), asked for only when the wait fails.
 */
public final class Await {
  private static final long POLL_MILLIS = 10;

  private Await() {}

  /**
   * Returns as soon as {@code cond} holds; throws an {@link AssertionError} with
   * {@code describe}'s text (a screen, the last state) when {@code timeout} passes first.
   */
  public static void until(BooleanSupplier cond, Duration timeout, Runnable step, Supplier<String> describe) {
    poll(() -> cond.getAsBoolean() ? Boolean.TRUE : null, timeout, step, describe);
  }

  public static void until(BooleanSupplier cond, Duration timeout, Supplier<String> describe) {
    until(cond, timeout, () -> {}, describe);
  }

  public static void until(BooleanSupplier cond, Duration timeout) {
    until(cond, timeout, () -> {}, () -> "");
  }

  /**
   * Returns the first value {@code probe} gives that is not null (a conversation's id once a ring
   * could be accepted, a screen once it shows a name); throws an {@link AssertionError} with
   * {@code describe}'s text when {@code timeout} passes first.
   */
  public static <T> T value(Supplier<T> probe, Duration timeout, Supplier<String> describe) {
    return poll(probe, timeout, () -> {}, describe);
  }

  /**
   * Returns after {@code duration} when {@code cond} held at every look (the first at once, the
   * last at the end); throws an {@link AssertionError} with {@code describe}'s text at the first
   * look where it does not. For "nothing changes": the agent stays online after the command ends.
   */
  public static void holds(BooleanSupplier cond, Duration duration, Supplier<String> describe) {
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    while (true) {
      if (!cond.getAsBoolean()) {
        throw new AssertionError("condition broke after " + Duration.ofNanos(System.nanoTime() - start)
            + " of the " + duration + " it had to hold; " + describe.get());
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        return;
      }
      sleep(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
    }
  }

  public static void holds(BooleanSupplier cond, Duration duration) {
    holds(cond, duration, () -> "");
  }

  private static <T> T poll(Supplier<T> probe, Duration timeout, Runnable step, Supplier<String> describe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    step.run();
    T v = probe.get();
    while (v == null) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("condition not reached within " + timeout + "; " + describe.get());
      }
      sleep(POLL_MILLIS);
      step.run();
      v = probe.get();
    }
    return v;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }
}
