package dev.lpa.cli;

import dev.lpa.cli.support.Printer;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Ring;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "watch",
    description = "Print every event (rings, messages, receipts, changes, connection) as JSON lines.",
    footer = {
      "",
      "Each line has \"type\" and \"at\"; types: ring, ring-ended, conversation, removed, message, delivery, typing, overdue, agent-state, connection.",
      "",
      "Examples:",
      "  lpa watch",
      "  lpa watch | jq -c 'select(.type==\"ring\")'",
      "  lpa watch --count 1 --type ring   # wait for the next ring"
    })
public final class WatchCommand extends WorkspaceCommand {
  @Option(names = "--count", paramLabel = "N", description = "Stop after N events.")
  int count = -1;

  @Option(names = "--type", paramLabel = "TYPE", split = ",", description = "Only these event types (comma-separated).")
  java.util.Set<String> types;

  @Override
  public Integer call() throws Exception {
    Workspace w = workspace();
    Printer p = new Printer(out(), dev.lpa.cli.support.OutputOptions.Format.JSONL, ansiOut());
    LinkedBlockingQueue<WorkspaceEvent> events = new LinkedBlockingQueue<>();
    try (AutoCloseable sub = w.onEvent(events::add)) {
      progress("Watching profile " + profile() + " (Ctrl-C to stop)...");
      for (int n = 0; count < 0 || n < count; ) {
        Map<String, Object> m = json(events.take(), now());
        if (types == null || types.contains((String) m.get("type"))) {
          p.line(m);
          n++;
        }
      }
    }
    return 0;
  }

  static Map<String, Object> json(WorkspaceEvent e, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type(e));
    m.put("at", e.at());
    if (e instanceof WorkspaceEvent.RingOffered r) {
      ring(m, r.ring());
      if (r.conversation() != null) {
        m.put("conversation", Views.json(r.conversation(), now));
      }
    } else if (e instanceof WorkspaceEvent.RingEnded r) {
      ring(m, r.ring());
    } else if (e instanceof WorkspaceEvent.ConversationUpdated u) {
      m.put("conversation", Views.json(u.conversation(), now));
    } else if (e instanceof WorkspaceEvent.ConversationRemoved r) {
      m.put("conversationId", r.conversationId());
      m.put("reason", r.reason());
    } else if (e instanceof WorkspaceEvent.MessageAdded a) {
      m.put("message", Views.json(a.message()));
    } else if (e instanceof WorkspaceEvent.DeliveryChanged d) {
      m.put("message", Views.json(d.message()));
    } else if (e instanceof WorkspaceEvent.ConsumerTyping t) {
      m.put("conversationId", t.conversationId());
      m.put("typing", t.typing());
    } else if (e instanceof WorkspaceEvent.BecameOverdue o) {
      Conversation c = o.conversation();
      m.put("conversation", Views.json(c, now));
    } else if (e instanceof WorkspaceEvent.AgentStateChanged s) {
      m.put("state", s.state() == null ? null : s.state().cliName());
    } else if (e instanceof WorkspaceEvent.ConnectionChanged c) {
      m.put("state", c.state().name());
      m.put("detail", c.detail());
    }
    return m;
  }

  private static void ring(Map<String, Object> m, Ring r) {
    m.put("ringId", r.ringId());
    m.put("conversationId", r.conversationId());
    m.put("skillId", r.skillId());
    m.put("state", r.state());
    m.put("expires", r.expires());
    m.put("transfer", r.transfer());
  }

  static String type(WorkspaceEvent e) {
    if (e instanceof WorkspaceEvent.RingOffered) {
      return "ring";
    } else if (e instanceof WorkspaceEvent.RingEnded) {
      return "ring-ended";
    } else if (e instanceof WorkspaceEvent.ConversationUpdated) {
      return "conversation";
    } else if (e instanceof WorkspaceEvent.ConversationRemoved) {
      return "removed";
    } else if (e instanceof WorkspaceEvent.MessageAdded) {
      return "message";
    } else if (e instanceof WorkspaceEvent.DeliveryChanged) {
      return "delivery";
    } else if (e instanceof WorkspaceEvent.ConsumerTyping) {
      return "typing";
    } else if (e instanceof WorkspaceEvent.BecameOverdue) {
      return "overdue";
    } else if (e instanceof WorkspaceEvent.AgentStateChanged) {
      return "agent-state";
    }
    return "connection";
  }
}
