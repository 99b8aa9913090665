package dev.lpa.core.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one wait for tests: work finishing on other threads is polled for, never slept on blindly.
 * Each round runs {@code step} (a console's tick, say) before asking again.
 */
public final class Await {
  private static final long POLL_MILLIS = 10;

  private Await() {}

  /**
   * Returns as soon as {@code cond} holds; throws an {@link AssertionError} with
   * {@code describe}'s text (a screen, the last state) when {@code timeout} passes first.
   */
  public static void until(BooleanSupplier cond, Duration timeout, Runnable step, Supplier<String> describe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    step.run();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("condition not reached within " + timeout + "; " + describe.get());
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting", e);
      }
      step.run();
    }
  }

  public static void until(BooleanSupplier cond, Duration timeout) {
    until(cond, timeout, () -> {}, () -> "");
  }
}
