package dev.lpa.sim;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How to start a {@link Simulator}. Use {@link #builder()}; every field has a default.
 *
 * @param port TCP port, 0 = any free port
 * @param host listen address (loopback by default)
 * @param dataDir null = a temporary folder for the certificates and an in-memory database;
 *     otherwise certificates and {@code sim.db} live there and state survives restarts
 * @param clock time source for everything (use a {@link SimClock} in tests)
 * @param admin whether the admin surface (Java API and {@code /admin/...}) is enabled
 * @param trafficRate simulated conversations per minute, 0 = off
 * @param ringTimeout how long a ring waits before moving on to the next agent
 * @param autoCloseAfter idle time after which a conversation pending the consumer closes
 * @param loadAgents extra agents {@code load1..loadN} for load tests (see {@link LoadAgents}), 0 = none
 * @param socketIdle sockets with no frame and no ping for this long are closed with 1000 (decisions.md #15)
 * @param emptyFirstNotification whether a SubscribeExConversations with nothing to return still gets
 *     an (empty) first notification; LivePerson's docs are silent, so clients must cope without one.
 *     True by default; {@code SimAdmin.emptyFirstNotification} changes it at run time
 * @param simulatorExtras whether CSDS announces the simulator-only extras (service
 *     {@code lpaSimulatorExtras}); false makes the client treat the account as LivePerson's
 * @param loginUserPid whether the login answer carries {@code config.userPid} (the Node SDK reads it;
 *     LivePerson's documented example has none), true by default
 */
public record SimConfig(
    int port,
    String host,
    Path dataDir,
    Clock clock,
    boolean admin,
    double trafficRate,
    Duration ringTimeout,
    Duration autoCloseAfter,
    Duration sessionTtl,
    Duration transferFallback,
    int loadAgents,
    Duration socketIdle,
    boolean loginUserPid,
    boolean emptyFirstNotification,
    boolean simulatorExtras) {

  public static Builder builder() {
    return new Builder();
  }

  public static SimConfig defaults() {
    return builder().build();
  }

  /** Builder with the documented defaults. */
  public static final class Builder {
    private int port = 0;
    private String host = "127.0.0.1";
    private Path dataDir;
    private Clock clock = Clock.systemUTC();
    private boolean admin;
    private double trafficRate;
    private Duration ringTimeout = Duration.ofSeconds(60);
    private Duration autoCloseAfter = Duration.ofMinutes(60);
    private Duration sessionTtl = Duration.ofHours(8);
    private Duration transferFallback = Duration.ofMinutes(2);
    private int loadAgents;
    private Duration socketIdle = Duration.ofSeconds(120);
    private boolean loginUserPid = true;
    private boolean emptyFirstNotification = true;
    private boolean simulatorExtras = true;

    public Builder port(int port) { this.port = port; return this; }
    public Builder host(String host) { this.host = host; return this; }
    public Builder dataDir(Path dataDir) { this.dataDir = dataDir; return this; }
    public Builder clock(Clock clock) { this.clock = clock; return this; }
    public Builder admin(boolean admin) { this.admin = admin; return this; }
    public Builder trafficRate(double rate) { this.trafficRate = rate; return this; }
    public Builder ringTimeout(Duration d) { this.ringTimeout = d; return this; }
    public Builder autoCloseAfter(Duration d) { this.autoCloseAfter = d; return this; }
    public Builder sessionTtl(Duration d) { this.sessionTtl = d; return this; }
    public Builder transferFallback(Duration d) { this.transferFallback = d; return this; }
    public Builder loadAgents(int n) { this.loadAgents = n; return this; }
    public Builder socketIdle(Duration d) { this.socketIdle = d; return this; }
    public Builder loginUserPid(boolean on) { this.loginUserPid = on; return this; }
    public Builder emptyFirstNotification(boolean on) { this.emptyFirstNotification = on; return this; }
    public Builder simulatorExtras(boolean on) { this.simulatorExtras = on; return this; }

    public SimConfig build() {
      return new SimConfig(port, host, dataDir, clock, admin, trafficRate, ringTimeout,
          autoCloseAfter, sessionTtl, transferFallback, loadAgents, socketIdle, loginUserPid,
          emptyFirstNotification, simulatorExtras);
    }
  }
}
