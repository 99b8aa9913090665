package dev.lpa.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.internal.Http;
import dev.lpa.core.internal.Json;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.FormBody;
import okhttp3.Request;

/** The Login Service (agentVep) calls: login, refresh, logout. */
public final class LoginService {

  /** What a login returns. {@code userId} is the numeric id; {@code cookie} a Cookie header value. */
  public record LoginResult(String bearer, String csrf, String cookie, String userId, String userPid,
      String loginName, long sessionTtlMillis, String refreshToken) {
    @Override
    public String toString() {
      return "LoginResult[" + loginName + "]";
    }
  }

  static final java.time.Duration LOGIN_THROTTLE = java.time.Duration.ofSeconds(5);

  private final Http http;
  private final Domains domains;
  private final String account;

  public LoginService(Http http, Domains domains, String accountId) {
    this.http = http;
    this.domains = domains;
    this.account = accountId;
  }

  private CompletableFuture<String> vep(String op) {
    return domains.host("agentVep").thenApply(h -> http.base(h) + "/api/account/" + account + "/" + op + "?v=1.3");
  }

  public CompletableFuture<LoginResult> password(String username, char[] password) {
    ObjectNode body = Json.obj().put("username", username).put("password", new String(password));
    return login(body, username);
  }

  public CompletableFuture<LoginResult> assertion(String samlAssertion) {
    // the dummy jwt is what LivePerson's own SDK sends next to an assertion
    String a = samlAssertion.strip();
    if (a.startsWith("<")) {
      // raw XML from an identity provider: the Login Service takes it base64-encoded
      a = java.util.Base64.getEncoder().encodeToString(a.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    ObjectNode body = Json.obj().put("jwt", "dummy").put("assertion", a);
    return login(body, null);
  }

  private CompletableFuture<LoginResult> login(ObjectNode body, String username) {
    // LivePerson asks for at least 5 s between login attempts after a 429
    return vep("login").thenCompose(url -> http.send(Http.request(url)
        .post(Http.json(Json.write(body))).build(), LOGIN_THROTTLE)).thenApply(r -> {
          if (r.code() == 401 || r.code() == 403) {
            throw new LpaException(Kind.NOT_LOGGED_IN,
                "login rejected: " + nonNull(Http.reason(r.body()), "wrong username or password"), r.code(), null);
          }
          if (!r.ok()) {
            throw Http.error(r, "login");
          }
          JsonNode n = Json.parse(r.body());
          JsonNode config = n.path("config");
          String userId = Json.text(config, "userId");
          String bearer = Json.text(n, "bearer");
          if (bearer == null || userId == null) {
            throw new LpaException(Kind.ERROR, "login answer without bearer or user id");
          }
          String login = nonNull(Json.text(config, "loginName"), username);
          long ttl = Json.num(n, "sessionTTl", Json.num(n, "sessionTtl", 0));
          return new LoginResult(bearer, Json.text(n, "csrf"), cookies(r.headers().values("Set-Cookie")),
              userId, Json.text(config, "userPid"), login, ttl, null);
        });
  }

  /**
   * What a refresh says: whether the session is still alive, and the {@code Set-Cookie} headers
   * it answered with (LivePerson sends the session cookie again).
   */
  public record Refreshed(boolean alive, List<String> setCookies) {}

  /** Keeps the session alive. {@code alive} is false on 401 (session gone: log in again). */
  public CompletableFuture<Refreshed> refresh(String csrf, String cookie) {
    return vep("refresh").thenCompose(url -> {
      Request.Builder b = Http.request(url).post(Http.json(Json.write(Json.obj().put("csrf", csrf))));
      if (cookie != null) {
        b.header("Cookie", cookie);
      }
      return http.send(b.build());
    }).thenApply(r -> {
      if (r.code() == 401 || r.code() == 403) {
        return new Refreshed(false, List.of());
      }
      if (!r.ok()) {
        throw Http.error(r, "session refresh");
      }
      return new Refreshed(true, r.headers().values("Set-Cookie"));
    });
  }

  public CompletableFuture<Void> logout(String csrf, String cookie) {
    return vep("logout").thenCompose(url -> {
      Request.Builder b = Http.request(url).post(Http.json(Json.write(Json.obj().put("csrf", csrf))));
      if (cookie != null) {
        b.header("Cookie", cookie);
      }
      return http.send(b.build());
    }).thenApply(r -> {
      // 401: the session was already gone, which is what logout wants
      if (!r.ok() && r.code() != 401) {
        throw Http.error(r, "logout");
      }
      return null;
    });
  }

  /** OAuth refresh-token grant: a new bearer (and maybe a new refresh token) without a browser. */
  public CompletableFuture<LoginResult> oauthRefresh(String refreshToken, OAuthApp app, String secret) {
    FormBody form = new FormBody.Builder().add("grant_type", "refresh_token")
        .add("refresh_token", refreshToken).add("client_id", app.clientId()).add("client_secret", secret).build();
    return oauthToken(form);
  }

  CompletableFuture<LoginResult> oauthToken(FormBody form) {
    return OAuthFlow.oauthBase(http, domains, account).thenCompose(base -> http.send(Http.request(base + "/token?v=1.0")
        .post(form).build())).thenApply(r -> {
          if (r.code() == 400 || r.code() == 401) {
            throw new LpaException(Kind.NOT_LOGGED_IN, "sign-in rejected: " + oauthReason(r), r.code(), null);
          }
          if (!r.ok()) {
            throw Http.error(r, "token exchange");
          }
          JsonNode n = Json.parse(r.body());
          String bearer = nonNull(Json.text(n, "bearer"), Json.text(n, "access_token"));
          if (bearer == null) {
            throw new LpaException(Kind.ERROR, "token answer without access token");
          }
          JsonNode claims = OAuthFlow.claims(Json.text(n, "id_token"));
          String userId = nonNull(Json.text(n, "userId"), Json.text(claims, "sub"));
          long ttl = Json.num(n, "expires_in", 0) * 1000;
          return new LoginResult(bearer, Json.text(n, "csrf"), cookies(r.headers().values("Set-Cookie")),
              userId, nonNull(Json.text(n, "userPid"), Json.text(claims, "pid")),
              nonNull(Json.text(n, "loginName"), Json.text(claims, "login")), ttl, Json.text(n, "refresh_token"));
        });
  }

  public CompletableFuture<Void> oauthRevoke(String refreshToken, OAuthApp app, String secret) {
    FormBody form = new FormBody.Builder().add("token", refreshToken).add("client_id", app.clientId())
        .add("client_secret", secret).build();
    return OAuthFlow.oauthBase(http, domains, account).thenCompose(base -> http.send(Http.request(base + "/token/revoke?v=1.0")
        .post(form).build())).thenApply(r -> null);
  }

  /** RFC 6749's error body: the description, with the error code after it. */
  private static String oauthReason(Http.Result r) {
    try {
      JsonNode n = Json.parse(r.body());
      String code = Json.text(n, "error");
      String description = Json.text(n, "error_description");
      if (description != null) {
        return description + (code == null ? "" : " (" + code + ")");
      }
    } catch (RuntimeException e) {
      // not JSON: the generic reader below copes
    }
    return nonNull(Http.reason(r.body()), "HTTP " + r.code());
  }

  /** Joins Set-Cookie headers into one Cookie header value (name=value pairs only). */
  static String cookies(List<String> setCookies) {
    return CookieJar.merge(null, setCookies);
  }

  static String nonNull(String a, String b) {
    return a != null ? a : b;
  }
}
