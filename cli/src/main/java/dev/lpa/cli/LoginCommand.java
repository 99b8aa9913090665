package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.LpaCommand;
import dev.lpa.cli.support.OutputOptions;
import dev.lpa.cli.support.Printer;
import dev.lpa.core.LpaClient;
import dev.lpa.core.LpaException;
import dev.lpa.core.auth.Credentials;
import dev.lpa.core.auth.Endpoint;
import dev.lpa.core.auth.OAuthApp;
import dev.lpa.core.auth.ProfileInfo;
import dev.lpa.core.model.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "login",
    description = "Log in to an account and remember it under a profile.",
    footer = {
      "",
      "The password is prompted without echo, read from stdin with --password-stdin, or taken from LPA_PASSWORD. It is never stored: the profile keeps the session's tokens only.",
      "",
      "--sso signs in through the browser with the Conversational Cloud application a brand admin installed for lpa: its client id is remembered in the profile; its secret is read from --client-secret-file (mode 0600, the path is remembered) or LPA_OAUTH_CLIENT_SECRET, each time it is needed, and never stored. The browser comes back to " + "http://127.0.0.1:7823/callback unless --redirect-uri names another redirect declared for the application.",
      "",
      "Examples:",
      "  lpa login --account 90233546 --username agent1",
      "  printf '%%s\\n' \"$PW\" | lpa login -a 90233546 -u agent1 --password-stdin",
      "  lpa login --sso --account 90233546 --client-id APP_INSTALL_ID --client-secret-file ~/.lpa-app-secret",
      "  LPA_TOKEN=... lpa login --token --account 90233546 --profile ci"
    })
public final class LoginCommand extends LpaCommand {
  @Option(names = {"-a", "--account"}, paramLabel = "ACCOUNT", description = "Account id (remembered in the profile; default: $LPA_ACCOUNT).")
  String account;

