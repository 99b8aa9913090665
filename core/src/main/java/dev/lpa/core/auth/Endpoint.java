package dev.lpa.core.auth;

import java.nio.file.Path;

/**
 * Where an account lives.
 *
 * @param csdsDomain host[:port] of the domain (CSDS) API; LivePerson's is
 *     {@value #LIVEPERSON_CSDS}; the simulator prints its own
 * @param caFile an extra CA certificate (PEM) to trust besides the system's, null for none
 *     (the simulator's {@code ca.pem})
 * @param plainHttp plain HTTP/WS, allowed only for a loopback host (a simulator started that way)
 */
public record Endpoint(String accountId, String csdsDomain, Path caFile, boolean plainHttp) {
  public static final String LIVEPERSON_CSDS = "adminlogin.liveperson.net";
}
