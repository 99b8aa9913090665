package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.core.internal.Json;
import dev.lpa.core.store.LocalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history cursors: which events move them, and that they are stored with what they cover. */
class HistorySyncTest {
  @TempDir Path dir;
  private ExecutorService serial;
  private LocalStore store;
  private HistorySync sync;

  @BeforeEach
  void setUp() {
    serial = Executors.newSingleThreadExecutor(r -> new Thread(r, "serial-under-test"));
    store = LocalStore.open(dir.resolve("p.db"), Clock.systemUTC());
    // no socket: these tests never query
    sync = new HistorySync(serial, null, null, store, in -> CompletableFuture.completedFuture(null), d -> "conv-" + d);
  }

  @AfterEach
  void tearDown() {
    serial.shutdownNow();
    store.close();
  }

  private static JsonNode event(String dialog, long seq) {
    return Json.obj().put("dialogId", dialog).put("sequence", seq).put("originatorId", "consumer");
  }

  /** Waits for what was handed to the serial thread so far. */
  private void drain() throws Exception {
    serial.submit(() -> {}).get(5, TimeUnit.SECONDS);
  }

  @Test
  void liveEventsExtendASyncedDialogAndAreStoredWithTheirCursor() throws Exception {
    sync.restored(Map.of("d1", 5L));
    sync.live("d1", List.of(event("d1", 6), event("d1", 7)));
    drain();
    assertThat(store.cursor("d1")).hasValue(7);
    assertThat(store.loadAllMessages().get("conv-d1")).extracting(m -> m.sequence()).containsExactly(6L, 7L);
  }

  @Test
  void aDialogWithoutACursorGetsNoneFromLiveEventsAlone() throws Exception {
    sync.live("d2", List.of(event("d2", 3)));
    drain();
    // only a history query says every event up to a sequence is known
    assertThat(store.cursor("d2")).isEmpty();
    assertThat(store.loadAllMessages().get("conv-d2")).hasSize(1);
  }

  @Test
  void afterAConnectionLossLiveEventsAndOwnMessagesNoLongerMoveTheCursor() throws Exception {
    sync.restored(Map.of("d1", 5L));
    sync.live("d1", List.of(event("d1", 6)));
    sync.connectionLost();
    sync.live("d1", List.of(event("d1", 9)));
    sync.ownSequence("d1", 7);
    drain();
    // events 7 and 8 may have been missed while the socket was down
    assertThat(store.cursor("d1")).hasValue(6);
  }

  @Test
  void theAgentsOwnMessageRightAfterTheCursorMovesIt() throws Exception {
    sync.restored(Map.of("d1", 5L));
    sync.ownSequence("d1", 6);
    sync.ownSequence("d1", 8); // a gap: 7 is not known yet
    drain();
    assertThat(store.cursor("d1")).hasValue(6);
  }
}
