package dev.lpa.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WarmupTest {
  @Test
  void theWarmUpRunsWithoutFailingAndAWaitAfterItReturnsAtOnce() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    try (AutoCloseable h = CoreLog.listen(log::add)) {
      Warmup.start();
      Warmup.start(); // once per process
      long t0 = System.nanoTime();
      Warmup.awaitCrypto(10_000);
      Warmup.awaitCrypto(10_000);
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
    }
    assertThat(log).as("nothing swallowed").isEmpty();
  }
}
