package dev.lpa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class AuthTest extends SimTestBase {
  @Test
  void csdsListsEveryServicePointingBackAtTheSimulator() throws Exception {
    JsonNode all = json(get("/api/account/" + ACCT + "/service/baseURI.json?version=1.0", null));
    List<String> services = new ArrayList<>();
    all.path("baseURIs").forEach(n -> {
      services.add(n.path("service").asText());
      assertThat(n.path("baseURI").asText()).isEqualTo(sim.csdsDomain());
      assertThat(n.path("account").asText()).isEqualTo(ACCT);
    });
    assertThat(services).contains("agentVep", "asyncMessagingEnt", "facadeMsg", "msgHist", "accountConfigReadOnly",
        "accountConfigReadWrite", "swift", "sentinel", "leDataReporting", "idp");
    JsonNode one = json(get("/api/account/" + ACCT + "/service/msgHist/baseURI.json?version=1.0", null));
    assertThat(one.path("service").asText()).isEqualTo("msgHist");
    assertThat(one.path("baseURI").asText()).isEqualTo(sim.csdsDomain());
    JsonNode csdr = json(get("/csdr/account/" + ACCT + "/service/baseURI.json?version=1.0", null));
    assertThat(csdr.path("baseURIs")).hasSameSizeAs(all.path("baseURIs"));
    try (Response r = get("/api/account/" + ACCT + "/service/nope/baseURI.json?version=1.0", null)) {
      assertThat(r.code()).isEqualTo(404);
    }
    try (Response r = get("/api/account/1234/service/baseURI.json?version=1.0", null)) {
      assertThat(r.code()).isEqualTo(401);
    }
  }

  @Test
  void passwordLoginReturnsTheV13ShapeAndASessionCookie() throws Exception {
    try (Response r = post("/api/account/" + ACCT + "/login?v=1.3", Map.of("username", "agent2", "password", "agent2-pass"), null)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.headers("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("session_id=").contains("Secure"));
      JsonNode b = Json.M.readTree(r.body().string());
      assertThat(b.path("bearer").asText()).isNotBlank();
      assertThat(b.path("csrf").asText()).isNotBlank();
      assertThat(b.path("config").path("userId").asText()).isEqualTo("1002");
      assertThat(b.path("config").path("userPid").asText()).isEqualTo(DemoAccount.user("agent2").get().pid());
      assertThat(b.path("config").path("loginName").asText()).isEqualTo("agent2");
      assertThat(b.path("sessionTTl").asText()).isEqualTo("28800000");
      assertThat(b.path("csdsCollectionResponse").path("baseURIs").size()).isGreaterThan(5);
      assertThat(b.path("accountData").path("agentGroupsData").path("items").get(0).path("name").asText()).isEqualTo("Main Group");
    }
  }

  @Test
  void badPasswordsAre401ThenThrottledWith429() throws Exception {
    for (int i = 0; i < Auth.MAX_BAD_PASSWORDS - 1; i++) {
      try (Response r = post("/api/account/" + ACCT + "/login?v=1.3", Map.of("username", "agent3", "password", "wrong"), null)) {
        assertThat(r.code()).isEqualTo(401);
        JsonNode b = Json.M.readTree(r.body().string());
        assertThat(b.path("error").path("responseStatus").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(b.path("error").path("message").asText()).isNotBlank();
      }
    }
    try (Response r = post("/api/account/" + ACCT + "/login?v=1.3", Map.of("username", "agent3", "password", "wrong"), null)) {
      assertThat(r.code()).isEqualTo(429);
    }
    try (Response r = post("/api/account/" + ACCT + "/login?v=1.3", Map.of("username", "agent3", "password", "agent3-pass"), null)) {
      assertThat(r.code()).as("locked even with the right password").isEqualTo(429);
    }
    admin.advanceClock(Auth.LOCKOUT.plusSeconds(1));
    login("agent3");
    try (Response r = post("/api/account/" + ACCT + "/login?v=1.3", "not json", null)) {
      assertThat(r.code()).isEqualTo(400);
    }
  }

  private Response vep(String op, Login l, String csrf) throws Exception {
    Request req = new Request.Builder().url(url("/api/account/" + ACCT + "/" + op + "?v=1.3"))
        .header("Cookie", "session_id=" + l.cookie())
        .post(RequestBody.create(Json.M.writeValueAsString(Map.of("csrf", csrf)), JSON)).build();
    return http.newCall(req).execute();
  }

  @Test
  void refreshNeedsCookieAndCsrfAndExtendsTheSession() throws Exception {
    Login l = login("agent1");
    admin.advanceClock(Duration.ofHours(7));
    String next;
    try (Response r = vep("refresh", l, l.csrf())) {
      assertThat(r.code()).isEqualTo(200);
      next = r.headers("Set-Cookie").stream().filter(c -> c.startsWith("session_id="))
          .map(c -> c.substring("session_id=".length(), c.indexOf(';'))).findFirst().orElseThrow();
    }
    assertThat(next).as("a refresh answers with a new session cookie").isNotEqualTo(l.cookie());
    Login first = l;
    l = new Login(l.bearer(), l.csrf(), next, l.userId(), l.pid(), l.legacyId());
    try (Response r = vep("refresh", l, l.csrf())) {
      assertThat(r.code()).isEqualTo(200);
    }
    try (Response r = vep("refresh", first, first.csrf())) {
      assertThat(r.code()).as("another process's cookie, one refresh old, still works").isEqualTo(200);
    }
    for (int i = 0; i < Auth.COOKIES_KEPT; i++) {
      try (Response r = vep("refresh", l, l.csrf())) {
        assertThat(r.code()).isEqualTo(200);
        String c = r.headers("Set-Cookie").stream().filter(h -> h.startsWith("session_id="))
            .map(h -> h.substring("session_id=".length(), h.indexOf(';'))).findFirst().orElseThrow();
        l = new Login(l.bearer(), l.csrf(), c, l.userId(), l.pid(), l.legacyId());
      }
    }
    try (Response r = vep("refresh", first, first.csrf())) {
      assertThat(r.code()).as("a cookie never replaced in %d refreshes is spent", Auth.COOKIES_KEPT).isEqualTo(401);
    }
    try (Response r = vep("refresh", l, "bad")) {
      assertThat(r.code()).isEqualTo(401);
      assertThat(Json.M.readTree(r.body().string()).path("error").path("internalCode").asInt()).isEqualTo(10);
    }
    admin.advanceClock(Duration.ofHours(7));
    try (Response r = get("/api/account/" + ACCT + "/configuration/le-users/skills?v=2.0", l.bearer())) {
      assertThat(r.code()).as("refresh moved the expiry").isEqualTo(200);
    }
  }

  @Test
  void expiredBearerIs401OnRestClosesSocketWith4401AndRefusesUpgrade() throws Exception {
    Login l = login("agent1");
    WsProbe p = agentSocket(l);
    p.sync();
    admin.advanceClock(Duration.ofHours(8).plusSeconds(1));
    assertThat(p.awaitClose()).isTrue();
    assertThat(p.closeCode).isEqualTo(4401);
    try (Response r = get("/api/account/" + ACCT + "/configuration/le-users/skills?v=2.0", l.bearer())) {
      assertThat(r.code()).isEqualTo(401);
      assertThat(Json.M.readTree(r.body().string()).path("message").asText()).isNotBlank();
    }
    WsProbe again = WsProbe.open(http, agentWsUrl(l.bearer()), "agent");
    assertThat(again.failure).isNotNull();
    assertThat(again.failure.code()).isEqualTo(401);
  }

  @Test
  void logoutKillsTheSessionAndAdminExpireClosesSockets() throws Exception {
    Login l = login("agent1");
    try (Response r = vep("logout", l, l.csrf())) {
      assertThat(r.code()).isEqualTo(200);
    }
    try (Response r = get("/api/account/" + ACCT + "/configuration/le-users/skills?v=2.0", l.bearer())) {
      assertThat(r.code()).isEqualTo(401);
    }
    Login m = login("manager1");
    WsProbe p = agentSocket(m);
    p.sync();
    assertThat(admin.expireSession("manager1")).isEqualTo(1);
    assertThat(p.awaitClose()).isTrue();
    assertThat(p.closeCode).isEqualTo(4401);
  }

  @Test
  void samlAssertionLogsIn() throws Exception {
    String assertion = admin.samlAssertion("manager2");
    JsonNode b = json(post("/api/account/" + ACCT + "/login?v=1.3", Map.of("jwt", "dummy", "assertion", assertion), null));
    assertThat(b.path("config").path("loginName").asText()).isEqualTo("manager2");
    String forged = Base64.getEncoder().encodeToString(new String(Base64.getDecoder().decode(assertion), StandardCharsets.UTF_8)
        .replace("manager2", "manager1").getBytes(StandardCharsets.UTF_8));
    try (Response r = post("/api/account/" + ACCT + "/login?v=1.3", Map.of("jwt", "dummy", "assertion", forged), null)) {
      assertThat(r.code()).isEqualTo(401);
    }
  }

  @Test
  void oauthCodeFlowWithPkceGivesAWorkingBearerAndRefreshToken() throws Exception {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    String redirect = DemoAccount.OAUTH_REDIRECT_URI;
    HttpUrl authorize = httpUrl("/oauth/authorize").newBuilder()
        .addQueryParameter("client_id", DemoAccount.OAUTH_CLIENT_ID).addQueryParameter("redirect_uri", redirect)
        .addQueryParameter("response_type", "code").addQueryParameter("state", "xyz<1>")
        .addQueryParameter("code_challenge", Auth.s256(verifier)).addQueryParameter("code_challenge_method", "S256").build();
    try (Response r = http.newCall(new Request.Builder().url(authorize).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      String html = r.body().string();
      assertThat(html).contains("<form method=\"post\"").contains("name=\"password\"").contains("xyz&lt;1&gt;");
    }
    FormBody bad = new FormBody.Builder().add("username", "agent1").add("password", "nope").build();
    try (Response r = http.newCall(new Request.Builder().url(authorize).post(bad).build()).execute()) {
      assertThat(r.code()).isEqualTo(401);
    }
    FormBody good = new FormBody.Builder().add("username", "agent1").add("password", "agent1-pass").build();
    String code;
    try (Response r = http.newCall(new Request.Builder().url(authorize).post(good).build()).execute()) {
      assertThat(r.code()).isEqualTo(302);
      HttpUrl back = HttpUrl.get(r.header("Location"));
      assertThat(back.host()).isEqualTo("127.0.0.1");
      assertThat(back.queryParameter("state")).isEqualTo("xyz<1>");
      code = back.queryParameter("code");
    }
    FormBody wrongVerifier = new FormBody.Builder().add("grant_type", "authorization_code").add("code", code)
        .add("redirect_uri", redirect).add("client_id", DemoAccount.OAUTH_CLIENT_ID).add("client_secret", DemoAccount.OAUTH_CLIENT_SECRET).add("code_verifier", "wrong").build();
    try (Response r = http.newCall(new Request.Builder().url(url("/oauth/token")).post(wrongVerifier).build()).execute()) {
      assertThat(r.code()).isEqualTo(400);
      assertThat(Json.M.readTree(r.body().string()).path("error").asText()).isEqualTo("invalid_grant");
    }
    // the code was single-use: a new round trip is needed
    try (Response r = http.newCall(new Request.Builder().url(authorize).post(good).build()).execute()) {
      code = HttpUrl.get(r.header("Location")).queryParameter("code");
    }
    FormBody noSecret = new FormBody.Builder().add("grant_type", "authorization_code").add("code", code)
        .add("redirect_uri", redirect).add("client_id", DemoAccount.OAUTH_CLIENT_ID).add("code_verifier", verifier).build();
    try (Response r = http.newCall(new Request.Builder().url(url("/oauth/token")).post(noSecret).build()).execute()) {
      assertThat(r.code()).as("the installed application's secret is required").isEqualTo(401);
      assertThat(Json.M.readTree(r.body().string()).path("error").asText()).isEqualTo("invalid_client");
    }
    FormBody exchange = new FormBody.Builder().add("grant_type", "authorization_code").add("code", code)
        .add("redirect_uri", redirect).add("client_id", DemoAccount.OAUTH_CLIENT_ID)
        .add("client_secret", DemoAccount.OAUTH_CLIENT_SECRET).add("code_verifier", verifier).build();
    JsonNode tok;
    try (Response r = http.newCall(new Request.Builder().url(url("/oauth/token")).post(exchange).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      tok = Json.M.readTree(r.body().string());
    }
    assertThat(tok.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(tok.path("userId").asText()).isEqualTo("1001");
    assertThat(tok.path("id_token").asText().split("\\.")).hasSize(3);
    try (Response r = get("/api/account/" + ACCT + "/configuration/le-users/skills?v=2.0", tok.path("access_token").asText())) {
      assertThat(r.code()).isEqualTo(200);
    }
    WsProbe p = agentSocket(new Login(tok.path("access_token").asText(), null, null, "1001", tok.path("userPid").asText(), ACCT + ".1001"));
    p.ok("GetClock", Map.of());
    FormBody refresh = new FormBody.Builder().add("grant_type", "refresh_token")
        .add("refresh_token", tok.path("refresh_token").asText()).add("client_id", DemoAccount.OAUTH_CLIENT_ID)
        .add("client_secret", DemoAccount.OAUTH_CLIENT_SECRET).build();
    FormBody wrongSecret = new FormBody.Builder().add("grant_type", "refresh_token")
        .add("refresh_token", tok.path("refresh_token").asText()).add("client_id", DemoAccount.OAUTH_CLIENT_ID)
        .add("client_secret", "guess").build();
    try (Response r = http.newCall(new Request.Builder().url(url("/oauth/token")).post(wrongSecret).build()).execute()) {
      assertThat(r.code()).isEqualTo(401);
    }
    JsonNode tok2 = json(http.newCall(new Request.Builder().url(url("/oauth/token")).post(refresh).build()).execute());
    assertThat(tok2.path("access_token").asText()).isNotBlank().isNotEqualTo(tok.path("access_token").asText());
    try (Response r = http.newCall(new Request.Builder().url(url("/oauth/token")).post(refresh).build()).execute()) {
      assertThat(r.code()).as("refresh tokens rotate").isEqualTo(400);
    }
    FormBody revokeNoSecret = new FormBody.Builder().add("token", tok2.path("refresh_token").asText())
        .add("client_id", DemoAccount.OAUTH_CLIENT_ID).build();
    try (Response r = http.newCall(new Request.Builder().url(url("/oauth/revoke")).post(revokeNoSecret).build()).execute()) {
      assertThat(r.code()).isEqualTo(401);
    }
    FormBody revoke = new FormBody.Builder().add("token", tok2.path("refresh_token").asText())
        .add("client_id", DemoAccount.OAUTH_CLIENT_ID).add("client_secret", DemoAccount.OAUTH_CLIENT_SECRET).build();
    try (Response r = http.newCall(new Request.Builder().url(url("/oauth/revoke")).post(revoke).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
    }
    try (Response r = get("/api/account/" + ACCT + "/configuration/le-users/skills?v=2.0", tok2.path("access_token").asText())) {
      assertThat(r.code()).isEqualTo(401);
    }
  }

  @Test
  void oauthRefusesUndeclaredRedirectsAndUnknownClients() throws Exception {
    for (String undeclared : List.of("https://evil.example.com/cb", "http://127.0.0.1:5000/cb")) {
      String q = "?client_id=" + DemoAccount.OAUTH_CLIENT_ID + "&response_type=code&redirect_uri="
          + URLEncoder.encode(undeclared, StandardCharsets.UTF_8);
      try (Response r = get("/oauth/authorize" + q, null)) {
        assertThat(r.code()).as(undeclared).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
        assertThat(Json.M.readTree(r.body().string()).path("error").asText()).isEqualTo("invalid_request");
      }
    }
    try (Response r = get("/oauth/authorize?client_id=other&response_type=code&redirect_uri="
        + URLEncoder.encode(DemoAccount.OAUTH_REDIRECT_URI, StandardCharsets.UTF_8), null)) {
      assertThat(r.code()).as("LivePerson: 401 for an invalid application id").isEqualTo(401);
      assertThat(Json.M.readTree(r.body().string()).path("error").asText()).isEqualTo("invalid_client");
    }
  }

  @Test
  void injectedFailuresAndDelaysHitRest() throws Exception {
    Login l = login("agent1");
    admin.failNext(2, 503);
    try (Response r = get("/api/account/" + ACCT + "/configuration/le-users/skills?v=2.0", l.bearer())) {
      assertThat(r.code()).isEqualTo(503);
    }
    admin.failNext(1, 429);
    try (Response r = get("/api/account/" + ACCT + "/configuration/le-users/skills?v=2.0", l.bearer())) {
      assertThat(r.code()).isEqualTo(429);
      assertThat(r.header("Retry-After")).isEqualTo("1");
    }
    try (Response r = get("/api/account/" + ACCT + "/configuration/le-users/skills?v=2.0", l.bearer())) {
      assertThat(r.code()).isEqualTo(200);
    }
    admin.slowNext(1, Duration.ofMillis(300));
    long t0 = System.nanoTime();
    try (Response r = get("/api/account/" + ACCT + "/configuration/le-users/skills?v=2.0", l.bearer())) {
      assertThat(r.code()).isEqualTo(200);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }
}
