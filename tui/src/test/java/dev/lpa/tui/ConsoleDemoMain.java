package dev.lpa.tui;

import dev.lpa.core.ClientConfig;
import dev.lpa.core.LpaClient;
import dev.lpa.core.LpaException;
import dev.lpa.core.auth.Credentials;
import dev.lpa.core.DefaultLpaClient;
import dev.lpa.core.auth.Endpoint;
import dev.lpa.core.auth.Tuning;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.sim.DemoAccount;
import dev.lpa.sim.SimConfig;
import dev.lpa.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the console in the real terminal against an in-process simulator, for the tmux test and
 * for looking at it by hand: {@code java -cp <test classpath> dev.lpa.tui.ConsoleDemoMain [--login]}.
 * Without {@code --login} it logs agent1 in, goes online and lets one consumer ring.
 */
public final class ConsoleDemoMain {
  private ConsoleDemoMain() {}

  public static void main(String[] args) throws Exception {
    boolean loginScreen = List.of(args).contains("--login");
    Path dir = Files.createTempDirectory("lpa-tui-demo");
    Simulator sim = Simulator.start(SimConfig.builder().admin(true).port(0).build());
    LpaClient client = DefaultLpaClient.create(
        new ClientConfig(dir.resolve("config"), dir.resolve("data"), Map.of(), Clock.systemUTC(), Duration.ofSeconds(10)),
        Tuning.fast());
    Endpoint endpoint = new Endpoint(sim.accountId(), sim.csdsDomain(), sim.caPem(), false);
    LoginHandler handler = new LoginHandler() {
      @Override
      public String rememberedAccount() {
        return sim.accountId();
      }

      @Override
      public Workspace login(String account, String username, char[] password, boolean remember) {
        try {
          client.login("default", new Endpoint(account, endpoint.csdsDomain(), endpoint.caFile(), false),
              new Credentials.Password(username, password)).get(20, TimeUnit.SECONDS);
          Workspace w = client.open("default").get(20, TimeUnit.SECONDS);
          w.ready().get(20, TimeUnit.SECONDS);
          return w;
        } catch (Exception e) {
          throw LpaException.from(e);
        }
      }

      @Override
      public Workspace loginSso(String account, boolean remember) {
        throw new LpaException(LpaException.Kind.INVALID, "SSO is not set up in this demo");
      }
    };
    ConsoleOptions opts = ConsoleOptions.defaults().withLocale(Locale.ENGLISH).withLogin(handler).withBrowser(u -> {})
        .withSettingsFile(dir.resolve("console.properties"));
    int code;
    if (loginScreen) {
      code = Console.run(null, opts);
    } else {
      Workspace ws = handler.login(sim.accountId(), DemoAccount.AGENT1,
          DemoAccount.user(DemoAccount.AGENT1).orElseThrow().password().toCharArray(), true);
      ws.setAgentState(AgentState.ONLINE).get(10, TimeUnit.SECONDS);
      sim.admin().createConversation(DemoAccount.SKILL_GENERAL, "Olivia Martin", List.of("hello, is anyone there?"));
      code = Console.run(ws, opts);
      ws.close();
    }
    client.close();
    sim.close();
    System.exit(code);
  }
}
