package dev.lpa.core.internal;

import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * HTTP for one endpoint: TLS with the system CAs plus the endpoint's extra CA (never with
 * verification off), plain HTTP only toward a loopback host when the endpoint asks for it, and
 * the retry policy for throttling and server errors.
 */
public final class Http {
  public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  public static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  public static final String USER_AGENT = "lpa/0.1";

  /** A finished HTTP exchange. */
  public record Result(int code, byte[] bytes, Headers headers) {
    public String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    public boolean ok() {
      return code >= 200 && code < 300;
    }
  }

  private final OkHttpClient client;
  private final boolean plain;
  private final RetryPolicy retry;
  private final ScheduledExecutorService scheduler;

  /**
   * @param csdsDomain the account's domain API host[:port], checked against {@code plainHttp}
   * @param caFile an extra CA (PEM) to trust besides the system's, or null
   * @param plainHttp plain HTTP/WS, allowed only toward a loopback host
   */
  public Http(String csdsDomain, Path caFile, boolean plainHttp, Duration timeout, RetryPolicy retry,
      ScheduledExecutorService scheduler) {
    this.plain = plainHttp;
    if (plain && !isLoopback(hostOf(csdsDomain))) {
      throw new LpaException(Kind.INVALID,
          "plain HTTP is allowed only toward a loopback host, not " + csdsDomain);
    }
    OkHttpClient.Builder b = new OkHttpClient.Builder()
        .connectTimeout(timeout)
        .readTimeout(timeout)
        .writeTimeout(timeout)
        .pingInterval(Duration.ofSeconds(30))
        .followRedirects(false);
    if (caFile != null) {
      ExtraCaTrust trust = trust(caFile);
      b.sslSocketFactory(tls(trust), trust);
    }
    this.client = b.build();
    this.retry = retry;
    this.scheduler = scheduler;
  }

