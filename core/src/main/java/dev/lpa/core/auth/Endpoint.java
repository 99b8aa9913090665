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

  /** The HTTP client toward this endpoint (its CA trusted, plain HTTP only to loopback). */
  public dev.lpa.core.internal.Http http(java.time.Duration timeout, dev.lpa.core.internal.RetryPolicy retry,
      java.util.concurrent.ScheduledExecutorService scheduler) {
    return new dev.lpa.core.internal.Http(csdsDomain, caFile, plainHttp, timeout, retry, scheduler);
  }
}
