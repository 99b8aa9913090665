package dev.lpa.core.workspace;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Pipelines requests on the socket with at most {@code limit} in flight; the rest wait in arrival
 * order. Thousands of look-ups neither flood the server nor go one awaited request at a time.
 */
final class BoundedWindow {
  private final int limit;
  private final Executor next;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int inFlight;

  /** {@code next} starts a waiting request when one completes: never inline, so no chain deepens the stack. */
  BoundedWindow(int limit, Executor next) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit " + limit);
    }
    this.limit = limit;
    this.next = next;
  }

  <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> request) {
    CompletableFuture<T> out = new CompletableFuture<>();
    Runnable start = () -> {
      CompletableFuture<T> f;
      try {
        f = request.get();
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete((v, t) -> {
        release();
        if (t != null) {
          out.completeExceptionally(t);
        } else {
          out.complete(v);
        }
      });
    };
    boolean now;
    synchronized (this) {
      now = inFlight < limit;
      if (now) {
        inFlight++;
      } else {
        waiting.add(start);
      }
    }
    if (now) {
      start.run();
    }
    return out;
  }

  synchronized int inFlight() {
    return inFlight;
  }

  synchronized int waiting() {
    return waiting.size();
  }

  private void release() {
    Runnable r;
    synchronized (this) {
      r = waiting.poll();
      if (r == null) {
        inFlight--;
      }
    }
    if (r != null) {
      try {
        next.execute(r);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // shutting down: what waits is abandoned with the workspace
        synchronized (this) {
          inFlight--;
        }
      }
    }
  }
}