  @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "Login name (default: $LPA_USERNAME).")
  String username;

  @ArgGroup(exclusive = true)
  Method method = new Method();

  static final class Method {
    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
    boolean passwordStdin;

    @Option(names = "--sso", description = "Log in through the browser (OAuth code flow of the application installed for lpa).")
    boolean sso;

    @Option(names = "--token", description = "Use an existing bearer token from $LPA_TOKEN (or stdin when it is not a terminal).")
    boolean token;

    @Option(names = "--assertion-file", paramLabel = "FILE", description = "Log in with a SAML assertion read from FILE.")
    Path assertionFile;
  }

  @Option(names = "--client-id", paramLabel = "ID", description = "With --sso: the installation id of the application installed for lpa (remembered in the profile).")
  String clientId;

  @Option(names = "--client-secret-file", paramLabel = "FILE", description = "With --sso: read the application's secret from FILE (mode 0600; default: $LPA_OAUTH_CLIENT_SECRET).")
  Path clientSecretFile;

  @Option(names = "--redirect-uri", paramLabel = "URI", description = "With --sso: the redirect declared for the application (default: http://127.0.0.1:7823/callback).")
  String redirectUri;

  @Option(names = "--csds", paramLabel = "HOST[:PORT]", description = "Domain API host (default: $LPA_CSDS, the profile's, else LivePerson's).")
  String csds;

  @Option(names = "--ca-file", paramLabel = "PEM", description = "Also trust this CA certificate (default: $LPA_CA_FILE), e.g. the simulator's.")
  Path caFile;

  @Mixin OutputOptions output;

  /**
   * Another user (or account) logging in on a profile that is logged in: the previous user logs
   * out first, with logout's own question about their open conversations on a terminal; off one
   * their conversations stay assigned, and one line says so. The store then starts empty for the
   * new user (core wipes it when the user changes). Returns an exit code to stop with, or null.
   */
  private Integer replacingAnotherUser(LpaClient client, String profile, Optional<ProfileInfo> stored, String acct,
      Credentials credentials) {
    if (stored.isEmpty() || !stored.get().loggedIn() || !(credentials instanceof Credentials.Password pw)) {
      return null;
    }
    ProfileInfo old = stored.get();
    boolean sameUser = pw.username().equalsIgnoreCase(old.loginName()) && acct.equals(old.accountId());
    if (sameUser) {
      return null;
    }
    String who = old.loginName() + " (account " + old.accountId() + ")";
    if (ctx.terminal().interactive()) {
      err().println("Profile " + profile + " is logged in as " + who + ": logging them out first.");
      err().flush();
      picocli.CommandLine logout = Main.commandLine(ctx, new String[] {"logout"});
      logout.setOut(out());
      logout.setErr(err());
      int code = logout.execute("logout", "--profile", profile);
      return code == 0 ? null : code;
    }
    err().println("lpa: profile " + profile + " was logged in as " + who + "; their open conversations stay "
        + "assigned to them (to return them next time, log out first: lpa logout --return-all)");
    err().flush();
    ctx.sessions().forget(profile);
    try {
      Await.get(client.logout(profile), "logging out " + old.loginName());
    } catch (RuntimeException e) {
      // their session may be gone already; the new login replaces it either way
    }
    return null;
  }

  @Override
  public Integer call() {
    LpaClient client = ctx.sessions().client();
    String profile = client.resolveProfile(common.profileOrNull());
    Optional<ProfileInfo> stored =
        client.profiles().stream().filter(p -> p.name().equals(profile)).findFirst();
    String acct = first(account, ctx.env("LPA_ACCOUNT"), stored.map(ProfileInfo::accountId).orElse(null));
    if (acct == null) {
      acct = ask("Account: ", "--account");
    }
    String host = first(csds, ctx.env("LPA_CSDS"), stored.map(ProfileInfo::csdsDomain).orElse(null));
    Path ca = caFile != null ? caFile : ctx.env("LPA_CA_FILE") != null ? Path.of(ctx.env("LPA_CA_FILE")) : null;
    if (ca != null && !Files.isReadable(ca)) {
      throw CliException.usage("cannot read the CA file " + ca);
    }
    Endpoint endpoint = new Endpoint(acct, host == null ? Endpoint.LIVEPERSON_CSDS : host, ca, false);
    Credentials credentials = credentials(stored);
    Integer refused = replacingAnotherUser(client, profile, stored, acct, credentials);
    if (refused != null) {
      return refused;
    }
    progress("Logging in to account " + acct + "...");
    ctx.sessions().forget(profile);
    Session s = Await.get(client.login(profile, endpoint, credentials), "logging in");
    Printer p = printer(output);
    if (p.machine()) {
      p.document(WhoamiCommand.json(s));
    } else {
      p.println("Logged in as " + WhoamiCommand.name(s) + " on account " + s.accountId()
          + " (profile " + s.profile() + ").");
    }
    return 0;
  }

  private Credentials credentials(Optional<ProfileInfo> stored) {
    if (method.sso) {
      return new Credentials.OAuth(this::openBrowser, oauthApp());
    }
    if (clientId != null || clientSecretFile != null || redirectUri != null) {
      throw CliException.usage("--client-id, --client-secret-file and --redirect-uri go with --sso");
    }
    if (method.assertionFile != null) {
      try {
        return new Credentials.Assertion(Files.readString(method.assertionFile).trim());
      } catch (IOException e) {
        throw CliException.usage("cannot read " + method.assertionFile + ": " + e.getMessage());
      }
    }
    if (method.token) {
      String t = ctx.env("LPA_TOKEN");
      if (t == null && !ctx.terminal().stdinTty()) {
        t = readStdinLine();
      }
      if (t == null || t.isBlank()) {
        throw CliException.usage("no token: set LPA_TOKEN or pipe the token on stdin");
      }
      return new Credentials.Bearer(t.trim());
    }
    String user = first(username, ctx.env("LPA_USERNAME"), stored.map(ProfileInfo::loginName).orElse(null));
    if (user == null) {
      user = ask("Username: ", "--username");
    }
    char[] password;
    if (method.passwordStdin) {
      String line = readStdinLine();
      if (line == null || line.isEmpty()) {
        throw CliException.usage("--password-stdin: stdin was empty");
      }
      password = line.toCharArray();
    } else if (ctx.env("LPA_PASSWORD") != null) {
      password = ctx.env("LPA_PASSWORD").toCharArray();
    } else if (ctx.terminal().interactive()) {
      password = ctx.prompter().askSecret("Password for " + user + ": ");
      if (password == null) {
        throw CliException.cancelled("no password given");
      }
    } else {
      throw CliException.usage(
          "no password: not on a terminal, so use --password-stdin or set LPA_PASSWORD");
    }
    return new Credentials.Password(user, password);
  }

  /** The application named on the command line, or null to use the one the profile remembers. */
  private OAuthApp oauthApp() {
    if (clientId == null) {
      if (clientSecretFile != null || redirectUri != null) {
        throw CliException.usage("--client-secret-file and --redirect-uri need --client-id");
      }
      return null;
    }
    if (clientSecretFile != null && !Files.isReadable(clientSecretFile)) {
      throw CliException.usage("cannot read the client secret file " + clientSecretFile);
    }
    try {
      return new OAuthApp(clientId.trim(), redirectUri,
          clientSecretFile == null ? null : clientSecretFile.toAbsolutePath().toString());
    } catch (LpaException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  private String ask(String prompt, String option) {
    if (!ctx.terminal().interactive()) {
      throw CliException.usage("missing " + option + " (not on a terminal, so it cannot be asked)");
    }
    String v = ctx.prompter().ask(prompt);
    if (v == null || v.isBlank()) {
      throw CliException.cancelled("login cancelled");
    }
    return v.trim();
  }

  private String readStdinLine() {
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(ctx.stdin(), StandardCharsets.UTF_8));
      String line = r.readLine();
      return line == null ? null : line.replaceAll("\r$", "");
    } catch (IOException e) {
      throw new CliException(1, "cannot read stdin: " + e.getMessage());
    }
  }

  private void openBrowser(URI uri) {
    err().println("Open this address in a browser to log in:");
    err().println("  " + uri);
    err().flush();
    try {
      ctx.browser().accept(uri);
    } catch (UnsupportedOperationException e) {
      // no browser here (ssh, no desktop): the address printed above is the way in
    }
  }

  private static String first(String... values) {
    return Arrays.stream(values).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
  }

}
