package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.core.internal.CoreLog;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.store.LocalStore;
import dev.lpa.core.store.StoredMessage;
import dev.lpa.core.ums.Notification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The local store as the workspace's cache: what the last run saw, read back as reducer inputs
 * at start, and the store following each conversation notification (its conversations written,
 * the ones it removed deleted). Writes run on the store's thread, in order, best effort: the
 * live state is already right and the server has everything. Without a store, nothing.
 */
final class StoreSync {
  /** What the store gave back: inputs for the reducer, in order, and the history cursors. */
  record Restored(List<Reducer.Input> inputs, List<ConsumerProfile> profiles, Map<String, Long> cursors) {
    static final Restored NOTHING = new Restored(List.of(), List.of(), Map.of());
  }

  private final LocalStore store;
  private final StartMode mode;
  private final Executor writer;

  StoreSync(LocalStore store, StartMode mode, Executor writer) {
    this.store = store;
    this.mode = mode;
    this.writer = writer;
  }

  /**
   * What the last run saw, to show at once: names, profiles, conversations and their messages.
   * The first snapshot then drops what ended meanwhile, and the backfill asks only for sequences
   * after the last stored one. An unreadable cache gives nothing (the start goes on).
   */
  Restored restore() {
    if (store == null) {
      return Restored.NOTHING;
    }
    try {
      List<Reducer.Input> inputs = new ArrayList<>();
      // names first, so the restored rows show them and the first snapshot asks only for new ones
      Map<String, String> agents = StoredDirectory.names(store, StoredDirectory.AGENT);
      Map<String, String> skills = StoredDirectory.names(store, StoredDirectory.SKILL);
      List<ConsumerProfile> profiles = StoredDirectory.consumers(store);
      inputs.add(new Reducer.AgentNames(Map.copyOf(agents)));
      inputs.add(new Reducer.SkillNames(Map.copyOf(skills)));
      inputs.add(new Reducer.ConsumersKnown(List.copyOf(profiles)));
      Map<String, String> convs = store.loadConversations();
      // two queries for all of it: one per conversation is thousands of round trips at scale
      Map<String, List<StoredMessage>> messages = store.loadAllMessages();
      Map<String, Long> cursors = store.loadCursors();
      if (mode != StartMode.LIVE) {
        // a one-shot command shows the first snapshot, not what the last run saw: only the
        // conversations whose history is kept come back, so a backfill from their cursor adds
        // to the messages it already has (the team's thousands stay in the store)
        convs = new LinkedHashMap<>(convs);
        convs.keySet().removeIf(id -> !messages.containsKey(id) && !cursors.containsKey(id));
      }
      List<Notification.Change> changes = new ArrayList<>();
      // the store keeps only whole conversations (with conversationDetails), by their convId
      convs.forEach((id, json) -> changes.add(new Notification.Change("UPSERT", json, id, true)));
      if (!changes.isEmpty()) {
        inputs.add(new Reducer.Conversations(Reducer.Scope.MINE, false, changes, Map.of()));
      }
      Map<String, Long> kept = new HashMap<>();
      for (String id : convs.keySet()) {
        Map<String, List<JsonNode>> byDialog = new LinkedHashMap<>();
        for (StoredMessage m : messages.getOrDefault(id, List.of())) {
          byDialog.computeIfAbsent(m.dialogId(), k -> new ArrayList<>()).add(Json.parse(m.json()));
        }
        byDialog.forEach((dialog, evs) -> inputs.add(new Reducer.Events(dialog, evs)));
        for (String dialog : byDialog.keySet()) {
          Long c = cursors.get(dialog);
          if (c != null) {
            kept.put(dialog, c);
          }
        }
      }
      return new Restored(inputs, profiles, kept);
    } catch (RuntimeException e) {
      // an unreadable cache is not worth failing the start: the server has everything
      CoreLog.swallowed("the local store's conversations (starting without them)", e);
      return Restored.NOTHING;
    }
  }

  /**
   * The store follows one notification: its conversations written and the ones it removed
   * deleted, in one transaction on the store's thread. Only the notification's own ids are
   * looked at, except for a first notification, which may remove any conversation of its scope.
   */
  void follow(List<Notification.Change> changes, boolean first, WorkspaceState before, WorkspaceState after) {
    if (store == null) {
      return;
    }
    Map<String, String> upserts = new LinkedHashMap<>();
    Set<String> deletes = new HashSet<>();
    for (Notification.Change ch : changes) {
      String id = ch.convId();
      if (id == null) {
        continue;
      }
      if (after.conversations().containsKey(id)) {
        if (mode != StartMode.LIVE && after.conversations().get(id).myRole() == null) {
          continue; // the team's cache is a live start's: a listing neither reads nor keeps it
        }
        if (ch.hasDetails()) {
          upserts.put(id, ch.resultJson());
        }
      } else if (before.conversations().containsKey(id)) {
        deletes.add(id);
      }
    }
    if (first) {
      for (String id : before.conversations().keySet()) {
        if (!after.conversations().containsKey(id)) {
          deletes.add(id);
        }
      }
    }
    if (upserts.isEmpty() && deletes.isEmpty()) {
      return;
    }
    write(st -> st.saveConversations(upserts, deletes));
  }

  /** Runs a store write on the store's thread; the cache is best effort. */
  void write(Consumer<LocalStore> write) {
    if (store == null) {
      return;
    }
    try {
      writer.execute(() -> {
        try {
          write.accept(store);
        } catch (RuntimeException e) {
          // best effort: the server has everything
          CoreLog.swallowed("a local store write (the cache misses it until the next run)", e);
        }
      });
    } catch (RejectedExecutionException e) {
      // closed
    }
  }
}
