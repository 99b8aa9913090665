package dev.lpa.sim;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SAML-assertion stand-in: base64 of a small XML document naming the user, with an HMAC of
 * the name as its signature value. It exercises the assertion login path without an IdP.
 */
final class Saml {
  private static final Pattern NAME = Pattern.compile("<saml:NameID>([^<]+)</saml:NameID>");
  private static final Pattern SIG = Pattern.compile("<ds:SignatureValue>([0-9a-f]+)</ds:SignatureValue>");

  private Saml() {}

  static String assertion(Auth auth, String login) {
    String xml = "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\""
        + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><saml:Subject><saml:NameID>" + login
        + "</saml:NameID></saml:Subject><ds:Signature><ds:SignatureValue>" + auth.hmacHex("saml:" + login)
        + "</ds:SignatureValue></ds:Signature></saml:Assertion>";
    return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
  }

  /** The login named by a valid assertion, or empty. */
  static Optional<String> verify(Auth auth, String assertion) {
    try {
      String xml = new String(Base64.getDecoder().decode(assertion), StandardCharsets.UTF_8);
      Matcher n = NAME.matcher(xml);
      Matcher s = SIG.matcher(xml);
      if (n.find() && s.find() && Auth.constantTimeEquals(auth.hmacHex("saml:" + n.group(1)), s.group(1))) {
        return Optional.of(n.group(1));
      }
    } catch (IllegalArgumentException ignored) {
      // not base64: not an assertion we issued
    }
    return Optional.empty();
  }
}
