package dev.lpa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.cli.support.Printer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The simulator's HTTPS admin surface ({@code /admin/...}), used by {@code lpa smoke
 * --conversation} to play the consumer. Trusts only the CA file it is given, like the client.
 */
final class SimAdminClient {
  private final HttpClient http;
  private final String base;

  SimAdminClient(String csdsDomain, Path caFile) throws IOException, GeneralSecurityException {
    this.base = "https://" + csdsDomain;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (caFile != null) {
      b.sslContext(trusting(caFile));
    }
    this.http = b.build();
  }

  private static SSLContext trusting(Path caFile) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(caFile)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca" + i++, c);
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /** Opens a conversation as a new consumer; returns its id. */
  String createConversation(long skillId, String consumerName, String firstMessage) throws IOException, InterruptedException {
    JsonNode r = post("/admin/conversations", Map.of(
        "skillId", skillId, "consumerName", consumerName, "messages", java.util.List.of(firstMessage)));
    return r.path("conversationId").asText();
  }

  void consumerSays(String conversationId, String text) throws IOException, InterruptedException {
    post("/admin/conversations/" + conversationId + "/says", Map.of("text", text));
  }

  /** The consumer ends the conversation: closes one that is still queued or ringing as well. */
  void consumerCloses(String conversationId) throws IOException, InterruptedException {
    post("/admin/conversations/" + conversationId + "/close", Map.of());
  }

  private JsonNode post(String path, Object body) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(15))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Printer.compact(body)))
        .build();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() / 100 != 2) {
      throw new IOException("simulator admin " + path + " answered " + res.statusCode()
          + (res.statusCode() == 404 ? " (is the admin surface on, and is this the simulator?)" : ""));
    }
    return Printer.JSON.readTree(res.body());
  }
}
