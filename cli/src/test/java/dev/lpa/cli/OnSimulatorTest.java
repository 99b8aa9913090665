package dev.lpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpa.cli.support.CliContext;
import dev.lpa.cli.support.Prompter;
import dev.lpa.cli.support.Terminal;
import dev.lpa.core.DefaultLpaClient;
import dev.lpa.core.auth.Tuning;
import dev.lpa.core.testkit.Await;
import dev.lpa.sim.DemoAccount;
import dev.lpa.sim.SimConfig;
import dev.lpa.sim.Simulator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The commands against the real core client and the real simulator, started in-process on a free
 * loopback port with its own CA. Each test logs in a different demo agent with skills no other
 * test uses, so conversations created for one never ring another.
 */
class OnSimulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static Simulator sim;

  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    sim = Simulator.start(SimConfig.builder().port(0).admin(true).build());
  }

  @AfterAll
  static void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  record Result(int code, String out, String err) {}

  /** One CLI "process": its own context over a config folder; sessions persist in the folder. */
  private java.util.function.Consumer<java.net.URI> browser = uri -> { };

  private Result run(Map<String, String> extraEnv, String stdin, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("LPA_CONFIG_DIR", tmp.resolve("config").toString());
    env.put("LPA_DATA_DIR", tmp.resolve("data").toString());
    env.put("HOME", tmp.toString());
    env.putAll(extraEnv);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (CliContext ctx = new CliContext(env, Clock.systemUTC(),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Terminal.NONE, Prompter.console(),
        c -> DefaultLpaClient.create(c, Tuning.fast()))) {
      ctx.browser(browser);
      CommandLine cl = Main.commandLine(ctx);
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute(args);
      return new Result(code, out.toString(), err.toString());
    }
  }

  private Result run(String... args) {
    return run(Map.of(), "", args);
  }

  private Result login(String user) {
    return run(Map.of(), user + "-pass\n", "login", "--account", sim.accountId(), "--username", user,
        "--password-stdin", "--csds", sim.csdsDomain(), "--ca-file", sim.caPem().toString());
  }

  @Test
  void loginWhoamiStateLogout() throws Exception {
    Result in = login("agent3");
    assertThat(in.code()).as(in.err()).isZero();
    assertThat(in.out()).contains("agent3").contains("account " + DemoAccount.ACCOUNT_ID);

    Result who = run("whoami", "--json");
    assertThat(who.code()).as(who.err()).isZero();
    assertThat(JSON.readTree(who.out()).get("loginName").asText()).isEqualTo("agent3");

    Result state = run("state", "back-soon");
    assertThat(state.code()).as(state.err()).isZero();
    assertThat(state.out()).isEqualTo("You are now back-soon.\n");
    // the server takes an agent offline when its last connection closes (the close is asynchronous)
    Await.until(() -> sim.admin().agentState("agent3").equals("OFFLINE"), Duration.ofSeconds(5),
        () -> "agent3 offline once its last connection closed; the simulator says " + sim.admin().agentState("agent3"));

    Result out = run("logout");
    assertThat(out.code()).as(out.err()).isZero();
    assertThat(run("whoami").code()).isEqualTo(4);
  }

  @Test
  void anotherUserOnTheProfileStartsWithAnEmptyStore() throws Exception {
    assertThat(login("agent3").code()).isZero();
    java.nio.file.Path db = tmp.resolve("data").resolve("default.db");
    try (dev.lpa.core.store.LocalStore st = dev.lpa.core.store.LocalStore.open(db, Clock.systemUTC())) {
      st.saveConversation("agent3-conv", "{}");
      st.enqueue("agent3-conv", "agent3-conv", "text", "{}");
    }
    // the same user again keeps what is stored
    assertThat(login("agent3").code()).isZero();
    try (dev.lpa.core.store.LocalStore st = dev.lpa.core.store.LocalStore.open(db, Clock.systemUTC())) {
      assertThat(st.loadConversations()).containsKey("agent3-conv");
    }
    Result other = login("agent5");
    assertThat(other.code()).isZero();
    assertThat(other.err()).contains("was logged in as agent3").contains("stay assigned");
    try (dev.lpa.core.store.LocalStore st = dev.lpa.core.store.LocalStore.open(db, Clock.systemUTC())) {
      assertThat(st.loadConversations()).isEmpty();
      assertThat(st.pendingOutbox()).isEmpty();
    }
    assertThat(JSON.readTree(run("whoami", "--json").out()).get("loginName").asText()).isEqualTo("agent5");
  }

  @Test
  void aWrongPasswordIsExitFour() {
    Result r = run(Map.of(), "nope\n", "login", "-a", sim.accountId(), "-u", "agent3", "--password-stdin",
        "--csds", sim.csdsDomain(), "--ca-file", sim.caPem().toString());
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).doesNotContain("at dev.lpa");
  }

  @Test
  void acceptSendShowListAndReturnAConversation() throws Exception {
    Map<String, String> env = Map.of("LPA_ACCOUNT", sim.accountId(), "LPA_USERNAME", "agent6",
        "LPA_PASSWORD", "agent6-pass", "LPA_CSDS", sim.csdsDomain(), "LPA_CA_FILE", sim.caPem().toString());
    assertThat(run(env, "", "login").code()).isZero();
    assertThat(run("state", "online").code()).isZero();
    String conv = sim.admin().createConversation(DemoAccount.SKILL_VIP, "Vera Vip", List.of("Is my upgrade done?"));

    Result accept = run("accept", "--wait", "20s", "--json");
    assertThat(accept.code()).as(accept.err()).isZero();
    assertThat(JSON.readTree(accept.out()).get("id").asText()).isEqualTo(conv);

    Result send = run("send", conv.substring(0, 8), "Yes, it went through this morning.");
    assertThat(send.code()).as(send.err()).isZero();

    Result list = run("list", "--json");
    assertThat(list.code()).as(list.err()).isZero();
    JsonNode rows = JSON.readTree(list.out());
    assertThat(rows.findValuesAsText("id")).contains(conv);
    // --verbose: core's steps on stderr, the JSON on stdout untouched
    Result verbose = run("list", "--json", "--verbose");
    assertThat(verbose.err()).contains("core +").contains("workspace: ready");
    assertThat(JSON.readTree(verbose.out()).findValuesAsText("id")).contains(conv);

    Result show = run("show", conv, "--json");
    assertThat(show.code()).as(show.err()).isZero();
    assertThat(JSON.readTree(show.out()).get("messages").findValuesAsText("text"))
        .contains("Is my upgrade done?", "Yes, it went through this morning.");

    assertThat(run("canned", "--json").out()).contains("Refund timing");
    assertThat(run("skills").out()).contains("VIP");
    assertThat(run("agents", "--json").out()).contains("agent6");
    assertThat(run("mq", "status").code()).isZero();

    Result ret = run("mq", "return-all", "--agent", "agent6", "--yes", "--json");
    assertThat(ret.code()).as(ret.err()).isZero();
    assertThat(JSON.readTree(ret.out()).get("returned").asInt()).isEqualTo(1);
    assertThat(run("state", "away").code()).isZero();
  }

  @Test
  void smokeRunsEveryStepAndWritesJunit() throws Exception {
    Map<String, String> env = Map.of("LPA_ACCOUNT", sim.accountId(), "LPA_USERNAME", "agent4",
        "LPA_PASSWORD", "agent4-pass", "LPA_CSDS", sim.csdsDomain(), "LPA_CA_FILE", sim.caPem().toString());
    Path junit = tmp.resolve("reports/smoke.xml");
    Result r = run(env, "", "smoke", "--conversation", "--junit", junit.toString(), "--json");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("ok").asBoolean()).isTrue();
    assertThat(doc.get("steps").findValuesAsText("name")).contains("login", "socket", "subscribe", "state",
        "ring-accept", "agent-message-out", "consumer-reply-in", "close");
    assertThat(Files.readString(junit)).contains("<testsuite name=\"lpa.smoke\"").contains("failures=\"0\"");
  }

  @Test
  void smokeWithoutCredentialsFailsTheLoginStep() {
    Result r = run(Map.of("LPA_ACCOUNT", sim.accountId(), "LPA_CSDS", sim.csdsDomain()), "", "smoke");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).contains("FAIL login").contains("LPA_USERNAME is not set");
  }

  @Test
  void demoWithoutATerminalShowsTheLiveListAndSaysSo() {
    Result r = run("demo", "--traffic", "0", "--updates", "1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("no terminal for the full-screen console").contains("--profile demo");
    assertThat(r.out()).containsAnyOf("CONSUMER", "No open conversations");
  }

  /** A redirect on a free loopback port, declared for the simulator's installed application. */
  private static String declaredRedirect() throws java.io.IOException {
    int port;
    try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = ss.getLocalPort();
    }
    String redirect = "http://127.0.0.1:" + port + "/callback";
    sim.admin().declareRedirectUri(redirect);
    return redirect;
  }

  private Path secretFile() throws java.io.IOException {
    Path f = tmp.resolve("app-secret");
    Files.writeString(f, dev.lpa.sim.DemoAccount.OAUTH_CLIENT_SECRET + "\n");
    Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  @Test
  void ssoLoginThroughTheBrowserFlow() throws Exception {
    browser = uri -> new Thread(() -> signIn(uri, "agent5", "agent5-pass")).start();
    Result r = run("login", "--sso", "-a", sim.accountId(), "--csds", sim.csdsDomain(), "--ca-file", sim.caPem().toString(),
        "--client-id", dev.lpa.sim.DemoAccount.OAUTH_CLIENT_ID, "--client-secret-file", secretFile().toString(),
        "--redirect-uri", declaredRedirect());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("Open this address in a browser").contains("/authorize")
        .doesNotContain(dev.lpa.sim.DemoAccount.OAUTH_CLIENT_SECRET);
    assertThat(r.out()).contains("agent5");
    assertThat(Files.readString(tmp.resolve("config/profiles/default.json")))
        .contains(dev.lpa.sim.DemoAccount.OAUTH_CLIENT_ID).doesNotContain(dev.lpa.sim.DemoAccount.OAUTH_CLIENT_SECRET);

    Result noApp = run(Map.of("HOME", tmp.resolve("elsewhere").toString(), "LPA_CONFIG_DIR", tmp.resolve("other").toString()),
        "", "login", "--sso", "-a", sim.accountId(), "--csds", sim.csdsDomain(), "--ca-file", sim.caPem().toString());
    assertThat(noApp.code()).as("no application: a usage error").isEqualTo(2);
    assertThat(noApp.err()).contains("--client-id");
    assertThat(run("login", "-u", "agent5", "--client-id", "x").code()).as("--client-id without --sso").isEqualTo(2);
  }

  @Test
  void ssoWithoutABrowserGoesOnWithThePrintedAddress() throws Exception {
    // no desktop (ssh): the opener fails, the user opens the printed address elsewhere
    browser = uri -> {
      new Thread(() -> signIn(uri, "agent5", "agent5-pass")).start();
      throw new UnsupportedOperationException("no desktop session");
    };
    Result r = run(Map.of("LPA_OAUTH_CLIENT_SECRET", dev.lpa.sim.DemoAccount.OAUTH_CLIENT_SECRET), "",
        "login", "--sso", "-a", sim.accountId(), "--csds", sim.csdsDomain(), "--ca-file", sim.caPem().toString(),
        "--client-id", dev.lpa.sim.DemoAccount.OAUTH_CLIENT_ID, "--redirect-uri", declaredRedirect());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("Open this address in a browser").contains("/authorize");
  }

  @Test
  void theConsolesSsoLoginOpensTheAddressThroughTheConsole() throws Exception {
    Map<String, String> env = Map.of("LPA_CONFIG_DIR", tmp.resolve("config").toString(),
        "LPA_DATA_DIR", tmp.resolve("data").toString(), "HOME", tmp.toString(),
        "LPA_OAUTH_CLIENT_ID", dev.lpa.sim.DemoAccount.OAUTH_CLIENT_ID, "LPA_OAUTH_REDIRECT_URI", declaredRedirect(),
        "LPA_OAUTH_CLIENT_SECRET", dev.lpa.sim.DemoAccount.OAUTH_CLIENT_SECRET);
    java.util.List<java.net.URI> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (CliContext ctx = new CliContext(env, Clock.systemUTC(), InputStream.nullInputStream(), Terminal.NONE,
        Prompter.console(), c -> DefaultLpaClient.create(c, Tuning.fast()))) {
      ctx.browser(uri -> {
        throw new AssertionError("the console's opener shows the address, not the cli's");
      });
      dev.lpa.tui.LoginHandler handler = ConsoleLauncher.loginHandler(ctx, "console", sim.csdsDomain(), sim.caPem());
      dev.lpa.core.workspace.Workspace w = handler.loginSso(sim.accountId(), true, uri -> {
        shown.add(uri);
        new Thread(() -> signIn(uri, "agent5", "agent5-pass")).start();
      });
      assertThat(w).isNotNull();
      assertThat(shown).singleElement().satisfies(u -> assertThat(u.getPath()).contains("/authorize"));
      assertThat(handler.rememberedAccount()).isEqualTo(sim.accountId());
    }
  }

  @Test
  void loginWithASamlAssertionFile() throws Exception {
    Path assertion = Files.writeString(tmp.resolve("assertion.txt"), sim.admin().samlAssertion("agent5"));
    Result r = run("login", "--assertion-file", assertion.toString(), "-a", sim.accountId(),
        "--csds", sim.csdsDomain(), "--ca-file", sim.caPem().toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(JSON.readTree(r.out()).get("loginName").asText()).isEqualTo("agent5");
  }

  /** What a person does in the browser: the simulator's sign-in form, then the loopback redirect. */
  private static void signIn(java.net.URI authorize, String login, String password) {
    try {
      var certs = new okhttp3.tls.HandshakeCertificates.Builder()
          .addTrustedCertificate((java.security.cert.X509Certificate) java.security.cert.CertificateFactory
              .getInstance("X.509").generateCertificate(Files.newInputStream(sim.caPem()))).build();
      okhttp3.OkHttpClient b = new okhttp3.OkHttpClient.Builder().followRedirects(false)
          .sslSocketFactory(certs.sslSocketFactory(), certs.trustManager()).build();
      String page;
      try (okhttp3.Response r = b.newCall(new okhttp3.Request.Builder().url(authorize.toString()).build()).execute()) {
        page = r.body().string();
      }
      okhttp3.FormBody.Builder form = new okhttp3.FormBody.Builder().add("username", login).add("password", password);
      java.util.regex.Matcher m = java.util.regex.Pattern
          .compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(page);
      while (m.find()) {
        form.add(m.group(1), m.group(2).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&#39;", "'").replace("&amp;", "&"));
      }
      String location;
      try (okhttp3.Response r = b.newCall(new okhttp3.Request.Builder().url(authorize.toString()).post(form.build()).build())
          .execute()) {
        location = r.header("Location");
      }
      try (okhttp3.Response r = new okhttp3.OkHttpClient().newCall(new okhttp3.Request.Builder().url(location).build()).execute()) {
        r.body().string();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
