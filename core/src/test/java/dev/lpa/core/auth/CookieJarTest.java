package dev.lpa.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CookieJarTest {
  @Test
  void aNewCookieReplacesTheOneOfTheSameNameAndKeepsTheOthers() {
    assertThat(CookieJar.merge("session_id=old; lb=7", List.of("session_id=new; Path=/; Secure; HttpOnly")))
        .isEqualTo("session_id=new; lb=7");
  }

  @Test
  void maxAgeZeroOrAnEmptyValueDeletes() {
    assertThat(CookieJar.merge("a=1; b=2", List.of("a=; Path=/", "b=2; Max-Age=0"))).isNull();
    assertThat(CookieJar.merge(null, List.of("a=1; Max-Age=3600", "junk"))).isEqualTo("a=1");
  }
}
