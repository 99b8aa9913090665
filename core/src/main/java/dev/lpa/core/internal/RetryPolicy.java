package dev.lpa.core.internal;

import java.time.Duration;
import java.util.List;

/**
 * How REST calls retry (rest-and-product.md §8): a throttled call (429) waits at least
 * {@code throttleDelay} (or the server's Retry-After, if longer) up to {@code throttleRetries}
 * times; a 5xx or network failure is retried after each of {@code serverErrorDelays}. Other
 * 4xx are never retried. When the list runs out the call fails with GAVE_UP.
 */
public record RetryPolicy(Duration throttleDelay, int throttleRetries, List<Duration> serverErrorDelays) {

  public static RetryPolicy standard() {
    return new RetryPolicy(Duration.ofSeconds(1), 3,
        List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15)));
  }

  /** Same shape, milliseconds instead of seconds: for tests against a local simulator. */
  public static RetryPolicy fast() {
    return new RetryPolicy(Duration.ofMillis(20), 3,
        List.of(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(60)));
  }
}
