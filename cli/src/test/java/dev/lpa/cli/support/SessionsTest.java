package dev.lpa.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.cli.fake.Desk;
import dev.lpa.core.ClientConfig;
import dev.lpa.core.LpaClient;
import dev.lpa.core.LpaException;
import dev.lpa.core.auth.Credentials;
import dev.lpa.core.auth.Endpoint;
import dev.lpa.core.auth.ProfileInfo;
import dev.lpa.core.model.Session;
import dev.lpa.core.testkit.Await;
import dev.lpa.core.testkit.ScriptedWorkspace;
import dev.lpa.core.workspace.Workspace;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The context's workspaces: none outlives the context, even one still connecting when it closes. */
class SessionsTest {
  /** A client whose open answers when the test says so. */
  private static final class SlowClient implements LpaClient {
    final ClientConfig config;
    final CompletableFuture<Workspace> opening = new CompletableFuture<>();
    volatile boolean asked;

    SlowClient(ClientConfig config) {
      this.config = config;
    }

    @Override
    public ClientConfig config() {
      return config;
    }

    @Override
    public String resolveProfile(String explicitOrNull) {
      return explicitOrNull == null ? "default" : explicitOrNull;
    }

    @Override
    public List<ProfileInfo> profiles() {
      return List.of();
    }

    @Override
    public CompletableFuture<Session> login(String profile, Endpoint endpoint, Credentials credentials) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public Optional<Session> session(String profile) {
      return Optional.empty();
    }

    @Override
    public CompletableFuture<Workspace> open(String profile) {
      asked = true;
      return opening;
    }

    @Override
    public CompletableFuture<Void> logout(String profile) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {}
  }

  @Test
  void aWorkspaceThatFinishesConnectingAfterTheContextClosedIsClosedAtOnce() throws Exception {
    SlowClient[] client = new SlowClient[1];
    CliContext ctx = new CliContext(Map.of("HOME", "/nonexistent"), Clock.systemUTC(), InputStream.nullInputStream(),
        Terminal.NONE, Prompter.console(), c -> client[0] = new SlowClient(c));
    CompletableFuture<Object> opened = CompletableFuture.supplyAsync(() -> {
      try {
        return ctx.sessions().workspace("default");
      } catch (RuntimeException e) {
        return e;
      }
    });
    Await.until(() -> client[0] != null && client[0].asked, Duration.ofSeconds(10), () -> "the open never started");
    ctx.close(); // Ctrl-C, or a session stopping, while the socket is still connecting

    ScriptedWorkspace late = Desk.of(Clock.systemUTC(), "default", "agent1");
    client[0].opening.complete(late);

    Object result = opened.get(10, TimeUnit.SECONDS);
    assertThat(result).isInstanceOfSatisfying(LpaException.class,
        e -> assertThat(e.kind()).isEqualTo(LpaException.Kind.CANCELLED));
    assertThat(late.closed()).as("nobody would close it later").isTrue();
  }

  @Test
  void aClosedContextOpensNothing() {
    CliContext ctx = new CliContext(Map.of("HOME", "/nonexistent"), Clock.systemUTC(), InputStream.nullInputStream(),
        Terminal.NONE, Prompter.console(), SlowClient::new);
    ctx.close();
    try {
      ctx.sessions().workspace("default");
      throw new AssertionError("opened after close");
    } catch (LpaException e) {
      assertThat(e.kind()).isEqualTo(LpaException.Kind.CANCELLED);
    }
  }
}
