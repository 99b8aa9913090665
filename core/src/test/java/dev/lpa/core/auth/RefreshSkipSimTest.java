package dev.lpa.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.LpaClient;
import dev.lpa.core.LpaException;
import dev.lpa.core.SimFixture;
import dev.lpa.core.internal.CoreLog;
import dev.lpa.core.internal.Json;
import dev.lpa.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command opened soon after the Login Service last confirmed the session connects without a
 * refresh first; one opened later refreshes as before; a dead session is found out all the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefreshSkipSimTest {
  @TempDir static Path dir;
  SimFixture f;
  int n;

  @BeforeAll
  void start() throws Exception {
    f = new SimFixture(dir);
  }

  @AfterAll
  void stop() throws Exception {
    f.close();
  }

  static <T> T get(CompletableFuture<T> fut) throws Exception {
    return fut.get(15, TimeUnit.SECONDS);
  }

  /** A client logged in as {@code login} on profile "default". */
  LpaClient loggedIn(String login, Map<String, String> env) throws Exception {
    LpaClient c = f.client("c" + (n++), env);
    f.login(c, login);
    return c;
  }

  static StoredProfile stored(LpaClient c) {
    return new CredentialStore(c.config().configDir()).load("default").orElseThrow();
  }

  /** Rewrites the profile file as if its session had been confirmed {@code ago} before now (null: never said). */
  void confirmedAgo(LpaClient c, Duration ago) throws Exception {
    Path file = c.config().configDir().resolve("profiles/default.json");
    ObjectNode o = (ObjectNode) Json.parse(Files.readString(file));
    if (ago == null) {
      o.remove("confirmed");
    } else {
      o.put("confirmed", f.clock.millis() - ago.toMillis());
    }
    Files.writeString(file, Json.write(o));
  }

  /** Opens the profile's workspace until ready, with the core log lines said meanwhile. */
  List<String> openAndClose(LpaClient c) throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (AutoCloseable h = CoreLog.listen(lines::add)) {
      Workspace w = get(c.open("default"));
      get(w.ready());
      w.close();
    }
    return lines;
  }

  @Test
  void aLoginConfirmsTheSession() throws Exception {
    LpaClient c = loggedIn("agent2", Map.of());
    assertThat(stored(c).confirmed()).isEqualTo(f.clock.millis());
  }

  @Test
  void aProfileConfirmedAMinuteAgoConnectsWithoutARefresh() throws Exception {
    LpaClient c = loggedIn("agent3", Map.of());
    confirmedAgo(c, Duration.ofMinutes(1));
    StoredProfile before = stored(c);

    List<String> log = openAndClose(c);

    assertThat(log).anyMatch(l -> l.contains("session confirmed 60 s ago, no refresh before connecting"))
        .noneMatch(l -> l.contains("checking the session"));
    // the simulator answers every refresh with a new session cookie: none was asked for
    assertThat(stored(c).cookie()).isEqualTo(before.cookie());
    assertThat(stored(c).confirmed()).isEqualTo(before.confirmed());
  }

  @Test
  void aProfileConfirmedTenMinutesAgoRefreshesFirst() throws Exception {
    LpaClient c = loggedIn("agent4", Map.of());
    confirmedAgo(c, Duration.ofMinutes(10));
    StoredProfile before = stored(c);

    List<String> log = openAndClose(c);

    assertThat(log).anyMatch(l -> l.contains("checking the session")).anyMatch(l -> l.contains("session checked"));
    assertThat(stored(c).cookie()).as("the refresh's new cookie is kept").isNotEqualTo(before.cookie());
    assertThat(stored(c).confirmed()).as("the refresh confirmed it now").isEqualTo(f.clock.millis());
  }

  @Test
  void aProfileFromBeforeTheStampRefreshesFirst() throws Exception {
    LpaClient c = loggedIn("agent5", Map.of());
    confirmedAgo(c, null);
    assertThat(stored(c).confirmed()).isZero();

    assertThat(openAndClose(c)).anyMatch(l -> l.contains("checking the session"));
    assertThat(stored(c).confirmed()).isEqualTo(f.clock.millis());
  }

  @Test
  void aStampInTheFutureIsNotRecent() throws Exception {
    LpaClient c = loggedIn("agent6", Map.of());
    confirmedAgo(c, Duration.ofMinutes(-3)); // a clock set back since

    assertThat(openAndClose(c)).anyMatch(l -> l.contains("checking the session"));
  }

  @Test
  void aDeadSessionWithARecentStampEndsNotLoggedIn() throws Exception {
    LpaClient c = loggedIn("agent1", Map.of());
    f.admin().expireSession("agent1");

    LpaException e = null;
    try {
      Workspace w = get(c.open("default"));
      get(w.ready());
      w.close();
    } catch (Exception t) {
      e = LpaException.from(t);
    }
    assertThat(e).as("the socket's refusal ends the command").isNotNull();
    assertThat(e.kind()).isEqualTo(LpaException.Kind.NOT_LOGGED_IN);
    assertThat(c.session("default")).as("the dead session is not kept").isEmpty();
  }

  @Test
  void aDeadSessionWithARecentStampRenewsWithThePasswordFromTheEnvironment() throws Exception {
    LpaClient c = loggedIn("manager1", Map.of("LPA_PASSWORD", "manager1-pass"));
    String bearer = stored(c).bearer();
    f.admin().expireSession("manager1");

    openAndClose(c);

    assertThat(stored(c).bearer()).as("renewed once by the socket's refusal").isNotEqualTo(bearer);
    assertThat(stored(c).confirmed()).isEqualTo(f.clock.millis());
  }
}
