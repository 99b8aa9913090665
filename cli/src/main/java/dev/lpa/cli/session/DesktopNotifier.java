package dev.lpa.cli.session;

import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Participant;
import dev.lpa.core.model.Ring;
import dev.lpa.core.model.RingDetails;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceEvent;
import dev.lpa.core.workspace.WorkspaceState;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The session's push notifications: a ring, or a consumer's message in a conversation assigned to
 * the agent, becomes a desktop notification through {@code notify-send} naming the consumer with
 * an inert excerpt. Remembers the conversation of the last one, which the console focuses when it
 * opens next (the app's "tapping the notification").
 */
final class DesktopNotifier {
  static final int EXCERPT = 100;

  private final Path notifySend;
  private final SessionLog log;
  private final SessionPaths paths;
  private final BooleanSupplier consoleOpen;
  private final Instant since;
  private volatile String lastConversation;
  /** Runs notify-send off the workspace's event thread, one at a time, in the order things happened. */
  private final ScheduledThreadPoolExecutor runner = new ScheduledThreadPoolExecutor(1, r -> {
    Thread t = new Thread(r, "lpa-session-notify");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, PendingRing> pendingRings = new LinkedHashMap<>();
  private final Map<String, Instant> seenUntil = new HashMap<>();

  private record PendingRing(Ring ring, Conversation conversation, long offered) {}

  /** How long a ring's notification waits for the consumer's name (as the console does). */
  static final Duration RING_NAME_WAIT = Duration.ofSeconds(2);

  DesktopNotifier(Map<String, String> env, SessionLog log, SessionPaths paths, BooleanSupplier consoleOpen, Instant since) {
    this.notifySend = onPath(env.get("PATH"), "notify-send");
    this.log = log;
    this.paths = paths;
    this.consoleOpen = consoleOpen;
    this.since = since;
    if (notifySend == null) {
      log.line("notifications: off (no notify-send on PATH; install libnotify-bin for desktop notifications)");
    } else if (env.get("DISPLAY") == null && env.get("WAYLAND_DISPLAY") == null && env.get("DBUS_SESSION_BUS_ADDRESS") == null) {
      log.line("notifications: notify-send found, but no DISPLAY, WAYLAND_DISPLAY or DBUS_SESSION_BUS_ADDRESS: they may not show");
    } else {
      log.line("notifications: through " + notifySend);
    }
  }

  AutoCloseable watch(Workspace w) {
    AutoCloseable events = w.onEvent(e -> {
      WorkspaceState s = w.state();
      runner.execute(() -> event(s, e));
    });
    AutoCloseable states = w.onState(s -> runner.execute(() -> announceRings(s, false)));
    return () -> {
      events.close();
      states.close();
      // a notification on its way is finished (notify-send is given 5 s), the ring-name waits are dropped:
      // nothing of the session runs on after it stopped
      runner.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      runner.shutdown();
      if (!runner.awaitTermination(6, TimeUnit.SECONDS)) {
        runner.shutdownNow();
      }
    };
  }

  String lastConversation() {
    return lastConversation;
  }

  void event(WorkspaceState s, WorkspaceEvent e) {
    if (e instanceof WorkspaceEvent.RingOffered r) {
      pendingRings.put(r.ring().ringId(), new PendingRing(r.ring(), r.conversation(), System.nanoTime()));
      announceRings(s, false);
      // the look-up of who rings usually comes after the ring: wait a little for the name
      runner.schedule(() -> announceRings(s, true), RING_NAME_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } else if (e instanceof WorkspaceEvent.MessageAdded m) {
      Message msg = m.message();
      // history loaded at start or on scrolling is not news, nor what the ring already showed
      Instant seen = seenUntil.getOrDefault(msg.conversationId(), since);
      if (msg.sender() != Message.Sender.CONSUMER || msg.time() == null || !msg.time().isAfter(seen)) {
        return;
      }
      Conversation c = s.conversations().get(msg.conversationId());
      if (c == null || !c.open() || !assignedToMe(s, c)) {
        return;
      }
      seenUntil.put(msg.conversationId(), msg.time());
      String name = named(c == null ? null : c.consumer());
      raise("message", c.id(), name == null ? "a consumer" : name, msg.excerpt());
    }
  }

  private void announceRings(WorkspaceState s, boolean timeUp) {
    for (var it = pendingRings.values().iterator(); it.hasNext(); ) {
      PendingRing p = it.next();
      RingDetails d = s.ringDetailsOf(p.ring());
      String name = named(d == null ? null : d.consumer());
      if (name == null) {
        name = named(p.conversation() == null ? null : p.conversation().consumer());
      }
      boolean waited = System.nanoTime() - p.offered() >= RING_NAME_WAIT.toNanos() - 50_000_000L;
      if (name == null && !waited && !timeUp) {
        continue;
      }
      it.remove();
      Message last = d == null ? null : d.lastConsumerMessage();
      if (last == null && p.conversation() != null) {
        last = p.conversation().lastMessage();
      }
      String conv = p.ring().conversationId();
      seenUntil.put(conv, last != null && last.time() != null ? last.time() : Instant.now());
      raise("ring", conv, "New conversation: " + (name == null ? "a consumer" : name), last == null ? "" : last.excerpt());
    }
  }

  /** The consumer's name made inert, or null while only their id is known. */
  private static String named(ConsumerProfile p) {
    if (p == null || p.displayName() == null || p.displayName().equals(p.id())) {
      return null;
    }
    String n = SafeText.line(p.displayName()).strip();
    return n.isEmpty() ? null : n;
  }

  private static boolean assignedToMe(WorkspaceState s, Conversation c) {
    Participant a = c.assignedAgent();
    return a != null && s.me() != null && a.id().equals(s.me().userId());
  }

  private void raise(String kind, String conversationId, String title, String body) {
    lastConversation = conversationId;
    try {
      paths.writeFocus(conversationId);
    } catch (IOException e) {
      log.line("notifications: cannot remember the conversation: " + e.getMessage());
    }
    String id = conversationId.length() > 8 ? conversationId.substring(0, 8) : conversationId;
    if (consoleOpen.getAsBoolean()) {
      log.line("notification: " + kind + " in " + id + " not raised (the console is open)");
      return;
    }
    if (notifySend == null) {
      log.line("notification: " + kind + " in " + id + " not raised (no notify-send on PATH)");
      return;
    }
    List<String> cmd = List.of(notifySend.toString(), "--app-name=lpa", "--", markupSafe(clip(title, 60)),
        markupSafe(clip(SafeText.line(body).strip(), EXCERPT)));
    Process p = null;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        log.line("notification: " + kind + " in " + id + " notify-send did not finish in 5 s");
      } else if (p.exitValue() != 0) {
        log.line("notification: " + kind + " in " + id + " notify-send failed (exit " + p.exitValue() + ")");
      } else {
        log.line("notification: " + kind + " in " + id + " raised");
      }
    } catch (IOException e) {
      log.line("notification: " + kind + " in " + id + " not raised: " + e.getMessage());
    } catch (InterruptedException e) {
      p.destroyForcibly(); // the session is stopping at once: no child outlives it
      Thread.currentThread().interrupt();
    }
  }

  static String clip(String s, int max) {
    return s.codePointCount(0, s.length()) <= max ? s
        : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
  }

  // notification servers read a subset of HTML in the body: a consumer's "<b>" stays text
  static String markupSafe(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static Path onPath(String path, String name) {
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
