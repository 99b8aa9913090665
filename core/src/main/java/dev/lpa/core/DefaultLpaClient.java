package dev.lpa.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.auth.AuthSession;
import dev.lpa.core.auth.CredentialStore;
import dev.lpa.core.auth.StoredProfile;
import dev.lpa.core.auth.LoginService;
import dev.lpa.core.auth.Domains;
import dev.lpa.core.auth.OAuthFlow;
import dev.lpa.core.auth.OAuthApp;
import dev.lpa.core.auth.Credentials;
import dev.lpa.core.auth.Endpoint;
import dev.lpa.core.auth.ProfileInfo;
import dev.lpa.core.auth.Tuning;
import dev.lpa.core.internal.CoreLog;
import dev.lpa.core.internal.Http;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.Session;
import dev.lpa.core.rest.RestClient;
import dev.lpa.core.store.LocalStore;
import dev.lpa.core.workspace.DefaultWorkspace;
import dev.lpa.core.workspace.StartMode;
import dev.lpa.core.workspace.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/** The real client: profiles on disk, login flows, and live workspaces. */
public final class DefaultLpaClient implements LpaClient {
  private final ClientConfig config;
  private final Tuning tuning;
  private final CredentialStore store;
  private final ScheduledThreadPoolExecutor scheduler;
  private volatile java.util.function.Consumer<String> frameTap;

