package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayoutModeTest {
  @Test
  void splitsAtOneHundredColumns() {
    assertThat(LayoutMode.forWidth(80)).isEqualTo(LayoutMode.SINGLE);
    assertThat(LayoutMode.forWidth(99)).isEqualTo(LayoutMode.SINGLE);
    assertThat(LayoutMode.forWidth(100)).isEqualTo(LayoutMode.SPLIT);
    assertThat(LayoutMode.forWidth(200)).isEqualTo(LayoutMode.SPLIT);
  }
}
