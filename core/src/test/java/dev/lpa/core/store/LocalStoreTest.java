package dev.lpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpa.core.LpaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest {
  @TempDir Path dir;

  /** A clock the test moves by hand. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-11-27T10:00:00Z");

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
    void advance(Duration d) { now = now.plus(d); }
  }

  @Test
  void twoOpenersOfANewStoreAtTheSameMomentBothSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < Integer.getInteger("lpa.test.openRounds", 15); round++) {
        Path file = dir.resolve("race-" + round + ".db");
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.Callable<Integer> open = () -> {
          start.await(5, TimeUnit.SECONDS);
          try (LocalStore st = LocalStore.open(file, new TestClock())) {
            return st.schemaVersion();
          }
        };
        Future<Integer> a = pool.submit(open);
        Future<Integer> b = pool.submit(open);
        assertThat(a.get(20, TimeUnit.SECONDS)).isEqualTo(b.get(20, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  final TestClock clock = new TestClock();

  @Test
  void outboxRoundTripOldestFirstAndStateChanges() {
    try (LocalStore s = LocalStore.open(dir.resolve("p.db"), clock)) {
      OutboxEntry a = s.enqueue("c1", "d1", "text", "{\"m\":\"a\"}");
      clock.advance(Duration.ofSeconds(1));
      OutboxEntry b = s.enqueue("c2", "d2", "file", "{\"m\":\"b\"}");
      // same instant as b: insertion order decides
      OutboxEntry c = s.enqueue("c1", "d1", "text", "{\"m\":\"c\"}");

      assertThat(a.localId()).isNotEqualTo(b.localId());
      assertThat(java.util.UUID.fromString(a.localId())).isNotNull();
      assertThat(s.pendingOutbox()).containsExactly(a, b, c);

      s.markAttempt(a.localId());
      s.markAttempt(a.localId());
      assertThat(s.pendingOutbox().get(0).attempts()).isEqualTo(2);
      assertThat(s.pendingOutbox().get(0).created()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));

      s.markSent(a.localId(), 17);
      s.markFailed(b.localId(), "403 not a participant");
      assertThat(s.pendingOutbox()).extracting(OutboxEntry::localId).containsExactly(c.localId());
      assertThat(s.failedOutbox()).extracting(OutboxEntry::localId).containsExactly(b.localId());
      assertThat(s.failureReason(b.localId())).isEqualTo("403 not a participant");
      assertThat(s.sentSequence(a.localId())).isEqualTo(OptionalLong.of(17));
      assertThat(s.sentSequence(c.localId())).isEmpty();
    }
  }

  @Test
  void conversationsRoundTripUpsertAndDelete() {
    try (LocalStore s = LocalStore.open(dir.resolve("p.db"), clock)) {
      s.saveConversation("c2", "{\"v\":1}");
      s.saveConversation("c1", "{\"v\":1}");
      s.saveConversation("c2", "{\"v\":2}");
      assertThat(s.loadConversations()).containsExactly(
          java.util.Map.entry("c1", "{\"v\":1}"), java.util.Map.entry("c2", "{\"v\":2}"));

      s.saveMessages("c2", List.of(new StoredMessage("d2", 0, "{}")));
      s.setCursor("d2", 0);
      s.setCursor("d1", 5);
      s.deleteConversation("c2");
      assertThat(s.loadConversations()).containsOnlyKeys("c1");
      assertThat(s.loadMessages("c2")).isEmpty();
      assertThat(s.cursor("d2")).isEmpty();
      assertThat(s.cursor("d1")).hasValue(5);
    }
  }

  @Test
  void messagesUpsertBySequenceAndKeepDialogOrder() {
    try (LocalStore s = LocalStore.open(dir.resolve("p.db"), clock)) {
      s.saveMessages("c1", List.of(
          new StoredMessage("main", 2, "{\"t\":\"two\"}"),
          new StoredMessage("main", 0, "{\"t\":\"zero\"}")));
      s.saveMessages("c1", List.of(
          new StoredMessage("survey", 0, "{\"t\":\"s0\"}"),
          new StoredMessage("main", 1, "{\"t\":\"one\"}"),
          new StoredMessage("main", 2, "{\"t\":\"two, edited\"}")));
      s.saveMessages("other", List.of(new StoredMessage("x", 0, "{}")));

      assertThat(s.loadMessages("c1")).containsExactly(
          new StoredMessage("main", 0, "{\"t\":\"zero\"}"),
          new StoredMessage("main", 1, "{\"t\":\"one\"}"),
          new StoredMessage("main", 2, "{\"t\":\"two, edited\"}"),
          new StoredMessage("survey", 0, "{\"t\":\"s0\"}"));
    }
  }

  @Test
  void cursorsRoundTrip() {
    try (LocalStore s = LocalStore.open(dir.resolve("p.db"), clock)) {
      assertThat(s.cursor("d")).isEmpty();
      s.setCursor("d", 3);
      s.setCursor("d", 9);
      assertThat(s.cursor("d")).hasValue(9);
    }
  }

  @Test
  void fileAndSideFilesAreOwnerOnly() throws Exception {
    Path db = dir.resolve("sub/dir/p.db");
    try (LocalStore s = LocalStore.open(db, clock)) {
      s.enqueue("c", "d", "text", "{}");
      assertThat(Files.getPosixFilePermissions(db)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      Path wal = dir.resolve("sub/dir/p.db-wal");
      assertThat(wal).exists();
      assertThat(Files.getPosixFilePermissions(wal)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      Path shm = dir.resolve("sub/dir/p.db-shm");
      if (Files.exists(shm)) {
        assertThat(Files.getPosixFilePermissions(shm)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      }
      assertThat(Files.getPosixFilePermissions(db.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void anExistingWorldReadableFileIsTightened() throws Exception {
    Path db = dir.resolve("p.db");
    Files.createFile(db, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
    try (LocalStore s = LocalStore.open(db, clock)) {
      assertThat(Files.getPosixFilePermissions(db)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
  }

  @Test
  void outboxSurvivesACrash() throws Exception {
    Path db = dir.resolve("p.db");
    Path crashed = dir.resolve("crashed");
    Files.createDirectories(crashed);
    LocalStore s = LocalStore.open(db, clock);
    OutboxEntry e = s.enqueue("c1", "d1", "text", "{\"message\":\"hi\"}");
    s.markAttempt(e.localId());
    // What a killed process leaves on disk: the main file and the WAL, copied while still open
    // (no checkpoint, no clean close).
    Files.copy(db, crashed.resolve("p.db"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(dir.resolve("p.db-wal"), crashed.resolve("p.db-wal"), StandardCopyOption.COPY_ATTRIBUTES);
    s.close();

    try (LocalStore reopened = LocalStore.open(crashed.resolve("p.db"), clock)) {
      assertThat(reopened.pendingOutbox()).containsExactly(
          new OutboxEntry(e.localId(), "c1", "d1", "text", "{\"message\":\"hi\"}", e.created(), 1));
    }
    try (LocalStore reopened = LocalStore.open(db, clock)) {
      assertThat(reopened.pendingOutbox()).extracting(OutboxEntry::localId).containsExactly(e.localId());
    }
  }

  @Test
  void migratesAVersionOneFileKeepingItsData() throws Exception {
    Path db = dir.resolve("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      for (String sql : LocalStore.MIGRATIONS.get(0)) {
        st.execute(sql);
      }
      st.execute("PRAGMA user_version = 1");
      st.execute("INSERT INTO outbox (local_id, conversation_id, dialog_id, kind, payload, created, attempts)"
          + " VALUES ('old-1', 'c', 'd', 'text', '{}', 1000, 2)");
      st.execute("INSERT INTO conversations VALUES ('c', '{\"old\":true}')");
    }
    try (LocalStore s = LocalStore.open(db, clock)) {
      assertThat(s.schemaVersion()).isEqualTo(LocalStore.SCHEMA_VERSION).isGreaterThan(1);
      assertThat(s.pendingOutbox()).containsExactly(
          new OutboxEntry("old-1", "c", "d", "text", "{}", Instant.ofEpochMilli(1000), 2));
      assertThat(s.loadConversations()).containsEntry("c", "{\"old\":true}");
      // the v2 column exists and is written
      s.markAttempt("old-1");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT attempts, last_attempt FROM outbox WHERE local_id = 'old-1'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(3);
      assertThat(rs.getLong(2)).isEqualTo(clock.now.toEpochMilli());
    }
  }

  @Test
  void aFileFromANewerVersionIsRefusedUntouched() throws Exception {
    Path db = dir.resolve("new.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE future (x)");
      st.execute("PRAGMA user_version = " + (LocalStore.SCHEMA_VERSION + 1));
    }
    assertThatThrownBy(() -> LocalStore.open(db, clock))
        .isInstanceOf(LpaException.class)
        .hasMessageContaining("newer");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(LocalStore.SCHEMA_VERSION + 1);
    }
  }

  @Test
  void deleteRemovesTheFileAndItsSideFiles() throws Exception {
    Path db = dir.resolve("p.db");
    LocalStore s = LocalStore.open(db, clock);
    s.enqueue("c", "d", "text", "{}");
    assertThat(dir.resolve("p.db-wal")).exists();
    s.close();
    Files.writeString(dir.resolve("p.db-journal"), "stale");
    Files.writeString(dir.resolve("p.db-shm"), "stale");
    Files.writeString(dir.resolve("other.db"), "not ours");

    LocalStore.delete(db);

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("other.db");
    }
    try (LocalStore fresh = LocalStore.open(db, clock)) {
      assertThat(fresh.pendingOutbox()).isEmpty();
      assertThat(fresh.loadConversations()).isEmpty();
    }
  }

  @Test
  void concurrentWritersDoNotLoseEntries() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (LocalStore s = LocalStore.open(dir.resolve("p.db"), clock)) {
      List<Future<?>> fs = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        fs.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            s.enqueue("c" + thread, "d", "text", "{}");
            s.saveMessages("c" + thread, List.of(new StoredMessage("d" + thread, i, "{}")));
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get(30, TimeUnit.SECONDS);
      }
      assertThat(s.pendingOutbox()).hasSize(100);
      assertThat(s.loadMessages("c2")).hasSize(25);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void useAfterCloseFailsWithAnLpaException() {
    LocalStore s = LocalStore.open(dir.resolve("p.db"), clock);
    s.close();
    assertThatThrownBy(s::pendingOutbox).isInstanceOf(LpaException.class);
  }

  // ---- outbox leases: one sender per entry across processes ----

  @Test
  void anEntryEnqueuedWithALeaseIsHeldByItsWriterUntilReleased() {
    Path db = dir.resolve("lease.db");
    try (LocalStore a = LocalStore.open(db, clock); LocalStore b = LocalStore.open(db, clock)) {
      OutboxEntry e = a.enqueue("c", "d", "text", "{}", "writer", Duration.ofMinutes(2));
      // another process (its own connection on the same file) sees it pending but may not take it
      assertThat(b.pendingOutbox()).extracting(OutboxEntry::localId).containsExactly(e.localId());
      assertThat(b.claim(e.localId(), "other", Duration.ofMinutes(2), owner -> true)).isEqualTo(LocalStore.Claim.HELD);
      assertThat(a.claim(e.localId(), "writer", Duration.ofMinutes(2), owner -> true))
          .isEqualTo(LocalStore.Claim.CLAIMED);
      a.releaseLeases("writer");
      assertThat(b.claim(e.localId(), "other", Duration.ofMinutes(2), owner -> true))
          .isEqualTo(LocalStore.Claim.CLAIMED);
      assertThat(a.claim(e.localId(), "writer", Duration.ofMinutes(2), owner -> true)).isEqualTo(LocalStore.Claim.HELD);
    }
  }

  @Test
  void aLeaseEndsWhenItRunsOutOrItsHolderIsGone() {
    try (LocalStore s = LocalStore.open(dir.resolve("lease.db"), clock)) {
      OutboxEntry e = s.enqueue("c", "d", "text", "{}", "crashed", Duration.ofMinutes(2));
      assertThat(s.claim(e.localId(), "next", Duration.ofMinutes(2), owner -> !owner.equals("crashed")))
          .as("holder's process is gone").isEqualTo(LocalStore.Claim.CLAIMED);

      OutboxEntry f = s.enqueue("c", "d", "text", "{}", "hung", Duration.ofMinutes(2));
      assertThat(s.claim(f.localId(), "next", Duration.ofMinutes(2), owner -> true)).isEqualTo(LocalStore.Claim.HELD);
      clock.advance(Duration.ofMinutes(3));
      assertThat(s.claim(f.localId(), "next", Duration.ofMinutes(2), owner -> true))
          .as("lease ran out").isEqualTo(LocalStore.Claim.CLAIMED);
    }
  }

  @Test
  void aSentOrFailedEntryCannotBeClaimed() {
    try (LocalStore s = LocalStore.open(dir.resolve("lease.db"), clock)) {
      OutboxEntry sent = s.enqueue("c", "d", "text", "{}");
      OutboxEntry failed = s.enqueue("c", "d", "text", "{}");
      s.markSent(sent.localId(), 7);
      s.markFailed(failed.localId(), "closed");
      assertThat(s.claim(sent.localId(), "me", Duration.ofMinutes(2), owner -> true)).isEqualTo(LocalStore.Claim.GONE);
      assertThat(s.claim(failed.localId(), "me", Duration.ofMinutes(2), owner -> true)).isEqualTo(LocalStore.Claim.GONE);
      assertThat(s.claim("no-such-entry", "me", Duration.ofMinutes(2), owner -> true)).isEqualTo(LocalStore.Claim.GONE);
    }
  }

  @Test
  void twentyConnectionsRacingForOneEntryGrantItOnce() throws Exception {
    Path db = dir.resolve("race-lease.db");
    OutboxEntry e;
    try (LocalStore s = LocalStore.open(db, clock)) {
      e = s.enqueue("c", "d", "text", "{}");
    }
    ExecutorService pool = Executors.newFixedThreadPool(20);
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(20);
    List<LocalStore> stores = new java.util.ArrayList<>();
    try {
      List<Future<LocalStore.Claim>> claims = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        LocalStore s = LocalStore.open(db, clock);
        stores.add(s);
        String owner = "sender-" + i;
        claims.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return s.claim(e.localId(), owner, Duration.ofMinutes(2), o -> true);
        }));
      }
      List<LocalStore.Claim> got = new java.util.ArrayList<>();
      for (Future<LocalStore.Claim> c : claims) {
        got.add(c.get(30, TimeUnit.SECONDS));
      }
      assertThat(got).filteredOn(c -> c == LocalStore.Claim.CLAIMED).hasSize(1);
      assertThat(got).filteredOn(c -> c == LocalStore.Claim.HELD).hasSize(19);
    } finally {
      pool.shutdownNow();
      stores.forEach(LocalStore::close);
    }
  }

  @Test
  void aSenderIdNamesALiveProcessUntilItIsGone() throws Exception {
    assertThat(SenderId.alive(SenderId.create())).isTrue();
    Process p = new ProcessBuilder("sleep", "30").start();
    long start = p.info().startInstant().orElseThrow().toEpochMilli();
    String holder = p.pid() + ":" + start + ":x";
    assertThat(SenderId.alive(holder)).isTrue();
    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    assertThat(SenderId.alive(holder)).isFalse();
    // the same pid started at another time is another process
    assertThat(SenderId.alive(ProcessHandle.current().pid() + ":12345:x")).isFalse();
  }
}
