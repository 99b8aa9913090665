package dev.lpa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Starts a simulator on port 0 with a {@link SimClock} and the admin surface, and an OkHttp
 * client that trusts only its CA. After each test every frame the probes received is checked
 * against LivePerson's schemas.
 */
abstract class SimTestBase {
  static final MediaType JSON = MediaType.get("application/json");
  static final String ACCT = DemoAccount.ACCOUNT_ID;

  SimClock clock;
  Simulator sim;
  SimAdmin admin;
  OkHttpClient http;
  final List<WsProbe> probes = new ArrayList<>();

  record Login(String bearer, String csrf, String cookie, String userId, String pid, String legacyId) {}

  SimConfig.Builder config() {
    return SimConfig.builder().clock(clock).admin(true);
  }

  @BeforeEach
  void startSimulator() throws Exception {
    clock = SimClock.fixed();
    sim = Simulator.start(config().build());
    admin = sim.admin();
    http = client(sim);
  }

  static OkHttpClient client(Simulator sim) throws IOException {
    HandshakeCertificates trust = new HandshakeCertificates.Builder()
        .addTrustedCertificate(Certificates.decodeCertificatePem(Files.readString(sim.caPem())))
        .build();
    return new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
        .followRedirects(false)
        .readTimeout(10, TimeUnit.SECONDS)
        .build();
  }

  @AfterEach
  void stopAndCheckSchemas() {
    try {
      probes.forEach(WsProbe::close);
      if (Schemas.available()) {
        List<String> problems = new ArrayList<>();
        for (WsProbe p : probes) {
          for (JsonNode f : p.all) {
            for (String v : Schemas.violations(p.side, f)) {
              String text = f.toString();
              problems.add(p.side + " " + f.path("type").asText() + " -> " + v + " in "
                  + (text.length() > 400 ? text.substring(0, 400) + "..." : text));
            }
          }
        }
        assertThat(problems).as("frames that do not match LivePerson's schemas").isEmpty();
      }
    } finally {
      sim.close();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  String url(String path) {
    return sim.baseUrl() + path;
  }

  Response get(String path, String bearer) throws IOException {
    Request.Builder b = new Request.Builder().url(url(path));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.newCall(b.build()).execute();
  }

  Response post(String path, Object body, String bearer) throws IOException {
    Request.Builder b = new Request.Builder().url(url(path))
        .post(RequestBody.create(body instanceof String s ? s : Json.M.writeValueAsString(body), JSON));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.newCall(b.build()).execute();
  }

  static JsonNode json(Response r) throws IOException {
    try (r) {
      String s = r.body().string();
      return s.isEmpty() ? Json.obj() : Json.M.readTree(s);
    }
  }

  Login login(String user) throws IOException {
    try (Response r = post("/api/account/" + ACCT + "/login?v=1.3",
        Map.of("username", user, "password", user + "-pass"), null)) {
      assertThat(r.code()).isEqualTo(200);
      JsonNode b = Json.M.readTree(r.body().string());
      String cookie = r.headers("Set-Cookie").stream().filter(c -> c.startsWith("session_id="))
          .map(c -> c.substring("session_id=".length(), c.indexOf(';'))).findFirst().orElseThrow();
      String userId = b.path("config").path("userId").asText();
      return new Login(b.path("bearer").asText(), b.path("csrf").asText(), cookie, userId,
          b.path("config").path("userPid").asText(), ACCT + "." + userId);
    }
  }

  String agentWsUrl(String bearer) {
    return "wss://" + sim.csdsDomain() + "/ws_api/account/" + ACCT + "/messaging/brand/" + bearer + "?v=2.1";
  }

  WsProbe agentSocket(Login l) throws InterruptedException {
    WsProbe p = WsProbe.open(http, agentWsUrl(l.bearer()), "agent");
    probes.add(p);
    return p;
  }

  /** Logs in, opens a socket, goes ONLINE and subscribes to routing tasks and its conversations. */
  WsProbe onlineAgent(Login l) throws InterruptedException {
    WsProbe p = agentSocket(l);
    p.ok(".ams.routing.SetAgentState", Map.of("availability", "ONLINE", "channels", List.of("MESSAGING"),
        "agentUserId", l.legacyId()));
    p.ok(".ams.aam.SubscribeExConversations", Map.of("agentIds", List.of(l.legacyId()), "convState", List.of("OPEN")));
    p.ok(".ams.routing.SubscribeRoutingTasks", Map.of("channelType", "MESSAGING", "agentId", l.legacyId(), "brandId", ACCT));
    p.drain();
    return p;
  }

  /** Waits for a WAITING ring for this conversation and returns its ringId. */
  static String awaitRing(WsProbe p, String convId) {
    JsonNode n = p.awaitNotification("RoutingTaskNotification", b -> ring(b, convId, "WAITING") != null);
    return ring(n.path("body"), convId, "WAITING").path("ringId").asText();
  }

  static JsonNode ring(JsonNode body, String convId, String state) {
    for (JsonNode ch : body.path("changes")) {
      JsonNode res = ch.path("result");
      if (res.path("conversationId").asText().equals(convId) && "UPSERT".equals(ch.path("type").asText())) {
        for (JsonNode rd : res.path("ringsDetails")) {
          if (rd.path("ringState").asText().equals(state)) {
            return rd;
          }
        }
      }
    }
    return null;
  }

  static void accept(WsProbe p, String ringId) {
    JsonNode r = p.call(".ams.routing.UpdateRingState", Map.of("ringId", ringId, "ringState", "ACCEPTED"));
    assertThat(r.path("code").asInt()).isEqualTo(202);
  }

  /** A conversation UPSERT (or DELETE) for this conversation on an agent socket. */
  static JsonNode awaitConv(WsProbe p, String convId, String changeType, java.util.function.Predicate<JsonNode> result) {
    JsonNode n = p.awaitNotification("ExConversationChangeNotification", b -> change(b, convId, changeType, result) != null);
    return change(n.path("body"), convId, changeType, result);
  }

  static JsonNode change(JsonNode body, String convId, String changeType, java.util.function.Predicate<JsonNode> result) {
    for (JsonNode ch : body.path("changes")) {
      if (ch.path("type").asText().equals(changeType) && ch.path("result").path("convId").asText().equals(convId)
          && result.test(ch.path("result"))) {
        return ch.path("result");
      }
    }
    return null;
  }

  static boolean assignedTo(JsonNode result, String legacyId) {
    for (JsonNode id : result.path("conversationDetails").path("participants").path("ASSIGNED_AGENT")) {
      if (id.asText().equals(legacyId)) {
        return true;
      }
    }
    return false;
  }

  HttpUrl httpUrl(String path) {
    return HttpUrl.get(url(path));
  }
}
