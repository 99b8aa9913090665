package dev.lpa.core.workspace;

/** The messaging socket as the user should see it. */
public enum ConnectionState {
  CONNECTING, CONNECTED, RECONNECTING, OFFLINE, LOGGED_OUT
}
