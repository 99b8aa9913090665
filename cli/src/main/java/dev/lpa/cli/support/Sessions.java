package dev.lpa.cli.support;

import dev.lpa.core.LpaClient;
import dev.lpa.core.LpaException;
import dev.lpa.core.workspace.StartMode;
import dev.lpa.core.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The core client and the logged-in workspaces, one per profile, opened on first use and kept
 * until the context closes: a single command opens at most one; the shell reuses it across
 * commands, so its connection stays up.
 */
public final class Sessions implements AutoCloseable {
  private final CliContext ctx;
  private LpaClient client;
  private final Map<String, Workspace> open = new LinkedHashMap<>();
  /** Profiles whose open workspace started in part only (a one-shot command's): a live use reopens. */
  private final java.util.Set<String> partial = new java.util.HashSet<>();
  /** Set by {@link #close()}: a workspace that finishes opening after it is closed at once, never kept. */
  private boolean closed;

  Sessions(CliContext ctx) {
    this.ctx = ctx;
  }

  public synchronized LpaClient client() {
    if (closed) {
      throw new LpaException(LpaException.Kind.CANCELLED, "closed");
    }
    if (client == null) {
      client = ctx.newClient();
    }
    return client;
  }

  /** The live workspace of a profile, waiting until its first snapshot is complete. */
  public Workspace workspace(String profile) {
    return workspace(profile, StartMode.LIVE);
  }

  /**
   * The workspace of a profile, ready for what {@code mode} needs: one already open (the shell's,
   * a session's) serves any mode; a partial one is replaced when a live one is asked for.
   */
  public Workspace workspace(String profile, StartMode mode) {
    return open(profile, mode, true);
  }

  /**
   * The live workspace of a profile as soon as it is connected, its conversations still on the
   * way: the console draws them as they arrive instead of a blank terminal until all are in (a
   * manager's team of thousands takes seconds); what fails later reaches it through
   * {@link Workspace#ready()}.
   */
  public Workspace workspaceLoading(String profile) {
    return open(profile, StartMode.LIVE, false);
  }

  private Workspace open(String profile, StartMode mode, boolean awaitReady) {
    synchronized (this) {
      Workspace w = open.get(profile);
      if (w != null && (mode != StartMode.LIVE || !partial.contains(profile))) {
        return w;
      }
      if (w != null) {
        open.remove(profile);
        partial.remove(profile);
        w.close();
      }
    }
    // no lock while waiting on the network, so Ctrl-C's close() is never stuck behind it
    Workspace w = Await.get(client().open(profile, mode), "connecting");
    if (awaitReady) {
      try {
        Await.get(w.ready(), "loading the conversations");
      } catch (RuntimeException e) {
        w.close();
        throw e;
      }
    }
    synchronized (this) {
      if (closed) {
        // closed while this one was connecting (Ctrl-C, a session stopping): nobody would close it later
        w.close();
        throw new LpaException(LpaException.Kind.CANCELLED, "closed");
      }
      Workspace existing = open.putIfAbsent(profile, w);
      if (existing != null) {
        w.close();
        return existing;
      }
      if (mode != StartMode.LIVE) {
        partial.add(profile);
      }
    }
    return w;
  }

  /** The workspace if one is already open (the shell's completion uses it without connecting). */
  public synchronized Workspace ifOpen(String profile) {
    return open.get(profile);
  }

  /** Closes the workspace of a profile (before logout, or after the server dropped it). */
  public synchronized void forget(String profile) {
    Workspace w = open.remove(profile);
    partial.remove(profile);
    if (w != null) {
      w.close();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (Workspace w : open.values()) {
      try {
        w.close();
      } catch (RuntimeException e) {
        // closing on the way out: nothing useful to do with the failure
      }
    }
    open.clear();
    partial.clear();
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
