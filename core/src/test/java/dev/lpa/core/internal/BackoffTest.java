package dev.lpa.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff b = Backoff.standard();

  @Test
  void aDroppedSocketComesBackWithinASecond() {
    assertThat(b.delay(Backoff.Cause.DROPPED, 0)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void serverErrorsWaitFiveTenFifteenSecondsThenMinutes() {
    assertThat(b.delay(Backoff.Cause.FAILED, 1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.delay(Backoff.Cause.FAILED, 2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.delay(Backoff.Cause.FAILED, 3)).isEqualTo(Duration.ofSeconds(15));
    assertThat(b.delay(Backoff.Cause.FAILED, 4)).isEqualTo(Duration.ofMinutes(2));
    assertThat(b.delay(Backoff.Cause.FAILED, 5)).isEqualTo(Duration.ofMinutes(4));
    assertThat(b.delay(Backoff.Cause.FAILED, 6)).isEqualTo(Duration.ofMinutes(8));
    assertThat(b.delay(Backoff.Cause.FAILED, 50)).isEqualTo(Duration.ofMinutes(16));
  }

  @Test
  void aDropFollowedByFailuresUsesTheServerErrorCurve() {
    assertThat(b.delay(Backoff.Cause.DROPPED, 1)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void throttlingWaitsAtLeastASecondAndDoubles() {
    assertThat(b.delay(Backoff.Cause.THROTTLED, 0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delay(Backoff.Cause.THROTTLED, 1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.delay(Backoff.Cause.THROTTLED, 3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(b.delay(Backoff.Cause.THROTTLED, 30)).isEqualTo(Duration.ofSeconds(60));
    for (int i = 0; i < 40; i++) {
      assertThat(b.delay(Backoff.Cause.THROTTLED, i)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
  }
}
