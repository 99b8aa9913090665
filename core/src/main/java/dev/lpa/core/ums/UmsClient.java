package dev.lpa.core.ums;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.lpa.core.internal.CoreLog;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.auth.AuthSession;
import dev.lpa.core.internal.Backoff;
import dev.lpa.core.internal.Json;
import dev.lpa.core.internal.NetworkFailures;
import dev.lpa.core.internal.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The agent messaging socket: {@code wss://{asyncMessagingEnt}/ws_api/account/{acct}/messaging/brand/{bearer}?v=2.1}.
 * Requests are correlated by {@code reqId} with a timeout each; requests made while the socket
 * is down wait for it (within their timeout). Keepalive: WebSocket pings (OkHttp) and GetClock
 * every 30 s. Reconnects by {@link Backoff}; close codes 4401/4407/1011/1008 and an upgrade
 * refused with 401 renew the session first.
 */
public final class UmsClient implements AutoCloseable {
  /** Close codes that mean "this token is no good". */
  public static boolean authClose(int code) {
    return code == 4401 || code == 4407 || code == 1011 || code == 1008;
  }

  /** What the socket tells its owner. Called on OkHttp's reader thread, in wire order. */
  public interface Listener {
    /** The socket is open; {@code reconnect} is false only for the first open. */
    void onOpen(boolean reconnect);

    void onNotification(Notification n);

    void onConnection(Link state, String detail);
  }

  /** The socket's own state; the workspace shows it to the user as its Link. */
  public enum Link { CONNECTING, CONNECTED, RECONNECTING, OFFLINE, LOGGED_OUT }

  private record Pending(String id, String type, String frame, CompletableFuture<JsonNode> future,
      ScheduledFuture<?> timeout) {}

  private final AuthSession auth;
  private final ScheduledExecutorService scheduler;
  private final Duration timeout;
  private final Duration keepalive;
  private final Backoff backoff;
  private final RetryPolicy retry;
  private final Listener listener;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final List<Pending> queued = new ArrayList<>();
  private volatile Consumer<String> tap = s -> { };
  private WebSocket socket;
  private boolean open;
  private boolean everOpened;
  private boolean closed;
  private LpaException closedBy;
  private int failures;
  private int authFailures;
  private ScheduledFuture<?> keepaliveTask;
  private CompletableFuture<Void> firstOpen = new CompletableFuture<>();

  public UmsClient(AuthSession auth, ScheduledExecutorService scheduler, Duration timeout, Duration keepalive,
      Backoff backoff, RetryPolicy retry, Listener listener) {
    this.auth = auth;
    this.scheduler = scheduler;
    this.timeout = timeout;
    this.keepalive = keepalive;
    this.backoff = backoff;
    this.retry = retry;
    this.listener = listener;
  }

  /** Sees every frame this client sends (tests validate them against LivePerson's schemas). */
  public void tap(Consumer<String> tap) {
    this.tap = tap == null ? s -> { } : tap;
  }

  /** Opens the socket; completes on the first open, fails when it cannot (auth, gave up). */
  public CompletableFuture<Void> connect() {
    synchronized (this) {
      if (socket == null && !closed) {
        dial();
      }
      return firstOpen;
    }
  }

  public synchronized boolean isOpen() {
    return open;
  }

  private synchronized void dial() {
    if (closed) {
      return;
    }
    listener.onConnection(everOpened ? Link.RECONNECTING : Link.CONNECTING, null);
    auth.domains().host("asyncMessagingEnt", "facadeMsg").thenAccept(host -> {
      String url = auth.http().wsBase(host) + "/ws_api/account/" + auth.profile().accountId()
          + "/messaging/brand/" + auth.bearer() + "?v=2.1";
      synchronized (this) {
        if (closed) {
          return;
        }
        socket = auth.http().client().newWebSocket(new Request.Builder().url(url)
            .header("User-Agent", dev.lpa.core.internal.Http.USER_AGENT).build(), new Handler());
      }
    }).exceptionally(t -> {
      LpaException e = LpaException.from(t);
      if (e.kind() == Kind.NOT_LOGGED_IN) {
        loggedOut(e);
      } else if (!everOpened() && e.kind() != Kind.TIMEOUT) {
        // the address lookup failed for a reason time does not fix (certificate, name, refused),
        // or HTTP already ran its retries (GAVE_UP): another round would only multiply them
        stop(e, Link.OFFLINE);
      } else {
        retryLater(Backoff.Cause.FAILED, e.getMessage());
      }
      return null;
    });
  }

  private synchronized boolean everOpened() {
    return everOpened;
  }

  private synchronized int failuresNow() {
    return failures;
  }

  private final class Handler extends WebSocketListener {
    @Override
    public void onOpen(WebSocket ws, Response response) {
      boolean reconnect;
      List<Pending> toSend;
      synchronized (UmsClient.this) {
        if (ws != socket) {
          ws.cancel();
          return;
        }
        open = true;
        reconnect = everOpened;
        everOpened = true;
        failures = 0;
        authFailures = 0;
        toSend = new ArrayList<>(queued);
        queued.clear();
        startKeepalive();
      }
      listener.onConnection(Link.CONNECTED, null);
      firstOpen.complete(null);
      listener.onOpen(reconnect);
      toSend.forEach(p -> write(p));
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
      Frames.Incoming in = Frames.decode(text);
      if (in instanceof Frames.Response r) {
        Pending p = pending.remove(r.reqId());
        if (p != null) {
          p.timeout().cancel(false);
          complete(p, r);
        }
      } else if (in instanceof Frames.Push push) {
        try {
          listener.onNotification(push.notification());
        } catch (RuntimeException e) {
          // one bad notification must not kill the reader thread and with it the socket
          CoreLog.swallowed("a notification the workspace could not handle", e);
        }
      }
      // unreadable frames are dropped: a real server may send types we do not know
    }

    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
      ws.close(1000, null);
      lost(ws, code, reason, null);
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
      lost(ws, code, reason, null);
    }

    @Override
    public void onFailure(WebSocket ws, Throwable t, Response response) {
      int status = response == null ? 0 : response.code();
      if (response != null) {
        response.close();
      }
      lost(ws, status == 0 ? -1 : -status, t.getMessage(), t);
    }
  }

  private void complete(Pending p, Frames.Response r) {
    if (r.code() < 400) {
      p.future().complete(r.body() == null ? Json.obj() : r.body());
      return;
    }
    String why = Frames.reason(r.body());
    String msg = shortType(p.type()) + ": " + (why == null ? "error " + r.code() : why);
    Kind kind = switch (r.code()) {
      case 401 -> Kind.NOT_LOGGED_IN;
      case 403 -> Kind.FORBIDDEN;
      case 404 -> Kind.NOT_FOUND;
      case 400, 409 -> Kind.INVALID;
      case 429 -> Kind.GAVE_UP;
      default -> r.code() >= 500 ? Kind.GAVE_UP : Kind.ERROR;
    };
    p.future().completeExceptionally(new LpaException(kind, msg, r.code(), null));
  }

  static String shortType(String type) {
    return Frames.tail(type);
  }

  /**
   * {@code code}: the close code, or minus the HTTP status of a refused upgrade (-1: no answer).
   */
  private void lost(WebSocket ws, int code, String reason, Throwable t) {
    List<Pending> failed;
    synchronized (this) {
      if (ws != socket) {
        return;
      }
      socket = null;
      open = false;
      stopKeepalive();
      failed = new ArrayList<>(pending.values());
      pending.clear();
    }
    for (Pending p : failed) {
      p.timeout().cancel(false);
      p.future().completeExceptionally(new LpaException(Kind.GAVE_UP,
          shortType(p.type()) + ": connection lost before the answer"));
    }
    if (closed) {
      listener.onConnection(Link.OFFLINE, "closed");
      return;
    }
    if (t != null && code == -1) {
      var u = ws.request().url();
      LpaException permanent = NetworkFailures.permanent(t,
          u.host() + (u.port() == okhttp3.HttpUrl.defaultPort(u.scheme()) ? "" : ":" + u.port()), everOpened());
      if (permanent != null) {
        stop(permanent, Link.OFFLINE);
        return;
      }
    }
    boolean authProblem = authClose(code) || code == -401 || code == -403;
    int authTries;
    synchronized (this) {
      authTries = authProblem ? ++authFailures : authFailures;
    }
    if (authProblem && authTries > 2) {
      // renewed twice and still refused: more renewals will not help
      loggedOut(new LpaException(Kind.NOT_LOGGED_IN, "the messaging service refuses this session (" + code + ")"));
      return;
    }
    if (authProblem) {
      listener.onConnection(Link.RECONNECTING, "session expired, renewing");
      auth.renew().whenComplete((b, err) -> {
        if (err != null) {
          LpaException e = LpaException.from(err);
          if (e.kind() == Kind.NOT_LOGGED_IN) {
            loggedOut(e);
          } else {
            retryLater(Backoff.Cause.FAILED, e.getMessage());
          }
        } else {
          dial();
        }
      });
    } else if (code == -429) {
      retryLater(Backoff.Cause.THROTTLED, "throttled");
    } else if (code < 0) {
      retryLater(Backoff.Cause.FAILED, reason == null ? "cannot connect" : reason);
    } else {
      retryLater(Backoff.Cause.DROPPED, "closed (" + code + ")");
    }
  }

  private void retryLater(Backoff.Cause cause, String detail) {
    Duration d;
    boolean giveUp;
    synchronized (this) {
      if (closed) {
        return;
      }
      d = backoff.delay(cause, cause == Backoff.Cause.DROPPED && failures == 0 ? 0 : ++failures);
      giveUp = !everOpened && failures > backoff.firstSteps().size();
    }
    if (giveUp) {
      stop(new LpaException(Kind.GAVE_UP, "cannot connect the messaging socket: " + detail), Link.OFFLINE);
      return;
    }
    listener.onConnection(Link.RECONNECTING, detail);
    if (!everOpened()) {
      NetworkFailures.retrying(new NetworkFailures.Retry("the messaging socket: " + detail, d,
          failuresNow() + 1, backoff.firstSteps().size() + 1));
    }
    scheduler.schedule(this::dial, d.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void loggedOut(LpaException e) {
    stop(e, Link.LOGGED_OUT);
  }

  private void stop(LpaException e, Link state) {
    List<Pending> waiting;
    synchronized (this) {
      closed = true;
      closedBy = e;
      waiting = new ArrayList<>(queued);
      queued.clear();
    }
    waiting.forEach(p -> p.future().completeExceptionally(e));
    firstOpen.completeExceptionally(e);
    listener.onConnection(state, e.getMessage());
  }

  private void startKeepalive() {
    long ms = keepalive.toMillis();
    keepaliveTask = scheduler.scheduleWithFixedDelay(
        () -> request(".GetClock", Json.obj()).exceptionally(CoreLog.ignore("a keepalive")), ms, ms, TimeUnit.MILLISECONDS);
  }

  private void stopKeepalive() {
    if (keepaliveTask != null) {
      keepaliveTask.cancel(false);
      keepaliveTask = null;
    }
  }

  public CompletableFuture<JsonNode> request(String type, JsonNode body) {
    return request(type, body, null, true);
  }

  /**
   * Sends a request and completes with the response body (any response type; matched by reqId).
   * Throttled (429) and, when {@code retryServerErrors}, 5xx answers are retried per the policy.
   */
  public CompletableFuture<JsonNode> request(String type, JsonNode body, ArrayNode metadata, boolean retryServerErrors) {
    CompletableFuture<JsonNode> out = new CompletableFuture<>();
    attempt(type, body, metadata, retryServerErrors, 0, 0, out);
    return out;
  }

  private void attempt(String type, JsonNode body, ArrayNode metadata, boolean retry5xx, int throttled, int failed,
      CompletableFuture<JsonNode> out) {
    once(type, body, metadata).whenComplete((r, err) -> {
      if (err == null) {
        out.complete(r);
        return;
      }
      LpaException e = LpaException.from(err);
      if (e.status() == 429 && throttled < retry.throttleRetries()) {
        scheduler.schedule(() -> attempt(type, body, metadata, retry5xx, throttled + 1, failed, out),
            retry.throttleDelay().toMillis(), TimeUnit.MILLISECONDS);
      } else if (retry5xx && e.status() >= 500 && failed < retry.serverErrorDelays().size()) {
        scheduler.schedule(() -> attempt(type, body, metadata, retry5xx, throttled, failed + 1, out),
            retry.serverErrorDelays().get(failed).toMillis(), TimeUnit.MILLISECONDS);
      } else {
        out.completeExceptionally(e);
      }
    });
  }

  private CompletableFuture<JsonNode> once(String type, JsonNode body, ArrayNode metadata) {
    String id = UUID.randomUUID().toString();
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    String frame = Frames.request(id, type, body, metadata);
    ScheduledFuture<?> to = scheduler.schedule(() -> {
      Pending p = pending.remove(id);
      synchronized (this) {
        queued.removeIf(q -> q.id().equals(id));
      }
      f.completeExceptionally(new LpaException(Kind.TIMEOUT,
          shortType(type) + ": no answer within " + timeout.toSeconds() + " s"));
    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    Pending p = new Pending(id, type, frame, f, to);
    boolean now;
    synchronized (this) {
      if (closed) {
        to.cancel(false);
        f.completeExceptionally(closedBy != null ? closedBy
            : new LpaException(Kind.CANCELLED, "the messaging connection is closed"));
        return f;
      }
      now = open;
      if (!now) {
        queued.add(p);
      }
    }
    if (now) {
      write(p);
    }
    return f;
  }

  private void write(Pending p) {
    WebSocket ws;
    synchronized (this) {
      ws = socket;
    }
    pending.put(p.id(), p);
    tap.accept(p.frame());
    if (ws == null || !ws.send(p.frame())) {
      pending.remove(p.id());
      synchronized (this) {
        queued.add(p);
      }
    }
  }

  /** Drops the connection as if the network failed (tests and "reconnect now"). */
  public void dropForTest() {
    WebSocket ws;
    synchronized (this) {
      ws = socket;
    }
    if (ws != null) {
      ws.cancel();
    }
  }

  @Override
  public void close() {
    WebSocket ws;
    synchronized (this) {
      closed = true;
      ws = socket;
      stopKeepalive();
    }
    if (ws != null) {
      ws.close(1000, "bye");
    }
    for (Pending p : pending.values()) {
      p.timeout().cancel(false);
      p.future().completeExceptionally(new LpaException(Kind.CANCELLED, "closed"));
    }
    pending.clear();
  }
}
