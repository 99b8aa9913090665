package dev.lpa.core.internal;

import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Which transport failures no retry can fix, said in words. Retrying an untrusted certificate, a
 * name that does not resolve or a port nobody listens on only made a command wait 31 to 61 s and
 * then print a Java class name.
 */
public final class NetworkFailures {
  private NetworkFailures() {}

  /**
   * The failure to report at once, or null when waiting and trying again may help.
   *
   * @param everAnswered the host answered before: a refused connection or a failed name lookup
   *     then means a restart or a network blip, worth the usual back-off
   */
  public static LpaException permanent(Throwable t, String host, boolean everAnswered) {
    if (untrustedCertificate(t)) {
      return new LpaException(Kind.ERROR, "the server's certificate is not trusted (" + host
          + "); pass --ca-file with the CA that signed it", t);
    }
    if (has(t, SSLPeerUnverifiedException.class)) {
      return new LpaException(Kind.ERROR, "the server's certificate is not for " + host
          + "; check the address (--csds)", t);
    }
    if (everAnswered) {
      return null;
    }
    if (has(t, UnknownHostException.class)) {
      return new LpaException(Kind.ERROR, "the name " + host
          + " does not resolve; check the address (--csds) and the network", t);
    }
    if (refused(t)) {
      return new LpaException(Kind.ERROR, "nothing is listening at " + host + " (connection refused)", t);
    }
    if (has(t, NoRouteToHostException.class)) {
      return new LpaException(Kind.ERROR, "no route to " + host + "; check the address and the network", t);
    }
    return null;
  }

  private static boolean untrustedCertificate(Throwable t) {
    if (has(t, CertPathBuilderException.class) || has(t, CertPathValidatorException.class)) {
      return true;
    }
    if (!has(t, SSLHandshakeException.class)) {
      return false;
    }
    // the JDK wraps the path failure in a CertificateException, sometimes only in the message
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
      if (c instanceof CertificateException || m.contains("pkix") || m.contains("certification path")
          || m.contains("self signed") || m.contains("self-signed")) {
        return true;
      }
    }
    return false;
  }

  private static boolean refused(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
      if (c instanceof ConnectException && (m.contains("refused") || m.contains("failed to connect"))) {
        return true;
      }
      for (Throwable s : c.getSuppressed()) {
        if (refused(s)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean has(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
      for (Throwable s : c.getSuppressed()) {
        if (type.isInstance(s)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A retry about to wait: what failed, how long the wait is, which try comes next. */
  public record Retry(String what, Duration delay, int attempt, int of) {
    public String line() {
      return what + "; retrying in " + seconds(delay) + " (" + attempt + " of " + of + ")";
    }

    private static String seconds(Duration d) {
      long ms = d.toMillis();
      return ms < 1000 ? ms + "ms" : (ms + 500) / 1000 + "s";
    }
  }

  private static final List<Consumer<Retry>> LISTENERS = new CopyOnWriteArrayList<>();

  /**
   * Hears every retry of this process, so a command on a terminal can say it is waiting instead
   * of looking stuck. The handle removes the listener.
   */
  public static AutoCloseable onRetry(Consumer<Retry> listener) {
    LISTENERS.add(listener);
    return () -> LISTENERS.remove(listener);
  }

  /** Tells the listeners a retry is about to wait (Http, the socket). */
  public static void retrying(Retry r) {
    for (Consumer<Retry> l : LISTENERS) {
      try {
        l.accept(r);
      } catch (RuntimeException e) {
        // a listener's failure must not stop the retry
        CoreLog.swallowed("a retry listener", e);
      }
    }
  }
}
