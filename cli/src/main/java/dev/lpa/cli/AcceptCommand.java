package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.CliException;
import dev.lpa.cli.support.ExitCodes;
import dev.lpa.cli.support.OutputOptions;
import dev.lpa.cli.support.Printer;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Ring;
import dev.lpa.core.usecase.Rings;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "accept",
    description = "Accept a ringing conversation (the next one by default).",
    footer = {
      "",
      "Rings reach online agents only; with --wait, accept goes online for the wait. The server takes you offline when your last connection closes (use lpa shell or lpa tui to stay on). One conversation is accepted at a time. Exit 6 when nothing rings; with --wait, exit 7 when nothing rang in time.",
      "",
      "Examples:",
      "  lpa accept",
      "  lpa accept --next --wait 5m",
      "  lpa accept 3f2a"
    })
public final class AcceptCommand extends WorkspaceCommand {
  @Parameters(arity = "0..1", paramLabel = "RING", description = "Ring id, or the ringing conversation's id (prefix).")
  String ring;

  @Option(names = "--next", description = "The ring that expires first (the default).")
  boolean next;

  @Option(names = "--wait", paramLabel = "DURATION", description = "Wait up to DURATION for a ring (e.g. 30s, 5m).")
  Duration wait;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    if (ring != null && next) {
      throw CliException.usage("give a RING or --next, not both");
    }
    Workspace w = workspace();
    Ring r = find(w.state());
    if (r == null && wait != null) {
      // rings go only to online agents, and the server takes an agent offline when its last
      // connection closes: a one-shot command has to be online while it waits
      if (w.state().agentState() != AgentState.ONLINE) {
        progress("Going online to receive rings...");
        Await.get(w.setAgentState(AgentState.ONLINE), "going online");
      }
      progress("Waiting up to " + wait.toSeconds() + "s for a ring...");
      r = waitFor(w);
      if (r == null) {
        throw new CliException(ExitCodes.GAVE_UP, "nothing rang within " + wait.toSeconds() + "s");
      }
    }
    if (r == null) {
      throw CliException.notFound(ring == null
          ? "nothing is ringing (are you online? lpa state online; or wait: lpa accept --wait 5m)"
          : "no ring " + ring + " (see: lpa watch --type ring)");
    }
    Conversation c = Await.get(w.acceptRing(r.ringId()), "accepting");
    // the accept answer may come before the consumer's profile; the state may know more by now
    Conversation known = w.state().conversations().get(c.id());
    if (known != null && known.consumer() != null) {
      c = known;
    }
    Printer p = printer(output);
    if (p.machine()) {
      p.document(Views.json(c, now()));
    } else {
      p.println("Accepted " + Views.shortId(c.id()) + " from " + Views.consumer(c) + " (" + Views.skill(c) + ").");
    }
    return 0;
  }

  /** The named ring, or core's next ring (the one that expires first), the console's rule too. */
  private Ring find(WorkspaceState s) {
    if (ring == null) {
      return Rings.next(s).orElse(null);
    }
    Optional<Ring> found = s.rings().stream()
        .filter(Ring::waiting)
        .filter(r -> r.ringId().equals(ring) || r.conversationId().startsWith(ring))
        .findFirst();
    return found.orElse(null);
  }

  private Ring waitFor(Workspace w) throws Exception {
    LinkedBlockingQueue<WorkspaceState> states = new LinkedBlockingQueue<>();
    try (AutoCloseable sub = w.onState(states::add)) {
      // the state may have changed between the first look and the subscription
      Ring r = find(w.state());
      long deadline = System.nanoTime() + wait.toNanos();
      while (r == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        WorkspaceState s = states.poll(left, TimeUnit.NANOSECONDS);
        if (s != null) {
          r = find(s);
        }
      }
      return r;
    }
  }
}
