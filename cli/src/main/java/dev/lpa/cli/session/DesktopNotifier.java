package dev.lpa.cli.session;

import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Participant;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceEvent;
import dev.lpa.core.workspace.WorkspaceState;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    return w.onEvent(e -> event(w.state(), e));
  }

  String lastConversation() {
    return lastConversation;
  }

  void event(WorkspaceState s, WorkspaceEvent e) {
    if (e instanceof WorkspaceEvent.RingOffered r) {
      Conversation c = r.conversation() != null ? r.conversation() : s.conversations().get(r.ring().conversationId());
      String excerpt = c == null || c.lastMessage() == null ? "" : c.lastMessage().excerpt();
      raise("ring", r.ring().conversationId(), "New conversation: " + name(c), excerpt);
    } else if (e instanceof WorkspaceEvent.MessageAdded m) {
      Message msg = m.message();
      // history loaded at start or on scrolling is not news
      if (msg.sender() != Message.Sender.CONSUMER || msg.time() == null || msg.time().isBefore(since)) {
        return;
      }
      Conversation c = s.conversations().get(msg.conversationId());
      if (c == null || !c.open() || !assignedToMe(s, c)) {
        return;
      }
      raise("message", c.id(), name(c), msg.excerpt());
    }
  }

  private static boolean assignedToMe(WorkspaceState s, Conversation c) {
    Participant a = c.assignedAgent();
    return a != null && s.me() != null && a.id().equals(s.me().userId());
  }

  private static String name(Conversation c) {
    String n = c == null || c.consumer() == null ? "" : SafeText.line(c.consumer().displayName()).strip();
    return n.isEmpty() ? "a consumer" : n;
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
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
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
