package dev.lpa.cli;

import dev.lpa.cli.support.Ansi;
import dev.lpa.cli.support.CliException;
import dev.lpa.core.LpaException;
import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.OutputOptions;
import dev.lpa.cli.support.Printer;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "show",
    description = "Show a conversation's transcript, with the consumer's previous conversations above it.",
    footer = {
      "",
      "Consumer messages are on the left, yours on the right with receipts (✓ sent, ✓✓ delivered, ✓✓ read), system messages centred. Structured content is shown as readable lines.",
      "",
      "Closed conversations (ids from `lpa list --closed` or `lpa list --search`) are read from history. A prefix that matches more than one conversation is refused with the candidates (exit 2).",
      "",
      "Examples:",
      "  lpa show 3f2a",
      "  lpa show 3f2a --follow",
      "  lpa show 3f2a --json | jq -r '.messages[].text'"
    })
public final class ShowCommand extends WorkspaceCommand {
  @Parameters(paramLabel = "CONV", description = "Conversation id (or a unique prefix): open, or closed within 90 days.")
  String conv;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new messages as they arrive (Ctrl-C to stop).")
  boolean follow;

  @Option(names = "--no-history", negatable = false, description = "Do not show the consumer's previous conversations.")
  boolean noHistory;

  @Option(names = "--messages", paramLabel = "N", hidden = true, description = "With --follow, stop after N new messages.")
  int stopAfter = -1;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    Workspace w = workspace();
    AnyConversation found = AnyConversation.find(w, conv, this::progress);
    Conversation c = found.conversation();
    List<Message> messages = found.fromHistory() ? found.messages() : live(w, c);
    List<Workspace.ConversationWithMessages> previous = List.of();
    if (noHistory) {
      // nothing to load
    } else if (found.fromHistory()) {
      previous = found.earlier();
    } else {
      try {
        previous = Await.get(w.previousConversations(c.id()), "loading previous conversations");
      } catch (RuntimeException e) {
        progress("previous conversations unavailable: " + e.getMessage());
      }
    }
    Printer p = printer(output);
    if (p.machine()) {
      Map<String, Object> doc = new LinkedHashMap<>(Views.json(c, now()));
      List<Object> prev = new ArrayList<>();
      for (Workspace.ConversationWithMessages pc : previous) {
        Map<String, Object> pm = new LinkedHashMap<>(Views.json(pc.conversation(), now()));
        pm.put("messages", pc.messages().stream().map(Views::json).toList());
        prev.add(pm);
      }
      doc.put("previous", prev);
      doc.put("messages", messages.stream().map(Views::json).toList());
      if (p.format() == OutputOptions.Format.JSONL && follow) {
        messages.forEach(m -> p.line(Views.json(m)));
      } else {
        p.document(doc);
      }
    } else {
      Ansi a = p.ansi();
      int width = ctx.terminal().width();
      String key = c.consumer() == null ? c.id() : c.consumer().id();
      for (Workspace.ConversationWithMessages pc : previous) {
        p.println(a.dim("── earlier conversation " + Views.shortId(pc.conversation().id()) + ", "
            + Views.when(pc.conversation().started()) + " " + "─".repeat(10)));
        Views.transcript(pc.messages(), ctx.clock().getZone(), a, width, key).forEach(p::println);
      }
      p.println(a.bold(Views.consumer(c)) + "  " + Views.skill(c) + "  " + c.id() + "  "
          + Sla.urgency(c, now()).name().toLowerCase().replace('_', ' ')
          + (c.effectiveTtr() == null ? "" : " (" + Sla.formatDueIn(Sla.dueIn(c, now())) + ")"));
      Views.transcript(messages, ctx.clock().getZone(), a, width, key).forEach(p::println);
    }
    if (follow && (found.fromHistory() || !c.open())) {
      progress("conversation " + Views.shortId(c.id()) + " is closed: nothing more will arrive");
    } else if (follow) {
      follow(w, c, p);
    }
    return 0;
  }

  /**
   * The transcript of a live conversation. The server refusing it means the user may no longer
   * see it (transferred away, another user's cache): that is "not found", not a protocol error.
   */
  private static List<Message> live(Workspace w, Conversation c) {
    try {
      return Await.get(w.loadMessages(c.id()), "loading the messages");
    } catch (RuntimeException e) {
      LpaException x = LpaException.from(e);
      if (x.kind() == LpaException.Kind.FORBIDDEN || x.kind() == LpaException.Kind.NOT_FOUND
          || (x.status() >= 400 && x.status() < 500 && x.kind() != LpaException.Kind.NOT_LOGGED_IN)) {
        throw CliException.notFound("conversation " + Views.shortId(c.id()) + " not found or not visible to you");
      }
      throw e;
    }
  }

  private void follow(Workspace w, Conversation c, Printer p) throws Exception {
    LinkedBlockingQueue<WorkspaceEvent> events = new LinkedBlockingQueue<>();
    try (AutoCloseable sub = w.onEvent(events::add)) {
      int seen = 0;
      String key = c.consumer() == null ? c.id() : c.consumer().id();
      while (stopAfter < 0 || seen < stopAfter) {
        WorkspaceEvent e = events.take();
        if (e instanceof WorkspaceEvent.MessageAdded m && c.id().equals(m.message().conversationId())) {
          seen++;
          if (p.machine()) {
            p.line(Views.json(m.message()));
          } else {
            Views.transcript(List.of(m.message()), ctx.clock().getZone(), p.ansi(), ctx.terminal().width(), key)
                .forEach(p::println);
          }
        } else if (e instanceof WorkspaceEvent.ConversationRemoved r && c.id().equals(r.conversationId())) {
          progress("conversation left your list: " + r.reason());
          return;
        }
      }
    }
  }
}
