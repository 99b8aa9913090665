package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BoundedWindowTest {
  @Test
  void atMostTheWindowIsInFlightAndEachCompletionStartsTheNext() {
    BoundedWindow w = new BoundedWindow(32, Runnable::run);
    List<CompletableFuture<Integer>> sent = new ArrayList<>();
    List<CompletableFuture<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      answers.add(w.submit(() -> {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        sent.add(f);
        return f;
      }));
    }
    assertThat(sent).hasSize(32);
    assertThat(w.inFlight()).isEqualTo(32);
    assertThat(w.waiting()).isEqualTo(68);
    sent.get(0).complete(7);
    assertThat(answers.get(0)).isCompletedWithValue(7);
    assertThat(sent).hasSize(33);
    // failures free their slot too
    for (int i = 1; i < sent.size(); i++) {
      sent.get(i).completeExceptionally(new RuntimeException("gone"));
    }
    while (sent.stream().anyMatch(f -> !f.isDone())) {
      sent.stream().filter(f -> !f.isDone()).findFirst().orElseThrow().complete(1);
    }
    assertThat(sent).hasSize(100);
    assertThat(w.inFlight()).isZero();
    assertThat(answers).allMatch(CompletableFuture::isDone);
  }
}
