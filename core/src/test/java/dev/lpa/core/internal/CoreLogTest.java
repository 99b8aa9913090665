package dev.lpa.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CoreLogTest {
  @Test
  void aSwallowedFailureReachesEveryListenerWithItsRootCauseUntilTheListenerCloses() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    AutoCloseable h = CoreLog.listen(heard::add);
    String seen = CompletableFuture.<String>failedFuture(new CompletionException(new IllegalStateException("boom")))
        .exceptionally(CoreLog.ignore("agent names test-1")).join();
    assertThat(seen).isNull();
    assertThat(heard).filteredOn(l -> l.contains("test-1")).singleElement().asString()
        .startsWith("core +").endsWith("agent names test-1: IllegalStateException: boom");

    h.close();
    CoreLog.swallowed("after close test-1", new RuntimeException("x"));
    assertThat(heard).noneMatch(l -> l.contains("after close test-1"));
  }

  @Test
  void aBrokenListenerDoesNotBreakTheCaller() throws Exception {
    try (AutoCloseable h = CoreLog.listen(l -> {
      throw new IllegalStateException("broken sink");
    })) {
      CoreLog.step("test-2");
      CoreLog.swallowed("test-2", new RuntimeException("x"));
    }
  }
}
