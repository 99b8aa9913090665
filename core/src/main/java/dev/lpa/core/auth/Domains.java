package dev.lpa.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.internal.Http;
import dev.lpa.core.internal.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Domain discovery (CSDS): service name to {@code host[:port]}, cached for 60 seconds as
 * LivePerson's own SDK does, so refreshes and reconnects see moved hosts within a minute.
 */
public final class Domains {
  public static final Duration TTL = Duration.ofSeconds(60);

  private final Http http;
  private final Clock clock;
  private final String csds;
  private final String account;
  private Map<String, String> cached;
  private Instant fetched;
  private CompletableFuture<Map<String, String>> inFlight;

  public Domains(Http http, Clock clock, String csdsDomain, String accountId) {
    this.http = http;
    this.clock = clock;
    this.csds = csdsDomain;
    this.account = accountId;
  }

  public Clock clock() {
    return clock;
  }

  public synchronized CompletableFuture<Map<String, String>> all() {
    Instant now = clock.instant();
    if (cached != null && fetched != null && now.isBefore(fetched.plus(TTL))) {
      return CompletableFuture.completedFuture(cached);
    }
    if (inFlight != null) {
      return inFlight;
    }
    String url = http.base(csds) + "/api/account/" + account + "/service/baseURI.json?version=1.0";
    CompletableFuture<Map<String, String>> f = http.send(Http.request(url).get().build()).thenApply(r -> {
      if (!r.ok()) {
        if (r.code() == 400 || r.code() == 401 || r.code() == 404) {
          throw new LpaException(Kind.NOT_FOUND, "unknown account " + account + " at " + csds, r.code(), null);
        }
        throw Http.error(r, "domain discovery at " + csds);
      }
      Map<String, String> m = new HashMap<>();
      JsonNode n = Json.parse(r.body());
      for (JsonNode e : Json.list(n, "baseURIs")) {
        String svc = Json.text(e, "service");
        String uri = Json.text(e, "baseURI");
        if (svc != null && uri != null) {
          m.put(svc, stripScheme(uri));
        }
      }
      if (m.isEmpty()) {
        throw new LpaException(Kind.ERROR, "domain discovery at " + csds + " returned no services");
      }
      return Map.copyOf(m);
    });
    inFlight = f;
    f.whenComplete((m, err) -> {
      synchronized (this) {
        inFlight = null;
        if (err == null) {
          cached = m;
          fetched = clock.instant();
        }
      }
    });
    return f;
  }

  /** The host of a service; the first alternative that exists wins. */
  public CompletableFuture<String> host(String... services) {
    return all().thenApply(m -> {
      for (String s : services) {
        if (m.containsKey(s)) {
          return m.get(s);
        }
      }
      throw new LpaException(Kind.ERROR, "the account has no " + String.join("/", services) + " service");
    });
  }

  /** Drops the cache (tests, or after a host stopped answering). */
  public synchronized void invalidate() {
    cached = null;
  }

  private static String stripScheme(String uri) {
    String u = uri.trim();
    int i = u.indexOf("://");
    if (i >= 0) {
      u = u.substring(i + 3);
    }
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }
}
