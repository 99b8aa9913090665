package dev.lpa.core.store;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds an outbox lease: {@code pid:start-millis:random}. The process part lets another
 * process see that a holder crashed (its process is gone, or the pid now belongs to a process
 * started later) and take the entry at once instead of waiting for the lease to run out; the
 * random part tells two senders of one process apart (a shell and a workspace it reopens).
 */
public final class SenderId {
  private SenderId() {}

  /** A new holder name for a sender in this process. */
  public static String create() {
    ProcessHandle me = ProcessHandle.current();
    long start = me.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    return me.pid() + ":" + start + ":" + UUID.randomUUID();
  }

  /**
   * Whether the process that holds {@code owner} still runs. A name this code cannot read is
   * taken as alive: its lease then ends only when it runs out.
   */
  public static boolean alive(String owner) {
    String[] parts = owner.split(":", 3);
    if (parts.length < 3) {
      return true;
    }
    long pid;
    long start;
    try {
      pid = Long.parseLong(parts[0]);
      start = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return true;
    }
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty() || !h.get().isAlive()) {
      return false;
    }
    if (start == 0) {
      return true;
    }
    // a reused pid: the process there now started after the holder did
    return h.get().info().startInstant().map(i -> Math.abs(i.toEpochMilli() - start) < 1000).orElse(true);
  }
}
