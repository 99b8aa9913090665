package dev.lpa.sim;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Plain entry point: {@code java -cp ... dev.lpa.sim.SimMain [--port N] [--data DIR] [--traffic RATE] [--admin]
 * [--load-agents N]}.
 * Prints one line {@code lpa-sim listening on https://127.0.0.1:PORT ca=PATH} when ready and
 * runs until killed.
 */
public final class SimMain {
  private SimMain() {}

  public static void main(String[] args) throws Exception {
    SimConfig.Builder b = SimConfig.builder().port(8443);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> b.port(Integer.parseInt(args[++i]));
        case "--data" -> b.dataDir(Path.of(args[++i]));
        case "--traffic" -> b.trafficRate(Double.parseDouble(args[++i]));
        case "--admin" -> b.admin(true);
        case "--load-agents" -> b.loadAgents(Integer.parseInt(args[++i]));
        default -> {
          System.err.println("usage: SimMain [--port N] [--data DIR] [--traffic RATE] [--admin] [--load-agents N]");
          System.exit(2);
        }
      }
    }
    Simulator sim = Simulator.start(b.build());
    Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
    System.out.println("lpa-sim listening on " + sim.baseUrl() + " ca=" + sim.caPem());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
