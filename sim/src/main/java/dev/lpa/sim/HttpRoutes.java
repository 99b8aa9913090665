package dev.lpa.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CSDS, login/refresh/logout, the OAuth code flow, consumer idp, file storage and admin over HTTP. */
final class HttpRoutes {
  static final String COOKIE = "session_id";
  static final String CLIENT_ID = DemoAccount.OAUTH_CLIENT_ID;
  static final List<String> SERVICES = List.of("agentVep", "asyncMessagingEnt", "facadeMsg", "msgHist",
      "accountConfigReadOnly", "accountConfigReadWrite", "acCdnDomain", "swift", "sentinel",
      "leDataReporting", "msgEwtAPI", "agentActivityDomain", "idp", "appKeyManagement", "runtimeFormLogic",
      "secureFormConfig", "lpaSimulatorExtras");
  /**
   * A service name LivePerson's CSDS does not have: it tells clients that this server also
   * serves the simulator-only extras (secure form values, call invitations), which LivePerson's
   * documentation gives agent applications no way to use.
   */
  static final String SIMULATOR_EXTRAS = "lpaSimulatorExtras";

  private final Simulator sim;

  HttpRoutes(Simulator sim) {
    this.sim = sim;
  }

  private Engine e() {
    return sim.engine();
  }

  void register(RoutesConfig r) {
    r.exception(Engine.Fail.class, (ex, ctx) -> {
      ctx.status(ex.code).json(Map.of("message", ex.getMessage()));
    });
    r.exception(OAuthRefusal.class, (ex, ctx) -> oauthError(ctx, ex.status, ex.error, ex.getMessage()));
    r.before(this::faults);
    // CSDS
    for (String prefix : List.of("/api/account/{acct}/service", "/csdr/account/{acct}/service")) {
      r.get(prefix + "/baseURI.json", this::csdsAll);
      r.get(prefix + "/{service}/baseURI.json", this::csdsOne);
    }
    // agentVep
    r.post("/api/account/{acct}/login", this::login);
    r.post("/api/account/{acct}/refresh", this::refresh);
    r.post("/api/account/{acct}/logout", this::logout);
    // OAuth (SSO stand-in), plus the Sentinel-shaped aliases
    for (String prefix : List.of("/oauth", "/sentinel/api/account/{acct}")) {
      r.get(prefix + "/authorize", this::authorizeForm);
      r.post(prefix + "/authorize", this::authorizeSubmit);
      r.post(prefix + "/token", this::token);
    }
    r.post("/oauth/revoke", this::revoke);
    r.post("/sentinel/api/account/{acct}/token/revoke", this::revoke);
    // consumer identity
    r.post("/api/account/{acct}/signup", this::signup);
    r.post("/api/account/{acct}/authenticate", this::authenticate);
    // swift
    r.put("/v1/AUTH_async-images/{acct}/{file}", this::filePut);
    r.get("/v1/AUTH_async-images/{acct}/{file}", this::fileGet);
    // calls and forms
    r.get("/call/{serviceId}", this::callPage);
    r.get("/forms/{submissionId}", ctx -> {
      synchronized (e()) {
        ctx.json(sim.extras().readForm(ctx.pathParam("submissionId"), ctx.queryParam("token")));
      }
    });
    new RestApi(sim).register(r);
    if (sim.config().admin()) {
      new AdminRoutes(sim).register(r);
    }
  }

  /** Admin-injected failures and delays, for every REST and login request. */
  private void faults(Context ctx) throws InterruptedException {
    String p = ctx.path();
    if (!sim.config().admin() || p.startsWith("/admin") || p.startsWith("/ws_api")) {
      return;
    }
    Admin a = sim.adminImpl();
    if (a == null) {
      return;
    }
    Duration d = a.takeDelay();
    if (!d.isZero()) {
      Thread.sleep(d.toMillis());
    }
    int refused = a.refusal(p);
    if (refused > 0) {
      throw new Engine.Fail(refused, "refused by the simulator's admin for " + p);
    }
    int status = a.takeFailure();
    if (status > 0) {
      if (status == 429) {
        ctx.header("Retry-After", "1");
      }
      throw new Engine.Fail(status, "injected failure");
    }
  }

