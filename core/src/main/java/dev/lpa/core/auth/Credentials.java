package dev.lpa.core.auth;

import java.net.URI;
import java.util.function.Consumer;

/** How to log in. Passwords are used once and never stored. */
public sealed interface Credentials {

  /** Username and password (the password array is wiped after use). */
  record Password(String username, char[] password) implements Credentials {
    @Override
    public String toString() {
      return "Password[username=" + username + "]";
    }
  }

  /** A SAML assertion from the identity provider (SSO), as XML or base64. */
  record Assertion(String samlAssertion) implements Credentials {
    @Override
    public String toString() {
      return "Assertion[...]";
    }
  }

  /** An existing bearer token (pass-through); the user is read from the server. */
  record Bearer(String token) implements Credentials {
    @Override
    public String toString() {
      return "Bearer[...]";
    }
  }

  /**
   * The OAuth authorization-code flow of an installed application, with a loopback redirect on
   * 127.0.0.1: {@code openBrowser} is given the authorization URL (open the system browser when
   * there is one, else print it). A null {@code app} uses the one the profile remembers.
   */
  record OAuth(Consumer<URI> openBrowser, OAuthApp app) implements Credentials {
    public OAuth(Consumer<URI> openBrowser) {
      this(openBrowser, null);
    }
  }
}
