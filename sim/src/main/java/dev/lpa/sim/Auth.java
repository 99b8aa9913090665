package dev.lpa.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Agent sessions (bearer, csrf, cookie), password throttling, OAuth codes and consumer JWTs. */
final class Auth {
  static final int MAX_BAD_PASSWORDS = 5;
  static final Duration BAD_PASSWORD_WINDOW = Duration.ofMinutes(5);
  static final Duration LOCKOUT = Duration.ofSeconds(30);
  static final Duration OAUTH_CODE_TTL = Duration.ofMinutes(2);

  /** How many replaced session cookies stay valid (see {@link #refresh}). */
  static final int COOKIES_KEPT = 32;

  /** A logged-in agent or manager. */
  static final class Session {
    final String bearer;
    final String csrf;
    /** Replaced at every refresh, as LivePerson's refresh answers with a new session cookie. */
    volatile String cookie;
    /**
     * Cookies recent refreshes replaced, newest last: still accepted, so several processes of one
     * profile that refresh at once (each `lpa` command refreshes when it opens) do not spend each
     * other's cookie. Only {@link #COOKIES_KEPT} are kept: a client that never takes a new cookie
     * is still caught.
     */
    final java.util.Deque<String> previousCookies = new java.util.concurrent.ConcurrentLinkedDeque<>();
    final DemoAccount.User user;
    volatile Instant expiresAt;
    volatile boolean revoked;

    Session(String bearer, String csrf, String cookie, DemoAccount.User user, Instant expiresAt) {
      this.bearer = bearer;
      this.csrf = csrf;
      this.cookie = cookie;
      this.user = user;
      this.expiresAt = expiresAt;
    }

    boolean alive(Instant now) {
      return !revoked && now.isBefore(expiresAt);
    }
  }

  record OAuthCode(String code, DemoAccount.User user, String clientId, String redirectUri,
      String challenge, Instant expiresAt) {}

  enum LoginFailure { BAD_CREDENTIALS, THROTTLED }

  private final Clock clock;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byBearer = new ConcurrentHashMap<>();
  private final Map<String, Deque<Instant>> badPasswords = new HashMap<>();
  private final Map<String, Instant> lockedUntil = new HashMap<>();
  private final Map<String, OAuthCode> codes = new ConcurrentHashMap<>();
  private final Map<String, DemoAccount.User> refreshTokens = new ConcurrentHashMap<>();
  private final byte[] jwtKey;
  /** Redirect URIs declared for the installed application (admins of tests may add more). */
  final java.util.Set<String> redirectUris = ConcurrentHashMap.newKeySet();

  private final int loadAgents;
  /** Where sessions and refresh tokens are kept across restarts; null until {@link #persistTo}. */
  private volatile Store store;

  Auth(Clock clock, Duration ttl, byte[] jwtKey) {
    this(clock, ttl, jwtKey, 0);
  }

  Auth(Clock clock, Duration ttl, byte[] jwtKey, int loadAgents) {
    this.clock = clock;
    this.ttl = ttl;
    this.jwtKey = jwtKey;
    this.loadAgents = loadAgents;
    redirectUris.add(DemoAccount.OAUTH_REDIRECT_URI);
  }

  Duration ttl() {
    return ttl;
  }

  /**
   * Loads the sessions and refresh tokens kept in {@code store} and keeps every later change
   * there, so a client's bearer, cookie and refresh token still work after a restart on the same
   * data folder. Sessions of unknown logins (e.g. load agents no longer configured) are dropped.
   */
  synchronized void persistTo(Store store) {
    for (String json : store.sessions()) {
      try {
        com.fasterxml.jackson.databind.JsonNode n = Json.M.readTree(json);
        String bearer = n.path("bearer").asText();
        Optional<DemoAccount.User> u = userByLogin(n.path("login").asText());
        if (u.isEmpty()) {
          store.deleteSession(bearer);
          continue;
        }
        Session s = new Session(bearer, n.path("csrf").asText(), n.path("cookie").asText(), u.get(),
            Instant.ofEpochMilli(n.path("expiresAt").asLong()));
        s.revoked = n.path("revoked").asBoolean();
        byBearer.put(bearer, s);
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(Auth.class).warn("skipping an unreadable stored session", e);
      }
    }
    store.refreshTokens().forEach((token, login) -> {
      Optional<DemoAccount.User> u = userByLogin(login);
      if (u.isPresent()) {
        refreshTokens.put(token, u.get());
      } else {
        store.deleteRefreshToken(token);
      }
    });
    this.store = store;
  }