  static void checkAccount(Context ctx) {
    String acct = ctx.pathParamMap().get("acct");
    if (acct != null && !DemoAccount.ACCOUNT_ID.equals(acct)) {
      throw new Engine.Fail(401, "unknown site " + acct);
    }
  }

  private List<Map<String, String>> baseUris(String acct) {
    return SERVICES.stream().filter(s -> sim.config().simulatorExtras() || !s.equals(SIMULATOR_EXTRAS)).map(s -> {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("service", s);
      m.put("account", acct);
      m.put("baseURI", sim.csdsDomain());
      return m;
    }).toList();
  }

  private void csdsAll(Context ctx) {
    checkAccount(ctx);
    ctx.json(Map.of("baseURIs", baseUris(ctx.pathParam("acct"))));
  }

  private void csdsOne(Context ctx) {
    checkAccount(ctx);
    String s = ctx.pathParam("service");
    if (!SERVICES.contains(s) || (s.equals(SIMULATOR_EXTRAS) && !sim.config().simulatorExtras())) {
      throw new Engine.Fail(404, "unknown service " + s);
    }
    Map<String, String> m = new LinkedHashMap<>();
    m.put("service", s);
    m.put("account", ctx.pathParam("acct"));
    m.put("baseURI", sim.csdsDomain());
    ctx.json(m);
  }

  // ------------------------------------------------------------------ agentVep

  private static ObjectNode vepError(int status, String message, int internalCode, String responseStatus) {
    ObjectNode o = Json.obj();
    o.putObject("error").put("time", Instant.now().toString()).put("message", message)
        .put("internalCode", internalCode).put("responseStatus", responseStatus);
    return o;
  }

