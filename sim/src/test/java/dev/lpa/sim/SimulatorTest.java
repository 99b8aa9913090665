package dev.lpa.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class SimulatorTest {
  @Test
  void adminSurfaceIsOffByDefault() throws Exception {
    try (Simulator sim = Simulator.start(SimConfig.builder().clock(SimClock.fixed()).build())) {
      assertThat(sim.baseUrl()).isEqualTo("https://127.0.0.1:" + sim.port());
      assertThat(sim.csdsDomain()).isEqualTo("127.0.0.1:" + sim.port());
      assertThat(sim.accountId()).isEqualTo(DemoAccount.ACCOUNT_ID);
      assertThatThrownBy(sim::admin).isInstanceOf(IllegalStateException.class);
      OkHttpClient http = SimTestBase.client(sim);
      try (Response r = http.newCall(new Request.Builder().url(sim.baseUrl() + "/admin/conversations").build()).execute()) {
        assertThat(r.code()).isEqualTo(404);
      }
      http.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void aTakenPortIsAnIOException() throws Exception {
    // The port is held by a plain socket this test owns, so nothing else can free or reuse it
    // while the simulator tries to bind.
    try (java.net.ServerSocket taken = new java.net.ServerSocket()) {
      taken.setReuseAddress(false);
      taken.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> Simulator.start(SimConfig.builder().clock(SimClock.fixed()).port(port).build()))
          .isExactlyInstanceOf(java.io.IOException.class)
          .hasMessageContaining("127.0.0.1:" + port)
          .hasRootCauseInstanceOf(java.net.BindException.class);
    }
  }

  @Test
  void aSecondSimulatorOnTheSamePortFailsAndTheFirstKeepsServing() throws Exception {
    try (Simulator first = Simulator.start(SimConfig.builder().clock(SimClock.fixed()).build())) {
      assertThatThrownBy(() -> Simulator.start(SimConfig.builder().clock(SimClock.fixed()).port(first.port()).build()))
          .isExactlyInstanceOf(java.io.IOException.class).hasMessageContaining(String.valueOf(first.port()));
      OkHttpClient http = SimTestBase.client(first);
      try (Response r = http.newCall(new Request.Builder()
          .url(first.baseUrl() + "/api/account/" + DemoAccount.ACCOUNT_ID + "/login?v=1.3")
          .post(okhttp3.RequestBody.create("{\"username\":\"agent1\",\"password\":\"agent1-pass\"}", SimTestBase.JSON))
          .build()).execute()) {
        assertThat(r.code()).isEqualTo(200);
      }
      http.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void advanceClockNeedsASimClock() throws Exception {
    try (Simulator sim = Simulator.start(SimConfig.builder().admin(true).build())) {
      assertThatThrownBy(() -> sim.admin().advanceClock(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void trafficGeneratorOpensAndPlaysConversationsOnTheInjectedClock() throws Exception {
    SimClock clock = SimClock.fixed();
    try (Simulator sim = Simulator.start(SimConfig.builder().clock(clock).admin(true).trafficRate(6).build())) {
      assertThat(sim.admin().openConversations()).isEmpty();
      for (int i = 0; i < 60; i++) {
        sim.admin().advanceClock(Duration.ofSeconds(5));
      }
      Engine e = sim.engine();
      synchronized (e) {
        assertThat(e.convs).hasSizeBetween(10, 80);
        long events = e.convs.values().stream().mapToLong(c -> c.main().events.size()).sum();
        assertThat(events).isGreaterThan(e.convs.size());
        assertThat(e.convs.values()).anyMatch(c -> !c.open());
      }
    }
  }

  @Test
  void demoAccountIsStable() {
    assertThat(DemoAccount.users()).hasSize(8);
    assertThat(DemoAccount.users().get(0)).isEqualTo(new DemoAccount.Login("agent", "90233546", "agent1", "agent1-pass"));
    assertThat(DemoAccount.user("manager2").get().managerOf()).containsExactly(DemoAccount.GROUP_TEAM_B);
    assertThat(DemoAccount.teamOf(DemoAccount.user("manager1").get())).extracting(DemoAccount.User::login)
        .containsExactly("agent1", "agent2", "agent3");
    assertThat(DemoAccount.USERS).extracting(DemoAccount.User::pid).doesNotHaveDuplicates();
    assertThat(DemoAccount.CONSUMERS).anyMatch(c -> c.phone() != null && c.avatarUrl() == null)
        .anyMatch(c -> c.phone() == null && c.avatarUrl() != null);
  }

  @Test
  void idleSocketsAreClosedWith1000() throws Exception {
    try (Simulator sim = Simulator.start(SimConfig.builder().clock(SimClock.fixed()).socketIdle(Duration.ofMillis(1500)).build())) {
      OkHttpClient http = SimTestBase.client(sim);
      String bearer;
      try (Response r = http.newCall(new Request.Builder().url(sim.baseUrl() + "/api/account/" + DemoAccount.ACCOUNT_ID + "/login?v=1.3")
          .post(okhttp3.RequestBody.create("{\"username\":\"agent1\",\"password\":\"agent1-pass\"}", SimTestBase.JSON)).build()).execute()) {
        bearer = Json.M.readTree(r.body().string()).path("bearer").asText();
      }
      WsProbe quiet = WsProbe.open(http, "wss://" + sim.csdsDomain() + "/ws_api/account/" + DemoAccount.ACCOUNT_ID
          + "/messaging/brand/" + bearer + "?v=2.1", "agent");
      assertThat(quiet.awaitClose()).isTrue();
      assertThat(quiet.closeCode).isEqualTo(1000);
      // OkHttp fails a socket whose pong is not back before the next ping; 300 ms leaves room on a
      // loaded machine and still pings several times per idle period.
      OkHttpClient pinging = http.newBuilder().pingInterval(Duration.ofMillis(300)).build();
      WsProbe alive = WsProbe.open(pinging, "wss://" + sim.csdsDomain() + "/ws_api/account/" + DemoAccount.ACCOUNT_ID
          + "/messaging/brand/" + bearer + "?v=2.1", "agent");
      assertThat(alive.closed.await(2500, java.util.concurrent.TimeUnit.MILLISECONDS))
          .as("pings keep it open (close code %s, failure %s)", alive.closeCode, alive.error).isFalse();
      alive.close();
      http.dispatcher().executorService().shutdown();
    }
  }
}
