package dev.lpa.cli.support;

import dev.lpa.core.LpaException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a core future on the command's thread, turning failures into exceptions with kinds. */
public final class Await {
  /** Longer than core's request timeout, so core reports its own timeouts with their detail. */
  public static final Duration DEFAULT = Duration.ofSeconds(60);

  private Await() {}

  public static <T> T get(CompletableFuture<T> f, String what) {
    return get(f, what, DEFAULT);
  }

  public static <T> T get(CompletableFuture<T> f, String what, Duration timeout) {
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.cancelled("interrupted while " + what);
    } catch (ExecutionException e) {
      Throwable c = ErrorHandler.unwrap(e);
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new LpaException(LpaException.Kind.ERROR, c.getMessage(), c);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new LpaException(
          LpaException.Kind.TIMEOUT, "no answer in " + timeout.toSeconds() + "s while " + what);
    }
  }
}
