package dev.lpa.sim;

import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * One open socket, agent or consumer. Frames are queued and written one at a time on a shared
 * pool, so the order in which the engine enqueues them (under its lock) is the order on the wire.
 */
final class Conn {
  enum Kind { AGENT, CONSUMER }

  final String id;
  final Kind kind;
  final WsContext ctx;
  private final ExecutorService pool;
  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  volatile boolean open = true;

  /** Sees every frame queued for this socket, in order (tests validate them against LP's schemas). */
  volatile java.util.function.BiConsumer<Kind, String> tap;

  /** Agent: the session; consumer: null until InitConnection / header auth. */
  volatile Auth.Session session;
  volatile String consumerId;
  /** Consumer sockets: the ClientProperties header (upgrade header or InitConnection), if sent. */
  volatile com.fasterxml.jackson.databind.JsonNode clientProperties;

  final Map<String, Engine.ConvSub> convSubs = new ConcurrentHashMap<>();
  final Set<String> routingSubs = ConcurrentHashMap.newKeySet();
  final Set<String> stateSubs = ConcurrentHashMap.newKeySet();
  /** Consumer sockets: dialogs whose live events this socket asked for. */
  final Set<String> dialogSubs = ConcurrentHashMap.newKeySet();

  Conn(String id, Kind kind, WsContext ctx, ExecutorService pool) {
    this.id = id;
    this.kind = kind;
    this.ctx = ctx;
    this.pool = pool;
  }

  record Close(int code, String reason, boolean abrupt) {}

  void send(String frame) {
    if (!open) {
      return;
    }
    java.util.function.BiConsumer<Kind, String> t = tap;
    if (t != null) {
      t.accept(kind, frame);
    }
    queue.add(frame);
    schedule();
  }

  private final AtomicBoolean closing = new AtomicBoolean();

  /** Closes after the frames already queued have been written; later calls do nothing. */
  void close(int code, String reason) {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    queue.add(new Close(code, reason, false));
    schedule();
  }

  /** Drops the TCP connection without a close handshake. */
  void disconnect() {
    closing.set(true);
    open = false;
    queue.add(new Close(0, "", true));
    schedule();
  }

  private void schedule() {
    if (draining.compareAndSet(false, true)) {
      try {
        pool.execute(this::drain);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        draining.set(false);
      }
    }
  }

  private void drain() {
    try {
      Object next;
      while ((next = queue.poll()) != null) {
        if (next instanceof String text) {
          if (!ctx.session.isOpen()) {
            queue.clear();
            break;
          }
          Callback.Completable done = new Callback.Completable();
          try {
            ctx.session.sendText(text, done);
            done.get(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            queue.clear();
            open = false;
            break;
          }
        } else if (next instanceof Close c) {
          open = false;
          queue.clear();
          try {
            if (c.abrupt()) {
              ctx.session.disconnect();
            } else if (ctx.session.isOpen()) {
              ctx.session.close(c.code(), c.reason(), Callback.NOOP);
            }
          } catch (RuntimeException ignored) {
            // already gone: nothing left to close
          }
          break;
        }
      }
    } finally {
      draining.set(false);
      if (!queue.isEmpty()) {
        schedule();
      }
    }
  }
}
