package dev.lpa.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.internal.Http;
import dev.lpa.core.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.FormBody;

/**
 * The OAuth authorization-code flow of an installed Conversational Cloud application, with PKCE
 * (S256) and a loopback redirect: a one-shot HTTP listener on the port and path of the redirect
 * URI declared at installation receives the code, which is exchanged for tokens with the
 * application's id and secret.
 */
public final class OAuthFlow {
  public static final Duration WAIT = Duration.ofMinutes(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  private OAuthFlow() {}

  /**
   * Where the authorization server lives: LivePerson's Sentinel paths on the account's
   * {@code sentinel} service (else the login host), e.g. {@code https://host/sentinel/api/account/123}.
   */
  static CompletableFuture<String> oauthBase(Http http, Domains domains, String accountId) {
    return domains.all().thenApply(m -> {
      String h = m.getOrDefault("sentinel", m.get("agentVep"));
      if (h == null) {
        throw new LpaException(Kind.ERROR, "the account has no sentinel/agentVep service");
      }
      return http.base(h) + "/sentinel/api/account/" + accountId;
    });
  }

  public static CompletableFuture<LoginService.LoginResult> run(Http http, Domains domains, LoginService login,
      String accountId, OAuthApp app, String secret, Consumer<URI> openBrowser, Duration wait) {
    String verifier = random(32);
    String state = random(16);
    String challenge = s256(verifier);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), app.port()), 0);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(new LpaException(Kind.ERROR, "cannot listen on 127.0.0.1:" + app.port()
          + " for the sign-in redirect (" + e.getMessage() + "); free the port or log in with --redirect-uri"
          + " set to another redirect declared for the application", e));
    }
    String redirect = app.redirectUri();
    CompletableFuture<String> code = new CompletableFuture<>();
    server.createContext(app.path(), ex -> {
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      String page;
      int status;
      if (!state.equals(q.get("state"))) {
        status = 400;
        page = "State mismatch. Close this window and try again.";
        // a forged or stale redirect must not end the wait: the real one may still come
      } else if (q.containsKey("error")) {
        status = 400;
        page = "Sign-in failed. You can close this window.";
        code.completeExceptionally(new LpaException(Kind.NOT_LOGGED_IN,
            "sign-in failed: " + q.getOrDefault("error_description", q.get("error"))));
      } else if (q.get("code") == null) {
        status = 400;
        page = "No code in the redirect.";
      } else {
        status = 200;
        page = "Signed in to lpa. You can close this window.";
        code.complete(q.get("code"));
      }
      byte[] b = ("<!doctype html><title>lpa</title><p>" + page + "</p>").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      ex.sendResponseHeaders(status, b.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    });
    server.start();
    CompletableFuture<LoginService.LoginResult> out = oauthBase(http, domains, accountId).thenCompose(base -> {
      URI authorize = URI.create(base + "/authorize?v=1.0&response_type=code"
          + "&client_id=" + enc(app.clientId())
          + "&redirect_uri=" + enc(redirect)
          + "&state=" + enc(state)
          + "&code_challenge=" + enc(challenge)
          + "&code_challenge_method=S256");
      openBrowser.accept(authorize);
      return code.orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS).exceptionally(t -> {
        LpaException e = LpaException.from(t);
        if (e.kind() == Kind.ERROR && t instanceof java.util.concurrent.TimeoutException
            || t.getCause() instanceof java.util.concurrent.TimeoutException) {
          throw new LpaException(Kind.TIMEOUT, "no sign-in within " + wait.toMinutes() + " minutes");
        }
        throw e;
      });
    }).thenCompose(c -> login.oauthToken(new FormBody.Builder()
        .add("grant_type", "authorization_code").add("code", c).add("redirect_uri", redirect)
        .add("client_id", app.clientId()).add("client_secret", secret).add("code_verifier", verifier).build()));
    out.whenComplete((r, e) -> server.stop(0));
    return out;
  }

  /** The claims of a JWT, unverified: used only to learn who signed in, from a TLS-checked answer. */
  static JsonNode claims(String jwt) {
    if (jwt == null) {
      return Json.obj();
    }
    String[] parts = jwt.split("\\.");
    if (parts.length < 2) {
      return Json.obj();
    }
    try {
      return Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return Json.obj();
    }
  }

  static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String s256(String verifier) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static Map<String, String> query(String raw) {
    Map<String, String> m = new HashMap<>();
    if (raw == null) {
      return m;
    }
    for (String kv : raw.split("&")) {
      int i = kv.indexOf('=');
      String k = URLDecoder.decode(i < 0 ? kv : kv.substring(0, i), StandardCharsets.UTF_8);
      String v = i < 0 ? "" : URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8);
      m.put(k, v);
    }
    return m;
  }
}
