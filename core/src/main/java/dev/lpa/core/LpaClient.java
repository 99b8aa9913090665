package dev.lpa.core;

import dev.lpa.core.auth.Credentials;
import dev.lpa.core.auth.Endpoint;
import dev.lpa.core.auth.ProfileInfo;
import dev.lpa.core.model.Session;
import dev.lpa.core.workspace.StartMode;
import dev.lpa.core.workspace.Workspace;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The entry point of core: profiles, login, logout, and opening a live {@link Workspace}.
 *
 * <p>Profile resolution: an explicit name, else {@code LPA_PROFILE}, else "default". Environment
 * variables ({@code LPA_ACCOUNT}, {@code LPA_USERNAME}, {@code LPA_PASSWORD}, {@code LPA_TOKEN},
 * {@code LPA_CSDS}, {@code LPA_CA_FILE}) beat stored values.
 */
public interface LpaClient extends AutoCloseable {

  static LpaClient create(ClientConfig config) {
    return DefaultLpaClient.create(config);
  }

  ClientConfig config();

  /** The profile name to use when the caller names none. */
  String resolveProfile(String explicitOrNull);

  List<ProfileInfo> profiles();

  /**
   * Discovers the domains, logs in, and stores the session (tokens, never the password) under
   * the profile, in a 0600 file. Fails with NOT_LOGGED_IN on rejected credentials.
   */
  CompletableFuture<Session> login(String profile, Endpoint endpoint, Credentials credentials);

  /** The stored session of a profile, if logged in (it may still turn out expired). */
  Optional<Session> session(String profile);

  /**
   * Opens the live workspace of a logged-in profile: connects the socket, subscribes, loads the
   * local store. A session that cannot be renewed fails with NOT_LOGGED_IN. When no profile is
   * stored but {@code LPA_*} variables carry credentials, logs in from them first.
   */
  CompletableFuture<Workspace> open(String profile);

  /**
   * Opens the workspace for a face that needs only part of it before it is ready (see
   * {@link StartMode}); a client that knows no such parts opens a live one.
   */
  default CompletableFuture<Workspace> open(String profile, StartMode mode) {
    return open(profile);
  }

  /** Logs out on the server, deletes the stored session and the profile's local store. */
  CompletableFuture<Void> logout(String profile);

  @Override
  void close();
}
