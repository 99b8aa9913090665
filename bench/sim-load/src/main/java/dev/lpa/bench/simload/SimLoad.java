package dev.lpa.bench.simload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;

/**
 * Load harness for a separately started simulator ({@code SimMain --admin --load-agents N}).
 *
 * <ol>
 *   <li>logs in {@code --agents} load agents over HTTPS and opens one agent socket each (ONLINE,
 *       subscribed to rings and to their own conversations; every ring is accepted at once);
 *   <li>opens {@code --conversations} conversations through the admin API and waits until every one
 *       is assigned;
 *   <li>plays consumers at {@code --rate} messages per second (open loop, admin API), first for
 *       {@code --warmup} seconds that are not measured, then for {@code --seconds};
 *   <li>times each message from just before its publish request to the moment the assigned agent's
 *       socket receives the {@code OnlineEventDistribution}, on one monotonic clock, and counts
 *       messages that never arrive.
 * </ol>
 *
 * <p>Everything is bounded: counts come from the arguments and a watchdog ends the process if a
 * phase hangs. The last line is a machine-readable summary; the exit code is 0 when nothing was lost
 * and p99 is under {@code --target-p99-ms}, 1 otherwise, 2 for bad arguments, 3 on a hang.
 */
public final class SimLoad {
  private static final ObjectMapper M = new ObjectMapper();
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String MARK = "lm#";

  record Opts(String base, Path ca, String account, int agents, int conversations, double rate, int warmupSeconds,
      int seconds, long seed, double targetP99Ms, String agentPrefix) {}

  private final Opts o;
  private final OkHttpClient http;
  private final OkHttpClient wsHttp;
  private final List<Agent> agents = new ArrayList<>();
  private final Set<String> assigned = ConcurrentHashMap.newKeySet();
  private volatile boolean setupDone;
  private final AtomicInteger ringsAccepted = new AtomicInteger();
  private final AtomicInteger unexpectedCloses = new AtomicInteger();

  // Per message k: publish time and first receipt time (System.nanoTime), 0 = none yet.
  private AtomicLongArray sentAt;
  private AtomicLongArray receivedAt;
  private final AtomicInteger duplicates = new AtomicInteger();
  private final AtomicInteger publishErrors = new AtomicInteger();
  private final AtomicLong publishNanosMax = new AtomicLong();

  private SimLoad(Opts o) throws IOException {
    this.o = o;
    HandshakeCertificates trust = new HandshakeCertificates.Builder()
        .addTrustedCertificate(Certificates.decodeCertificatePem(Files.readString(o.ca())))
        .build();
    // HTTP/1.1 carries one request per connection at a time; unbounded concurrency would make
    // OkHttp open a TLS connection per queued request and turn a slow moment into a handshake
    // storm on both sides. Requests beyond this wait in the harness (and that wait is measured).
    Dispatcher d = new Dispatcher();
    d.setMaxRequests(16);
    d.setMaxRequestsPerHost(16);
    this.http = new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
        .dispatcher(d)
        .connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
        .readTimeout(Duration.ofSeconds(30))
        // The simulator closes sockets idle for 120 s; keep quiet agents alive.
        .pingInterval(Duration.ofSeconds(30))
        .build();
    // A web socket holds its dispatcher slot for its whole life, so sockets get their own client.
    Dispatcher wsDispatcher = new Dispatcher();
    wsDispatcher.setMaxRequests(10_000);
    wsDispatcher.setMaxRequestsPerHost(10_000);
    this.wsHttp = http.newBuilder().dispatcher(wsDispatcher).connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
  }

