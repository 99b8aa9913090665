package dev.lpa.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that only moves when told to. Advancing it runs the simulator's timers (ring
 * expiry, auto-close, transfer fallback) synchronously, so tests never sleep.
 */
public final class SimClock extends Clock {
  private volatile Instant now;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public SimClock(Instant start) {
    this.now = start;
  }

  /** A clock at a fixed, round instant (2026-01-05T09:00:00Z). */
  public static SimClock fixed() {
    return new SimClock(Instant.parse("2026-01-05T09:00:00Z"));
  }

  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("time only moves forward");
    }
    synchronized (this) {
      now = now.plus(d);
    }
    for (Runnable l : listeners) {
      l.run();
    }
  }

  void onAdvance(Runnable listener) {
    listeners.add(listener);
  }

  void removeListener(Runnable listener) {
    listeners.remove(listener);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public long millis() {
    return now.toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
