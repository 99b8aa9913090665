package dev.lpa.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

class ExtraCaTrustTest {
  private static final HeldCertificate CA = new HeldCertificate.Builder().certificateAuthority(0)
      .commonName("extra CA").build();
  private static final HeldCertificate OTHER_CA = new HeldCertificate.Builder().certificateAuthority(0)
      .commonName("nobody's CA").build();

  private static X509Certificate[] chain(HeldCertificate issuer) {
    HeldCertificate leaf = new HeldCertificate.Builder().signedBy(issuer).addSubjectAlternativeName("127.0.0.1")
        .commonName("server").build();
    return new X509Certificate[] {leaf.certificate(), issuer.certificate()};
  }

  @Test
  void aChainToTheExtraCaIsTrusted() throws Exception {
    ExtraCaTrust trust = new ExtraCaTrust(List.of(CA.certificate()));
    trust.checkServerTrusted(chain(CA), "ECDHE_ECDSA");
  }

  @Test
  void aChainToNeitherTheExtraNorTheSystemCasIsRefused() throws Exception {
    ExtraCaTrust trust = new ExtraCaTrust(List.of(CA.certificate()));
    assertThatThrownBy(() -> trust.checkServerTrusted(chain(OTHER_CA), "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class)
        // the system's refusal, with the extra CA's beside it
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
  }

  @Test
  void aLeafAloneThatTheExtraCaSignedIsTrusted() throws Exception {
    ExtraCaTrust trust = new ExtraCaTrust(List.of(CA.certificate()));
    trust.checkServerTrusted(new X509Certificate[] {chain(CA)[0]}, "ECDHE_ECDSA");
  }

  @Test
  void theAcceptedIssuersAreTheExtraCas() throws Exception {
    ExtraCaTrust trust = new ExtraCaTrust(List.of(CA.certificate()));
    assertThat(trust.getAcceptedIssuers()).containsExactly(CA.certificate());
  }
}
