package dev.lpa.core.auth;

import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

/**
 * The Conversational Cloud application a brand admin installed for lpa: its installation id
 * ({@code client_id}), the redirect URI declared at installation, and where its secret is read
 * from. The secret itself is never stored in the profile: it comes from {@code secretFile} (mode
 * 0600) or from {@code LPA_OAUTH_CLIENT_SECRET}, each time it is needed (token, refresh, revoke).
 */
public record OAuthApp(String clientId, String redirectUri, String secretFile) {
  /** The redirect lpa listens on unless the profile names another; declare it at installation. */
  public static final String DEFAULT_REDIRECT = "http://127.0.0.1:7823/callback";
  public static final String SECRET_ENV = "LPA_OAUTH_CLIENT_SECRET";

  public OAuthApp {
    if (clientId == null || clientId.isBlank()) {
      throw new LpaException(Kind.INVALID,
          "SSO needs the client id of the application installed for lpa (lpa login --sso --client-id ID)");
    }
    redirectUri = redirectUri == null || redirectUri.isBlank() ? DEFAULT_REDIRECT : redirectUri;
    checkRedirect(redirectUri);
  }

  /** The redirect must come back to this machine over loopback: lpa listens there itself. */
  static void checkRedirect(String redirect) {
    URI u;
    try {
      u = URI.create(redirect);
    } catch (IllegalArgumentException e) {
      throw new LpaException(Kind.INVALID, "not a redirect URI: " + redirect);
    }
    String host = u.getHost() == null ? "" : u.getHost();
    if (!"http".equals(u.getScheme()) || u.getPort() <= 0 || !(host.equals("127.0.0.1") || host.equals("localhost")
        || host.equals("[::1]"))) {
      throw new LpaException(Kind.INVALID,
          "the redirect URI must be http://127.0.0.1:PORT/PATH (lpa listens there), not " + redirect);
    }
  }

  int port() {
    return URI.create(redirectUri).getPort();
  }

  String path() {
    String p = URI.create(redirectUri).getPath();
    return p == null || p.isEmpty() ? "/" : p;
  }

  /** The secret, from the file when one is set, else from the environment; never logged. */
  public String secret(Map<String, String> env) {
    if (secretFile != null) {
      Path f = Path.of(secretFile);
      try {
        if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
          for (PosixFilePermission p : perms) {
            if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
              throw new LpaException(Kind.INVALID,
                  "the client secret file " + f + " must be readable by you only (chmod 600 " + f + ")");
            }
          }
        }
        String s = Files.readString(f, StandardCharsets.UTF_8).strip();
        if (s.isEmpty()) {
          throw new LpaException(Kind.INVALID, "the client secret file " + f + " is empty");
        }
        return s;
      } catch (IOException e) {
        throw new LpaException(Kind.INVALID, "cannot read the client secret file " + f + ": " + e.getMessage(), e);
      }
    }
    String s = env == null ? null : env.get(SECRET_ENV);
    if (s == null || s.isBlank()) {
      throw new LpaException(Kind.INVALID,
          "no client secret for application " + clientId + ": --client-secret-file FILE or " + SECRET_ENV);
    }
    return s.strip();
  }

  @Override
  public String toString() {
    return "OAuthApp[" + clientId + ", " + redirectUri + "]";
  }
}
