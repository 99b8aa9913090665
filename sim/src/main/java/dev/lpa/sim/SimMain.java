package dev.lpa.sim;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Plain entry point: {@code java -cp ... dev.lpa.sim.SimMain [--port N] [--data DIR] [--traffic RATE] [--admin]
 * [--load-agents N] [--seed-conversations N [--seed-messages M] [--seed-agent LOGIN]]}.
 * {@code --seed-conversations} starts with N open conversations on manager1's team (or all on
 * {@code --seed-agent}, whose capacity grows to hold them), each with M messages (default 1): the
 * scale load profile.
 * Prints one line {@code lpa-sim listening on https://127.0.0.1:PORT ca=PATH} when ready and
 * runs until killed.
 */
public final class SimMain {
  private SimMain() {}

  public static void main(String[] args) throws Exception {
    SimConfig.Builder b = SimConfig.builder().port(8443);
    int seed = 0;
    int seedMessages = 1;
    String seedAgent = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> b.port(Integer.parseInt(args[++i]));
        case "--data" -> b.dataDir(Path.of(args[++i]));
        case "--traffic" -> b.trafficRate(Double.parseDouble(args[++i]));
        case "--admin" -> b.admin(true);
        case "--load-agents" -> b.loadAgents(Integer.parseInt(args[++i]));
        case "--seed-conversations" -> seed = Integer.parseInt(args[++i]);
        case "--seed-messages" -> seedMessages = Integer.parseInt(args[++i]);
        case "--seed-agent" -> seedAgent = args[++i];
        default -> {
          System.err.println("usage: SimMain [--port N] [--data DIR] [--traffic RATE] [--admin] [--load-agents N]"
              + " [--seed-conversations N [--seed-messages M] [--seed-agent LOGIN]]");
          System.exit(2);
        }
      }
    }
    if (seed > 0) {
      // the seed goes through the admin surface, so seeding turns it on
      b.admin(true);
    }
    Simulator sim = Simulator.start(b.build());
    if (seed > 0) {
      long t0 = System.nanoTime();
      int n = sim.admin().seedConversations(seed, seedMessages, seedAgent).size();
      System.err.printf("lpa-sim seeded %d conversations, %d messages each, in %d ms%n", n, seedMessages,
          (System.nanoTime() - t0) / 1_000_000);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
    System.out.println("lpa-sim listening on " + sim.baseUrl() + " ca=" + sim.caPem());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
