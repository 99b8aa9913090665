package dev.lpa.core;

import dev.lpa.core.auth.Credentials;
import dev.lpa.core.auth.Endpoint;
import dev.lpa.core.auth.Tuning;
import dev.lpa.core.model.Session;
import dev.lpa.core.testkit.Await;
import dev.lpa.core.workspace.DefaultWorkspace;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceState;
import dev.lpa.sim.DemoAccount;
import dev.lpa.sim.SimAdmin;
import dev.lpa.sim.SimClock;
import dev.lpa.sim.SimConfig;
import dev.lpa.sim.Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A simulator started in-process (TLS on a free loopback port) and clients pointed at it. */
public final class SimFixture implements AutoCloseable {
  public final SimClock clock = new SimClock(Instant.parse("2026-11-27T09:00:00Z"));
  public final Simulator sim;
  public final Path dir;
  private final List<AutoCloseable> closeLater = new ArrayList<>();
  /** Every frame the clients of this fixture sent, in order. */
  public final java.util.Queue<String> frames = new java.util.concurrent.ConcurrentLinkedQueue<>();

  public SimFixture(Path dir) throws Exception {
    this(dir, SimConfig.builder());
  }

  public SimFixture(Path dir, SimConfig.Builder cfg) throws Exception {
    this.dir = dir;
    this.sim = Simulator.start(cfg.clock(clock).admin(true).port(0).build());
    // the simulator as the arbiter, in every test: an agent request that breaks LivePerson's
    // published schemas is answered 400 and not executed, as LivePerson answers it
    dev.lpa.core.schema.SchemaValidator schemas = dev.lpa.core.schema.SchemaValidator.forSharedSchemas();
    sim.validateRequests(schemas::errors);
  }

  public SimAdmin admin() {
    return sim.admin();
  }

  public Endpoint endpoint() {
    return new Endpoint(sim.accountId(), sim.csdsDomain(), sim.caPem(), false);
  }

  public ClientConfig config(String name, Map<String, String> env) {
    return new ClientConfig(dir.resolve(name + "/config"), dir.resolve(name + "/data"), env, clock,
        Duration.ofSeconds(5));
  }

  public LpaClient client(String name, Map<String, String> env) {
    return client(name, env, Tuning.fast());
  }

  public LpaClient client(String name, Map<String, String> env, Tuning tuning) {
    LpaClient c = DefaultLpaClient.create(config(name, env), tuning);
    ((DefaultLpaClient) c).tapFrames(frames::add);
    closeLater.add(c);
    return c;
  }

  public LpaClient client(String name) {
    return client(name, Map.of());
  }

  public Session login(LpaClient c, String login) throws Exception {
    String pw = DemoAccount.user(login).orElseThrow().password();
    return c.login("default", endpoint(), new Credentials.Password(login, pw.toCharArray())).get(10, TimeUnit.SECONDS);
  }

  /** Logs in {@code login} with its own client and opens a ready workspace. */
  public DefaultWorkspace open(String login) throws Exception {
    LpaClient c = client(login + "-" + closeLater.size());
    login(c, login);
    return open(c);
  }

  public DefaultWorkspace open(LpaClient c) throws Exception {
    Workspace w = c.open("default").get(10, TimeUnit.SECONDS);
    closeLater.add(0, w);
    w.ready().get(10, TimeUnit.SECONDS);
    // the start-up look-ups run beside the connection; a test that injects REST faults must
    // not have them taken by a late look-up instead of the request it means
    ((DefaultWorkspace) w).startupLookUps().get(10, TimeUnit.SECONDS);
    return (DefaultWorkspace) w;
  }

  public static Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Waits (polling, at most 10 s) until the workspace state satisfies {@code p}; returns that state. */
  public static WorkspaceState await(Workspace w, Predicate<WorkspaceState> p) {
    return Await.value(() -> {
      WorkspaceState s = w.state();
      return p.test(s) ? s : null;
    }, Duration.ofSeconds(10), () -> "state condition not met; last state: conversations="
        + w.state().conversations().keySet() + " rings=" + w.state().rings() + " connection=" + w.state().connection());
  }

  /**
   * Every frame sent so far, checked against LivePerson's published schemas: returns the
   * problems ("type: error"), empty when all frames that have a schema are valid.
   */
  public List<String> frameProblems() {
    dev.lpa.core.schema.SchemaValidator v = dev.lpa.core.schema.SchemaValidator.forSharedSchemas();
    List<String> out = new ArrayList<>();
    for (String f : frames) {
      dev.lpa.core.schema.SchemaValidator.Result r = v.validate(f);
      for (String e : r.errors()) {
        out.add(r.type() + ": " + e + "  in " + f);
      }
    }
    return out;
  }

  /** How many distinct frame types were checked against a schema (so a test can show it checked something). */
  public long framesWithSchema() {
    dev.lpa.core.schema.SchemaValidator v = dev.lpa.core.schema.SchemaValidator.forSharedSchemas();
    return frames.stream().filter(f -> v.validate(f).hasSchema()).count();
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : closeLater) {
      try {
        c.close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
    sim.close();
  }
}
