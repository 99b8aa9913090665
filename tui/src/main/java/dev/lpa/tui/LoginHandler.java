package dev.lpa.tui;

import dev.lpa.core.LpaException;
import dev.lpa.core.workspace.Workspace;
import java.net.URI;
import java.util.function.Consumer;

/**
 * Lets the console log in and out by itself (the cli provides it for {@code lpa tui} when no
 * session exists). Calls block; the console makes them off its UI thread.
 */
public interface LoginHandler {

  /** The account number remembered from an earlier login ("" when none). */
  default String rememberedAccount() {
    return "";
  }

  /**
   * Logs in with username and password and opens the workspace. The console wipes the password
   * array after the call.
   *
   * @param remember keep the account number for the next login
   * @throws LpaException NOT_LOGGED_IN for rejected credentials, GAVE_UP/TIMEOUT for server or
   *     network trouble
   */
  Workspace login(String account, String username, char[] password, boolean remember);

  /** Logs in through the identity provider (browser) and opens the workspace. */
  Workspace loginSso(String account, boolean remember);

  /**
   * As {@link #loginSso(String, boolean)}, with the console's way to show the sign-in address:
   * {@code open} opens the browser, or puts the address on the login screen when it cannot.
   */
  default Workspace loginSso(String account, boolean remember, Consumer<URI> open) {
    return loginSso(account, remember);
  }

  /** Logs out on the server and forgets the session; the workspace is closed by the console. */
  default void logout(Workspace ws) {}
}