  private Optional<DemoAccount.User> userByLogin(String login) {
    return DemoAccount.user(login).or(() -> LoadAgents.byLogin(login, loadAgents));
  }

  private void save(Session s) {
    Store st = store;
    if (st != null) {
      st.putSession(s.bearer, Json.obj().put("bearer", s.bearer).put("csrf", s.csrf).put("cookie", s.cookie)
          .put("login", s.user.login()).put("expiresAt", s.expiresAt.toEpochMilli()).put("revoked", s.revoked)
          .toString());
    }
  }

  String token(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Password login. Throttles per login name after repeated failures. */
  synchronized Object login(String login, String password) {
    Object r = authenticate(login, password);
    return r instanceof DemoAccount.User u ? newSession(u) : r;
  }

  /** Checks a password (with the same throttling) without opening a session: a User or a LoginFailure. */
  synchronized Object authenticate(String login, String password) {
    Instant now = clock.instant();
    String key = login == null ? "" : login;
    Instant until = lockedUntil.get(key);
    if (until != null && now.isBefore(until)) {
      return LoginFailure.THROTTLED;
    }
    Optional<DemoAccount.User> u = userByLogin(key);
    if (u.isEmpty() || password == null || !constantTimeEquals(u.get().password(), password)) {
      Deque<Instant> fails = badPasswords.computeIfAbsent(key, k -> new ArrayDeque<>());
      fails.addLast(now);
      while (!fails.isEmpty() && fails.peekFirst().isBefore(now.minus(BAD_PASSWORD_WINDOW))) {
        fails.removeFirst();
      }
      if (fails.size() >= MAX_BAD_PASSWORDS) {
        lockedUntil.put(key, now.plus(LOCKOUT));
        fails.clear();
        return LoginFailure.THROTTLED;
      }
      return LoginFailure.BAD_CREDENTIALS;
    }
    badPasswords.remove(key);
    return u.get();
  }

  /** Forgets sessions that ended more than a day ago, so a long-running simulator does not grow. */
  void purge() {
    Instant cutoff = clock.instant().minus(Duration.ofDays(1));
    for (Session s : byBearer.values()) {
      if (s.expiresAt.isBefore(cutoff) && byBearer.remove(s.bearer, s) && store != null) {
        store.deleteSession(s.bearer);
      }
    }
    codes.values().removeIf(c -> c.expiresAt().isBefore(cutoff));
  }

  Session newSession(DemoAccount.User user) {
    Session s = new Session(token(24), token(16), token(16), user, clock.instant().plus(ttl));
    byBearer.put(s.bearer, s);
    save(s);
    return s;
  }

  /** A live session for this bearer, or empty (unknown, expired or logged out). */
  Optional<Session> live(String bearer) {
    if (bearer == null) {
      return Optional.empty();
    }
    Session s = byBearer.get(bearer);
    return s != null && s.alive(clock.instant()) ? Optional.of(s) : Optional.empty();
  }

  Optional<Session> byCookie(String cookie) {
    if (cookie == null) {
      return Optional.empty();
    }
    return byBearer.values().stream()
        .filter(s -> (s.cookie.equals(cookie) || s.previousCookies.contains(cookie)) && s.alive(clock.instant()))
        .findFirst();
  }

  /**
   * Extends the session and gives it a new cookie (returned; null when refused). The cookies of
   * the last {@link #COOKIES_KEPT} refreshes keep working, older ones stop: the docs do not say
   * how long an old cookie lives; several processes of one profile must be able to refresh at
   * once, and a client that keeps only its first cookie must still be caught here rather than
   * against LivePerson.
   */
  synchronized String refresh(String cookie, String csrf) {
    Optional<Session> s = byCookie(cookie);
    if (s.isEmpty() || csrf == null || !constantTimeEquals(s.get().csrf, csrf)) {
      return null;
    }
    s.get().expiresAt = clock.instant().plus(ttl);
    s.get().previousCookies.addLast(s.get().cookie);
    while (s.get().previousCookies.size() > COOKIES_KEPT) {
      s.get().previousCookies.removeFirst();
    }
    s.get().cookie = token(16);
    save(s.get());
    return s.get().cookie;
  }

  boolean logout(String cookie, String csrf) {
    Optional<Session> s = byCookie(cookie);
    if (s.isEmpty() || csrf == null || !constantTimeEquals(s.get().csrf, csrf)) {
      return false;
    }
    s.get().revoked = true;
    save(s.get());
    return true;
  }

  /** Expires every session of a login; returns how many. */
  int expire(String login) {
    int n = 0;
    for (Session s : byBearer.values()) {
      if (s.user.login().equals(login) && !s.revoked) {
        s.revoked = true;
        save(s);
        n++;
      }
    }
    return n;
  }

  java.util.List<Session> all() {
    return java.util.List.copyOf(byBearer.values());
  }

  // --- OAuth (SSO stand-in) ---

  String issueCode(DemoAccount.User user, String clientId, String redirectUri, String challenge) {
    String code = token(24);
    codes.put(code, new OAuthCode(code, user, clientId, redirectUri, challenge,
        clock.instant().plus(OAUTH_CODE_TTL)));
    return code;
  }

  /** Single use: the code is gone after the first attempt, right or wrong. */
  Optional<OAuthCode> redeem(String code) {
    OAuthCode c = code == null ? null : codes.remove(code);
    if (c == null || clock.instant().isAfter(c.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(c);
  }

  String issueRefreshToken(DemoAccount.User user) {
    String t = token(32);
    refreshTokens.put(t, user);
    Store st = store;
    if (st != null) {
      st.putRefreshToken(t, user.login());
    }
    return t;
  }

  Optional<DemoAccount.User> useRefreshToken(String token, boolean rotate) {
    DemoAccount.User u = token == null ? null : (rotate ? refreshTokens.remove(token) : refreshTokens.get(token));
    if (u != null && rotate && store != null) {
      store.deleteRefreshToken(token);
    }
    return Optional.ofNullable(u);
  }

  boolean revokeRefreshToken(String token) {
    DemoAccount.User u = token == null ? null : refreshTokens.remove(token);
    if (u != null) {
      if (store != null) {
        store.deleteRefreshToken(token);
      }
      expire(u.login());
    }
    return u != null;
  }

  static String s256(String verifier) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // --- JWTs (HS256 with a key kept in the simulator's database) ---

  String jwt(Map<String, Object> claims) {
    String header = b64("{\"kid\":\"00001\",\"typ\":\"JWT\",\"alg\":\"HS256\"}");
    String payload;
    try {
      payload = b64(Json.M.writeValueAsString(claims));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return header + "." + payload + "." + sign(header + "." + payload);
  }

  /** The claims of a JWT this simulator signed, or empty. */
  Optional<Map<String, Object>> verify(String jwt) {
    if (jwt == null) {
      return Optional.empty();
    }
    String[] parts = jwt.split("\\.");
    if (parts.length != 3 || !constantTimeEquals(sign(parts[0] + "." + parts[1]), parts[2])) {
      return Optional.empty();
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> claims = Json.M.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
      Object exp = claims.get("exp");
      if (exp instanceof Number n && n.longValue() * 1000 < clock.millis()) {
        return Optional.empty();
      }
      return Optional.of(claims);
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  String hmacHex(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(jwtKey, "HmacSHA256"));
      byte[] d = mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (byte b : d) {
        sb.append(String.format("%02x", b));
      }
      return sb.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String sign(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(jwtKey, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
