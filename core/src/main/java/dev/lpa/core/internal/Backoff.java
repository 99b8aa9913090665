package dev.lpa.core.internal;

import java.time.Duration;
import java.util.List;

/**
 * When to reconnect the socket (rest-and-product.md §8): after an established socket dropped,
 * soon; when throttled (429), at least a second, doubling; after server or network errors at 5,
 * 10 and 15 seconds, then slower (2, 4, 8 minutes...) up to a ceiling. Pure, so it is tested
 * without waiting.
 */
public record Backoff(Duration afterDrop, Duration throttleMin, Duration throttleMax,
    List<Duration> firstSteps, Duration slowStart, Duration slowMax) {

  public enum Cause { DROPPED, THROTTLED, FAILED }

  public static Backoff standard() {
    return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(60),
        List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15)),
        Duration.ofMinutes(2), Duration.ofMinutes(16));
  }

  /** The same curve in milliseconds: for tests against a local simulator. */
  public static Backoff fast() {
    return new Backoff(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(500),
        List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(150)),
        Duration.ofMillis(200), Duration.ofMillis(1000));
  }

  /**
   * @param failures failed attempts since the socket was last open (0 for the first retry after a
   *     drop)
   */
  public Duration delay(Cause cause, int failures) {
    if (cause == Cause.DROPPED && failures == 0) {
      return afterDrop;
    }
    if (cause == Cause.THROTTLED) {
      Duration d = throttleMin.multipliedBy(1L << Math.min(20, Math.max(0, failures)));
      return d.compareTo(throttleMax) > 0 ? throttleMax : d;
    }
    int n = Math.max(1, failures);
    if (n <= firstSteps.size()) {
      return firstSteps.get(n - 1);
    }
    Duration d = slowStart.multipliedBy(1L << Math.min(20, n - firstSteps.size() - 1));
    return d.compareTo(slowMax) > 0 ? slowMax : d;
  }
}
