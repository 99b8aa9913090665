package dev.lpa.core.auth;

import dev.lpa.core.internal.CoreLog;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.internal.Http;
import dev.lpa.core.model.Session;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.Request;

/**
 * The live session of one profile: the current bearer, the 5-minute refresh (csrf + cookie),
 * and renewal when the server says 401: the OAuth refresh token, or the password from
 * {@code LPA_PASSWORD}, else NOT_LOGGED_IN. Renewed tokens are written back to the profile file.
 */
public final class AuthSession implements AutoCloseable {
  private final CredentialStore store;
  private final Http http;
  private final Domains domains;
  private final LoginService login;
  private final Map<String, String> env;
  private final List<Consumer<String>> bearerListeners = new CopyOnWriteArrayList<>();
  private volatile StoredProfile profile;
  private CompletableFuture<String> renewing;
  private ScheduledFuture<?> refreshTask;

  public AuthSession(StoredProfile profile, CredentialStore store, Http http, Domains domains,
      LoginService login, Map<String, String> env) {
    this.profile = profile;
    this.store = store;
    this.http = http;
    this.domains = domains;
    this.login = login;
    this.env = env;
  }

  public StoredProfile profile() {
    return profile;
  }

  public Http http() {
    return http;
  }

  public Domains domains() {
    return domains;
  }

  public String bearer() {
    String b = profile.bearer();
    if (b == null) {
      throw new LpaException(Kind.NOT_LOGGED_IN, "profile " + profile.name() + " is not logged in");
    }
    return b;
  }

  public Session session() {
    return toSession(profile);
  }

  /** Told the new bearer after every renewal (the socket reconnects with it). */
  public void onBearer(Consumer<String> listener) {
    bearerListeners.add(listener);
  }

  /** Gets a fresh bearer after the server refused the current one. Single flight. */
  public synchronized CompletableFuture<String> renew() {
    if (renewing != null) {
      return renewing;
    }
    StoredProfile p = profile;
    CompletableFuture<LoginService.LoginResult> attempt;
    String password = env.get("LPA_PASSWORD");
    if (p.refreshToken() != null) {
      try {
        OAuthApp app = p.oauthApp();
        if (app == null) {
          throw new LpaException(Kind.NOT_LOGGED_IN, "profile " + p.name() + " has no SSO application; log in again");
        }
        attempt = login.oauthRefresh(p.refreshToken(), app, app.secret(env));
      } catch (LpaException e) {
        // without the secret the refresh token cannot be used now, but it stays for when it is back
        return CompletableFuture.failedFuture(new LpaException(Kind.NOT_LOGGED_IN,
            "cannot renew the SSO session of profile " + p.name() + ": " + e.getMessage(), e));
      }
    } else if (password != null && !password.isEmpty() && p.loginName() != null
        && ("PASSWORD".equals(p.method()) || p.method() == null)) {
      attempt = login.password(p.loginName(), password.toCharArray());
    } else {
      store.save(p.loggedOut());
      profile = p.loggedOut();
      return CompletableFuture.failedFuture(new LpaException(Kind.NOT_LOGGED_IN,
          "the session of profile " + p.name() + " expired; log in again"));
    }
    CompletableFuture<String> f = attempt.handle((r, err) -> {
      if (err != null) {
        LpaException e = LpaException.from(err);
        if (e.kind() == Kind.NOT_LOGGED_IN) {
          store.save(profile.loggedOut());
          profile = profile.loggedOut();
        }
        throw e;
      }
      StoredProfile np = profile.withTokens(r.bearer(), r.csrf(), r.cookie(),
          r.refreshToken() != null ? r.refreshToken() : profile.refreshToken(), expiry(r, domains.clock()))
          .withConfirmed(domains.clock().millis());
      profile = np;
      store.save(np);
      return r.bearer();
    });
    renewing = f;
    f.whenComplete((b, e) -> {
      synchronized (this) {
        renewing = null;
      }
      if (b != null) {
        bearerListeners.forEach(l -> l.accept(b));
      }
    });
    return f;
  }

  /** What a stored profile says about its signed-in user. */
  public static Session toSession(StoredProfile p) {
    return new Session(p.name(), p.accountId(), p.loginName(), p.legacyId(), p.userPid(),
        p.displayName() != null ? p.displayName() : p.loginName(), p.manager(),
        p.expires() > 0 ? java.time.Instant.ofEpochMilli(p.expires()) : null);
  }

  public static long expiry(LoginService.LoginResult r, java.time.Clock clock) {
    return r.sessionTtlMillis() > 0 ? clock.millis() + r.sessionTtlMillis() : 0;
  }

