package dev.lpa.core.auth;

import dev.lpa.core.internal.RetryPolicy;
import dev.lpa.core.internal.Backoff;
import java.time.Duration;

/**
 * Timings of the client. {@link #standard()} is what the product uses (the spec's values);
 * tests use {@link #fast()} so retries and reconnects take milliseconds.
 *
 * @param refreshEvery the Login Service refresh (csrf + cookie)
 * @param keepaliveEvery the GetClock keepalive on the socket
 * @param tickEvery the clock check that raises overdue events
 */
public record Tuning(RetryPolicy rest, Backoff socket, Duration refreshEvery, Duration keepaliveEvery,
    Duration tickEvery) {

  public static Tuning standard() {
    return new Tuning(RetryPolicy.standard(), Backoff.standard(), Duration.ofMinutes(5), Duration.ofSeconds(30),
        Duration.ofSeconds(1));
  }

  public static Tuning fast() {
    return new Tuning(RetryPolicy.fast(), Backoff.fast(), Duration.ofMinutes(5), Duration.ofSeconds(30),
        Duration.ofMillis(200));
  }
}
