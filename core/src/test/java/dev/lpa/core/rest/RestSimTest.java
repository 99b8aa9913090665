package dev.lpa.core.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.core.LpaClient;
import dev.lpa.core.SimFixture;
import dev.lpa.core.auth.AuthSession;
import dev.lpa.core.auth.CredentialStore;
import dev.lpa.core.auth.Domains;
import dev.lpa.core.auth.LoginService;
import dev.lpa.core.auth.StoredProfile;
import dev.lpa.core.internal.Http;
import dev.lpa.core.internal.Json;
import dev.lpa.core.internal.RetryPolicy;
import dev.lpa.core.model.Message;
import dev.lpa.core.workspace.HistoryMapper;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.sim.DemoAccount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The REST calls on their own, against the simulator. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestSimTest {
  @TempDir static Path dir;
  SimFixture f;
  ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor();
  RestClient rest;

  @BeforeAll
  void start() throws Exception {
    f = new SimFixture(dir);
    LpaClient c = f.client("rest");
    f.login(c, "manager1");
    StoredProfile sp = new CredentialStore(c.config().configDir()).load("default").orElseThrow();
    Http http = sp.endpoint().http(Duration.ofSeconds(5), RetryPolicy.fast(), ses);
    Domains d = new Domains(http, f.clock, sp.csdsDomain(), sp.accountId());
    rest = new RestClient(new AuthSession(sp, new CredentialStore(c.config().configDir()), http, d,
        new LoginService(http, d, sp.accountId()), Map.of()));
  }

  @AfterAll
  void stop() throws Exception {
    ses.shutdownNow();
    f.close();
  }

  static <T> T get(java.util.concurrent.CompletableFuture<T> fut) throws Exception {
    return fut.get(10, TimeUnit.SECONDS);
  }

  @Test
  void accountConfiguration() throws Exception {
    assertThat(get(rest.users())).extracting(u -> Json.text(u, "loginName")).contains("agent1", "manager2");
    assertThat(Json.text(get(rest.user(DemoAccount.user("agent4").orElseThrow().userId())), "nickname")).isEqualTo("Diego");
    assertThat(get(rest.agentGroups())).extracting(g -> Json.text(g, "name")).contains("Team Atlas", "Team Borealis");
    assertThat(get(rest.profiles())).extracting(p -> Json.num(p, "roleTypeId", 0)).contains(2L, 3L);
    assertThat(get(rest.skillsRaw())).hasSize(DemoAccount.SKILLS.size());
  }

  @Test
  void historyByIdAndByConsumer() throws Exception {
    // queued on a skill the manager's team holds: visible to the manager while it waits
    String conv = f.admin().createConversation(DemoAccount.SKILL_SALES, "Lucas Moreau", List.of("one", "two"));
    List<JsonNode> byId = get(rest.conversationsById(List.of(conv)));
    assertThat(byId).hasSize(1);
    Workspace.ConversationWithMessages h = HistoryMapper.history(byId.get(0), DemoAccount.ACCOUNT_ID);
    assertThat(h.conversation().id()).isEqualTo(conv);
    assertThat(h.conversation().open()).isTrue();
    assertThat(h.conversation().skillId()).isEqualTo(String.valueOf(DemoAccount.SKILL_SALES));
    assertThat(h.conversation().consumer().firstName()).isEqualTo("Lucas");
    assertThat(h.messages()).extracting(Message::excerpt).containsExactly("one", "two");
    String consumer = h.conversation().consumer().id();
    assertThat(get(rest.consumerConversations(consumer, List.of("OPEN", "CLOSE")))).hasSize(1);
    assertThat(get(rest.consumerConversations(consumer, List.of("CLOSE")))).isEmpty();
    assertThat(get(rest.conversationsById(List.of("no-such-conversation")))).isEmpty();
  }

  @Test
  void agentViewAndQueueHealth() throws Exception {
    var status = get(rest.agentStatus(Json.obj()));
    assertThat(status).isNotNull();
    var candidates = get(rest.transferCandidates(String.valueOf(DemoAccount.SKILL_VIP)));
    assertThat(candidates).isNotNull();
    assertThat(get(rest.queueHealthRaw()).has("skillsMetrics")).isTrue();
  }

  @Test
  void queueHealthReadsLivePersonsOverdueFields() throws Exception {
    f.admin().createConversation(DemoAccount.SKILL_TECH, "Olga Overdue", List.of("anyone?"));
    f.admin().advanceClock(Duration.ofMinutes(61)); // Tech Support answers within 1 h
    dev.lpa.core.model.QueueHealth tech = get(rest.queueHealth()).stream()
        .filter(h -> h.skillId().equals(String.valueOf(DemoAccount.SKILL_TECH))).findFirst().orElseThrow();
    assertThat(tech.overdue()).as("overdueConversationsInQueue").isGreaterThanOrEqualTo(1);
    assertThat(tech.overdueAssigned()).as("overdueConversationsAssigned is known").isZero();
  }

  @Test
  void aReportingApiRefusingTheBearerDegradesThatFeatureAndKeepsTheSession() throws Exception {
    LpaClient c = f.client("reporting");
    f.login(c, "agent2");
    CredentialStore store = new CredentialStore(c.config().configDir());
    StoredProfile sp = store.load("default").orElseThrow();
    Http http = sp.endpoint().http(Duration.ofSeconds(5), RetryPolicy.fast(), ses);
    Domains d = new Domains(http, f.clock, sp.csdsDomain(), sp.accountId());
    // no password and no refresh token: a renewal attempt would log the profile out
    RestClient r = new RestClient(new AuthSession(sp, store, http, d, new LoginService(http, d, sp.accountId()), Map.of()));
    f.admin().refusePath("/agent-view/", 401);
    f.admin().refusePath("/msgqueuehealth/", 401);
    try {
      dev.lpa.core.LpaException e = refused(r.agentStatus(Json.obj()));
      assertThat(e.kind()).isEqualTo(dev.lpa.core.LpaException.Kind.FORBIDDEN);
      assertThat(e.getMessage()).contains("agent status").contains("API key").doesNotContain("\n");
      assertThat(refused(r.queueHealth()).kind()).isEqualTo(dev.lpa.core.LpaException.Kind.FORBIDDEN);
      assertThat(store.load("default").orElseThrow().loggedIn()).as("the profile stays logged in").isTrue();
      assertThat(get(r.skills())).as("skills still load, without online counts").isNotEmpty()
          .allSatisfy(s -> assertThat(s.agentsOnline()).isNegative());
      assertThat(get(r.users())).isNotEmpty();
    } finally {
      f.admin().refusePath("/agent-view/", 0);
      f.admin().refusePath("/msgqueuehealth/", 0);
    }
  }

  private static dev.lpa.core.LpaException refused(java.util.concurrent.CompletableFuture<?> call) {
    try {
      get(call);
    } catch (Exception e) {
      return dev.lpa.core.LpaException.from(e);
    }
    throw new AssertionError("the call should have been refused");
  }

  @Test
  void cannedResponsesInEveryLanguageWithTheirCategories() throws Exception {
    // "Refund timing" exists only in en-GB; categories come without an undocumented return=active
    List<dev.lpa.core.model.CannedResponse> all = get(rest.cannedResponses(null));
    assertThat(all).extracting(dev.lpa.core.model.CannedResponse::title).contains("Refund timing", "Hello");
    assertThat(all).allSatisfy(c -> assertThat(c.category()).isNotBlank());
  }
}
