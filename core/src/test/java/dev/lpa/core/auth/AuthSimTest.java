package dev.lpa.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.LpaClient;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.SimFixture;
import dev.lpa.core.internal.Http;
import dev.lpa.core.internal.RetryPolicy;
import dev.lpa.core.model.Session;
import dev.lpa.core.testkit.Await;
import dev.lpa.core.workspace.ConnectionState;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.sim.DemoAccount;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Discovery, every login flow, profiles on disk, refresh, renewal and logout, against the simulator. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthSimTest {
  @TempDir static Path dir;
  SimFixture f;
  int n;

  @BeforeAll
  void start() throws Exception {
    f = new SimFixture(dir);
  }

  @AfterAll
  void stop() throws Exception {
    List<String> problems = f.frameProblems();
    f.close();
    assertThat(problems).as("frames that do not match LivePerson's schemas").isEmpty();
  }

  LpaClient client(Map<String, String> env) {
    return f.client("c" + (n++), env);
  }

  static <T> T get(CompletableFuture<T> fut) throws Exception {
    return fut.get(15, TimeUnit.SECONDS);
  }

  static LpaException failure(CompletableFuture<?> fut) {
    try {
      fut.get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      return LpaException.from(e);
    }
    throw new AssertionError("expected a failure");
  }

  Path profileFile(LpaClient c, String profile) {
    return c.config().configDir().resolve("profiles/" + profile + ".json");
  }

  /** The bearer stored in a profile's file now. */
  String bearer(LpaClient c, String profile) {
    try {
      return dev.lpa.core.internal.Json.parse(Files.readString(profileFile(c, profile))).get("bearer").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void passwordLoginKeepsBothIdsAndStoresTokensButNeverThePassword() throws Exception {
    LpaClient c = client(Map.of());
    Session s = get(c.login("work", f.endpoint(), new Credentials.Password("agent1", "agent1-pass".toCharArray())));
    DemoAccount.User u = DemoAccount.user("agent1").orElseThrow();
    assertThat(s.userId()).isEqualTo(u.legacyId());
    assertThat(s.userPid()).isEqualTo(u.pid());
    assertThat(s.manager()).isFalse();
    assertThat(s.displayName()).isEqualTo("Maya");
    assertThat(s.expires()).isNotNull();

    Path file = profileFile(c, "work");
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    String content = Files.readString(file);
    assertThat(content).doesNotContain("agent1-pass").contains("\"bearer\"").contains("\"csrf\"").contains("\"cookie\"");
    assertThat(c.session("work")).contains(s);
    assertThat(c.profiles()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("work");
      assertThat(p.loginName()).isEqualTo("agent1");
      assertThat(p.accountId()).isEqualTo(DemoAccount.ACCOUNT_ID);
      assertThat(p.loggedIn()).isTrue();
    });
  }

  @Test
  void aWrongPasswordIsNotLoggedIn() throws Exception {
    LpaClient c = client(Map.of());
    LpaException e = failure(c.login("x", f.endpoint(), new Credentials.Password("agent2", "nope".toCharArray())));
    assertThat(e.kind()).isEqualTo(Kind.NOT_LOGGED_IN);
    assertThat(c.session("x")).isEmpty();
  }

  @Test
  void profilesLiveSideBySide() throws Exception {
    LpaClient c = client(Map.of());
    get(c.login("agent", f.endpoint(), new Credentials.Password("agent3", "agent3-pass".toCharArray())));
    Session m = get(c.login("boss", f.endpoint(), new Credentials.Password("manager1", "manager1-pass".toCharArray())));
    assertThat(m.manager()).isTrue();
    assertThat(c.profiles()).extracting(ProfileInfo::name).containsExactly("agent", "boss");
    assertThat(c.session("agent").orElseThrow().loginName()).isEqualTo("agent3");
    assertThat(c.session("boss").orElseThrow().loginName()).isEqualTo("manager1");
    assertThat(c.resolveProfile(null)).isEqualTo("default");
    assertThat(client(Map.of("LPA_PROFILE", "boss")).resolveProfile(null)).isEqualTo("boss");
    assertThat(c.resolveProfile("agent")).isEqualTo("agent");
  }

  @Test
  void samlAssertionLogin() throws Exception {
    LpaClient c = client(Map.of());
    Session s = get(c.login("sso", f.endpoint(), new Credentials.Assertion(f.admin().samlAssertion("agent4"))));
    assertThat(s.loginName()).isEqualTo("agent4");
    assertThat(s.userPid()).isEqualTo(DemoAccount.user("agent4").orElseThrow().pid());
    LpaException bad = failure(c.login("sso2", f.endpoint(), new Credentials.Assertion("PHNhbWw+Zm9yZ2VkPC9zYW1sPg==")));
    assertThat(bad.kind()).isEqualTo(Kind.NOT_LOGGED_IN);
  }

  @Test
  void aPastedBearerIsUsedAsIsWithTheUserNamedInTheEnvironment() throws Exception {
    LpaClient first = client(Map.of());
    get(first.login("p", f.endpoint(), new Credentials.Password("agent5", "agent5-pass".toCharArray())));
    String bearer = dev.lpa.core.internal.Json.parse(Files.readString(profileFile(first, "p"))).get("bearer").asText();

    LpaClient c = client(Map.of("LPA_USERNAME", "agent5"));
    Session s = get(c.login("paste", f.endpoint(), new Credentials.Bearer(bearer)));
    assertThat(s.userId()).isEqualTo(DemoAccount.user("agent5").orElseThrow().legacyId());
    assertThat(s.userPid()).isEqualTo(DemoAccount.user("agent5").orElseThrow().pid());
    Workspace w = get(c.open("paste"));
    get(w.ready());
    assertThat(w.state().connection()).isEqualTo(ConnectionState.CONNECTED);
    w.close();

    assertThat(failure(client(Map.of()).login("nouser", f.endpoint(), new Credentials.Bearer(bearer))).kind())
        .isEqualTo(Kind.INVALID);
    assertThat(failure(client(Map.of("LPA_USERNAME", "agent5")).login("dead", f.endpoint(),
        new Credentials.Bearer("not-a-token"))).kind()).isEqualTo(Kind.NOT_LOGGED_IN);
  }

  /** Plays the browser: the simulator's sign-in page, then the redirect to the loopback listener. */
  void signInInBrowser(URI authorize, String login, String password) {
    try {
      var certs = new okhttp3.tls.HandshakeCertificates.Builder()
          .addTrustedCertificate((java.security.cert.X509Certificate) java.security.cert.CertificateFactory
              .getInstance("X.509").generateCertificate(Files.newInputStream(f.sim.caPem()))).build();
      OkHttpClient browser = new OkHttpClient.Builder().followRedirects(false)
          .sslSocketFactory(certs.sslSocketFactory(), certs.trustManager()).build();
      String page;
      try (Response r = browser.newCall(new Request.Builder().url(authorize.toString()).build()).execute()) {
        page = r.body().string();
      }
      FormBody.Builder form = new FormBody.Builder().add("username", login).add("password", password);
      Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(page);
      while (m.find()) {
        form.add(m.group(1), m.group(2).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&#39;", "'").replace("&amp;", "&"));
      }
      String location;
      try (Response r = browser.newCall(new Request.Builder().url(authorize.toString()).post(form.build()).build())
          .execute()) {
        assertThat(r.code()).isEqualTo(302);
        location = r.header("Location");
      }
      assertThat(location).startsWith("http://127.0.0.1:");
      try (Response r = new OkHttpClient().newCall(new Request.Builder().url(location).build()).execute()) {
        assertThat(r.code()).isEqualTo(200);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A redirect on a free port, declared for the simulator's installed application. */
  String declaredRedirect() throws Exception {
    int port;
    try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = ss.getLocalPort();
    }
    String redirect = "http://127.0.0.1:" + port + "/callback";
    f.admin().declareRedirectUri(redirect);
    return redirect;
  }

  Path secretFile(String secret, String perms) throws Exception {
    Path p = Files.createTempFile(dir, "secret", ".txt");
    Files.writeString(p, secret + "\n");
    Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(perms));
    return p;
  }

  @Test
  void oauthCodeFlowWithPkceAndALoopbackRedirectThenRenewalByRefreshToken() throws Exception {
    LpaClient c = client(Map.of());
    List<URI> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
    String redirect = declaredRedirect();
    OAuthApp app = new OAuthApp(DemoAccount.OAUTH_CLIENT_ID, redirect,
        secretFile(DemoAccount.OAUTH_CLIENT_SECRET, "rw-------").toString());
    Session s = get(c.login("oauth", f.endpoint(), new Credentials.OAuth(uri -> {
      opened.add(uri);
      new Thread(() -> signInInBrowser(uri, "agent6", "agent6-pass")).start();
    }, app)));
    assertThat(opened).singleElement().satisfies(u -> assertThat(u.getPath())
        .isEqualTo("/sentinel/api/account/" + DemoAccount.ACCOUNT_ID + "/authorize"));
    assertThat(opened).singleElement().satisfies(u -> assertThat(u.getQuery())
        .contains("client_id=" + DemoAccount.OAUTH_CLIENT_ID).contains("v=1.0").contains("code_challenge_method=S256")
        .contains("redirect_uri=" + redirect).doesNotContain(DemoAccount.OAUTH_CLIENT_SECRET));
    assertThat(s.loginName()).isEqualTo("agent6");
    assertThat(s.userPid()).isEqualTo(DemoAccount.user("agent6").orElseThrow().pid());
    assertThat(Files.readString(profileFile(c, "oauth"))).contains("\"refreshToken\"").doesNotContain("agent6-pass")
        .contains(DemoAccount.OAUTH_CLIENT_ID).doesNotContain(DemoAccount.OAUTH_CLIENT_SECRET);

    Workspace w = get(c.open("oauth"));
    get(w.ready());
    String before = bearer(c, "oauth");
    // the session dies: the refresh token gets a new one without a browser, and the socket comes back
    f.admin().expireSession("agent6");
    Await.until(() -> !bearer(c, "oauth").equals(before) && w.state().connection() == ConnectionState.CONNECTED,
        Duration.ofSeconds(10), () -> "a new bearer and the socket back; connection " + w.state().connection()
            + (bearer(c, "oauth").equals(before) ? ", the old bearer" : ", a new bearer"));
    w.close();

    get(c.logout("oauth"));
    assertThat(c.session("oauth")).isEmpty();
  }

  @Test
  void logoutEndsTheServerSessionAndWipesLocalSecretsAndData() throws Exception {
    LpaClient c = client(Map.of());
    get(c.login("default", f.endpoint(), new Credentials.Password("agent2", "agent2-pass".toCharArray())));
    Workspace w = get(c.open("default"));
    get(w.ready());
    w.close();
    Path db = c.config().dataDir().resolve("default.db");
    assertThat(db).exists();
    String bearer = dev.lpa.core.internal.Json.parse(Files.readString(profileFile(c, "default"))).get("bearer").asText();

    get(c.logout("default"));
    assertThat(db).doesNotExist();
    assertThat(c.session("default")).isEmpty();
    assertThat(c.profiles()).singleElement().satisfies(p -> {
      assertThat(p.loggedIn()).isFalse();
      assertThat(p.loginName()).isEqualTo("agent2");
    });
    assertThat(Files.readString(profileFile(c, "default"))).doesNotContain(bearer);
    assertThat(failure(c.open("default")).kind()).isEqualTo(Kind.NOT_LOGGED_IN);
    // the old bearer is dead on the server too
    LpaClient other = client(Map.of("LPA_USERNAME", "agent2"));
    assertThat(failure(other.login("old", f.endpoint(), new Credentials.Bearer(bearer))).kind())
        .isEqualTo(Kind.NOT_LOGGED_IN);
    assertThat(failure(c.logout("nobody")).kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void theEnvironmentLogsInWhenNoProfileIsStored() throws Exception {
    LpaClient c = client(Map.of("LPA_ACCOUNT", DemoAccount.ACCOUNT_ID, "LPA_CSDS", f.sim.csdsDomain(),
        "LPA_CA_FILE", f.sim.caPem().toString(), "LPA_USERNAME", "agent3", "LPA_PASSWORD", "agent3-pass"));
    Workspace w = get(c.open("default"));
    get(w.ready());
    assertThat(w.state().me().loginName()).isEqualTo("agent3");
    w.close();
    assertThat(Files.readString(profileFile(c, "default"))).doesNotContain("agent3-pass");
  }

  @Test
  void theSimulatorsCertificateIsTrustedOnlyThroughTheCaFile() throws Exception {
    LpaClient c = client(Map.of());
    Endpoint noCa = new Endpoint(DemoAccount.ACCOUNT_ID, f.sim.csdsDomain(), null, false);
    LpaException e = failure(c.login("tls", noCa, new Credentials.Password("agent1", "agent1-pass".toCharArray())));
    // not retried: no wait makes an untrusted certificate trusted
    assertThat(e.kind()).isEqualTo(Kind.ERROR);
    assertThat(e.getMessage()).contains("certificate is not trusted").contains("--ca-file");
    assertThat(c.session("tls")).isEmpty();
  }

  @Test
  void plainHttpOnlyTowardLoopback() {
    ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor();
    try {
      LpaException e = org.assertj.core.api.Assertions.catchThrowableOfType(LpaException.class,
          () -> new Endpoint("1", "example.com:80", null, true).http(Duration.ofSeconds(1), RetryPolicy.fast(), ses));
      assertThat(e.kind()).isEqualTo(Kind.INVALID);
      Http local = new Endpoint("1", "127.0.0.1:8080", null, true).http(Duration.ofSeconds(1), RetryPolicy.fast(), ses);
      assertThat(local.base("127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
      assertThat(local.wsBase("127.0.0.1:8080")).isEqualTo("ws://127.0.0.1:8080");
      Http tls = f.endpoint().http(Duration.ofSeconds(1), RetryPolicy.fast(), ses);
      assertThat(tls.base("h:1")).isEqualTo("https://h:1");
      assertThat(Http.isLoopback("localhost")).isTrue();
      assertThat(Http.isLoopback("::1")).isTrue();
      assertThat(Http.isLoopback("10.0.0.1")).isFalse();
    } finally {
      ses.shutdownNow();
    }
  }

  @Test
  void domainsAreCachedForSixtySeconds() throws Exception {
    ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor();
    try {
      Http http = f.endpoint().http(Duration.ofSeconds(5), RetryPolicy.fast(), ses);
      Domains d = new Domains(http, f.clock, f.sim.csdsDomain(), DemoAccount.ACCOUNT_ID);
      Map<String, String> m = get(d.all());
      assertThat(m).containsEntry("agentVep", f.sim.csdsDomain()).containsKeys("asyncMessagingEnt", "msgHist", "swift");
      f.admin().failNext(10, 500);
      assertThat(get(d.host("msgHist"))).isEqualTo(f.sim.csdsDomain());
      f.admin().advanceClock(Duration.ofSeconds(61));
      assertThat(failure(d.all()).kind()).isEqualTo(Kind.GAVE_UP);
      f.admin().failNext(0, 500);
      assertThat(get(d.all())).isEqualTo(m);
      assertThat(failure(new Domains(http, f.clock, f.sim.csdsDomain(), "999").all()).kind()).isIn(Kind.NOT_FOUND);
    } finally {
      ses.shutdownNow();
    }
  }

  @Test
  void refreshKeepsTheSessionAndARefusedRefreshRenewsIt() throws Exception {
    Map<String, String> env = Map.of("LPA_PASSWORD", "manager2-pass");
    LpaClient c = client(env);
    get(c.login("default", f.endpoint(), new Credentials.Password("manager2", "manager2-pass".toCharArray())));
    StoredProfile sp = new CredentialStore(c.config().configDir()).load("default").orElseThrow();
    ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor();
    try {
      Http http = sp.endpoint().http(Duration.ofSeconds(5), RetryPolicy.fast(), ses);
      Domains d = new Domains(http, f.clock, sp.csdsDomain(), sp.accountId());
      AuthSession auth = new AuthSession(sp, new CredentialStore(c.config().configDir()), http, d,
          new LoginService(http, d, sp.accountId()), env);
      List<String> renewed = new java.util.concurrent.CopyOnWriteArrayList<>();
      auth.onBearer(renewed::add);
      get(auth.refreshNow());
      String cookie = new CredentialStore(c.config().configDir()).load("default").orElseThrow().cookie();
      assertThat(cookie).as("the refresh's new session cookie is kept").isNotEqualTo(sp.cookie());
      get(auth.refreshNow());
      assertThat(renewed).as("the second refresh sent the new cookie: no renewal needed").isEmpty();
      f.admin().expireSession("manager2");
      get(auth.refreshNow());
      assertThat(renewed).singleElement().isNotEqualTo(sp.bearer());
      assertThat(auth.bearer()).isEqualTo(renewed.get(0));
      assertThat(new CredentialStore(c.config().configDir()).load("default").orElseThrow().bearer())
          .isEqualTo(renewed.get(0));
    } finally {
      ses.shutdownNow();
    }
  }

  @Test
  void aRefreshBehindAnotherProcessOfTheProfileTakesItsCookieFromTheProfileFile() throws Exception {
    LpaClient c = client(Map.of());
    get(c.login("default", f.endpoint(), new Credentials.Password("agent6", "agent6-pass".toCharArray())));
    CredentialStore store = new CredentialStore(c.config().configDir());
    StoredProfile sp = store.load("default").orElseThrow();
    ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor();
    try {
      Http http = sp.endpoint().http(Duration.ofSeconds(5), RetryPolicy.fast(), ses);
      Domains d = new Domains(http, f.clock, sp.csdsDomain(), sp.accountId());
      LoginService ls = new LoginService(http, d, sp.accountId());
      AuthSession first = new AuthSession(sp, store, http, d, ls, Map.of());
      AuthSession second = new AuthSession(sp, store, http, d, ls, Map.of());
      get(first.refreshNow());
      get(first.refreshNow()); // second's cookie is now two refreshes old: spent
      get(second.refreshNow());
      assertThat(store.load("default").orElseThrow().loggedIn()).as("no password to renew with, yet still in").isTrue();
      assertThat(second.profile().cookie()).isEqualTo(store.load("default").orElseThrow().cookie());
    } finally {
      ses.shutdownNow();
    }
  }

  @Test
  void ssoNeedsTheInstalledApplicationAndItsSecret() throws Exception {
    LpaClient c = client(Map.of());
    assertThat(failure(c.login("nosso", f.endpoint(), new Credentials.OAuth(uri -> { }))).kind())
        .as("no client id anywhere").isEqualTo(Kind.INVALID);
    String redirect = declaredRedirect();
    LpaException open = failure(c.login("nosso", f.endpoint(), new Credentials.OAuth(uri -> { },
        new OAuthApp(DemoAccount.OAUTH_CLIENT_ID, redirect, secretFile("x", "rw-r--r--").toString()))));
    assertThat(open.kind()).isEqualTo(Kind.INVALID);
    assertThat(open.getMessage()).contains("chmod 600");
    assertThat(failure(c.login("nosso", f.endpoint(), new Credentials.OAuth(uri -> { },
        new OAuthApp(DemoAccount.OAUTH_CLIENT_ID, redirect, null)))).getMessage())
        .as("no file and no LPA_OAUTH_CLIENT_SECRET").contains("LPA_OAUTH_CLIENT_SECRET");

    LpaClient wrong = client(Map.of("LPA_OAUTH_CLIENT_SECRET", "not-the-secret"));
    LpaException refused = failure(wrong.login("wrongsecret", f.endpoint(), new Credentials.OAuth(
        uri -> new Thread(() -> signInInBrowser(uri, "agent6", "agent6-pass")).start(),
        new OAuthApp(DemoAccount.OAUTH_CLIENT_ID, redirect, null))));
    assertThat(refused.kind()).isEqualTo(Kind.NOT_LOGGED_IN);
    assertThat(refused.getMessage()).contains("client authentication failed").doesNotContain("not-the-secret");
  }
}
