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

  @Test
  void aValueIsTheProbesFirstThatIsNotNull() {
    AtomicInteger looks = new AtomicInteger();
    String v = Await.value(() -> switch (looks.incrementAndGet()) {
      case 1, 2 -> null;
      case 3 -> "third";
      default -> "later";
    }, Duration.ofSeconds(5), () -> "");
    assertThat(v).isEqualTo("third");
    assertThat(looks.get()).isEqualTo(3);
  }

  @Test
  void aValueThatNeverComesFailsWithTheDescription() {
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> Await.value(() -> null, Duration.ofMillis(100), () -> "last screen: blank"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("within PT0.1S").hasMessageContaining("last screen: blank");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
  }

  @Test
  void holdsReturnsAfterTheDurationWhenTheConditionStaysTrue() {
    AtomicInteger looks = new AtomicInteger();
    long t0 = System.nanoTime();
    Await.holds(() -> looks.incrementAndGet() > 0, Duration.ofMillis(200), () -> "");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(looks.get()).as("looked at the start, along the way and at the end").isGreaterThan(2);
  }

  @Test
  void holdsFailsAtTheFirstLookWhereTheConditionBroke() {
    AtomicInteger looks = new AtomicInteger();
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> Await.holds(() -> looks.incrementAndGet() < 3, Duration.ofSeconds(30), () -> "agent: OFFLINE"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("agent: OFFLINE").hasMessageContaining("PT30S");
    assertThat(looks.get()).isEqualTo(3);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("failed without waiting out the 30 s")
        .isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void holdsFailsAtOnceWhenTheConditionIsFalseFromTheStart() {
    AtomicInteger looks = new AtomicInteger();
    assertThatThrownBy(() -> Await.holds(() -> looks.incrementAndGet() < 0, Duration.ofSeconds(30)))
        .isInstanceOf(AssertionError.class);
    assertThat(looks.get()).isEqualTo(1);
  }
}
