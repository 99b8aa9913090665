package dev.lpa.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The simulator's TLS material: a CA (kept as {@code ca.pem} in the data folder so clients can
 * trust it explicitly) and a server certificate for 127.0.0.1 and localhost signed by it.
 *
 * <p>The CA and its key are reused across restarts while they are valid for at least another
 * week; otherwise a new pair is made. The leaf is made fresh at every start.
 */
public final class SimCertificates {
  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  static final Duration RENEW_BEFORE = Duration.ofDays(7);

  private final HeldCertificate ca;
  private final HeldCertificate leaf;
  private final Path caPem;

  private SimCertificates(HeldCertificate ca, HeldCertificate leaf, Path caPem) {
    this.ca = ca;
    this.leaf = leaf;
    this.caPem = caPem;
  }

  /** Loads the CA from {@code dir} or creates it there, then issues a server certificate. */
  public static SimCertificates loadOrCreate(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path caPem = dir.resolve("ca.pem");
    Path caKey = dir.resolve("ca-key.pem");
    HeldCertificate ca = null;
    if (Files.exists(caPem) && Files.exists(caKey)) {
      HeldCertificate stored =
          HeldCertificate.decode(Files.readString(caPem) + Files.readString(caKey));
      Date notAfter = stored.certificate().getNotAfter();
      if (notAfter.toInstant().isAfter(Instant.now().plus(RENEW_BEFORE))) {
        ca = stored;
      }
    }
    if (ca == null) {
      ca = new HeldCertificate.Builder()
          .certificateAuthority(0)
          .commonName("lpa simulator CA")
          .organizationalUnit("lpa")
          .duration(CA_VALIDITY.toDays(), java.util.concurrent.TimeUnit.DAYS)
          .build();
      Files.writeString(caPem, ca.certificatePem());
      Path tmp = dir.resolve("ca-key.pem.tmp");
      Files.writeString(tmp, ca.privateKeyPkcs8Pem());
      SimFiles.restrictToOwner(tmp);
      Files.move(tmp, caKey, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    HeldCertificate leaf = new HeldCertificate.Builder()
        .commonName("localhost")
        .addSubjectAlternativeName("127.0.0.1")
        .addSubjectAlternativeName("localhost")
        .duration(CA_VALIDITY.toDays() - 1, java.util.concurrent.TimeUnit.DAYS)
        .signedBy(ca)
        .build();
    return new SimCertificates(ca, leaf, caPem);
  }

  public Path caPem() {
    return caPem;
  }

  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  public X509Certificate serverCertificate() {
    return leaf.certificate();
  }

  /** Server-side TLS context presenting the leaf and the CA chain. */
  public SSLContext serverSslContext() {
    return new HandshakeCertificates.Builder()
        .heldCertificate(leaf, ca.certificate())
        .build()
        .sslContext();
  }

  /** Client-side trust that accepts this CA only (for the simulator's own tests and tools). */
  public HandshakeCertificates clientTrust() {
    return new HandshakeCertificates.Builder().addTrustedCertificate(ca.certificate()).build();
  }
}
