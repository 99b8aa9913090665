package dev.lpa.core.store;

import dev.lpa.core.LpaException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The per-profile SQLite file: conversations, messages, the outbox of unsent messages and sync
 * cursors. One connection, every method synchronized: the workspace writes from its event thread
 * and the faces read rarely, so contention is not worth a pool.
 *
 * <p>The file holds consumer messages, so it and SQLite's side files are readable by the owner
 * only. The schema version lives in {@code PRAGMA user_version}; opening an older file runs the
 * missing steps of {@link #MIGRATIONS}, opening a newer one is refused rather than risk
 * corrupting it.
 */
public final class LocalStore implements AutoCloseable {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
  private static final List<String> SIDE_SUFFIXES = List.of("-wal", "-shm", "-journal");

  /** Step i brings the schema from version i to i + 1. Append only; never edit a shipped step. */
  static final List<List<String>> MIGRATIONS = List.of(
      List.of(
          "CREATE TABLE outbox (local_id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL,"
              + " dialog_id TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL,"
              + " created INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
              + " state TEXT NOT NULL DEFAULT 'PENDING', sequence INTEGER, failure TEXT)",
          "CREATE TABLE conversations (id TEXT PRIMARY KEY, json TEXT NOT NULL)",
          "CREATE TABLE messages (conversation_id TEXT NOT NULL, dialog_id TEXT NOT NULL,"
              + " sequence INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY (dialog_id, sequence))",
          "CREATE TABLE cursors (dialog_id TEXT PRIMARY KEY, seq INTEGER NOT NULL)"),
      List.of(
          // v2: when a conversation is opened its messages are read by conversation, not dialog
          "CREATE INDEX messages_by_conversation ON messages (conversation_id)",
          // v2: lets a retry policy back off per entry
          "ALTER TABLE outbox ADD COLUMN last_attempt INTEGER"),
      List.of(
          // v3: an entry is owned by one sender at a time, so several lpa processes on one profile
          // never publish the same entry at once (the owner names its process; see SenderId)
          "ALTER TABLE outbox ADD COLUMN lease_owner TEXT",
          "ALTER TABLE outbox ADD COLUMN lease_until INTEGER"),
      List.of(
          // v4: names looked up once are kept across runs: a second run does not ask for them again
          "CREATE TABLE names (kind TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (kind, id))"));

  /** The schema version this code writes. */
  public static final int SCHEMA_VERSION = MIGRATIONS.size();

  private final Connection db;
  private final Clock clock;
  private final Path file;

  private LocalStore(Path file, Connection db, Clock clock) {
    this.file = file;
    this.db = db;
    this.clock = clock;
  }

  /** Opens (creating if needed) the store at {@code file}, migrating an older schema. */
  public static LocalStore open(Path file, Clock clock) {
    Path abs = file.toAbsolutePath();
    try {
      prepareFile(abs);
    } catch (IOException e) {
      throw new LpaException(LpaException.Kind.ERROR, "cannot create local store " + abs + ": " + e.getMessage(), e);
    }
    Connection c = null;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + abs);
      try (Statement s = c.createStatement()) {
        // WAL: a crash between two writes loses at most the unfinished one, and readers never block
        // first, so that switching to WAL also waits for another process instead of failing busy
        s.execute("PRAGMA busy_timeout=5000");
        walMode(s);
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA foreign_keys=ON");
      }
      migrate(c, abs);
      tightenSideFiles(abs);
      return new LocalStore(abs, c, clock);
    } catch (SQLException | IOException | RuntimeException e) {
      closeQuietly(c);
      if (e instanceof LpaException le) {
        throw le;
      }
      throw new LpaException(LpaException.Kind.ERROR, "cannot open local store " + abs + ": " + e.getMessage(), e);
    }
  }

  /** How long opening waits for another process that holds the file's lock. */
  private static final long OPEN_WAIT_MILLIS = 10_000;

  /**
   * Switches the file to WAL. The switch needs the file to itself, and SQLite answers BUSY at once
   * (its busy timeout does not apply) while another process opens or switches the same new file:
   * wait for it, bounded, instead of failing. A file already in WAL needs no switch.
   */
  private static void walMode(Statement s) throws SQLException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(OPEN_WAIT_MILLIS);
    long pause = 5;
    while (true) {
      try {
        try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
          if (rs.next() && "wal".equalsIgnoreCase(rs.getString(1))) {
            return;
          }
        }
        s.execute("PRAGMA journal_mode=WAL");
        return;
      } catch (SQLException e) {
        boolean busy = e.getErrorCode() == 5 || e.getErrorCode() == 6 || String.valueOf(e.getMessage()).contains("SQLITE_BUSY");
        if (!busy || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(pause);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
        pause = Math.min(pause * 2, 100);
      }
    }
  }

  /** Removes the store file and SQLite's side files (logout wipes the profile's data). */
  public static void delete(Path file) {
    Path abs = file.toAbsolutePath();
    try {
      Files.deleteIfExists(abs);
      for (String suffix : SIDE_SUFFIXES) {
        Files.deleteIfExists(abs.resolveSibling(abs.getFileName() + suffix));
      }
    } catch (IOException e) {
      throw new LpaException(LpaException.Kind.ERROR, "cannot delete local store " + abs + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static void prepareFile(Path abs) throws IOException {
    Path dir = abs.getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      if (posix()) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
      } else {
        Files.createDirectories(dir);
      }
    }
    if (!posix()) {
      return;
    }
    // Created before SQLite opens it: SQLite would create it with the umask (often world-readable),
    // and it gives its -wal/-journal files the permissions of the main file.
    if (!Files.exists(abs)) {
      try {
        Files.createFile(abs, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (java.nio.file.FileAlreadyExistsException another) {
        // another process created it between the check and here: fine, it is tightened below
      }
    }
    Files.setPosixFilePermissions(abs, OWNER_ONLY);
    tightenSideFiles(abs);
  }

  /** Side files left by an older run (or another tool) may be wider than the main file. */
  private static void tightenSideFiles(Path abs) throws IOException {
    if (!posix()) {
      return;
    }
    for (String suffix : SIDE_SUFFIXES) {
      Path side = abs.resolveSibling(abs.getFileName() + suffix);
      if (Files.exists(side)) {
        Files.setPosixFilePermissions(side, OWNER_ONLY);
      }
    }
  }

  private static void migrate(Connection c, Path abs) throws SQLException {
    // Two lpa processes may open a new store at the same moment (a `watch` and a `send` started
    // together): take the write lock before reading the version, so only one creates the tables
    // and the other, waiting on busy_timeout, then sees them.
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      try {
        int version;
        try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
          version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > SCHEMA_VERSION) {
          throw new LpaException(LpaException.Kind.ERROR, "local store " + abs + " has schema version " + version
              + ", newer than this lpa understands (" + SCHEMA_VERSION + "); upgrade lpa or log out to wipe it");
        }
        for (int v = version; v < SCHEMA_VERSION; v++) {
          for (String sql : MIGRATIONS.get(v)) {
            s.execute(sql);
          }
          // PRAGMA takes no bind parameters; v is our own int
          s.execute("PRAGMA user_version = " + (v + 1));
        }
        s.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        try {
          s.execute("ROLLBACK");
        } catch (SQLException ignored) {
          // the original failure is the one to report
        }
        throw e;
      }
    }
  }

  /** The schema version of the open file. */
  public synchronized int schemaVersion() {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    } catch (SQLException e) {
      throw fail("read schema version", e);
    }
  }

  // ---- outbox ----

  /** Enqueues an entry that nobody holds yet: the next flush of any process may take it. */
  public synchronized OutboxEntry enqueue(String conversationId, String dialogId, String kind, String payloadJson) {
    return enqueue(conversationId, dialogId, kind, payloadJson, null, Duration.ZERO);
  }

  /**
   * Enqueues an entry already held by {@code owner} for {@code lease}: the process that wrote it
   * sends it, and no other process's flush takes it meanwhile.
   */
  public synchronized OutboxEntry enqueue(String conversationId, String dialogId, String kind, String payloadJson,
      String owner, Duration lease) {
    OutboxEntry e = new OutboxEntry(UUID.randomUUID().toString(), conversationId, dialogId, kind, payloadJson,
        clock.instant(), 0);
    try (PreparedStatement ps = db.prepareStatement(
        "INSERT INTO outbox (local_id, conversation_id, dialog_id, kind, payload, created, lease_owner, lease_until)"
            + " VALUES (?,?,?,?,?,?,?,?)")) {
      ps.setString(1, e.localId());
      ps.setString(2, conversationId);
      ps.setString(3, dialogId);
      ps.setString(4, kind);
      ps.setString(5, payloadJson);
      ps.setLong(6, e.created().toEpochMilli());
      ps.setString(7, owner);
      if (owner == null) {
        ps.setNull(8, java.sql.Types.INTEGER);
      } else {
        ps.setLong(8, clock.millis() + lease.toMillis());
      }
      ps.executeUpdate();
      return e;
    } catch (SQLException ex) {
      throw fail("enqueue a message", ex);
    }
  }

  /** What {@link #claim} found. */
  public enum Claim {
    /** The caller holds the entry now (it may have held it already). */
    CLAIMED,
    /** Another live sender holds it: leave it alone. */
    HELD,
    /** It is no longer pending (sent or given up on). */
    GONE
  }

  /**
   * Takes the lease of a pending entry for {@code owner}, atomically across processes: granted
   * when nobody holds it, the owner already does, the lease ran out, or {@code alive} says the
   * holder's process is gone (a crash leaves its lease behind).
   */
  public synchronized Claim claim(String localId, String owner, Duration lease, Predicate<String> alive) {
    try {
      // IMMEDIATE: the write lock before the read, so two processes cannot both see it free
      try (Statement s = db.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
      }
      try {
        Claim result;
        try (PreparedStatement ps = db.prepareStatement(
            "SELECT state, lease_owner, lease_until FROM outbox WHERE local_id = ?")) {
          ps.setString(1, localId);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !"PENDING".equals(rs.getString(1))) {
              result = Claim.GONE;
            } else {
              String holder = rs.getString(2);
              long until = rs.getLong(3);
              boolean free = holder == null || holder.equals(owner) || rs.wasNull() || until < clock.millis()
                  || !alive.test(holder);
              result = free ? Claim.CLAIMED : Claim.HELD;
            }
          }
        }
        if (result == Claim.CLAIMED) {
          exec("UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE local_id = ?", owner,
              clock.millis() + lease.toMillis(), localId);
        }
        try (Statement s = db.createStatement()) {
          s.execute("COMMIT");
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        try (Statement s = db.createStatement()) {
          s.execute("ROLLBACK");
        } catch (SQLException ignored) {
          // the original failure is the one to report
        }
        throw e;
      }
    } catch (SQLException e) {
      throw fail("claim an outbox entry", e);
    }
  }

  /** Gives up every lease {@code owner} holds (a sender closing): the next flush anywhere may take them. */
  public synchronized void releaseLeases(String owner) {
    update("UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", "release outbox leases",
        owner);
  }

  /** How many send attempts an entry had (0 when it was never published, or is unknown). */
  public synchronized int attempts(String localId) {
    try (PreparedStatement ps = db.prepareStatement("SELECT attempts FROM outbox WHERE local_id = ?")) {
      ps.setString(1, localId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    } catch (SQLException e) {
      throw fail("read the outbox", e);
    }
  }

  /** Entries not yet sent nor given up on, oldest first (insertion order breaks ties). */
  public synchronized List<OutboxEntry> pendingOutbox() {
    return outbox("PENDING");
  }

  /** Entries given up on with {@link #markFailed}, oldest first. */
  public synchronized List<OutboxEntry> failedOutbox() {
    return outbox("FAILED");
  }

  private List<OutboxEntry> outbox(String state) {
    List<OutboxEntry> out = new ArrayList<>();
    try (PreparedStatement ps = db.prepareStatement(
        "SELECT local_id, conversation_id, dialog_id, kind, payload, created, attempts FROM outbox"
            + " WHERE state = ? ORDER BY created, rowid")) {
      ps.setString(1, state);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new OutboxEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), rs.getInt(7)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw fail("read the outbox", e);
    }
  }

  public synchronized void markAttempt(String localId) {
    update("UPDATE outbox SET attempts = attempts + 1, last_attempt = ? WHERE local_id = ?",
        "record a send attempt", clock.millis(), localId);
  }

  /** The server confirmed the message with {@code sequence}: it leaves the pending list. */
  public synchronized void markSent(String localId, long sequence) {
    update("UPDATE outbox SET state = 'SENT', sequence = ?, failure = NULL, lease_owner = NULL, lease_until = NULL"
            + " WHERE local_id = ?",
        "mark a message sent", sequence, localId);
  }

  /** Sending was given up on; the entry is kept (with why) so the user can see and resend it. */
  public synchronized void markFailed(String localId, String reason) {
    update("UPDATE outbox SET state = 'FAILED', failure = ?, lease_owner = NULL, lease_until = NULL"
            + " WHERE local_id = ?",
        "mark a message failed", reason, localId);
  }

  /** Why an entry failed, null when it did not (or is unknown). */
  public synchronized String failureReason(String localId) {
    try (PreparedStatement ps = db.prepareStatement("SELECT failure FROM outbox WHERE local_id = ?")) {
      ps.setString(1, localId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw fail("read the outbox", e);
    }
  }

  /** The sequence the server gave a sent entry, empty when not sent (or unknown). */
  public synchronized OptionalLong sentSequence(String localId) {
    try (PreparedStatement ps = db.prepareStatement(
        "SELECT sequence FROM outbox WHERE local_id = ? AND state = 'SENT'")) {
      ps.setString(1, localId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw fail("read the outbox", e);
    }
  }

  // ---- conversations ----

  public synchronized void saveConversation(String id, String json) {
    update("INSERT INTO conversations (id, json) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json",
        "save a conversation", id, json);
  }

  /**
   * A subscription's notification in one transaction: thousands of conversations of a first
   * snapshot cost one commit, not one each. Deletes take their messages and cursors along.
   */
  public synchronized void saveConversations(Map<String, String> upserts, java.util.Collection<String> deletes) {
    if (upserts.isEmpty() && deletes.isEmpty()) {
      return;
    }
    inTransaction("save conversations", () -> {
      try (PreparedStatement ps = db.prepareStatement("INSERT INTO conversations (id, json) VALUES (?, ?)"
          + " ON CONFLICT(id) DO UPDATE SET json = excluded.json")) {
        for (Map.Entry<String, String> e : upserts.entrySet()) {
          ps.setString(1, e.getKey());
          ps.setString(2, e.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      for (String id : deletes) {
        exec("DELETE FROM cursors WHERE dialog_id IN (SELECT DISTINCT dialog_id FROM messages WHERE conversation_id = ?)", id);
        exec("DELETE FROM messages WHERE conversation_id = ?", id);
        exec("DELETE FROM conversations WHERE id = ?", id);
      }
    });
  }

  /** Every stored conversation, id to JSON, in id order. */
  public synchronized Map<String, String> loadConversations() {
    Map<String, String> out = new LinkedHashMap<>();
    try (Statement s = db.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, json FROM conversations ORDER BY id")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
      return out;
    } catch (SQLException e) {
      throw fail("read conversations", e);
    }
  }

  /** Removes a conversation with its messages and the cursors of its dialogs. */
  public synchronized void deleteConversation(String id) {
    inTransaction("delete a conversation", () -> {
      exec("DELETE FROM cursors WHERE dialog_id IN (SELECT DISTINCT dialog_id FROM messages WHERE conversation_id = ?)", id);
      exec("DELETE FROM messages WHERE conversation_id = ?", id);
      exec("DELETE FROM conversations WHERE id = ?", id);
    });
  }

  // ---- messages ----

  /** Inserts or replaces by (dialog id, sequence), all or nothing. */
  public synchronized void saveMessages(String conversationId, List<StoredMessage> msgs) {
    inTransaction("save messages", () -> {
      try (PreparedStatement ps = db.prepareStatement(
          "INSERT INTO messages (conversation_id, dialog_id, sequence, json) VALUES (?,?,?,?)"
              + " ON CONFLICT(dialog_id, sequence) DO UPDATE SET json = excluded.json,"
              + " conversation_id = excluded.conversation_id")) {
        for (StoredMessage m : msgs) {
          ps.setString(1, conversationId);
          ps.setString(2, m.dialogId());
          ps.setLong(3, m.sequence());
          ps.setString(4, m.json());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
  }

  /**
   * A conversation's messages: dialogs in the order they were first stored (MAIN before a later
   * survey dialog), each in sequence order.
   */
  public synchronized List<StoredMessage> loadMessages(String conversationId) {
    List<StoredMessage> out = new ArrayList<>();
    try (PreparedStatement ps = db.prepareStatement(
        "SELECT m.dialog_id, m.sequence, m.json FROM messages m WHERE m.conversation_id = ?"
            + " ORDER BY (SELECT MIN(rowid) FROM messages f WHERE f.dialog_id = m.dialog_id), m.sequence")) {
      ps.setString(1, conversationId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new StoredMessage(rs.getString(1), rs.getLong(2), rs.getString(3)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw fail("read messages", e);
    }
  }

  /**
   * Every stored message by conversation, each conversation's in (dialog, sequence) order: a
   * restart reads them in one query, not one per conversation.
   */
  public synchronized Map<String, List<StoredMessage>> loadAllMessages() {
    Map<String, List<StoredMessage>> out = new LinkedHashMap<>();
    try (Statement s = db.createStatement();
         ResultSet rs = s.executeQuery("SELECT conversation_id, dialog_id, sequence, json FROM messages"
             + " ORDER BY conversation_id, dialog_id, sequence")) {
      while (rs.next()) {
        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
            .add(new StoredMessage(rs.getString(2), rs.getLong(3), rs.getString(4)));
      }
      return out;
    } catch (SQLException e) {
      throw fail("read messages", e);
    }
  }

  /** Every stored sync cursor, dialog id to sequence. */
  public synchronized Map<String, Long> loadCursors() {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Statement s = db.createStatement();
         ResultSet rs = s.executeQuery("SELECT dialog_id, seq FROM cursors")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
      return out;
    } catch (SQLException e) {
      throw fail("read sync cursors", e);
    }
  }

  // ---- names (agents, skills, consumer profiles) ----

  /** Stores names of one kind ("agent", "skill", "consumer") by id, as JSON, in one transaction. */
  public synchronized void saveNames(String kind, Map<String, String> jsonById) {
    if (jsonById.isEmpty()) {
      return;
    }
    inTransaction("save names", () -> {
      try (PreparedStatement ps = db.prepareStatement("INSERT INTO names (kind, id, json) VALUES (?, ?, ?)"
          + " ON CONFLICT(kind, id) DO UPDATE SET json = excluded.json")) {
        for (Map.Entry<String, String> e : jsonById.entrySet()) {
          ps.setString(1, kind);
          ps.setString(2, e.getKey());
          ps.setString(3, e.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
  }

  /** The stored names of one kind, id to JSON. */
  public synchronized Map<String, String> loadNames(String kind) {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement ps = db.prepareStatement("SELECT id, json FROM names WHERE kind = ? ORDER BY id")) {
      ps.setString(1, kind);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
      return out;
    } catch (SQLException e) {
      throw fail("read names", e);
    }
  }

  // ---- cursors ----

  public synchronized void setCursor(String dialogId, long seq) {
    update("INSERT INTO cursors (dialog_id, seq) VALUES (?, ?) ON CONFLICT(dialog_id) DO UPDATE SET seq = excluded.seq",
        "save a sync cursor", dialogId, seq);
  }

  public synchronized OptionalLong cursor(String dialogId) {
    try (PreparedStatement ps = db.prepareStatement("SELECT seq FROM cursors WHERE dialog_id = ?")) {
      ps.setString(1, dialogId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw fail("read a sync cursor", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (!db.isClosed()) {
        db.close();
      }
    } catch (SQLException e) {
      throw fail("close", e);
    }
  }

  // ---- plumbing ----

  private interface SqlWork {
    void run() throws SQLException;
  }

  private void inTransaction(String what, SqlWork work) {
    try {
      db.setAutoCommit(false);
      try {
        work.run();
        db.commit();
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw fail(what, e);
    }
  }

  private void exec(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }

  private void update(String sql, String what, Object... args) {
    try {
      exec(sql, args);
    } catch (SQLException e) {
      throw fail(what, e);
    }
  }

  private LpaException fail(String what, SQLException e) {
    return new LpaException(LpaException.Kind.ERROR, "local store: cannot " + what + ": " + e.getMessage(), e);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already failing; the original error is the one worth reporting
      }
    }
  }
}
