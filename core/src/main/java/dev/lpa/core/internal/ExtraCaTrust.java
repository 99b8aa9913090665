package dev.lpa.core.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust in the system's CAs plus an endpoint's extra CA (the simulator's, a private deployment's):
 * a chain is trusted when it leads to one of the extra CAs or, failing that, to one of the
 * system's, exactly as one trust store holding both would decide. The system's store is read only
 * when a chain does not lead to an extra CA: reading its 150-odd certificates is about 60 ms of a
 * short command's start, which a connection to the simulator never needs. Verification is never
 * off: every check ends in a PKIX trust manager's own.
 *
 * <p>{@link #getAcceptedIssuers()} names the extra CAs only: OkHttp reads it for certificate
 * pinning, which lpa does not use, and a client's handshake sends no list of CAs.
 */
final class ExtraCaTrust extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager extra;
  private final X509Certificate[] extraIssuers;
  private volatile X509ExtendedTrustManager system;

  ExtraCaTrust(List<X509Certificate> cas) throws GeneralSecurityException, java.io.IOException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    int i = 0;
    for (X509Certificate c : cas) {
      ks.setCertificateEntry("extra-ca-" + i++, c);
    }
    this.extra = pkix(ks);
    this.extraIssuers = cas.toArray(new X509Certificate[0]);
  }

  private static X509ExtendedTrustManager pkix(KeyStore ksOrNullForSystem) throws GeneralSecurityException {
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(ksOrNullForSystem);
    for (TrustManager tm : f.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager from " + f.getAlgorithm());
  }

  private X509ExtendedTrustManager system() throws CertificateException {
    X509ExtendedTrustManager s = system;
    if (s == null) {
      synchronized (this) {
        s = system;
        if (s == null) {
          try {
            s = pkix(null);
          } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot read the system's trusted certificates: " + e.getMessage(), e);
          }
          system = s;
        }
      }
    }
    return s;
  }

  /** One check against the extra CAs, then against the system's; the system's refusal is thrown. */
  private interface Check {
    void run(X509ExtendedTrustManager tm) throws CertificateException;
  }

  private void either(Check check) throws CertificateException {
    try {
      check.run(extra);
    } catch (CertificateException notExtra) {
      try {
        check.run(system());
      } catch (CertificateException e) {
        e.addSuppressed(notExtra);
        throw e;
      }
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    either(tm -> tm.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    either(tm -> tm.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    either(tm -> tm.checkServerTrusted(chain, authType));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    either(tm -> tm.checkClientTrusted(chain, authType, socket));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    either(tm -> tm.checkClientTrusted(chain, authType, engine));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    either(tm -> tm.checkClientTrusted(chain, authType));
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return extraIssuers.clone();
  }
}
