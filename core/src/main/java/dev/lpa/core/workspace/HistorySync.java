package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.internal.CoreLog;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.store.LocalStore;
import dev.lpa.core.store.StoredMessage;
import dev.lpa.core.ums.UmsClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * History sync: per dialog, the sequence up to which every event is known (the cursor), kept in
 * the store with the events it covers, and the history queries that move it (a backfill from the
 * cursor after a start or a reconnection, a full read when a conversation is opened).
 *
 * <p>Thread rule, by construction: the cursors, the stale set and the loading set are plain
 * collections touched only inside tasks this class runs on {@code serial}, the workspace's serial
 * thread; every method may be called from any thread (the socket's, a future's, the caller's).
 * The events' messages reach the state through {@code feed}, also on that thread, so a cursor is
 * never saved ahead of the state or the stored events it covers.
 */
final class HistorySync {
  private final Executor serial;
  private final UmsClient ums;
  /** Background queries (backfills) pipeline through it; a conversation the user opens does not wait. */
  private final BoundedWindow window;
  /** Null without a store. */
  private final LocalStore store;
  private final Function<Reducer.Input, CompletableFuture<WorkspaceState>> feed;
  private final Function<String, String> conversationOfDialog;

  /** Per dialog, the sequence up to which every event is known (from a history query on). */
  private final Map<String, Long> cursors = new HashMap<>();
  /** Dialogs whose cursor predates a connection loss: only a history query moves them on. */
  private final Set<String> stale = new HashSet<>();
  /** Dialogs with a backfill in flight. */
  private final Set<String> loading = new HashSet<>();

  HistorySync(Executor serial, UmsClient ums, BoundedWindow window, LocalStore store,
      Function<Reducer.Input, CompletableFuture<WorkspaceState>> feed, Function<String, String> conversationOfDialog) {
    this.serial = serial;
    this.ums = ums;
    this.window = window;
    this.store = store;
    this.feed = feed;
    this.conversationOfDialog = conversationOfDialog;
  }

  /** The cursors an earlier run stored, for the dialogs whose events came back from the store. */
  void restored(Map<String, Long> stored) {
    run(() -> cursors.putAll(stored));
  }

  /**
   * Live events of a dialog, after their reducer input was queued: they extend a synced dialog
   * (not a stale one: after a connection loss only a query may), are stored, and the cursor too.
   */
  void live(String dialogId, List<JsonNode> events) {
    run(() -> {
      for (JsonNode ev : events) {
        String d = WireMapper.first(Json.text(ev, "dialogId"), dialogId);
        long seq = Json.num(ev, "sequence", -1);
        if (d != null && seq >= 0 && cursors.containsKey(d) && !stale.contains(d)) {
          cursors.merge(d, seq, Math::max);
        }
      }
      persist(dialogId, events);
      for (JsonNode ev : events) {
        String d = WireMapper.first(Json.text(ev, "dialogId"), dialogId);
        if (d != null) {
          saveCursor(d);
        }
      }
    });
  }

  /** The connection is down: every cursor may now miss events until a query runs. */
  void connectionLost() {
    run(() -> stale.addAll(cursors.keySet()));
  }

  /**
   * The agent's own message got {@code seq}: right after the cursor it leaves no gap, and the
   * cursor moves (and is stored before the send is reported done; the outbox relies on it).
   */
  void ownSequence(String dialogId, long seq) {
    run(() -> {
      Long cursor = stale.contains(dialogId) ? null
          : cursors.computeIfPresent(dialogId, (k, c) -> c == seq - 1 ? seq : c);
      if (cursor != null && cursor == seq) {
        saveCursor(dialogId);
      }
    });
  }

  /**
   * After a (re)connection's snapshot: a fresh backfill of every open conversation this user
   * takes part in or whose history is kept, even when one is in flight (that one may predate the
   * connection). Completes when all have answered; a failed one is logged, never fatal.
   */
  CompletableFuture<Void> backfillOpen(Collection<Conversation> conversations) {
    CompletableFuture<Void> all = new CompletableFuture<>();
    run(() -> {
      List<CompletableFuture<?>> loads = new ArrayList<>();
      for (Conversation c : conversations) {
        if (c.open() && (c.myRole() != null || cursors.containsKey(c.mainDialogId()))) {
          loads.add(backfillNow(c, true).exceptionally(CoreLog.ignore("the history of " + c.id())));
        }
      }
      CoreLog.step("workspace: snapshot applied, " + loads.size() + " backfills");
      CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).whenComplete((v, t) -> all.complete(null));
    });
    return all;
  }

  /** Missed messages of the main dialog from the cursor on (duplicates merge away); once at a time. */
  CompletableFuture<List<Message>> backfill(Conversation c) {
    try {
      return CompletableFuture.supplyAsync(() -> backfillNow(c, false), serial).thenCompose(f -> f);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return CompletableFuture.completedFuture(List.of()); // the workspace closed
    }
  }

  /** Every event of a dialog, from {@code from} on, into the state; answers the conversation's messages. */
  CompletableFuture<List<Message>> query(String convId, String dialogId, long from) {
    return query(convId, dialogId, from, false);
  }

  // --- on the serial thread only (called from tasks of run/supplyAsync above) ---

  private CompletableFuture<List<Message>> backfillNow(Conversation c, boolean force) {
    String dialog = c.mainDialogId();
    if (!loading.add(dialog) && !force) {
      return CompletableFuture.completedFuture(List.of());
    }
    // from the cursor, not from the newest message known: that one may have come alone (with
    // the conversation) and left a gap before it
    long from = Math.max(0, cursors.getOrDefault(dialog, 0L));
    return query(c.id(), dialog, from, true).whenCompleteAsync((v, t) -> loading.remove(dialog), serial);
  }

  private CompletableFuture<List<Message>> query(String convId, String dialogId, long from, boolean background) {
    ObjectNode body = Requests.queryMessages(convId, dialogId, from);
    CompletableFuture<JsonNode> asked = background
        ? window.submit(() -> ums.request(".ams.ms.QueryMessages", body))
        : ums.request(".ams.ms.QueryMessages", body);
    return asked.thenCompose(r -> {
      List<JsonNode> evs = new ArrayList<>();
      JsonNode arr = r.isArray() ? r : r.has("changes") ? r.get("changes") : Json.arr();
      arr.forEach(evs::add);
      long max = evs.stream().mapToLong(ev -> Json.num(ev, "sequence", -1)).max().orElse(-1);
      run(() -> {
        // everything from `from` on is now known: the dialog is in sync up to its newest event
        cursors.merge(dialogId, max, Math::max);
        stale.remove(dialogId);
        persist(dialogId, evs);
        saveCursor(dialogId);
      });
      return feed.apply(new Reducer.Events(dialogId, evs));
    }).thenApply(s -> s.messagesOf(convId));
  }

  private void persist(String dialogId, List<JsonNode> events) {
    if (store == null) {
      return;
    }
    try {
      Map<String, List<StoredMessage>> byConv = new LinkedHashMap<>();
      for (JsonNode ev : events) {
        long seq = Json.num(ev, "sequence", -1);
        String dialog = WireMapper.first(Json.text(ev, "dialogId"), dialogId);
        if (seq < 0 || dialog == null) {
          continue; // typing and other unnumbered events are not history
        }
        String conv = WireMapper.first(Json.text(ev, "conversationId"), conversationOfDialog.apply(dialog), dialog);
        byConv.computeIfAbsent(conv, k -> new ArrayList<>()).add(new StoredMessage(dialog, seq, Json.write(ev)));
      }
      // before the cursor that covers them is saved (a crash between the two must not leave a
      // cursor past messages the store lacks)
      byConv.forEach(store::saveMessages);
    } catch (RuntimeException e) {
      // best effort: the live state is already right, and the next run asks the server again
      CoreLog.swallowed("storing messages of " + dialogId, e);
    }
  }

  private void saveCursor(String dialogId) {
    Long c = cursors.get(dialogId);
    if (store != null && c != null && c >= 0) {
      try {
        // synchronous: the outbox relies on the cursor being stored when a send completes
        store.setCursor(dialogId, c);
      } catch (RuntimeException e) {
        // best effort: the next run asks again from the older cursor
        CoreLog.swallowed("storing the history cursor of " + dialogId, e);
      }
    }
  }

  private void run(Runnable task) {
    try {
      serial.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the workspace closed: nothing more to keep
    }
  }
}
