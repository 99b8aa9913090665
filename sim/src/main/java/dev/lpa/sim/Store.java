package dev.lpa.sim;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQLite persistence. The engine keeps its working set in memory and writes every changed
 * conversation, consumer and file through here, so a simulator started on the same data
 * folder picks up where the last one stopped.
 */
final class Store implements AutoCloseable {
  private final Connection db;

  Store(Path file) throws SQLException {
    if (file != null) {
      ownerOnly(file);
    }
    db = DriverManager.getConnection(file == null ? "jdbc:sqlite::memory:" : "jdbc:sqlite:" + file);
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA journal_mode=" + (file == null ? "MEMORY" : "WAL"));
      // Conversations are written under the engine's lock; with the default FULL every write
      // waits for an fsync, which put p99 notification delay near 450 ms at 100 consumer
      // messages/s instead of ~40 ms (bench/sim-load/RESULTS.md). NORMAL in WAL mode stays
      // consistent and loses at most the last writes on a power cut, which a simulator can afford.
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute("CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS convs(id TEXT PRIMARY KEY, json TEXT NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS consumers(id TEXT PRIMARY KEY, json TEXT NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, type TEXT, created INTEGER, bytes BLOB)");
      s.execute("CREATE TABLE IF NOT EXISTS sessions(bearer TEXT PRIMARY KEY, json TEXT NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS refresh_tokens(token TEXT PRIMARY KEY, login TEXT NOT NULL)");
    }
  }

  /**
   * The database holds live bearers and refresh tokens, so only the owner may read it. SQLite
   * gives its -wal and -shm files the database file's permissions.
   */
  private static void ownerOnly(Path file) throws SQLException {
    try {
      if (!java.nio.file.Files.exists(file)) {
        java.nio.file.Files.createFile(file);
      }
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        java.nio.file.Files.setPosixFilePermissions(file,
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      }
    } catch (java.io.IOException e) {
      throw new SQLException("cannot create " + file + " readable by its owner only", e);
    }
  }

  synchronized void putSession(String bearer, String json) {
    upsert("INSERT OR REPLACE INTO sessions(bearer, json) VALUES(?, ?)", bearer, json);
  }

  synchronized void deleteSession(String bearer) {
    delete("DELETE FROM sessions WHERE bearer=?", bearer);
  }

  synchronized List<String> sessions() {
    return all("SELECT json FROM sessions ORDER BY rowid");
  }

  synchronized void putRefreshToken(String token, String login) {
    upsert("INSERT OR REPLACE INTO refresh_tokens(token, login) VALUES(?, ?)", token, login);
  }

  synchronized void deleteRefreshToken(String token) {
    delete("DELETE FROM refresh_tokens WHERE token=?", token);
  }

  /** token -> login, oldest first. */
  synchronized java.util.Map<String, String> refreshTokens() {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT token, login FROM refresh_tokens ORDER BY rowid")) {
      while (r.next()) {
        out.put(r.getString(1), r.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private void delete(String sql, String key) {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      p.setString(1, key);
      p.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  synchronized Optional<String> meta(String key) {
    try (PreparedStatement p = db.prepareStatement("SELECT v FROM meta WHERE k=?")) {
      p.setString(1, key);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  synchronized void putMeta(String key, String value) {
    upsert("INSERT OR REPLACE INTO meta(k, v) VALUES(?, ?)", key, value);
  }

  synchronized void putConv(String id, String json) {
    upsert("INSERT OR REPLACE INTO convs(id, json) VALUES(?, ?)", id, json);
  }

  synchronized List<String> convs() {
    return all("SELECT json FROM convs ORDER BY rowid");
  }

  synchronized void putConsumer(String id, String json) {
    upsert("INSERT OR REPLACE INTO consumers(id, json) VALUES(?, ?)", id, json);
  }

  synchronized List<String> consumers() {
    return all("SELECT json FROM consumers ORDER BY rowid");
  }

  synchronized void putFile(String path, String type, long created, byte[] bytes) {
    try (PreparedStatement p = db.prepareStatement(
        "INSERT OR REPLACE INTO files(path, type, created, bytes) VALUES(?, ?, ?, ?)")) {
      p.setString(1, path);
      p.setString(2, type);
      p.setLong(3, created);
      p.setBytes(4, bytes);
      p.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  synchronized Optional<byte[]> file(String path) {
    try (PreparedStatement p = db.prepareStatement("SELECT bytes FROM files WHERE path=?")) {
      p.setString(1, path);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs {@code writes} as one transaction: a seed of thousands of conversations otherwise commits
   * each consumer and each conversation on its own, and the commits were most of its time.
   */
  synchronized void inOneTransaction(Runnable writes) {
    try {
      db.setAutoCommit(false);
      try {
        writes.run();
        db.commit();
      } catch (RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void upsert(String sql, String a, String b) {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      p.setString(1, a);
      p.setString(2, b);
      p.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> all(String sql) {
    List<String> out = new ArrayList<>();
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException ignored) {
      // closing at shutdown: nothing left to save
    }
  }
}
