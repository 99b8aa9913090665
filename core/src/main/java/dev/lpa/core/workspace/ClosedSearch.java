package dev.lpa.core.workspace;

import java.time.Duration;

/**
 * A search over closed conversations through the history API. "My" closed conversations use a
 * one-day window; a search may go back up to 90 days.
 *
 * @param text free text to match in messages / consumer name, null for any
 * @param since how far back (at most 90 days)
 * @param mineOnly only conversations the user took part in
 * @param limit page size
 */
public record ClosedSearch(String text, Duration since, boolean mineOnly, int limit) {
  public static final Duration MAX_SINCE = Duration.ofDays(90);

  public static ClosedSearch myLastDay() {
    return new ClosedSearch(null, Duration.ofDays(1), true, 50);
  }
}