  /** One refresh now: keeps the server session alive; a refused refresh renews the session. */
  public CompletableFuture<Void> refreshNow() {
    StoredProfile p = profile;
    if (p.csrf() == null || p.cookie() == null) {
      // bearer and OAuth sessions have no Login Service session to keep alive
      return CompletableFuture.completedFuture(null);
    }
    return login.refresh(p.csrf(), p.cookie()).thenCompose(r -> {
      if (r.alive()) {
        confirmed(p, r.setCookies());
        return CompletableFuture.<Void>completedFuture(null);
      }
      // another process of this profile may have refreshed (and replaced the cookie) meanwhile
      StoredProfile disk = store.load(p.name()).orElse(null);
      if (disk == null || !disk.loggedIn() || disk.csrf() == null || disk.cookie() == null
          || disk.cookie().equals(p.cookie())) {
        return renew().thenApply(b -> (Void) null);
      }
      return login.refresh(disk.csrf(), disk.cookie()).thenCompose(again -> {
        if (!again.alive()) {
          return renew().thenApply(b -> (Void) null);
        }
        adopt(disk, again.setCookies());
        return CompletableFuture.<Void>completedFuture(null);
      });
    });
  }

  /** Takes over the session another process stored, with the cookies its refresh answered. */
  private synchronized void adopt(StoredProfile disk, List<String> setCookies) {
    String merged = setCookies.isEmpty() ? disk.cookie() : CookieJar.merge(disk.cookie(), setCookies);
    boolean newBearer = !java.util.Objects.equals(disk.bearer(), profile.bearer());
    profile = disk.withTokens(disk.bearer(), disk.csrf(), merged, disk.refreshToken(), disk.expires())
        .withConfirmed(domains.clock().millis());
    store.save(profile);
    if (newBearer) {
      bearerListeners.forEach(l -> l.accept(disk.bearer()));
    }
  }

  /**
   * After a refresh that found the session alive: the cookies it answered with go into the
   * profile, so the next refresh sends them, and so does the time, so a command opened within the
   * refresh period connects without refreshing first (see {@link #confirmedWithin}).
   */
  private synchronized void confirmed(StoredProfile sent, List<String> setCookies) {
    StoredProfile now = profile;
    if (!java.util.Objects.equals(now.bearer(), sent.bearer())) {
      return; // a renewal replaced the session meanwhile
    }
    String merged = setCookies.isEmpty() ? now.cookie() : CookieJar.merge(now.cookie(), setCookies);
    profile = now.withTokens(now.bearer(), now.csrf(), merged, now.refreshToken(), now.expires())
        .withConfirmed(domains.clock().millis());
    // another process may have logged the profile out (or in as someone else) meanwhile: a
    // refresh answered late must not write this session back over that
    StoredProfile disk = store.load(now.name()).orElse(null);
    if (disk != null && disk.loggedIn() && java.util.Objects.equals(disk.bearer(), now.bearer())) {
      store.save(profile);
    }
  }

  /**
   * Whether the Login Service confirmed this session less than {@code period} ago (a login, a
   * renewal or a refresh, by this process or another of the profile): then it is alive as far as
   * a refresh could tell, and the socket renews it anyway if the server refuses it. A time in the
   * future (a clock set back) or unknown (0) is not recent.
   */
  public boolean confirmedWithin(Duration period) {
    return !untilDue(period).isZero();
  }

  /** How long until the session is {@code period} past its last confirmation (zero when it is). */
  public Duration untilDue(Duration period) {
    long at = profile.confirmed();
    long age = domains.clock().millis() - at;
    if (at <= 0 || age < 0 || age >= period.toMillis()) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(period.toMillis() - age);
  }

  public synchronized void startRefresh(ScheduledExecutorService scheduler, Duration every) {
    startRefresh(scheduler, every, every);
  }

  /** The refresh every {@code every}, the first after {@code first} (the rest of the current period). */
  public synchronized void startRefresh(ScheduledExecutorService scheduler, Duration first, Duration every) {
    if (refreshTask != null) {
      return;
    }
    refreshTask = scheduler.scheduleWithFixedDelay(() -> refreshNow().exceptionally(CoreLog.ignore("the scheduled session renewal (tried again next time)")),
        first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Sends a request built for the current bearer; on 401 renews once and resends. A final 401
   * is NOT_LOGGED_IN; other statuses are returned for the caller to judge.
   */
  public CompletableFuture<Http.Result> call(Function<String, Request> build) {
    String b;
    try {
      b = bearer();
    } catch (LpaException e) {
      return CompletableFuture.failedFuture(e);
    }
    return http.send(build.apply(b)).thenCompose(r -> {
      if (r.code() != 401) {
        return CompletableFuture.completedFuture(r);
      }
      return renew().thenCompose(nb -> http.send(build.apply(nb))).thenApply(r2 -> {
        if (r2.code() == 401) {
          throw new LpaException(Kind.NOT_LOGGED_IN, "the server no longer accepts this session; log in again", 401, null);
        }
        return r2;
      });
    });
  }

  /**
   * Sends once with the current bearer, never renewing: for the reporting APIs, which LivePerson
   * authorises with an API key, a 401 says nothing about the session and must not end it.
   */
  public CompletableFuture<Http.Result> callOnce(Function<String, Request> build) {
    try {
      return http.send(build.apply(bearer()));
    } catch (LpaException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public synchronized void close() {
    if (refreshTask != null) {
      refreshTask.cancel(false);
      refreshTask = null;
    }
  }
}
