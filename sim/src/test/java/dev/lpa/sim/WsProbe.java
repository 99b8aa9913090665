package dev.lpa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/** A test socket client that records every frame the simulator sends. */
final class WsProbe extends WebSocketListener implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(5);

  final String side;
  final List<JsonNode> all = new CopyOnWriteArrayList<>();
  final List<String> raw = new CopyOnWriteArrayList<>();
  private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
  private final List<JsonNode> unread = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  volatile int closeCode = -1;
  volatile Response failure;
  volatile Throwable error;
  final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
  final java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);
  WebSocket ws;

  WsProbe(String side) {
    this.side = side;
  }

  static WsProbe open(OkHttpClient client, String url, String side) throws InterruptedException {
    return open(client, new Request.Builder().url(url).build(), side);
  }

  static WsProbe open(OkHttpClient client, Request request, String side) throws InterruptedException {
    WsProbe p = new WsProbe(side);
    p.ws = client.newWebSocket(request, p);
    p.opened.await(5, TimeUnit.SECONDS);
    return p;
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    opened.countDown();
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    raw.add(text);
    try {
      JsonNode n = Json.M.readTree(text);
      all.add(n);
      inbox.add(n);
    } catch (Exception e) {
      inbox.add(Json.obj().put("kind", "unparseable").put("text", text));
    }
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    closeCode = code;
    webSocket.close(code, null);
    closed.countDown();
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    closeCode = code;
    closed.countDown();
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    error = t;
    failure = response;
    opened.countDown();
    closed.countDown();
  }

  String send(String type, Object body) {
    String id = String.valueOf(ids.incrementAndGet());
    ObjectNode req = Json.obj();
    req.put("kind", "req");
    req.put("id", id);
    req.put("type", type);
    req.set("body", Json.M.valueToTree(body));
    ws.send(Json.write(req));
    return id;
  }

  void sendRaw(String text) {
    ws.send(text);
  }

  /** Sends and waits for the response with the matching reqId. */
  JsonNode call(String type, Object body) {
    return awaitResp(send(type, body));
  }

  /** Like {@link #call} but asserts a 2xx code and returns the body. */
  JsonNode ok(String type, Object body) {
    JsonNode r = call(type, body);
    assertThat(r.path("code").asInt()).as("response to %s: %s", type, r).isBetween(200, 299);
    return r.get("body");
  }

  JsonNode awaitResp(String reqId) {
    return await(n -> "resp".equals(n.path("kind").asText()) && reqId.equals(n.path("reqId").asText()));
  }

  /** The first frame (received or still to come) matching; frames before it stay available. */
  JsonNode await(Predicate<JsonNode> p) {
    synchronized (unread) {
      for (int i = 0; i < unread.size(); i++) {
        if (p.test(unread.get(i))) {
          return unread.remove(i);
        }
      }
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode n;
      try {
        n = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      if (n == null) {
        throw new AssertionError("no matching frame within " + WAIT + " on " + side + "; got " + all);
      }
      if (p.test(n)) {
        return n;
      }
      synchronized (unread) {
        unread.add(n);
      }
    }
  }

  JsonNode awaitNotification(String typeSuffix, Predicate<JsonNode> bodyTest) {
    return await(n -> "notification".equals(n.path("kind").asText()) && n.path("type").asText().endsWith(typeSuffix)
        && bodyTest.test(n.path("body")));
  }

  /** Waits until the simulator has processed everything sent so far (a GetClock round trip). */
  void sync() {
    call(".GetClock", Json.obj());
  }

  /** Drops buffered frames (they are still in {@link #all} for the schema check). */
  void drain() {
    sync();
    synchronized (unread) {
      unread.clear();
    }
    inbox.clear();
  }

  /** Frames received so far that match, without waiting or consuming. */
  List<JsonNode> seen(Predicate<JsonNode> p) {
    return all.stream().filter(p).toList();
  }

  boolean awaitClose() throws InterruptedException {
    return closed.await(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (ws != null) {
      ws.close(1000, null);
    }
  }
}
