package dev.lpa.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
  @Test
  void returnsOnceTheStepsMakeTheConditionTrue() {
    AtomicInteger steps = new AtomicInteger();
    Await.until(() -> steps.get() >= 3, Duration.ofSeconds(5), steps::incrementAndGet, () -> "");
    assertThat(steps.get()).isEqualTo(3);
  }

  @Test
  void failsWithTheDescriptionAfterTheTimeout() {
    assertThatThrownBy(() -> Await.until(() -> false, Duration.ofMillis(50), () -> {}, () -> "screen: empty"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("screen: empty");
  }
}
