package dev.lpa.core.auth;

import dev.lpa.core.ClientConfig;
import dev.lpa.core.LpaClient;

/** The real client. Being implemented: see the core issue. */
public abstract class DefaultLpaClient implements LpaClient {
  public static LpaClient create(ClientConfig config) {
    throw new UnsupportedOperationException("core client not implemented yet");
  }
}
