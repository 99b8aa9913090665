package dev.lpa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCertificatesTest {
  @Test
  void createsALongLivedCaAndAServerCertificateForLoopback(@TempDir Path dir) throws Exception {
    SimCertificates certs = SimCertificates.loadOrCreate(dir);

    assertThat(certs.caPem()).isEqualTo(dir.resolve("ca.pem")).exists();
    assertThat(Files.readString(certs.caPem())).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca-key.pem"))))
        .isEqualTo("rw-------");
    assertThat(certs.caCertificate().getNotAfter().toInstant())
        .isAfter(Instant.now().plus(365, ChronoUnit.DAYS));
    assertThat(certs.serverCertificate().getSubjectAlternativeNames())
        .extracting(l -> (Object) l.get(1))
        .contains("127.0.0.1", "localhost");
    certs.serverCertificate().verify(certs.caCertificate().getPublicKey());
  }

  @Test
  void reusesTheStoredCaAcrossRestarts(@TempDir Path dir) throws Exception {
    SimCertificates first = SimCertificates.loadOrCreate(dir);
    SimCertificates second = SimCertificates.loadOrCreate(dir);

    assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
    second.serverCertificate().verify(first.caCertificate().getPublicKey());
  }
}