  private DefaultLpaClient(ClientConfig config, Tuning tuning) {
    this.config = config;
    this.tuning = tuning;
    this.store = new CredentialStore(config.configDir());
    AtomicInteger n = new AtomicInteger();
    this.scheduler = new ScheduledThreadPoolExecutor(2, r -> {
      Thread t = new Thread(r, "lpa-core-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.scheduler.setRemoveOnCancelPolicy(true);
  }

  public static LpaClient create(ClientConfig config) {
    return new DefaultLpaClient(config, Tuning.standard());
  }

  /** With other timings (tests: {@link Tuning#fast()}). */
  public static LpaClient create(ClientConfig config, Tuning tuning) {
    return new DefaultLpaClient(config, tuning);
  }

  /**
   * Sees every frame the workspaces opened from now on send, from their first (tests validate
   * them against LivePerson's schemas).
   */
  public void tapFrames(java.util.function.Consumer<String> tap) {
    this.frameTap = tap;
  }

  @Override
  public ClientConfig config() {
    return config;
  }

  private Map<String, String> env() {
    return config.env() == null ? Map.of() : config.env();
  }

  @Override
  public String resolveProfile(String explicitOrNull) {
    String p = explicitOrNull != null && !explicitOrNull.isBlank() ? explicitOrNull
        : env().getOrDefault("LPA_PROFILE", "default");
    CredentialStore.checkName(p);
    return p;
  }

  @Override
  public List<ProfileInfo> profiles() {
    return store.all().stream().map(p -> new ProfileInfo(p.name(), p.accountId(), p.loginName(), p.csdsDomain(),
        p.loggedIn())).toList();
  }

  /** Fills what the caller left out: environment first, then the stored profile, then defaults. */
  private Endpoint effective(String profile, Endpoint given) {
    Optional<StoredProfile> stored = store.load(profile);
    Map<String, String> env = env();
    String account = given != null && given.accountId() != null ? given.accountId()
        : env.containsKey("LPA_ACCOUNT") ? env.get("LPA_ACCOUNT") : stored.map(StoredProfile::accountId).orElse(null);
    String csds = given != null && given.csdsDomain() != null ? given.csdsDomain()
        : env.containsKey("LPA_CSDS") ? env.get("LPA_CSDS")
        : stored.map(StoredProfile::csdsDomain).orElse(Endpoint.LIVEPERSON_CSDS);
    Path ca = given != null && given.caFile() != null ? given.caFile()
        : env.containsKey("LPA_CA_FILE") ? Path.of(env.get("LPA_CA_FILE"))
        : stored.map(StoredProfile::caFile).map(Path::of).orElse(null);
    boolean plain = given != null ? given.plainHttp() : stored.map(StoredProfile::plainHttp).orElse(false);
    if (account == null || account.isBlank()) {
      throw new LpaException(Kind.INVALID, "no account id (--account or LPA_ACCOUNT)");
    }
    return new Endpoint(account, csds, ca, plain);
  }

  private record Parts(Http http, Domains domains, LoginService login) {}

  private Parts parts(Endpoint ep) {
    // the warm-up thread's providers first: never two threads initialising them and JSSE at once
    dev.lpa.core.internal.Warmup.awaitCrypto(2000);
    Http http = ep.http(config.requestTimeout(), tuning.rest(), scheduler);
    Domains d = new Domains(http, config.clock(), ep.csdsDomain(), ep.accountId());
    return new Parts(http, d, new LoginService(http, d, ep.accountId()));
  }

  @Override
  public CompletableFuture<Session> login(String profile, Endpoint endpoint, Credentials credentials) {
    try {
      CredentialStore.checkName(profile);
      Endpoint ep = effective(profile, endpoint);
      Parts p = parts(ep);
      CompletableFuture<LoginService.LoginResult> result;
      String method;
      OAuthApp app = null;
      if (credentials instanceof Credentials.Password pw) {
        method = "PASSWORD";
        char[] secret = pw.password();
        result = p.login().password(pw.username(), secret).whenComplete((r, e) -> Arrays.fill(secret, '\0'));
      } else if (credentials instanceof Credentials.Assertion a) {
        method = "ASSERTION";
        result = p.login().assertion(a.samlAssertion());
      } else if (credentials instanceof Credentials.Bearer b) {
        method = "BEARER";
        String user = env().getOrDefault("LPA_USERNAME",
            store.load(profile).map(StoredProfile::loginName).orElse(null));
        result = bearerIdentity(p, ep, b.token(), user);
      } else if (credentials instanceof Credentials.OAuth o) {
        method = "OAUTH";
        app = o.app() != null ? o.app() : store.load(profile).map(StoredProfile::oauthApp).orElse(null);
        if (app == null && env().get("LPA_OAUTH_CLIENT_ID") != null) {
          app = new OAuthApp(env().get("LPA_OAUTH_CLIENT_ID"), env().get("LPA_OAUTH_REDIRECT_URI"), null);
        }
        if (app == null) {
          throw new LpaException(Kind.INVALID, "SSO needs the application installed for lpa:"
              + " lpa login --sso --client-id ID, or LPA_OAUTH_CLIENT_ID (see the README)");
        }
        result = OAuthFlow.run(p.http(), p.domains(), p.login(), ep.accountId(), app, app.secret(env()),
            o.openBrowser(), OAuthFlow.WAIT);
      } else {
        throw new LpaException(Kind.INVALID, "unknown credentials");
      }
      OAuthApp usedApp = app;
      return result.thenCompose(r -> identify(profile, ep, p, r, method)).thenApply(sp -> {
        sp = sp.withOAuthApp(usedApp);
        // another user (or account) on this profile starts from an empty store: the previous
        // user's conversations, messages and outbox are theirs, not this user's
        Optional<StoredProfile> before = store.load(profile);
        if (before.isPresent() && before.get().userId() != null && (!before.get().userId().equals(sp.userId())
            || !Objects.equals(before.get().accountId(), sp.accountId()))) {
          LocalStore.delete(dataFile(profile));
        }
        store.save(sp);
        return AuthSession.toSession(sp);
      }).whenComplete((s, t) -> p.http().shutdown());
    } catch (LpaException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A pasted bearer: who it belongs to comes from the account's user list (by login name). */
  private CompletableFuture<LoginService.LoginResult> bearerIdentity(Parts p, Endpoint ep, String token, String user) {
    StoredProfile probe = new StoredProfile("probe", ep.accountId(), ep.csdsDomain(), null, ep.plainHttp(), user, null,
        null, null, false, "BEARER", token, null, null, null, 0, null, null, null, 0);
    AuthSession s = new AuthSession(probe, new CredentialStore(config.configDir().resolve(".probe")), p.http(),
        p.domains(), p.login(), Map.of());
    return new RestClient(s).users().thenApply(users -> {
      JsonNode match = null;
      for (JsonNode u : users) {
        if (user != null && user.equalsIgnoreCase(Json.text(u, "loginName"))) {
          match = u;
        }
      }
      if (match == null) {
        throw new LpaException(Kind.INVALID, user == null
            ? "a bearer login needs the user name too (--username or LPA_USERNAME)"
            : "no user " + user + " in account " + ep.accountId());
      }
      return new LoginService.LoginResult(token, null, null, Json.text(match, "id"), Json.text(match, "pid"),
          Json.text(match, "loginName"), 0, null);
    });
  }

  /** Completes what the login answer left out (PID, names, manager role) from Account Config. */
  private CompletableFuture<StoredProfile> identify(String profile, Endpoint ep, Parts p, LoginService.LoginResult r,
      String method) {
    if (r.userId() == null) {
      return CompletableFuture.failedFuture(new LpaException(Kind.ERROR, "the server did not say who logged in"));
    }
    StoredProfile base = new StoredProfile(profile, ep.accountId(), ep.csdsDomain(),
        ep.caFile() == null ? null : ep.caFile().toString(), ep.plainHttp(), r.loginName(), r.userId(), r.userPid(),
        r.loginName(), false, method, r.bearer(), r.csrf(), r.cookie(), r.refreshToken(), AuthSession.expiry(r, config.clock()),
        null, null, null, config.clock().millis());
    AuthSession s = new AuthSession(base, store, p.http(), p.domains(), p.login(), Map.of());
    RestClient rest = new RestClient(s);
    CompletableFuture<Map<String, Integer>> roles = rest.profiles().thenApply(list -> {
      Map<String, Integer> m = new java.util.HashMap<>();
      list.forEach(n -> m.put(Json.text(n, "id"), (int) Json.num(n, "roleTypeId", 0)));
      return m;
    }).exceptionally(t -> Map.of());
    return rest.user(r.userId()).thenCombine(roles, (u, rl) -> {
      boolean manager = !Json.list(u, "managerOf").isEmpty();
      for (String pid : Json.strings(u, "profileIds")) {
        manager |= rl.getOrDefault(pid, 0) == 3;
      }
      String display = first(Json.text(u, "nickname"), Json.text(u, "fullName"), r.loginName());
      return new StoredProfile(profile, base.accountId(), base.csdsDomain(), base.caFile(), base.plainHttp(),
          first(r.loginName(), Json.text(u, "loginName")), r.userId(), first(r.userPid(), Json.text(u, "pid")), display,
          manager, method, r.bearer(), r.csrf(), r.cookie(), r.refreshToken(), base.expires(), null, null, null,
          base.confirmed());
    }).exceptionally(t -> {
      LpaException e = LpaException.from(t);
      if (e.kind() == Kind.NOT_LOGGED_IN) {
        throw e;
      }
      // the rest is cosmetic; without a PID (LivePerson's documented login answer has no
      // config.userPid, and an agent may lack the right to read users) the agent's own events are
      // still told apart by the legacy id {account}.{userId} they carry
      return base;
    });
  }

  @Override
  public Optional<Session> session(String profile) {
    return store.load(profile).filter(StoredProfile::loggedIn).map(AuthSession::toSession);
  }

  @Override
  public CompletableFuture<Workspace> open(String profile) {
    return open(profile, StartMode.LIVE);
  }

  @Override
  public CompletableFuture<Workspace> open(String profile, StartMode mode) {
    try {
      CredentialStore.checkName(profile);
      Optional<StoredProfile> stored = store.load(profile).filter(StoredProfile::loggedIn);
      CompletableFuture<StoredProfile> ready;
      if (stored.isPresent()) {
        ready = CompletableFuture.completedFuture(stored.get());
      } else {
        Credentials fromEnv = envCredentials();
        if (fromEnv == null) {
          throw new LpaException(Kind.NOT_LOGGED_IN, "profile " + profile + " is not logged in (lpa login)");
        }
        ready = login(profile, null, fromEnv).thenApply(s -> store.load(profile).orElseThrow());
      }
      return ready.thenCompose(sp -> openStored(sp, mode));
    } catch (LpaException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Credentials envCredentials() {
    Map<String, String> env = env();
    if (env.get("LPA_TOKEN") != null && !env.get("LPA_TOKEN").isBlank()) {
      return new Credentials.Bearer(env.get("LPA_TOKEN"));
    }
    if (env.get("LPA_USERNAME") != null && env.get("LPA_PASSWORD") != null) {
      return new Credentials.Password(env.get("LPA_USERNAME"), env.get("LPA_PASSWORD").toCharArray());
    }
    return null;
  }

  private CompletableFuture<Workspace> openStored(StoredProfile sp, StartMode mode) {
    CoreLog.step("client: profile read");
    Parts p = parts(sp.endpoint());
    CoreLog.step("client: HTTP client ready");
    AuthSession auth = new AuthSession(sp, store, p.http(), p.domains(), p.login(), env());
    RestClient rest = new RestClient(auth);
    Duration period = tuning.refreshEvery();
    CompletableFuture<Void> checked;
    if (auth.confirmedWithin(period)) {
      // confirmed by a login, renewal or refresh less than a period ago (this process or another
      // of the profile): alive as far as a refresh could tell, and a socket the server refuses
      // renews the session (or ends NOT_LOGGED_IN) all the same; the first scheduled refresh
      // comes when the period since that confirmation is over
      CoreLog.step("client: session confirmed " + (period.minus(auth.untilDue(period)).toSeconds())
          + " s ago, no refresh before connecting");
      auth.startRefresh(scheduler, auth.untilDue(period), period);
      checked = CompletableFuture.completedFuture(null);
    } else {
      auth.startRefresh(scheduler, period);
      // a session found dead before connecting renews (or fails NOT_LOGGED_IN) instead of looping;
      // sent first, so its handshake runs on OkHttp's thread while this one opens the store
      CoreLog.step("client: checking the session");
      checked = auth.refreshNow().exceptionally(t -> {
        LpaException e = LpaException.from(t);
        if (e.kind() == Kind.NOT_LOGGED_IN) {
          throw e;
        }
        return null;
      }).thenRun(() -> CoreLog.step("client: session checked"));
    }
    LocalStore local;
    DefaultWorkspace ws;
    try {
      local = LocalStore.open(dataFile(sp.name()), config.clock());
    } catch (RuntimeException e) {
      auth.close();
      checked.whenComplete((v, t) -> p.http().shutdown());
      throw e;
    }
    CoreLog.step("client: local store open");
    ws = new DefaultWorkspace(auth, rest, local, config.clock(), scheduler, config.requestTimeout(), tuning, mode);
    if (frameTap != null) {
      ws.socket().tap(frameTap);
    }
    ws.onClose(() -> {
      auth.close();
      local.close();
      p.http().shutdown();
    });
    return checked.thenCompose(v -> ws.start()).whenComplete((w, t) -> {
      if (t != null) {
        ws.close();
      }
    });
  }

  private Path dataFile(String profile) {
    return config.dataDir().resolve(profile + ".db");
  }

  @Override
  public CompletableFuture<Void> logout(String profile) {
    try {
      CredentialStore.checkName(profile);
      Optional<StoredProfile> stored = store.load(profile);
      if (stored.isEmpty()) {
        throw new LpaException(Kind.NOT_FOUND, "no profile " + profile);
      }
      StoredProfile sp = stored.get();
      CompletableFuture<Void> server = CompletableFuture.completedFuture(null);
      if (sp.loggedIn()) {
        Parts p = parts(sp.endpoint());
        if (sp.refreshToken() != null && sp.oauthApp() != null) {
          OAuthApp a = sp.oauthApp();
          try {
            server = p.login().oauthRevoke(sp.refreshToken(), a, a.secret(env()));
          } catch (LpaException e) {
            server = CompletableFuture.failedFuture(new LpaException(e.kind(),
                "logged out here, but the SSO session was not revoked: " + e.getMessage(), e));
          }
        }
        if (sp.csrf() != null) {
          server = server.thenCompose(v -> p.login().logout(sp.csrf(), sp.cookie()));
        }
        server = server.whenComplete((v, t) -> p.http().shutdown());
      }
      // local secrets go whatever the server said: a dead server must not keep a token on disk
      return server.handle((v, t) -> {
        store.save(sp.loggedOut());
        LocalStore.delete(dataFile(profile));
        if (t != null && LpaException.from(t).kind() != Kind.NOT_LOGGED_IN) {
          throw LpaException.from(t);
        }
        return null;
      });
    } catch (LpaException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @SafeVarargs
  private static <T> T first(T... xs) {
    for (T x : xs) {
      if (x != null) {
        return x;
      }
    }
    return null;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
