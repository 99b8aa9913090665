package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.LpaCommand;
import dev.lpa.core.auth.Credentials;
import dev.lpa.core.auth.Endpoint;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.sim.DemoAccount;
import dev.lpa.sim.SimConfig;
import dev.lpa.sim.Simulator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    description = "Try lpa without a LivePerson account: a simulated account with live traffic, in the console.",
    footer = {
      "",
      "Starts the simulator in this process (loopback only, admin on, consumers writing in), logs in as a demo agent under the profile \"demo\" (trusting only the simulator's own CA), and opens the full-screen console. Other terminals can join with --profile demo while it runs, e.g. lpa list --profile demo. Off a terminal it prints the live list instead.",
      "",
      "Examples:",
      "  lpa demo",
      "  lpa demo --agent agent2 --traffic 6",
      "  lpa demo --agent manager1"
    })
public final class DemoCommand extends LpaCommand {
  @Option(names = "--agent", paramLabel = "LOGIN", description = "Demo user to log in as: agent1..agent6, manager1, manager2 (default: ${DEFAULT-VALUE}).")
  String agent = DemoAccount.AGENT1;

  @Option(names = "--traffic", paramLabel = "PER_MINUTE", description = "New consumer conversations per minute (default: ${DEFAULT-VALUE}).")
  double traffic = 3;

  @Option(names = "--port", paramLabel = "PORT", description = "Simulator port (default: any free port).")
  int port;

  @Option(names = "--updates", paramLabel = "N", hidden = true, description = "Without a terminal: stop after N list updates.")
  int updates = -1;

  @Override
  public Integer call() throws Exception {
    String profile = common.profileOrNull() == null ? "demo" : common.profileOrNull();
    // no data folder: a fresh in-memory account and a throw-away CA for every demo
    SimConfig cfg = SimConfig.builder().port(port).admin(true).trafficRate(traffic).build();
    progress("Starting the simulator...");
    try (Simulator sim = Simulator.start(cfg)) {
      progress("Simulator on " + sim.baseUrl() + " (account " + sim.accountId() + ")");
      // a few conversations waiting from the start, so the first screen is not empty
      sim.admin().createConversation(DemoAccount.SKILL_GENERAL, "Maya Fischer", List.of("Hi! My order never arrived."));
      sim.admin().createConversation(DemoAccount.SKILL_BILLING, "Tom Okafor", List.of("I was charged twice this month."));
      Endpoint endpoint = new Endpoint(sim.accountId(), sim.csdsDomain(), sim.caPem(), false);
      ctx.sessions().forget(profile);
      Await.get(ctx.sessions().client().login(profile, endpoint,
          new Credentials.Password(agent, (agent + "-pass").toCharArray())), "logging in to the simulator");
      Workspace w = ctx.sessions().workspace(profile);
      // online, so the waiting consumers ring at once
      Await.get(w.setAgentState(dev.lpa.core.model.AgentState.ONLINE), "going online");
      if (ctx.terminal().stdinTty() && ctx.terminal().stdoutTty()) {
        return ConsoleLauncher.run(w, ConsoleLauncher.options(ctx, ConsoleLauncher.loginHandler(
            ctx, profile, sim.csdsDomain(), sim.caPem())));
      }
      err().println("lpa demo: no terminal for the full-screen console; showing the live list instead (Ctrl-C to stop).");
      // options go after the command: the hint must work when pasted
      err().println("lpa demo: in another terminal: lpa list --profile " + profile
          + " (accept, send and the others take --profile " + profile + " too)");
      err().flush();
      String[] args = updates < 0
          ? new String[] {"list", "--watch", "--profile", profile}
          : new String[] {"list", "--watch", "--profile", profile, "--updates", Integer.toString(updates)};
      picocli.CommandLine cl = Main.commandLine(ctx);
      cl.setOut(out());
      cl.setErr(err());
      return cl.execute(args);
    } finally {
      ctx.sessions().forget(profile);
    }
  }

}
