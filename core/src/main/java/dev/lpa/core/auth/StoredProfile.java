package dev.lpa.core.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;

/**
 * What a profile file holds: where the account lives, who logged in, and the session tokens.
 * Never the password. The file is mode 0600.
 *
 * @param method PASSWORD, ASSERTION, BEARER or OAUTH: decides how an expired session renews
 * @param userId the numeric user id (the legacy id is {@code accountId + "." + userId})
 * @param expires epoch millis of the session's end as the server announced it, 0 when unknown
 * @param oauthClientId the installed application's id for SSO (OAuth), null for other methods
 * @param oauthRedirectUri the redirect URI declared for it, null for the default
 * @param oauthSecretFile where its secret is read from (the path only), null for the environment
 * @param confirmed epoch millis when the Login Service last confirmed this session (the login, a
 *     renewal, or a refresh that found it alive), 0 when unknown (a file from before this field):
 *     a command opened within the refresh period of it connects without refreshing first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoredProfile(
    String name,
    String accountId,
    String csdsDomain,
    String caFile,
    boolean plainHttp,
    String loginName,
    String userId,
    String userPid,
    String displayName,
    boolean manager,
    String method,
    String bearer,
    String csrf,
    String cookie,
    String refreshToken,
    long expires,
    String oauthClientId,
    String oauthRedirectUri,
    String oauthSecretFile,
    long confirmed) {

  public Endpoint endpoint() {
    return new Endpoint(accountId, csdsDomain, caFile == null ? null : Path.of(caFile), plainHttp);
  }

  public boolean loggedIn() {
    return bearer != null && !bearer.isEmpty();
  }

  public String legacyId() {
    return accountId + "." + userId;
  }

  public StoredProfile withTokens(String bearer, String csrf, String cookie, String refreshToken, long expires) {
    return new StoredProfile(name, accountId, csdsDomain, caFile, plainHttp, loginName, userId, userPid,
        displayName, manager, method, bearer, csrf, cookie, refreshToken, expires, oauthClientId, oauthRedirectUri,
        oauthSecretFile, confirmed);
  }

  /** The same session, confirmed alive by the Login Service at {@code epochMillis}. */
  public StoredProfile withConfirmed(long epochMillis) {
    return new StoredProfile(name, accountId, csdsDomain, caFile, plainHttp, loginName, userId, userPid,
        displayName, manager, method, bearer, csrf, cookie, refreshToken, expires, oauthClientId, oauthRedirectUri,
        oauthSecretFile, epochMillis);
  }

  /** The SSO application of this profile, or null when none was set. */
  public OAuthApp oauthApp() {
    return oauthClientId == null ? null : new OAuthApp(oauthClientId, oauthRedirectUri, oauthSecretFile);
  }

  public StoredProfile withOAuthApp(OAuthApp app) {
    return new StoredProfile(name, accountId, csdsDomain, caFile, plainHttp, loginName, userId, userPid,
        displayName, manager, method, bearer, csrf, cookie, refreshToken, expires,
        app == null ? null : app.clientId(), app == null ? null : app.redirectUri(), app == null ? null : app.secretFile(),
        confirmed);
  }

  public StoredProfile loggedOut() {
    return withTokens(null, null, null, null, 0).withConfirmed(0);
  }

  @Override
  public String toString() {
    return "StoredProfile[" + name + ", " + accountId + ", " + loginName + "]";
  }
}
