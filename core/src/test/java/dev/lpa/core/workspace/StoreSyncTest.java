package dev.lpa.core.workspace;

import static dev.lpa.core.workspace.ReducerTest.ME;
import static dev.lpa.core.workspace.ReducerTest.T0;
import static dev.lpa.core.workspace.ReducerTest.changes;
import static dev.lpa.core.workspace.ReducerTest.conv;
import static dev.lpa.core.workspace.ReducerTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.core.store.LocalStore;
import dev.lpa.core.store.StoredMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local store following the state, and the state read back from it. */
class StoreSyncTest {
  @TempDir Path dir;
  private LocalStore store;

  @BeforeEach
  void open() {
    store = LocalStore.open(dir.resolve("p.db"), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Writes run on the caller's thread here, so each test reads the store right after. */
  private StoreSync sync(StartMode mode) {
    return new StoreSync(store, mode, Runnable::run);
  }

  private static JsonNode mine(String id) {
    return conv(id, "OPEN", -1, T0.toEpochMilli(), ME.userId(), ME.userPid());
  }

  private static JsonNode team(String id) {
    return conv(id, "OPEN", -1, T0.toEpochMilli(), "123.2002", "pid-other");
  }

  private static WorkspaceState apply(WorkspaceState s, Reducer.Conversations in) {
    return Reducer.reduce(s, in, T0.plusSeconds(1)).state();
  }

  @Test
  void aNotificationWritesItsConversationsAndAFirstOneRemovesWhatEndedMeanwhile() {
    StoreSync sync = sync(StartMode.LIVE);
    WorkspaceState s0 = Reducer.initial(ME, T0);
    Reducer.Conversations two = changes(false, Reducer.Scope.MINE, "UPSERT", mine("c1"), mine("c2"));
    WorkspaceState s1 = apply(s0, two);
    sync.follow(two.changes(), false, s0, s1);
    assertThat(store.loadConversations()).containsOnlyKeys("c1", "c2");

    // a reconnection's first notification is the whole list: c1 is gone
    Reducer.Conversations snapshot = changes(true, Reducer.Scope.MINE, "UPSERT", mine("c2"), mine("c3"));
    WorkspaceState s2 = apply(s1, snapshot);
    sync.follow(snapshot.changes(), true, s1, s2);
    assertThat(store.loadConversations()).containsOnlyKeys("c2", "c3");
  }

  @Test
  void aListingKeepsNoTeamConversationsWhileALiveStartDoes() {
    WorkspaceState s0 = Reducer.initial(ME, T0);
    Reducer.Conversations in = changes(false, Reducer.Scope.TEAM, "UPSERT", mine("c1"), team("t1"));
    WorkspaceState s1 = apply(s0, in);
    sync(StartMode.LISTING).follow(in.changes(), false, s0, s1);
    assertThat(store.loadConversations()).containsOnlyKeys("c1");
    sync(StartMode.LIVE).follow(in.changes(), false, s0, s1);
    assertThat(store.loadConversations()).containsOnlyKeys("c1", "t1");
  }

  @Test
  void aListingReadsBackOnlyTheConversationsWhoseHistoryIsKept() {
    WorkspaceState s0 = Reducer.initial(ME, T0);
    Reducer.Conversations in = changes(false, Reducer.Scope.TEAM, "UPSERT", mine("c1"), team("t1"));
    sync(StartMode.LIVE).follow(in.changes(), false, s0, apply(s0, in));
    store.saveMessages("c1", List.of(new StoredMessage("c1", 0, text("c1", 0, true, "hello").toString())));
    store.setCursor("c1", 0);

    StoreSync.Restored live = sync(StartMode.LIVE).restore();
    StoreSync.Restored listing = sync(StartMode.LISTING).restore();

    assertThat(conversationsIn(live)).containsExactlyInAnyOrder("c1", "t1");
    assertThat(conversationsIn(listing)).containsExactly("c1");
    assertThat(listing.cursors()).isEqualTo(Map.of("c1", 0L));
    WorkspaceState restored = Reducer.initial(ME, T0);
    for (Reducer.Input i : listing.inputs()) {
      restored = Reducer.reduce(restored, i, T0.plusSeconds(2)).state();
    }
    assertThat(restored.messagesOf("c1")).singleElement().satisfies(m -> assertThat(m.excerpt()).isEqualTo("hello"));
  }

  @Test
  void withoutAStoreThereIsNothingToReadOrWrite() {
    StoreSync none = new StoreSync(null, StartMode.LIVE, Runnable::run);
    assertThat(none.restore()).isSameAs(StoreSync.Restored.NOTHING);
    none.follow(List.of(), true, Reducer.initial(ME, T0), Reducer.initial(ME, T0));
  }

  private static List<String> conversationsIn(StoreSync.Restored r) {
    return r.inputs().stream().filter(i -> i instanceof Reducer.Conversations).map(i -> (Reducer.Conversations) i)
        .flatMap(c -> c.changes().stream()).map(ch -> ch.convId()).toList();
  }
}