  private void login(Context ctx) {
    if (!DemoAccount.ACCOUNT_ID.equals(ctx.pathParam("acct"))) {
      ctx.status(401).json(vepError(401, "invalid site", 1, "UNAUTHORIZED"));
      return;
    }
    JsonNode body;
    try {
      body = Json.M.readTree(ctx.body());
    } catch (Exception ex) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      ctx.status(400).json(vepError(400, "request body must be a JSON object", 2, "BAD_REQUEST"));
      return;
    }
    Auth auth = e().auth;
    Auth.Session s;
    if (body.hasNonNull("assertion")) {
      Optional<DemoAccount.User> u = Saml.verify(auth, body.get("assertion").asText()).flatMap(DemoAccount::user);
      if (u.isEmpty()) {
        ctx.status(401).json(vepError(401, "invalid SAML assertion", 25, "UNAUTHORIZED"));
        return;
      }
      s = auth.newSession(u.get());
    } else if (body.hasNonNull("username") && body.hasNonNull("password")) {
      Object r = auth.login(body.get("username").asText(), body.get("password").asText());
      if (r == Auth.LoginFailure.THROTTLED) {
        ctx.header("Retry-After", "5");
        ctx.status(429).json(vepError(429, "too many failed logins, retry later", 29, "TOO_MANY_REQUESTS"));
        return;
      }
      if (r == Auth.LoginFailure.BAD_CREDENTIALS) {
        ctx.status(401).json(vepError(401, "invalid username or password", 10, "UNAUTHORIZED"));
        return;
      }
      s = (Auth.Session) r;
    } else if (body.hasNonNull("appKey")) {
      ctx.status(401).json(vepError(401, "application keys are not configured on this account", 11, "UNAUTHORIZED"));
      return;
    } else {
      ctx.status(400).json(vepError(400, "username and password (or assertion) are required", 2, "BAD_REQUEST"));
      return;
    }
    ctx.cookie(new Cookie(COOKIE, s.cookie, "/", -1, true, true, null, SameSite.STRICT));
    ctx.json(loginBody(s, ctx.pathParam("acct")));
  }

  ObjectNode loginBody(Auth.Session s, String acct) {
    DemoAccount.User u = s.user;
    ObjectNode o = Json.obj();
    o.put("csrf", s.csrf);
    o.put("wsuk", e().auth.token(12));
    ObjectNode c = o.putObject("config");
    c.put("loginName", u.login());
    c.put("userId", u.userId());
    if (sim.config().loginUserPid()) {
      c.put("userPid", u.pid());
    }
    ArrayNode priv = c.putArray("userPrivileges");
    priv.add(100).add(101);
    if (u.isManager()) {
      priv.add(1730).add(1731);
    }
    c.put("serverCurrentTime", e().now());
    c.put("timeDiff", 0);
    c.put("serverTimeZoneName", "UTC");
    c.put("serverTimeGMTDiff", 0);
    c.put("isLPA", false);
    c.put("isAdmin", false);
    c.put("accountTimeZoneId", "UTC");
    ArrayNode uris = o.putObject("csdsCollectionResponse").putArray("baseURIs");
    baseUris(acct).forEach(m -> uris.add(Json.M.valueToTree(m)));
    ArrayNode groups = o.putObject("accountData").putObject("agentGroupsData").put("revision", 1).putArray("items");
    for (DemoAccount.Group g : DemoAccount.GROUPS) {
      groups.addObject().put("id", g.id()).put("deleted", false).put("name", g.name());
    }
    o.put("sessionTTl", String.valueOf(e().auth.ttl().toMillis()));
    o.put("bearer", s.bearer);
    return o;
  }

  private String csrfOf(Context ctx) {
    try {
      JsonNode b = Json.M.readTree(ctx.body());
      return b == null ? null : Json.text(b, "csrf");
    } catch (Exception ex) {
      return null;
    }
  }

  private void refresh(Context ctx) {
    checkAccount(ctx);
    String cookie = e().auth.refresh(ctx.cookie(COOKIE), csrfOf(ctx));
    if (cookie == null) {
      ctx.status(401).json(vepError(401, "invalid csrf or session", 10, "UNAUTHORIZED"));
      return;
    }
    ctx.cookie(new Cookie(COOKIE, cookie, "/", -1, true, true, null, SameSite.STRICT));
    ctx.status(200).result("");
  }

  private void logout(Context ctx) {
    checkAccount(ctx);
    Optional<Auth.Session> s = e().auth.byCookie(ctx.cookie(COOKIE));
    if (!e().auth.logout(ctx.cookie(COOKIE), csrfOf(ctx))) {
      ctx.status(401).json(vepError(401, "invalid csrf or session", 10, "UNAUTHORIZED"));
      return;
    }
    synchronized (e()) {
      for (Conn c : e().conns) {
        if (c.session != null && s.isPresent() && c.session == s.get()) {
          c.close(4401, "logged out");
        }
      }
    }
    ctx.status(200).result("");
  }

  // ------------------------------------------------------------------ OAuth


  private static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  private static String param(Context ctx, String name) {
    String v = ctx.formParam(name);
    return v != null ? v : ctx.queryParam(name);
  }

  private static final List<String> AUTH_PARAMS =
      List.of("client_id", "redirect_uri", "response_type", "state", "code_challenge", "code_challenge_method");

  /** Checks the request; returns an error for the redirect, or throws when no redirect is safe. */
  private String checkAuthorize(Context ctx) {
    // LivePerson: 401 for an invalid application id; a redirect URI that was not declared at
    // installation gets no redirect (it could be anyone's), so the error is this answer
    if (!CLIENT_ID.equals(param(ctx, "client_id"))) {
      throw new OAuthRefusal(401, "invalid_client", "unknown application (client_id)");
    }
    String redirect = param(ctx, "redirect_uri");
    if (redirect == null || !e().auth.redirectUris.contains(redirect)) {
      throw new OAuthRefusal(400, "invalid_request", "redirect_uri is not one declared for the application");
    }
    if (!"code".equals(param(ctx, "response_type"))) {
      return "unsupported_response_type";
    }
    String method = param(ctx, "code_challenge_method");
    if (param(ctx, "code_challenge") != null && method != null && !"S256".equals(method)) {
      return "invalid_request";
    }
    return null;
  }

  private void authorizeForm(Context ctx) {
    String err = checkAuthorize(ctx);
    if (err != null) {
      redirectBack(ctx, "error=" + err);
      return;
    }
    ctx.html(formHtml(ctx, null));
  }

  private String formHtml(Context ctx, String error) {
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>lpa simulator sign-in</title></head><body>");
    b.append("<h1>Sign in to account ").append(DemoAccount.ACCOUNT_ID).append("</h1>");
    if (error != null) {
      b.append("<p role=\"alert\">").append(esc(error)).append("</p>");
    }
    b.append("<form method=\"post\">");
    for (String p : AUTH_PARAMS) {
      String v = param(ctx, p);
      if (v != null) {
        b.append("<input type=\"hidden\" name=\"").append(p).append("\" value=\"").append(esc(v)).append("\">");
      }
    }
    b.append("<label>Login <input name=\"username\" autocomplete=\"username\"></label>");
    b.append("<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\"></label>");
    b.append("<button type=\"submit\">Sign in</button></form></body></html>");
    return b.toString();
  }

  private void redirectBack(Context ctx, String query) {
    String uri = param(ctx, "redirect_uri");
    String state = param(ctx, "state");
    String sep = uri.contains("?") ? "&" : "?";
    String target = uri + sep + query + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
    ctx.redirect(target, io.javalin.http.HttpStatus.FOUND);
  }

  private void authorizeSubmit(Context ctx) {
    String err = checkAuthorize(ctx);
    if (err != null) {
      redirectBack(ctx, "error=" + err);
      return;
    }
    Object r = e().auth.authenticate(ctx.formParam("username"), ctx.formParam("password"));
    if (r == Auth.LoginFailure.THROTTLED) {
      ctx.status(429).html(formHtml(ctx, "Too many failed attempts. Wait a moment and try again."));
      return;
    }
    if (r == Auth.LoginFailure.BAD_CREDENTIALS) {
      ctx.status(401).html(formHtml(ctx, "Wrong login or password."));
      return;
    }
    DemoAccount.User user = (DemoAccount.User) r;
    String code = e().auth.issueCode(user, CLIENT_ID, param(ctx, "redirect_uri"), param(ctx, "code_challenge"));
    redirectBack(ctx, "code=" + URLEncoder.encode(code, StandardCharsets.UTF_8));
  }

  /** An OAuth error answered as {@code {"error","error_description"}} (RFC 6749 §5.2). */
  static final class OAuthRefusal extends RuntimeException {
    final int status;
    final String error;

    OAuthRefusal(int status, String error, String description) {
      super(description);
      this.status = status;
      this.error = error;
    }
  }

  /** The application's secret, compared in constant time; false answers 401 invalid_client. */
  private static boolean clientAuthenticated(Context ctx) {
    String secret = ctx.formParam("client_secret");
    return CLIENT_ID.equals(ctx.formParam("client_id")) && secret != null
        && Auth.constantTimeEquals(DemoAccount.OAUTH_CLIENT_SECRET, secret);
  }

  private static void oauthError(Context ctx, int status, String error, String description) {
    ctx.status(status).json(Map.of("error", error, "error_description", description));
  }

  private void token(Context ctx) {
    String grant = ctx.formParam("grant_type");
    if (!clientAuthenticated(ctx)) {
      oauthError(ctx, 401, "invalid_client", "client authentication failed (client_id and client_secret)");
      return;
    }
    Auth auth = e().auth;
    DemoAccount.User user;
    if ("authorization_code".equals(grant)) {
      Optional<Auth.OAuthCode> code = auth.redeem(ctx.formParam("code"));
      if (code.isEmpty()) {
        oauthError(ctx, 400, "invalid_grant", "code unknown, used or expired");
        return;
      }
      Auth.OAuthCode c = code.get();
      if (!c.redirectUri().equals(ctx.formParam("redirect_uri"))) {
        oauthError(ctx, 400, "invalid_grant", "redirect_uri does not match the authorization request");
        return;
      }
      if (c.challenge() != null) {
        String verifier = ctx.formParam("code_verifier");
        if (verifier == null || !Auth.constantTimeEquals(Auth.s256(verifier), c.challenge())) {
          oauthError(ctx, 400, "invalid_grant", "code_verifier does not match code_challenge");
          return;
        }
      }
      user = c.user();
    } else if ("refresh_token".equals(grant)) {
      Optional<DemoAccount.User> u = auth.useRefreshToken(ctx.formParam("refresh_token"), true);
      if (u.isEmpty()) {
        oauthError(ctx, 400, "invalid_grant", "refresh_token unknown or revoked");
        return;
      }
      user = u.get();
    } else {
      oauthError(ctx, 400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
      return;
    }
    Auth.Session s = auth.newSession(user);
    long now = e().now() / 1000;
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", user.userId());
    claims.put("aud", CLIENT_ID);
    claims.put("iss", "sentinel");
    claims.put("iat", now);
    claims.put("exp", now + auth.ttl().toSeconds());
    claims.put("is_admin", false);
    claims.put("is_lpa", false);
    claims.put("lp_user_pid", user.pid());
    claims.put("lp_login_name", user.login());
    ObjectNode o = Json.obj();
    o.put("access_token", s.bearer);
    o.put("token_type", "Bearer");
    o.put("expires_in", auth.ttl().toSeconds());
    o.put("refresh_token", auth.issueRefreshToken(user));
    o.put("id_token", auth.jwt(claims));
    o.put("userId", user.userId());
    o.put("userPid", user.pid());
    o.put("loginName", user.login());
    o.put("csrf", s.csrf);
    ctx.header("Cache-Control", "no-store");
    ctx.json(o);
  }

  private void revoke(Context ctx) {
    if (!clientAuthenticated(ctx)) {
      oauthError(ctx, 401, "invalid_client", "client authentication failed (client_id and client_secret)");
      return;
    }
    String token = ctx.formParam("token");
    Optional<DemoAccount.User> u = e().auth.useRefreshToken(token, false);
    e().auth.revokeRefreshToken(token);
    u.ifPresent(user -> {
      synchronized (e()) {
        for (Conn c : e().connsOf(user.login())) {
          c.close(4401, "token revoked");
        }
      }
    });
    ctx.status(200).result("");
  }

  // ------------------------------------------------------------------ consumer identity

  private void signup(Context ctx) {
    checkAccount(ctx);
    Engine.ConsumerInfo ci;
    synchronized (e()) {
      ci = e().consumer(e().newId());
      e().saveConsumer(ci);
    }
    ctx.json(Map.of("jwt", consumerJwt(ci.id)));
  }

  private void authenticate(Context ctx) {
    checkAccount(ctx);
    String code;
    try {
      code = Json.text(Json.M.readTree(ctx.body()), "authCode");
    } catch (Exception ex) {
      code = null;
    }
    if (code == null || code.isBlank()) {
      throw new Engine.Fail(400, "authCode is required");
    }
    String sub = e().auth.hmacHex("consumer:" + code);
    synchronized (e()) {
      e().saveConsumer(e().consumer(sub));
    }
    ctx.json(Map.of("jwt", consumerJwt(sub)));
  }

  private String consumerJwt(String sub) {
    long now = e().now() / 1000;
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", sub);
    claims.put("aud", "acc:" + DemoAccount.ACCOUNT_ID);
    claims.put("iss", "https://idp.liveperson.net");
    claims.put("iat", now);
    claims.put("exp", now + Duration.ofDays(365).toSeconds());
    return e().auth.jwt(claims);
  }

  // ------------------------------------------------------------------ files

  private void filePut(Context ctx) {
    String path = ctx.path();
    sim.files().put(path, ctx.queryParam("temp_url_sig"), ctx.queryParam("temp_url_expires"), ctx.bodyAsBytes());
    ctx.status(201).result("");
  }

  private void fileGet(Context ctx) {
    String path = ctx.path();
    byte[] b = sim.files().get(path, ctx.queryParam("temp_url_sig"), ctx.queryParam("temp_url_expires"))
        .orElseThrow(() -> new Engine.Fail(404, "file not found"));
    ctx.contentType(Files.contentType(path)).result(b);
  }

  private void callPage(Context ctx) {
    ctx.html("<!doctype html><html><head><meta charset=\"utf-8\"><title>Simulated call</title></head><body>"
        + "<h1>Simulated call</h1><p>Service " + esc(ctx.pathParam("serviceId"))
        + ". The simulator carries no media; this page stands in for the co-browse/call room.</p></body></html>");
  }
}
