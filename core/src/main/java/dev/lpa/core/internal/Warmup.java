package dev.lpa.core.internal;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The elliptic-curve work of a short command's first TLS handshake, done on the second core while
 * the first one parses the command line and reads the profile: the security providers, a P-256
 * key pair with an ECDSA signature and its verification (the first P-256 key of a JDK 25 process
 * builds a table of multiples of the curve's generator, about 60 ms of CPU, which the key share
 * of every TLS 1.3 hello and the check of an ECDSA certificate such as the simulator's need), and
 * an X25519 key pair. The JDK's own one-time set-up, done a little earlier; the keys are thrown
 * away, nothing is sent anywhere. {@code lpa list --json --no-session} on the simulator: 466 ->
 * 431 ms wall (median of 20), 9 ms more CPU (bench/session/RESULTS.md). Off with
 * {@code LPA_WARMUP=off}.
 *
 * <p>{@link #awaitCrypto} is called before the command's own thread sets up TLS, so the two
 * threads never initialise the security providers and JSSE at once.
 */
public final class Warmup {
  private static final CountDownLatch DONE = new CountDownLatch(1);
  private static volatile Thread thread;

  private Warmup() {}

  /** Starts the warm-up once per process (later calls do nothing). */
  public static synchronized void start() {
    if (thread != null) {
      return;
    }
    Thread t = new Thread(Warmup::runNow, "lpa-warmup");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  /**
   * Waits, at most {@code millis}, until a started warm-up is done (at once when none was
   * started). The caller must hold no class-initialisation lock of its own while it waits.
   */
  public static void awaitCrypto(long millis) {
    if (thread == null) {
      return;
    }
    try {
      DONE.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The warm-up on the calling thread (the start-up cache's training runs it so). */
  public static void runNow() {
    try {
      KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
      ec.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair k = ec.generateKeyPair();
      byte[] data = {1, 2, 3};
      Signature sign = Signature.getInstance("SHA256withECDSA");
      sign.initSign(k.getPrivate());
      sign.update(data);
      byte[] sig = sign.sign();
      Signature verify = Signature.getInstance("SHA256withECDSA");
      verify.initVerify(k.getPublic());
      verify.update(data);
      verify.verify(sig);
      KeyPairGenerator.getInstance("X25519").generateKeyPair();
    } catch (Throwable t) {
      // a warm-up that fails leaves the work to the handshake itself, as without it
      CoreLog.swallowed("start-up warm-up", t);
    } finally {
      DONE.countDown();
    }
  }
}
