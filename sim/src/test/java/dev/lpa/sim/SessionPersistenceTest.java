package dev.lpa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions kept in the data folder: a client's bearer still works after a simulator restart. */
class SessionPersistenceTest {
  private static final String ACCT = DemoAccount.ACCOUNT_ID;
  private static final String SKILLS = "/api/account/" + ACCT + "/configuration/le-users/skills?v=2.0";

  private record Vep(String bearer, String cookie, String csrf) {}

  private static Vep login(OkHttpClient http, Simulator sim, String user) throws Exception {
    try (Response r = http.newCall(new Request.Builder().url(sim.baseUrl() + "/api/account/" + ACCT + "/login?v=1.3")
        .post(RequestBody.create(Json.M.writeValueAsString(Map.of("username", user, "password", user + "-pass")),
            SimTestBase.JSON)).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      JsonNode b = Json.M.readTree(r.body().string());
      String cookie = r.headers("Set-Cookie").stream().filter(c -> c.startsWith("session_id="))
          .map(c -> c.substring("session_id=".length(), c.indexOf(';'))).findFirst().orElseThrow();
      return new Vep(b.path("bearer").asText(), cookie, b.path("csrf").asText());
    }
  }

  private static int vep(OkHttpClient http, Simulator sim, String op, Vep v) throws Exception {
    try (Response r = http.newCall(new Request.Builder().url(sim.baseUrl() + "/api/account/" + ACCT + "/" + op + "?v=1.3")
        .header("Cookie", "session_id=" + v.cookie())
        .post(RequestBody.create(Json.M.writeValueAsString(Map.of("csrf", v.csrf())), SimTestBase.JSON)).build()).execute()) {
      return r.code();
    }
  }

  private static int get(OkHttpClient http, Simulator sim, String path, String bearer) throws Exception {
    try (Response r = http.newCall(new Request.Builder().url(sim.baseUrl() + path)
        .header("Authorization", "Bearer " + bearer).build()).execute()) {
      return r.code();
    }
  }

  @Test
  void bearersCookiesAndLogoutsSurviveARestartOnTheSameDataFolder(@TempDir Path dir) throws Exception {
    SimClock clock = SimClock.fixed();
    Vep agent1;
    Vep agent2;
    try (Simulator first = Simulator.start(SimConfig.builder().clock(clock).dataDir(dir).build())) {
      OkHttpClient http = SimTestBase.client(first);
      agent1 = login(http, first, "agent1");
      agent2 = login(http, first, "agent2");
      assertThat(vep(http, first, "logout", agent2)).isEqualTo(200);
      http.dispatcher().executorService().shutdown();
    }
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("sim.db"))))
          .as("the database holds bearers").isEqualTo("rw-------");
    }
    clock.advance(Duration.ofHours(7));
    try (Simulator second = Simulator.start(SimConfig.builder().clock(clock).dataDir(dir).build())) {
      OkHttpClient http = SimTestBase.client(second);
      assertThat(get(http, second, SKILLS, agent1.bearer())).as("bearer from before the restart").isEqualTo(200);
      WsProbe p = WsProbe.open(http, "wss://" + second.csdsDomain() + "/ws_api/account/" + ACCT
          + "/messaging/brand/" + agent1.bearer() + "?v=2.1", "agent");
      assertThat(p.ok("GetClock", Map.of()).path("currentTime").asLong()).isEqualTo(clock.millis());
      p.close();
      assertThat(get(http, second, SKILLS, agent2.bearer())).as("a logout stays a logout").isEqualTo(401);
      assertThat(vep(http, second, "refresh", agent1)).as("cookie and csrf from before the restart").isEqualTo(200);
      http.dispatcher().executorService().shutdown();
    }
    clock.advance(Duration.ofHours(7));
    try (Simulator third = Simulator.start(SimConfig.builder().clock(clock).dataDir(dir).build())) {
      OkHttpClient http = SimTestBase.client(third);
      assertThat(get(http, third, SKILLS, agent1.bearer())).as("the refresh before the last restart was kept").isEqualTo(200);
      clock.advance(Duration.ofHours(1).plusSeconds(1));
      assertThat(get(http, third, SKILLS, agent1.bearer())).as("and so was the expiry it set").isEqualTo(401);
      http.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void refreshTokensSurviveAndStillRotate() throws Exception {
    SimClock clock = SimClock.fixed();
    byte[] key = new byte[32];
    DemoAccount.User agent1 = DemoAccount.user("agent1").orElseThrow();
    try (Store store = new Store(null)) {
      Auth before = new Auth(clock, Duration.ofHours(8), key);
      before.persistTo(store);
      String token = before.issueRefreshToken(agent1);
      String revoked = before.issueRefreshToken(agent1);
      assertThat(before.revokeRefreshToken(revoked)).isTrue();

      Auth after = new Auth(clock, Duration.ofHours(8), key);
      after.persistTo(store);
      assertThat(after.useRefreshToken(revoked, true)).isEmpty();
      assertThat(after.useRefreshToken(token, true)).contains(agent1);

      Auth again = new Auth(clock, Duration.ofHours(8), key);
      again.persistTo(store);
      assertThat(again.useRefreshToken(token, true)).as("used once, gone for good").isEmpty();
    }
  }

  @Test
  void storedSessionsOfUnknownLoginsAreDropped() throws Exception {
    SimClock clock = SimClock.fixed();
    try (Store store = new Store(null)) {
      store.putSession("stale", Json.obj().put("bearer", "stale").put("csrf", "c").put("cookie", "k")
          .put("login", "nobody").put("expiresAt", clock.millis() + 60_000).put("revoked", false).toString());
      Auth auth = new Auth(clock, Duration.ofHours(8), new byte[32]);
      auth.persistTo(store);
      assertThat(auth.live("stale")).isEmpty();
      assertThat(store.sessions()).isEmpty();
    }
  }
}
