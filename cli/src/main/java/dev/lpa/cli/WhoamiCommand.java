package dev.lpa.cli;

import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.LpaCommand;
import dev.lpa.cli.support.OutputOptions;
import dev.lpa.cli.support.Printer;
import dev.lpa.core.LpaClient;
import dev.lpa.core.model.Session;
import dev.lpa.core.text.SafeText;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "whoami",
    description = "Show who is logged in on the profile (exit 4 when nobody is).",
    footer = {"", "Examples:", "  lpa whoami", "  lpa whoami --profile staging --json"})
public final class WhoamiCommand extends LpaCommand {
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    LpaClient client = ctx.sessions().client();
    String profile = client.resolveProfile(common.profileOrNull());
    Session s = client.session(profile)
        .orElseThrow(() -> CliException.notLoggedIn(
            "not logged in on profile " + profile + " (log in with: lpa login)"));
    Printer p = printer(output);
    if (p.machine()) {
      p.document(json(s));
    } else {
      p.println(name(s) + " on account " + s.accountId() + " (profile " + s.profile()
          + (s.manager() ? ", manager" : "") + ")");
    }
    return 0;
  }

  static String name(Session s) {
    String login = SafeText.line(s.loginName());
    return s.displayName() == null || s.displayName().isBlank() || s.displayName().equals(s.loginName())
        ? login
        : SafeText.line(s.displayName()) + " <" + login + ">";
  }

  static Map<String, Object> json(Session s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("profile", s.profile());
    m.put("accountId", s.accountId());
    m.put("loginName", s.loginName());
    m.put("userId", s.userId());
    m.put("displayName", s.displayName() == null ? null : SafeText.line(s.displayName()));
    m.put("manager", s.manager());
    m.put("expires", s.expires());
    return m;
  }
}
