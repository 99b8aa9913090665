package dev.lpa.sim.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one script of {@code conformance/node} with {@code node}, trusting exactly the simulator's
 * CA through {@code NODE_EXTRA_CA_CERTS} (TLS verification stays on), and collects its output.
 */
public final class NodeScript {
  /** Longer than any script's own deadline, so the script reports its own timeout first. */
  private static final long HARD_LIMIT_SECONDS = 120;

  private final Path dir;

  public NodeScript(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public record Result(int exitCode, String output) {}

  /** Null when node and the installed SDK are present, else what is missing. */
  public static String whatIsMissing(Path dir) {
    if (!Files.isDirectory(dir)) {
      return dir + " does not exist";
    }
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "`node --version` failed: " + v;
      }
    } catch (IOException e) {
      return "no `node` on the PATH (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while looking for node";
    }
    if (!Files.isRegularFile(dir.resolve("node_modules/node-agent-sdk/package.json"))) {
      return dir.resolve("node_modules/node-agent-sdk") + " is not installed";
    }
    return null;
  }

  /** How long {@code npm ci} may take on a slow connection before the build gives up on it. */
  private static final long INSTALL_LIMIT_SECONDS = 300;

  /**
   * Installs the pinned SDK ({@code npm ci --no-audit --no-fund}, from the committed lock file)
   * when {@code node_modules} lacks it, so a fresh checkout runs the conformance without a manual
   * step. Null when the SDK is there (or now installed), else why it could not be installed
   * (no npm, offline registry, a timeout).
   */
  public static String installIfMissing(Path dir) {
    if (Files.isRegularFile(dir.resolve("node_modules/node-agent-sdk/package.json"))) {
      return null;
    }
    if (!Files.isRegularFile(dir.resolve("package-lock.json"))) {
      return dir.resolve("package-lock.json") + " is missing";
    }
    ProcessBuilder pb = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
        .redirectErrorStream(true);
    pb.environment().remove("NODE_OPTIONS");
    try {
      Process p = pb.start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thread pump = new Thread(() -> copy(p.getInputStream(), out), "npm-output");
      pump.setDaemon(true);
      pump.start();
      if (!p.waitFor(INSTALL_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "`npm ci` did not finish in " + INSTALL_LIMIT_SECONDS + " s";
      }
      pump.join(5000);
      if (p.exitValue() != 0) {
        String log = out.toString(StandardCharsets.UTF_8).strip();
        return "`npm ci` failed (exit " + p.exitValue() + "): " + log.substring(Math.max(0, log.length() - 400));
      }
    } catch (IOException e) {
      return "no `npm` on the PATH (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted during `npm ci`";
    }
    return Files.isRegularFile(dir.resolve("node_modules/node-agent-sdk/package.json")) ? null
        : "`npm ci` ran but node_modules/node-agent-sdk is still missing";
  }

  public Result run(String script, Path caPem, List<String> args) throws InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("node", script));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    // Settings come only from the arguments, and verification is never switched off.
    env.keySet().removeIf(k -> k.startsWith("LP_") || k.startsWith("CONF_") || k.equals("NODE_TLS_REJECT_UNAUTHORIZED")
        || k.equals("NODE_OPTIONS"));
    env.put("NODE_EXTRA_CA_CERTS", caPem.toAbsolutePath().toString());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node", e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread pump = new Thread(() -> copy(p.getInputStream(), out), "node-output");
    pump.setDaemon(true);
    pump.start();
    if (!p.waitFor(HARD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      pump.join(2000);
      return new Result(-1, out.toString(StandardCharsets.UTF_8) + "\n[killed after " + HARD_LIMIT_SECONDS + " s]");
    }
    pump.join(5000);
    return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        synchronized (out) {
          out.write(buf, 0, n);
        }
      }
    } catch (IOException ignored) {
      // the process ended; what was read is kept
    }
  }
}
