package dev.lpa.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lpa.core.LpaException;
import dev.lpa.core.auth.Endpoint;
import dev.lpa.sim.SimConfig;
import dev.lpa.sim.Simulator;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which transport failures fail at once, and that 5xx and 429 still back off: against the real
 * simulator (TLS with its own CA) and a small local HTTP server that answers as scripted.
 */
class NetworkFailuresTest {
  private final ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor();
  private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    ses.shutdownNow();
  }

  /** The retries lpa uses for real: 5 + 10 + 15 s, so a retried failure could not finish in time. */
  private Http http(Endpoint e) {
    return e.http(Duration.ofSeconds(5), RetryPolicy.standard(), ses);
  }

  private static LpaException failure(java.util.concurrent.CompletableFuture<?> f) throws Exception {
    try {
      f.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return LpaException.from(e);
    }
    throw new AssertionError("expected a failure");
  }

  private static void inWords(LpaException e) {
    assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("javax.").doesNotContain("java.");
  }

  @Test
  void anUntrustedCertificateFailsAtOnceAndSaysPassCaFile() throws Exception {
    Simulator sim = Simulator.start(SimConfig.builder().port(0).build());
    closing.add(sim::close);
    Http h = http(new Endpoint(sim.accountId(), sim.csdsDomain(), null, false));
    long t0 = System.nanoTime();
    LpaException e = failure(h.send(Http.request(h.base(sim.csdsDomain()) + "/csdr/account/" + sim.accountId()
        + "/service/baseURI.json?version=1.0").build()));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    assertThat(e.kind()).isEqualTo(LpaException.Kind.ERROR);
    assertThat(e.getMessage()).contains("certificate is not trusted").contains(sim.csdsDomain()).contains("pass --ca-file");
    inWords(e);
  }

  @Test
  void nothingListeningFailsAtOnce() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Http h = http(new Endpoint("1", "127.0.0.1:" + port, null, true));
    long t0 = System.nanoTime();
    LpaException e = failure(h.send(Http.request(h.base("127.0.0.1:" + port) + "/x").build()));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    assertThat(e.getMessage()).isEqualTo("nothing is listening at 127.0.0.1:" + port + " (connection refused)");
  }

  @Test
  void aNameThatDoesNotResolveFailsAtOnce() throws Exception {
    Http h = http(new Endpoint("1", "no-such-host.invalid", null, false));
    long t0 = System.nanoTime();
    LpaException e = failure(h.send(Http.request(h.base("no-such-host.invalid") + "/x").build()));
    // the resolver's own time is allowed; the 30 s of retries are not
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(12));
    assertThat(e.getMessage()).contains("no-such-host.invalid does not resolve");
    inWords(e);
  }

  @Test
  void aRefusedConnectionToAHostThatAnsweredBeforeIsStillRetried() {
    ConnectException refused = new ConnectException("Connection refused");
    assertThat(NetworkFailures.permanent(refused, "h:1", false)).isNotNull();
    assertThat(NetworkFailures.permanent(refused, "h:1", true)).as("a restart, worth the back-off").isNull();
    assertThat(NetworkFailures.permanent(new java.io.IOException("unexpected end of stream"), "h", false)).isNull();
  }

  /** A loopback server answering each request with the next scripted status (then 200). */
  private record Scripted(HttpServer server, List<Long> times) {
    String base() {
      return "127.0.0.1:" + server.getAddress().getPort();
    }
  }

  private Scripted scripted(String retryAfter, int... statuses) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger n = new AtomicInteger();
    List<Long> times = new CopyOnWriteArrayList<>();
    s.createContext("/", ex -> {
      times.add(System.nanoTime());
      int i = n.getAndIncrement();
      int status = i < statuses.length ? statuses[i] : 200;
      if (status == 429 && retryAfter != null) {
        ex.getResponseHeaders().add("Retry-After", retryAfter);
      }
      byte[] body = "{}".getBytes();
      ex.sendResponseHeaders(status, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    s.start();
    closing.add(() -> s.stop(0));
    return new Scripted(s, times);
  }

  private Http fastHttp(Scripted s) {
    return new Endpoint("1", s.base(), null, true).http(Duration.ofSeconds(5),
        new RetryPolicy(Duration.ofMillis(100), 3, List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(150))), ses);
  }

  @Test
  void aBurstOf5xxStillBacksOffAndSaysSo() throws Exception {
    Scripted s = scripted(null, 503, 502);
    List<NetworkFailures.Retry> heard = new CopyOnWriteArrayList<>();
    try (AutoCloseable sub = NetworkFailures.onRetry(heard::add)) {
      Http.Result r = fastHttp(s).send(Http.request("http://" + s.base() + "/api").build()).get(10, TimeUnit.SECONDS);
      assertThat(r.code()).isEqualTo(200);
    }
    assertThat(s.times()).hasSize(3);
    assertThat(heard).extracting(NetworkFailures.Retry::line)
        .containsExactly("server error 503 on /api; retrying in 50ms (2 of 4)", "server error 502 on /api; retrying in 100ms (3 of 4)");
  }

  @Test
  void a429WithoutRetryAfterWaitsThePolicysDelay() throws Exception {
    Scripted s = scripted(null, 429);
    Http.Result r = fastHttp(s).send(Http.request("http://" + s.base() + "/api").build()).get(10, TimeUnit.SECONDS);
    assertThat(r.code()).isEqualTo(200);
    long gap = TimeUnit.NANOSECONDS.toMillis(s.times().get(1) - s.times().get(0));
    assertThat(gap).isBetween(90L, 900L);
  }

  @Test
  void a429WithRetryAfterWaitsWhatTheServerAsked() throws Exception {
    Scripted s = scripted("1", 429);
    Http.Result r = fastHttp(s).send(Http.request("http://" + s.base() + "/api").build()).get(10, TimeUnit.SECONDS);
    assertThat(r.code()).isEqualTo(200);
    long gap = TimeUnit.NANOSECONDS.toMillis(s.times().get(1) - s.times().get(0));
    assertThat(gap).isGreaterThanOrEqualTo(990L);
  }

  @Test
  void aServerThatKeepsThrottlingIsAClearGiveUp() throws Exception {
    Scripted s = scripted(null, 429, 429, 429, 429, 429);
    LpaException e = failure(fastHttp(s).send(Http.request("http://" + s.base() + "/api").build()));
    assertThat(s.times()).hasSize(4);
    assertThat(e.kind()).isEqualTo(LpaException.Kind.GAVE_UP);
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.getMessage()).isEqualTo("the server kept throttling /api (429) through 4 tries");
  }
}
