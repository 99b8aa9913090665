package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.CliContext;
import dev.lpa.core.LpaClient;
import dev.lpa.core.auth.Credentials;
import dev.lpa.core.auth.Endpoint;
import dev.lpa.core.auth.ProfileInfo;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.tui.Console;
import dev.lpa.tui.ConsoleOptions;
import dev.lpa.tui.LoginHandler;
import dev.lpa.tui.StreamTerminal;
import java.net.URI;
import java.time.ZoneId;
import java.util.function.Consumer;

/** Opens the full-screen console (module tui) for the cli's context. */
final class ConsoleLauncher {
  private ConsoleLauncher() {}

  static ConsoleOptions options(CliContext ctx, LoginHandler login) {
    // the same opener as `lpa login --sso`: the console shows the address when it fails
    ConsoleOptions o = ConsoleOptions.defaults().withEnv(ctx.env()).withZone(zone(ctx)).withBrowser(ctx.browser());
    return login == null ? o : o.withLogin(login);
  }

  private static ZoneId zone(CliContext ctx) {
    return ctx.clock().getZone();
  }

  static int run(Workspace w, ConsoleOptions options) {
    return Console.run(w, options);
  }

  /**
   * The console a background session runs for an attached client: on the session's workspace
   * and the client's terminal, with the client's colours and language; logging out from it logs
   * the profile out (the session then stops).
   */
  static int attached(CliContext ctx, String profile, Workspace w, StreamTerminal t, Consumer<String> raw,
      String focus) throws java.io.IOException {
    ProfileInfo stored = ctx.sessions().client().profiles().stream()
        .filter(p -> p.name().equals(profile)).findFirst().orElse(null);
    String csds = ctx.env("LPA_CSDS") != null ? ctx.env("LPA_CSDS") : stored == null ? null : stored.csdsDomain();
    java.nio.file.Path ca = ctx.env("LPA_CA_FILE") == null ? null : java.nio.file.Path.of(ctx.env("LPA_CA_FILE"));
    ConsoleOptions o = options(ctx, loginHandler(ctx, profile, csds, ca)).withRawOutput(raw).withFocus(focus);
    return StreamTerminal.runConsole(t, ctx.clock(), o, w);
  }

  /** Logs in from the console's login screen, through the same client and profile as the commands. */
  static LoginHandler loginHandler(CliContext ctx, String profile, String csds, java.nio.file.Path ca) {
    LpaClient client = ctx.sessions().client();
    return new LoginHandler() {
      @Override
      public String rememberedAccount() {
        return client.profiles().stream().filter(p -> p.name().equals(profile))
            .map(ProfileInfo::accountId).filter(a -> a != null).findFirst().orElse("");
      }

      @Override
      public Workspace login(String account, String username, char[] password, boolean remember) {
        Await.get(client.login(profile, endpoint(account), new Credentials.Password(username, password)), "logging in");
        return ctx.sessions().workspace(profile);
      }

      @Override
      public Workspace loginSso(String account, boolean remember) {
        return loginSso(account, remember, ctx.browser());
      }

      @Override
      public Workspace loginSso(String account, boolean remember, Consumer<URI> open) {
        // the console owns the screen: it opens the browser, or shows the address on the login screen
        Await.get(client.login(profile, endpoint(account), new Credentials.OAuth(open)), "logging in");
        return ctx.sessions().workspace(profile);
      }

      @Override
      public void logout(Workspace ws) {
        ctx.sessions().forget(profile);
        Await.get(client.logout(profile), "logging out");
      }

      private Endpoint endpoint(String account) {
        return new Endpoint(account, csds == null ? Endpoint.LIVEPERSON_CSDS : csds, ca, false);
      }
    };
  }
}
