package dev.lpa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpa.cli.support.LpaCommand;
import dev.lpa.sim.DemoAccount;
import dev.lpa.sim.SimConfig;
import dev.lpa.sim.Simulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "sim",
    description = "Run the LivePerson-compatible simulator (HTTPS + WSS on one loopback port).",
    footer = {
      "",
      "Prints the base URL, the CSDS domain to log in with, and the path of the CA certificate to trust (lpa login --ca-file, NODE_EXTRA_CA_CERTS), then serves until Ctrl-C.",
      "",
      "Port 8443 is the default because LivePerson's Node SDK examples are usually pointed at it. Without --data the account lives in memory and the CA is thrown away on exit.",
      "",
      "Examples:",
      "  lpa sim",
      "  lpa sim --data ~/.local/share/lpa/sim --traffic 2 --admin",
      "  lpa sim --port 0",
      "  lpa sim --print-accounts --json"
    })
public final class SimCommand extends LpaCommand {
  static final int DEFAULT_PORT = 8443;

  @Option(names = "--port", paramLabel = "PORT", description = "Port on 127.0.0.1; 0 = any free port (default: ${DEFAULT-VALUE}).")
  int port = DEFAULT_PORT;

  @Option(names = "--data", paramLabel = "DIR", description = "Keep the CA, certificates and state (SQLite) in DIR across restarts.")
  Path data;

  @Option(names = "--traffic", paramLabel = "PER_MINUTE", description = "Simulated consumer conversations per minute (default: 0, off).")
  double traffic;

  @Option(names = "--admin", description = "Serve the admin API under /admin (tests and demos; see sim/README.md).")
  boolean admin;

  @Option(names = "--print-accounts", description = "Print the demo account's logins (role account login password) and exit.")
  boolean printAccounts;

  @Option(names = "--json", description = "With --print-accounts: print a JSON array instead.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    if (printAccounts) {
      printAccounts(out);
      return 0;
    }
    if (traffic < 0) {
      err().println("lpa sim: --traffic must be 0 or more");
      return 2;
    }
    SimConfig cfg = SimConfig.builder().port(port).dataDir(data).trafficRate(traffic).admin(admin).build();
    Simulator sim = Simulator.start(cfg);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      sim.close();
      stopped.countDown();
    }, "lpa-sim-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("base URL:    " + sim.baseUrl());
    out.println("CSDS domain: " + sim.csdsDomain());
    out.println("account:     " + sim.accountId());
    out.println("CA file:     " + sim.caPem());
    if (admin) {
      out.println("admin API:   " + sim.baseUrl() + "/admin");
    }
    out.flush();
    progress("Serving until Ctrl-C. Log in with: lpa login --account " + sim.accountId()
        + " --csds " + sim.csdsDomain() + " --ca-file " + sim.caPem());
    stopped.await();
    return 0;
  }

  private void printAccounts(PrintWriter out) throws Exception {
    if (json) {
      List<Map<String, String>> rows = new ArrayList<>();
      for (DemoAccount.Login l : DemoAccount.users()) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("role", l.role());
        m.put("account", l.account());
        m.put("login", l.login());
        m.put("password", l.password());
        rows.add(m);
      }
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
    } else {
      for (DemoAccount.Login l : DemoAccount.users()) {
        out.println(l.role() + " " + l.account() + " " + l.login() + " " + l.password());
      }
    }
    out.flush();
  }
}
