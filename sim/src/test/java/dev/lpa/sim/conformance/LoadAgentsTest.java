package dev.lpa.sim.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpa.sim.DemoAccount;
import dev.lpa.sim.SimConfig;
import dev.lpa.sim.Simulator;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.Test;

/** The load-test agents that bench/sim-load logs in exist only when the configuration asks for them. */
class LoadAgentsTest {
  private static final ObjectMapper M = new ObjectMapper();

  private static Response login(Simulator sim, String user, String password) throws Exception {
    HandshakeCertificates trust = new HandshakeCertificates.Builder()
        .addTrustedCertificate(Certificates.decodeCertificatePem(Files.readString(sim.caPem()))).build();
    OkHttpClient http = new OkHttpClient.Builder().sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
        .readTimeout(10, TimeUnit.SECONDS).build();
    String body = M.writeValueAsString(java.util.Map.of("username", user, "password", password));
    return http.newCall(new Request.Builder().url(sim.baseUrl() + "/api/account/" + sim.accountId() + "/login?v=1.3")
        .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute();
  }

  @Test
  void loadAgentsLogInOnlyUpToTheConfiguredCount() throws Exception {
    try (Simulator sim = Simulator.start(SimConfig.builder().loadAgents(3).build())) {
      try (Response r = login(sim, "load3", "load3-pass")) {
        assertThat(r.code()).isEqualTo(200);
        JsonNode b = M.readTree(r.body().string());
        assertThat(b.path("config").path("userId").asText()).isEqualTo("100003");
        assertThat(b.path("config").path("userPid").asText()).isNotBlank();
      }
      try (Response r = login(sim, "load4", "load4-pass")) {
        assertThat(r.code()).as("beyond the configured count").isEqualTo(401);
      }
      try (Response r = login(sim, "load1", "wrong")) {
        assertThat(r.code()).isEqualTo(401);
      }
      try (Response r = login(sim, DemoAccount.AGENT1, "agent1-pass")) {
        assertThat(r.code()).as("demo users are unaffected").isEqualTo(200);
      }
    }
  }

  @Test
  void noLoadAgentsByDefault() throws Exception {
    try (Simulator sim = Simulator.start(SimConfig.defaults())) {
      try (Response r = login(sim, "load1", "load1-pass")) {
        assertThat(r.code()).isEqualTo(401);
      }
    }
  }
}