  public static void main(String[] args) throws Exception {
    Opts o = parse(args);
    long hardLimitSeconds = 300 + o.warmupSeconds() + o.seconds();
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(hardLimitSeconds * 1000);
        System.err.println("sim-load: still running after " + hardLimitSeconds + " s, giving up");
        System.exit(3);
      } catch (InterruptedException e) {
        // finished in time
      }
    }, "watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    SimLoad run = new SimLoad(o);
    int code;
    try {
      code = run.run();
    } finally {
      run.shutdown();
    }
    System.exit(code);
  }

  private static Opts parse(String[] args) {
    String base = null;
    Path ca = null;
    String account = "90233546";
    int agents = 200;
    int conversations = 2000;
    double rate = 100;
    int warmup = 10;
    int seconds = 60;
    long seed = 42;
    double target = 50;
    String prefix = "load";
    try {
      for (int i = 0; i < args.length; i++) {
        String v = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--base" -> { base = v; i++; }
          case "--ca" -> { ca = Path.of(v); i++; }
          case "--account" -> { account = v; i++; }
          case "--agents" -> { agents = Integer.parseInt(v); i++; }
          case "--conversations" -> { conversations = Integer.parseInt(v); i++; }
          case "--rate" -> { rate = Double.parseDouble(v); i++; }
          case "--warmup" -> { warmup = Integer.parseInt(v); i++; }
          case "--seconds" -> { seconds = Integer.parseInt(v); i++; }
          case "--seed" -> { seed = Long.parseLong(v); i++; }
          case "--target-p99-ms" -> { target = Double.parseDouble(v); i++; }
          case "--agent-prefix" -> { prefix = v; i++; }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (base == null || ca == null) {
        throw new IllegalArgumentException("--base and --ca are required");
      }
      if (agents < 1 || conversations < 1 || rate <= 0 || seconds < 1 || warmup < 0
          || agents > 5000 || conversations > 100_000 || rate > 10_000 || seconds > 3600) {
        throw new IllegalArgumentException("counts out of range");
      }
    } catch (RuntimeException e) {
      System.err.println("sim-load: " + e.getMessage());
      System.err.println("usage: SimLoad --base https://127.0.0.1:PORT --ca CA.pem [--agents 200] [--conversations 2000]"
          + " [--rate 100] [--warmup 10] [--seconds 60] [--seed 42] [--target-p99-ms 50] [--account 90233546]");
      System.exit(2);
    }
    return new Opts(base, ca, account, agents, conversations, rate, warmup, seconds, seed, target, prefix);
  }

  private static void log(String s) {
    System.out.println("[" + Instant.now() + "] " + s);
  }

  // ------------------------------------------------------------------------------------ phases

  private int run() throws Exception {
    long t0 = System.nanoTime();
    loginAndConnect();
    log(String.format("%d agent sockets online in %.1f s", agents.size(), secondsSince(t0)));

    long t1 = System.nanoTime();
    List<String> convIds = openConversations();
    log(String.format("%d conversations opened and assigned in %.1f s (%d rings accepted)", convIds.size(),
        secondsSince(t1), ringsAccepted.get()));
    setupDone = true;

    int warmupCount = (int) Math.round(o.rate() * o.warmupSeconds());
    int measuredCount = (int) Math.round(o.rate() * o.seconds());
    int total = warmupCount + measuredCount;
    sentAt = new AtomicLongArray(total);
    receivedAt = new AtomicLongArray(total);
    List<String> order = new ArrayList<>(convIds);
    Collections.shuffle(order, new Random(o.seed()));

    log(String.format("driving %.0f consumer messages/s: %d warm-up (%d s, not measured) + %d measured (%d s)",
        o.rate(), warmupCount, o.warmupSeconds(), measuredCount, o.seconds()));
    drive(order, total);
    long graceEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (received(0, total) < total && System.nanoTime() < graceEnd) {
      Thread.sleep(50);
    }
    return report(warmupCount, total);
  }

  private static double secondsSince(long t) {
    return (System.nanoTime() - t) / 1e9;
  }

  private void loginAndConnect() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Agent>> fs = new ArrayList<>();
      for (int n = 1; n <= o.agents(); n++) {
        String login = o.agentPrefix() + n;
        fs.add(pool.submit(() -> login(login)));
      }
      for (Future<Agent> f : fs) {
        agents.add(f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    CountDownLatch ready = new CountDownLatch(agents.size());
    for (Agent a : agents) {
      a.open(ready);
    }
    if (!ready.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException((agents.size() - ready.getCount()) + " of " + agents.size()
          + " agent sockets got ready within 120 s");
    }
  }

  private Agent login(String login) throws IOException {
    String body = M.writeValueAsString(Map.of("username", login, "password", login + "-pass"));
    Request r = new Request.Builder().url(o.base() + "/api/account/" + o.account() + "/login?v=1.3")
        .post(RequestBody.create(body, JSON)).build();
    try (Response resp = http.newCall(r).execute()) {
      String text = resp.body().string();
      if (resp.code() != 200) {
        throw new IllegalStateException("login " + login + " answered " + resp.code() + ": " + text
            + " (start the simulator with --load-agents " + o.agents() + ")");
      }
      JsonNode b = M.readTree(text);
      return new Agent(login, b.path("bearer").asText(), o.account() + "." + b.path("config").path("userId").asText());
    }
  }

  private List<String> openConversations() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int n = 1; n <= o.conversations(); n++) {
        int k = n;
        fs.add(pool.submit(() -> {
          ids.add(admin("/admin/conversations", Map.of("skillId", 1001, "consumerName", "Load Consumer" + k,
              "messages", List.of("opening " + k))).path("conversationId").asText());
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!assigned.containsAll(ids)) {
      if (System.nanoTime() > deadline) {
        long missing = ids.stream().filter(id -> !assigned.contains(id)).count();
        throw new IllegalStateException(missing + " of " + ids.size() + " conversations were not assigned within 120 s");
      }
      Thread.sleep(50);
    }
    return new ArrayList<>(ids);
  }

  private JsonNode admin(String path, Object body) throws IOException {
    Request r = new Request.Builder().url(o.base() + path).post(RequestBody.create(M.writeValueAsString(body), JSON)).build();
    try (Response resp = http.newCall(r).execute()) {
      String text = resp.body().string();
      if (resp.code() != 200) {
        throw new IllegalStateException("admin " + path + " answered " + resp.code() + ": " + text);
      }
      return M.readTree(text);
    }
  }

  /** Open loop: message k is due at start + k / rate, whatever the simulator's pace. */
  private void drive(List<String> order, int total) throws InterruptedException {
    long start = System.nanoTime();
    double periodNanos = 1e9 / o.rate();
    for (int k = 0; k < total; k++) {
      long due = start + (long) (k * periodNanos);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      publish(k, order.get(k % order.size()));
    }
  }

  private void publish(int k, String convId) {
    String body = "{\"text\":\"" + MARK + k + "# consumer message " + k + "\"}";
    Request r = new Request.Builder().url(o.base() + "/admin/conversations/" + convId + "/says")
        .post(RequestBody.create(body, JSON)).build();
    long t = System.nanoTime();
    sentAt.set(k, t);
    http.newCall(r).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        publishErrors.incrementAndGet();
      }

      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          if (response.code() != 200) {
            publishErrors.incrementAndGet();
          }
          publishNanosMax.accumulateAndGet(System.nanoTime() - t, Math::max);
        }
      }
    });
  }

  private void received(String text, long at) {
    int i = text.indexOf(MARK);
    if (i < 0) {
      return;
    }
    int j = text.indexOf('#', i + MARK.length());
    int k;
    try {
      k = Integer.parseInt(text, i + MARK.length(), j, 10);
    } catch (RuntimeException e) {
      return;
    }
    if (receivedAt == null || k < 0 || k >= receivedAt.length()) {
      return;
    }
    if (!receivedAt.compareAndSet(k, 0, at)) {
      duplicates.incrementAndGet();
    }
  }

  private int received(int from, int to) {
    int n = 0;
    for (int k = from; k < to; k++) {
      if (receivedAt.get(k) != 0) {
        n++;
      }
    }
    return n;
  }

  private int report(int from, int to) {
    long[] delays = new long[to - from];
    int n = 0;
    for (int k = from; k < to; k++) {
      long r = receivedAt.get(k);
      if (r != 0) {
        delays[n++] = r - sentAt.get(k);
      }
    }
    delays = Arrays.copyOf(delays, n);
    Arrays.sort(delays);
    int sent = to - from;
    int lost = sent - n;
    int warmLost = from - received(0, from);
    double p50 = pct(delays, 50);
    double p95 = pct(delays, 95);
    double p99 = pct(delays, 99);
    double max = n == 0 ? Double.NaN : delays[n - 1] / 1e6;
    boolean met = lost == 0 && n > 0 && p99 < o.targetP99Ms();
    log(String.format("warm-up: %d sent, %d lost (not counted)", from, warmLost));
    log(String.format("socket closes during the run: %d, duplicate deliveries: %d, publish errors: %d, slowest publish response: %.1f ms",
        unexpectedCloses.get(), duplicates.get(), publishErrors.get(), publishNanosMax.get() / 1e6));
    System.out.printf("SIM-LOAD agents=%d conversations=%d rate=%.0f/s seconds=%d sent=%d received=%d lost=%d "
            + "p50=%.2fms p95=%.2fms p99=%.2fms max=%.2fms target=p99<%.0fms %s%n",
        agents.size(), o.conversations(), o.rate(), o.seconds(), sent, n, lost, p50, p95, p99, max,
        o.targetP99Ms(), met ? "MET" : "MISSED");
    return met ? 0 : 1;
  }

  /** Nearest-rank percentile in milliseconds. */
  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  private void shutdown() {
    for (Agent a : agents) {
      a.close();
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    wsHttp.dispatcher().executorService().shutdown();
  }

  // ------------------------------------------------------------------------------------ one agent

  private final class Agent extends WebSocketListener {
    final String login;
    final String bearer;
    final String legacyId;
    final AtomicInteger ids = new AtomicInteger();
    final AtomicInteger pendingSetup = new AtomicInteger(3);
    CountDownLatch ready;
    volatile WebSocket ws;
    volatile boolean closing;

    Agent(String login, String bearer, String legacyId) {
      this.login = login;
      this.bearer = bearer;
      this.legacyId = legacyId;
    }

    void open(CountDownLatch ready) {
      this.ready = ready;
      String wss = o.base().replaceFirst("^https://", "wss://") + "/ws_api/account/" + o.account()
          + "/messaging/brand/" + bearer + "?v=2.1";
      ws = wsHttp.newWebSocket(new Request.Builder().url(wss).build(), this);
    }

    void send(String type, Object body) {
      ObjectNode req = M.createObjectNode();
      req.put("kind", "req").put("id", login + "-" + ids.incrementAndGet()).put("type", type);
      req.set("body", M.valueToTree(body));
      ws.send(req.toString());
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      send(".ams.routing.SetAgentState", Map.of("availability", "ONLINE", "channels", List.of("MESSAGING"),
          "agentUserId", legacyId));
      send(".ams.aam.SubscribeExConversations", Map.of("agentIds", List.of(legacyId), "convState", List.of("OPEN")));
      send(".ams.routing.SubscribeRoutingTasks", Map.of("channelType", "MESSAGING", "agentId", legacyId,
          "brandId", o.account()));
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      long at = System.nanoTime();
      if (text.contains("\"OnlineEventDistribution") || text.contains(".ams.ms.OnlineEventDistribution")) {
        received(text, at);
        return;
      }
      if (setupDone) {
        return;
      }
      try {
        JsonNode f = M.readTree(text);
        String kind = f.path("kind").asText();
        String type = f.path("type").asText();
        if (kind.equals("resp")) {
          if (f.path("code").asInt() >= 400) {
            System.err.println("sim-load: " + login + " got " + text);
          } else if (pendingSetup.get() > 0 && pendingSetup.decrementAndGet() == 0) {
            ready.countDown();
          }
        } else if (type.endsWith("RoutingTaskNotification")) {
          for (JsonNode ch : f.path("body").path("changes")) {
            for (JsonNode rd : ch.path("result").path("ringsDetails")) {
              if ("WAITING".equals(rd.path("ringState").asText())) {
                ringsAccepted.incrementAndGet();
                send(".ams.routing.UpdateRingState", Map.of("ringId", rd.path("ringId").asText(), "ringState", "ACCEPTED"));
              }
            }
          }
        } else if (type.endsWith("ExConversationChangeNotification")) {
          for (JsonNode ch : f.path("body").path("changes")) {
            JsonNode res = ch.path("result");
            if ("UPSERT".equals(ch.path("type").asText())) {
              for (JsonNode id : res.path("conversationDetails").path("participants").path("ASSIGNED_AGENT")) {
                if (legacyId.equals(id.asText())) {
                  assigned.add(res.path("convId").asText());
                }
              }
            }
          }
        }
      } catch (IOException e) {
        System.err.println("sim-load: " + login + " got a frame that is not JSON: " + text);
      }
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      if (!closing) {
        unexpectedCloses.incrementAndGet();
        System.err.println("sim-load: " + login + " socket closed " + code + " " + reason);
      }
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      if (!closing) {
        unexpectedCloses.incrementAndGet();
        System.err.println("sim-load: " + login + " socket failed: " + t);
      }
    }

    void close() {
      closing = true;
      if (ws != null) {
        ws.close(1000, "done");
      }
    }
  }
}