  private static ExtraCaTrust trust(Path caFile) {
    List<X509Certificate> cas = new ArrayList<>();
    try (InputStream in = Files.newInputStream(caFile)) {
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        cas.add((X509Certificate) c);
      }
      if (cas.isEmpty()) {
        throw new LpaException(Kind.INVALID, "no certificate in CA file " + caFile);
      }
      return new ExtraCaTrust(cas);
    } catch (IOException | GeneralSecurityException e) {
      throw new LpaException(Kind.INVALID, "cannot read CA file " + caFile + ": " + e.getMessage(), e);
    }
  }

  private static SSLSocketFactory tls(X509TrustManager trust) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trust}, null);
      return ctx.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new LpaException(Kind.ERROR, "cannot set up TLS: " + e.getMessage(), e);
    }
  }

  public OkHttpClient client() {
    return client;
  }

  /** {@code https://host} (or {@code http://} for a plain loopback endpoint); host may carry a port. */
  public String base(String host) {
    return (plain ? "http://" : "https://") + host;
  }

  public String wsBase(String host) {
    return (plain ? "ws://" : "wss://") + host;
  }

  public static RequestBody json(String s) {
    return RequestBody.create(s, JSON);
  }

  public static Request.Builder request(String url) {
    return new Request.Builder().url(url).header("User-Agent", USER_AGENT).header("Accept", "application/json");
  }

  /** Sends with the retry policy; completes with any final HTTP status, fails only on transport. */
  public CompletableFuture<Result> send(Request request) {
    return send(request, retry.throttleDelay());
  }

  /** As {@link #send(Request)}, waiting at least {@code throttleWait} after a 429 (login: 5 s). */
  public CompletableFuture<Result> send(Request request, Duration throttleWait) {
    CompletableFuture<Result> out = new CompletableFuture<>();
    attempt(request, 0, 0, max(retry.throttleDelay(), throttleWait), out);
    return out;
  }

  private void attempt(Request request, int throttled, int failed, Duration throttleWait, CompletableFuture<Result> out) {
    client.newCall(request).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        LpaException permanent = NetworkFailures.permanent(e, hostPort(request), answered);
        if (permanent != null) {
          out.completeExceptionally(permanent);
        } else if (e instanceof InterruptedIOException) {
          out.completeExceptionally(new LpaException(Kind.TIMEOUT,
              "no answer from " + request.url().host() + " in time", e));
        } else if (failed < retry.serverErrorDelays().size()) {
          Duration d = retry.serverErrorDelays().get(failed);
          NetworkFailures.retrying(new NetworkFailures.Retry("cannot reach " + hostPort(request), d, failed + 2,
              retry.serverErrorDelays().size() + 1));
          later(d, () -> attempt(request, throttled, failed + 1, throttleWait, out));
        } else {
          out.completeExceptionally(new LpaException(Kind.GAVE_UP,
              "cannot reach " + hostPort(request) + ": " + e.getMessage(), 0, e));
        }
      }

      @Override
      public void onResponse(Call call, Response response) {
        Result r;
        try (response) {
          r = new Result(response.code(), response.body().bytes(), response.headers());
        } catch (IOException e) {
          onFailure(call, e);
          return;
        }
        answered = true;
        if (r.code() == 429) {
          if (throttled < retry.throttleRetries()) {
            Duration wait = max(throttleWait, retryAfter(r.headers()));
            NetworkFailures.retrying(new NetworkFailures.Retry("the server is throttling (429) "
                + request.url().encodedPath(), wait, throttled + 2, retry.throttleRetries() + 1));
            later(wait, () -> attempt(request, throttled + 1, failed, throttleWait, out));
          } else {
            out.completeExceptionally(new LpaException(Kind.GAVE_UP, "the server kept throttling "
                + request.url().encodedPath() + " (429) through " + (throttled + 1) + " tries", 429, null));
          }
        } else if (r.code() >= 500) {
          if (failed < retry.serverErrorDelays().size()) {
            Duration d = retry.serverErrorDelays().get(failed);
            NetworkFailures.retrying(new NetworkFailures.Retry("server error " + r.code() + " on "
                + request.url().encodedPath(), d, failed + 2, retry.serverErrorDelays().size() + 1));
            later(d, () -> attempt(request, throttled, failed + 1, throttleWait, out));
          } else {
            out.completeExceptionally(new LpaException(Kind.GAVE_UP,
                "server error " + r.code() + " on " + request.url().encodedPath() + " through " + (failed + 1) + " tries",
                r.code(), null));
          }
        } else {
          out.complete(r);
        }
      }
    });
  }

  /** Any answer at all from the server: from then on a refused connection is worth retrying. */
  private volatile boolean answered;

  private static String hostPort(Request request) {
    var u = request.url();
    return u.host() + (u.port() == okhttp3.HttpUrl.defaultPort(u.scheme()) ? "" : ":" + u.port());
  }

  private void later(Duration d, Runnable r) {
    scheduler.schedule(r, d.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Duration max(Duration a, Duration b) {
    return b != null && b.compareTo(a) > 0 ? b : a;
  }

  private static Duration retryAfter(Headers h) {
    String v = h.get("Retry-After");
    if (v == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.min(60, Long.parseLong(v.trim())));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Maps a final non-2xx status to the error kinds of core (401, 403, 404, 400, else ERROR). */
  public static LpaException error(Result r, String what) {
    String reason = reason(r.body());
    String msg = what + ": " + (reason == null || reason.isBlank() ? "HTTP " + r.code() : reason);
    Kind kind = switch (r.code()) {
      case 401 -> Kind.NOT_LOGGED_IN;
      case 403 -> Kind.FORBIDDEN;
      case 404 -> Kind.NOT_FOUND;
      case 400, 409, 422 -> Kind.INVALID;
      default -> Kind.ERROR;
    };
    return new LpaException(kind, msg, r.code(), null);
  }

  /** The one-line reason from the error body shapes LivePerson uses. */
  public static String reason(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      var n = Json.parse(body);
      if (n.isTextual()) {
        return n.textValue();
      }
      if (n.has("error") && n.get("error").isObject()) {
        n = n.get("error");
      }
      for (String f : new String[] {"message", "msg", "error", "reason", "error_description"}) {
        String t = Json.text(n, f);
        if (t != null) {
          return t;
        }
      }
      return null;
    } catch (RuntimeException e) {
      String line = body.strip().lines().findFirst().orElse("");
      return line.length() > 200 ? line.substring(0, 200) : line;
    }
  }

  public static String hostOf(String hostPort) {
    String h = hostPort == null ? "" : hostPort.trim();
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 ? h.substring(1, end) : h;
    }
    int colon = h.lastIndexOf(':');
    return colon > 0 && h.indexOf(':') == colon ? h.substring(0, colon) : h;
  }

  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    try {
      if (h.matches("[0-9.]+") || h.contains(":")) {
        return InetAddress.getByName(h).isLoopbackAddress();
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  public void shutdown() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
