package dev.lpa.core.ums;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CloseCodesTest {
  @Test
  void authCloseCodesAreTheDocumentedOnes() {
    assertThat(UmsClient.authClose(4401)).isTrue();
    assertThat(UmsClient.authClose(4407)).isTrue();
    assertThat(UmsClient.authClose(1011)).isTrue();
    assertThat(UmsClient.authClose(1008)).isTrue();
    assertThat(UmsClient.authClose(1000)).isFalse();
    assertThat(UmsClient.authClose(1006)).isFalse();
  }
}
