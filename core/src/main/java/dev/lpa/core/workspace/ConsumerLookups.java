package dev.lpa.core.workspace;

import dev.lpa.core.internal.CoreLog;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.store.LocalStore;
import dev.lpa.core.ums.UmsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Consumer profiles: asked on the socket ({@code GetUserProfile}) through a bounded window, each
 * consumer once per run, remembered in the store for the next run, and a burst of answers (the
 * first snapshot's thousands) handed to the state as one input.
 *
 * <p>Threads: the profiles known and the consumers asked for are concurrent sets (the socket's
 * thread, the caller's and the serial thread read them); the burst goes to the state in a task on
 * the serial thread.
 */
final class ConsumerLookups {
  /** What the lookups need of the workspace. */
  interface Host {
    /** On the serial thread: profiles that arrived together reach the state at once. */
    void knownNow(List<ConsumerProfile> batch);

    /** A store write, on the store's thread. */
    void toStore(Consumer<LocalStore> write);
  }

  private final UmsClient ums;
  private final BoundedWindow window;
  private final Executor serial;
  private final Host host;
  private final Map<String, ConsumerProfile> known = new ConcurrentHashMap<>();
  private final Set<String> requested = ConcurrentHashMap.newKeySet();
  /** Profiles that arrived and wait for one input between them. */
  private final ConcurrentLinkedQueue<ConsumerProfile> arrived = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainQueued = new AtomicBoolean();

  ConsumerLookups(UmsClient ums, BoundedWindow window, Executor serial, Host host) {
    this.ums = ums;
    this.window = window;
    this.serial = serial;
    this.host = host;
  }

  /** Profiles an earlier run stored. */
  void restored(List<ConsumerProfile> profiles) {
    profiles.forEach(p -> known.put(p.id(), p));
  }

  /** The profile this run knows, or null. */
  ConsumerProfile known(String consumerId) {
    return consumerId == null ? null : known.get(consumerId);
  }

  /**
   * Asks for the profile of a consumer seen in a notification, once per run: null when it was
   * asked already, else the look-up (which never fails: an unknown name stays unknown, and a
   * later notification may ask again).
   */
  CompletableFuture<Void> requestOnce(String consumerId) {
    if (!requested.add(consumerId)) {
      return null;
    }
    return fetch(consumerId).thenAccept(this::arrivedInBurst).exceptionally(t -> {
      requested.remove(consumerId);
      CoreLog.swallowed("a consumer's profile (the name stays unknown)", t);
      return null;
    });
  }

  /** The profile known, or asked for now. */
  CompletableFuture<ConsumerProfile> knownOrFetch(String consumerId) {
    ConsumerProfile p = known(consumerId);
    return p != null ? CompletableFuture.completedFuture(p) : fetch(consumerId);
  }

  /** Asks the server now (through the window). */
  CompletableFuture<ConsumerProfile> fetch(String consumerId) {
    return window.submit(() -> ums.request(".ams.userprofile.GetUserProfile", Requests.getUserProfile(consumerId)))
        .thenApply(body -> Profiles.consumer(consumerId, body));
  }

  /** A profile learned outside the first-snapshot burst: kept for this run and the next. */
  void remember(ConsumerProfile p) {
    if (!p.equals(known.put(p.id(), p))) {
      host.toStore(st -> StoredDirectory.saveConsumers(st, List.of(p)));
    }
  }

  /**
   * Profiles answered together become one input: the first arrival queues a drain on the serial
   * thread, later ones join it until it runs.
   */
  private void arrivedInBurst(ConsumerProfile p) {
    known.put(p.id(), p);
    arrived.add(p);
    if (drainQueued.compareAndSet(false, true)) {
      try {
        serial.execute(() -> {
          drainQueued.set(false);
          List<ConsumerProfile> batch = new ArrayList<>();
          for (ConsumerProfile x; (x = arrived.poll()) != null; ) {
            batch.add(x);
          }
          if (!batch.isEmpty()) {
            host.knownNow(batch);
            host.toStore(st -> StoredDirectory.saveConsumers(st, batch));
          }
        });
      } catch (RejectedExecutionException e) {
        // the workspace closed
      }
    }
  }
}
