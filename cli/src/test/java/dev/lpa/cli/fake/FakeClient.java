package dev.lpa.cli.fake;

import dev.lpa.core.ClientConfig;
import dev.lpa.core.LpaClient;
import dev.lpa.core.LpaException;
import dev.lpa.core.auth.Credentials;
import dev.lpa.core.auth.Endpoint;
import dev.lpa.core.auth.ProfileInfo;
import dev.lpa.core.model.Session;
import dev.lpa.core.testkit.ScriptedWorkspace;
import dev.lpa.core.workspace.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Profiles and logins in memory; passwords are "&lt;login&gt;-pass" as on the demo account. */
public final class FakeClient implements LpaClient {
  private final ClientConfig config;
  public final Map<String, Session> sessions = new LinkedHashMap<>();
  public final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
  public final Map<String, ScriptedWorkspace> workspaces = new LinkedHashMap<>();
  public final List<String> calls = new ArrayList<>();
  public Credentials lastCredentials;
  public boolean closed;

  public FakeClient(ClientConfig config) {
    this.config = config;
  }

  /** Logs a user in directly and returns their workspace to set the scene. */
  public ScriptedWorkspace loggedIn(String profile, String login) {
    ScriptedWorkspace w = Desk.of(config.clock(), profile, login);
    sessions.put(profile, w.me());
    workspaces.put(profile, w);
    return w;
  }

  @Override
  public ClientConfig config() {
    return config;
  }

  @Override
  public String resolveProfile(String explicitOrNull) {
    if (explicitOrNull != null) {
      return explicitOrNull;
    }
    String env = config.env().get("LPA_PROFILE");
    return env == null || env.isEmpty() ? "default" : env;
  }

  @Override
  public List<ProfileInfo> profiles() {
    List<ProfileInfo> out = new ArrayList<>();
    sessions.forEach((name, s) -> out.add(new ProfileInfo(name, s.accountId(), s.loginName(),
        endpoints.containsKey(name) ? endpoints.get(name).csdsDomain() : "sim", true)));
    return out;
  }

  @Override
  public CompletableFuture<Session> login(String profile, Endpoint endpoint, Credentials credentials) {
    calls.add("login " + profile + " " + endpoint.accountId() + " " + endpoint.csdsDomain());
    lastCredentials = credentials;
    String login;
    if (credentials instanceof Credentials.Password p) {
      if (!new String(p.password()).equals(p.username() + "-pass")) {
        return CompletableFuture.failedFuture(
            new LpaException(LpaException.Kind.NOT_LOGGED_IN, "the user name or password was rejected", 401, null));
      }
      login = p.username();
    } else if (credentials instanceof Credentials.Bearer b) {
      login = b.token().startsWith("tok-") ? b.token().substring(4) : null;
      if (login == null) {
        return CompletableFuture.failedFuture(new LpaException(LpaException.Kind.NOT_LOGGED_IN, "the token was rejected"));
      }
    } else {
      return CompletableFuture.failedFuture(new LpaException(LpaException.Kind.ERROR, "not in the fake"));
    }
    ScriptedWorkspace w = loggedIn(profile, login);
    endpoints.put(profile, endpoint);
    return CompletableFuture.completedFuture(w.me());
  }

  @Override
  public Optional<Session> session(String profile) {
    return Optional.ofNullable(sessions.get(profile));
  }

  @Override
  public CompletableFuture<Workspace> open(String profile) {
    calls.add("open " + profile);
    ScriptedWorkspace w = workspaces.get(profile);
    if (w == null) {
      return CompletableFuture.failedFuture(
          new LpaException(LpaException.Kind.NOT_LOGGED_IN, "not logged in on profile " + profile));
    }
    // each command opens its own workspace and closes it when done; the scene stays
    w.reopen();
    return CompletableFuture.completedFuture(w);
  }

  @Override
  public CompletableFuture<Void> logout(String profile) {
    calls.add("logout " + profile);
    sessions.remove(profile);
    workspaces.remove(profile);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {
    closed = true;
  }
}
