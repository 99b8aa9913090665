package dev.lpa.sim;

import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A LivePerson-compatible simulator: HTTPS and WSS on one loopback port, the demo account of
 * {@link DemoAccount}, routing, the consumer side, REST and (optionally) an admin surface.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.start(SimConfig.builder().clock(SimClock.fixed()).admin(true).build())) {
 *   String csds = sim.csdsDomain();          // "127.0.0.1:PORT"
 *   Path ca = sim.caPem();                   // trust this, and only this
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {
  private final SimConfig cfg;
  private final SimCertificates certs;
  private final Store store;
  private final Engine engine;
  private final Files files;
  private final Extras extras;
  private final AgentApi agentApi;
  private final ConsumerApi consumerApi;
  private final Admin admin;
  private final Traffic traffic;
  private final ExecutorService senders;
  private final ScheduledExecutorService ticker;
  private final Map<WsContext, Conn> byCtx = new ConcurrentHashMap<>();
  private final Javalin app;
  private final Path tempDir;
  private final Runnable clockListener;
  private volatile java.util.function.BiConsumer<Conn.Kind, String> frameTap;

  private Simulator(SimConfig cfg) throws IOException {
    this.cfg = cfg;
    this.tempDir = cfg.dataDir() == null ? java.nio.file.Files.createTempDirectory("lpa-sim") : null;
    Path dir = cfg.dataDir() == null ? tempDir : cfg.dataDir();
    this.certs = SimCertificates.loadOrCreate(dir);
    try {
      this.store = new Store(cfg.dataDir() == null ? null : dir.resolve("sim.db"));
    } catch (java.sql.SQLException e) {
      throw new IOException("cannot open the simulator database", e);
    }
    byte[] key = store.meta("signing-key").map(HexFormat.of()::parseHex).orElseGet(() -> {
      byte[] k = new byte[32];
      new SecureRandom().nextBytes(k);
      store.putMeta("signing-key", HexFormat.of().formatHex(k));
      return k;
    });
    Auth auth = new Auth(cfg.clock(), cfg.sessionTtl(), key, cfg.loadAgents());
    auth.persistTo(store);
    this.engine = new Engine(cfg, store, auth);
    this.files = new Files(engine);
    this.senders = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "sim-send");
      t.setDaemon(true);
      return t;
    });
    this.app = createApp(certs.serverSslContext());
    try {
      app.start();
    } catch (RuntimeException e) {
      // Javalin reports a taken port as JavalinBindException (unchecked); callers get one checked
      // IOException for every start failure, after what was opened so far is released.
      try {
        app.stop();
      } catch (RuntimeException ignored) {
        // the start failure below is the one worth reporting
      }
      senders.shutdownNow();
      store.close();
      deleteTempDir();
      throw new IOException("cannot listen on " + cfg.host() + ":" + cfg.port() + ": " + rootMessage(e), e);
    }
    this.extras = new Extras(engine, baseUrl());
    this.agentApi = new AgentApi(engine, files, extras);
    this.consumerApi = new ConsumerApi(engine, files);
    this.admin = new Admin(this, engine, extras, files);
    this.traffic = new Traffic(engine, files, cfg.trafficRate());
    synchronized (engine) {
      engine.tickHooks.add(extras::tick);
      engine.tickHooks.add(traffic::tick);
    }
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sim-tick");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleWithFixedDelay(this::safeTick, 250, 250, TimeUnit.MILLISECONDS);
    this.clockListener = this::safeTick;
    if (cfg.clock() instanceof SimClock sc) {
      sc.onAdvance(clockListener);
    }
  }

  /** Starts a simulator; it listens when this returns. */
  public static Simulator start(SimConfig cfg) throws IOException {
    return new Simulator(cfg);
  }

  private void safeTick() {
    try {
      engine.tick();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(Simulator.class).warn("timer pass failed", e);
    }
  }

  private Javalin createApp(SSLContext ssl) {
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jetty.addConnector((server, httpConfig) -> {
        SslContextFactory.Server f = new SslContextFactory.Server();
        f.setSslContext(ssl);
        HttpConfiguration https = new HttpConfiguration(httpConfig);
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector c = new ServerConnector(server,
            new SslConnectionFactory(f, HttpVersion.HTTP_1_1.asString()),
            new HttpConnectionFactory(https));
        c.setHost(cfg.host());
        c.setPort(cfg.port());
        return c;
      });
      config.jetty.modifyWebSocketServletFactory(f -> {
        f.setIdleTimeout(cfg.socketIdle());
        f.setMaxTextMessageSize(4 * 1024 * 1024);
      });
      HttpRoutes routes = new HttpRoutes(this);
      routes.register(config.routes);
      config.routes.wsBeforeUpgrade("/ws_api/account/{acct}/messaging/brand/{token}", ctx -> {
        if (!DemoAccount.ACCOUNT_ID.equals(ctx.pathParam("acct"))
            || engine.auth.live(ctx.pathParam("token")).isEmpty()) {
          throw new io.javalin.http.UnauthorizedResponse("bearer invalid or expired");
        }
      });
      config.routes.ws("/ws_api/account/{acct}/messaging/brand/{token}", ws -> {
        ws.onConnect(ctx -> {
          Conn c = new Conn(ctx.sessionId(), Conn.Kind.AGENT, ctx, senders);
          closeWhenIdle(ctx, c);
          c.tap = frameTap;
          c.session = engine.auth.live(ctx.pathParam("token")).orElse(null);
          if (c.session == null) {
            ctx.closeSession(4401, "bearer invalid or expired");
            return;
          }
          byCtx.put(ctx, c);
          engine.attach(c);
        });
        ws.onMessage(ctx -> {
          Conn c = byCtx.get(ctx);
          if (c != null) {
            agentApi.handle(c, ctx.message());
          }
        });
        ws.onClose(ctx -> drop(ctx));
        ws.onError(ctx -> drop(ctx));
      });
      config.routes.ws("/ws_api/account/{acct}/messaging/consumer", ws -> {
        ws.onConnect(ctx -> {
          if (!DemoAccount.ACCOUNT_ID.equals(ctx.pathParam("acct"))) {
            ctx.closeSession(4401, "unknown account");
            return;
          }
          Conn c = new Conn(ctx.sessionId(), Conn.Kind.CONSUMER, ctx, senders);
          closeWhenIdle(ctx, c);
          c.tap = frameTap;
          String props = ctx.header("Client-Properties");
          if (props != null) {
            try {
              c.clientProperties = Json.M.readTree(props);
            } catch (Exception ignored) {
              // a malformed optional header is ignored, as LP's docs ask of unknown input
            }
          }
          String auth = ctx.header("Authorization");
          if (auth != null && auth.regionMatches(true, 0, "jwt ", 0, 4)) {
            String id = consumerApi.consumerFromJwt(auth.substring(4).trim()).orElse(null);
            if (id == null) {
              ctx.closeSession(4401, "consumer JWT invalid or expired");
              return;
            }
            c.consumerId = id;
          }
          byCtx.put(ctx, c);
          engine.attach(c);
        });
        ws.onMessage(ctx -> {
          Conn c = byCtx.get(ctx);
          if (c != null) {
            consumerApi.handle(c, ctx.message());
          }
        });
        ws.onClose(ctx -> drop(ctx));
        ws.onError(ctx -> drop(ctx));
      });
    });
  }

  /**
   * Jetty's idle timer sees every frame, pings included (Javalin does not pass pings on). On
   * expiry the socket is closed normally with 1000 instead of Jetty's 1001 failure close.
   */
  private void closeWhenIdle(WsContext ctx, Conn c) {
    ctx.session.setIdleTimeout(cfg.socketIdle());
    ctx.session.addIdleTimeoutListener(timeout -> {
      c.close(1000, "idle for " + cfg.socketIdle().toSeconds() + " s");
      return false;
    });
  }

  private void drop(WsContext ctx) {
    Conn c = byCtx.remove(ctx);
    if (c != null) {
      engine.detach(c);
    }
  }

  /**
   * Shows {@code tap} every frame queued for sockets opened from now on (tests check them against
   * LivePerson's schemas); null removes it.
   */
  /**
   * For tests: every agent request is first judged by {@code validator} (the frame's text to its
   * schema violations); one with a violation is answered 400, as LivePerson answers a malformed
   * request, and not executed. The schemas stay out of the simulator itself.
   */
  public void validateRequests(java.util.function.Function<String, java.util.List<String>> validator) {
    engine.requestValidator = validator;
  }

  void tapFrames(java.util.function.BiConsumer<Conn.Kind, String> tap) {
    this.frameTap = tap;
  }

  SimConfig config() {
    return cfg;
  }

  Engine engine() {
    return engine;
  }

  Files files() {
    return files;
  }

  Extras extras() {
    return extras;
  }

  Admin adminImpl() {
    return admin;
  }

  public int port() {
    return app.port();
  }

  public String baseUrl() {
    return "https://" + csdsDomain();
  }

  /** Host and port to use as CSDS domain (and every service's base URI). */
  public String csdsDomain() {
    return "127.0.0.1:" + port();
  }

  public Path caPem() {
    return certs.caPem();
  }

  public String accountId() {
    return DemoAccount.ACCOUNT_ID;
  }

  public Clock clock() {
    return cfg.clock();
  }

  /**
   * The admin API (see {@link SimAdmin}).
   *
   * @throws IllegalStateException when the simulator was started without {@code admin(true)}
   */
  public SimAdmin admin() {
    if (!cfg.admin()) {
      throw new IllegalStateException("the admin surface is off: start with SimConfig.builder().admin(true)");
    }
    return admin;
  }

  @Override
  public void close() {
    if (cfg.clock() instanceof SimClock sc) {
      sc.removeListener(clockListener);
    }
    ticker.shutdownNow();
    app.stop();
    senders.shutdownNow();
    store.close();
    deleteTempDir();
  }

  private void deleteTempDir() {
    if (tempDir != null) {
      try (var walk = java.nio.file.Files.walk(tempDir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp folder left behind is harmless
      }
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root + ")";
  }


}
