package dev.lpa.cli;

import dev.lpa.cli.support.Await;
import dev.lpa.cli.support.CliException;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Session;
import dev.lpa.core.workspace.ClosedSearch;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A conversation by id or prefix among everything the user may see: the live list and, for ids
 * from {@code list --closed} or {@code --search}, closed ones from history. Live ids alone made a
 * closed id "no conversation", and an id prefix could land on a conversation cached for another
 * user of the same profile.
 *
 * @param conversation what was found
 * @param messages the transcript when it came from history, null for a live one (load it)
 * @param earlier the consumer's other closed conversations found in the same history search
 */
record AnyConversation(Conversation conversation, List<Message> messages, List<Workspace.ConversationWithMessages> earlier) {
  /** How many closed conversations one look-up reads at most (pages of 100). */
  static final int HISTORY_LIMIT = 500;

  boolean fromHistory() {
    return messages != null;
  }

  static AnyConversation find(Workspace w, String idOrPrefix, Consumer<String> progress) {
    if (idOrPrefix == null || idOrPrefix.isBlank()) {
      throw CliException.usage("no conversation id given");
    }
    WorkspaceState s = w.state();
    Session me = s.me();
    boolean manager = me != null && me.manager();
    // a non-manager takes part in every conversation they may see; anything else in the state is
    // a leftover of the cache, not theirs to show
    List<Conversation> live = s.conversations().values().stream()
        .filter(c -> c.id().startsWith(idOrPrefix))
        .filter(c -> manager || c.myRole() != null)
        .sorted(Comparator.comparing(Conversation::id))
        .toList();
    if (live.size() == 1 && live.get(0).id().equals(idOrPrefix)) {
      return new AnyConversation(live.get(0), null, List.of());
    }
    List<Workspace.ConversationWithMessages> closed;
    try {
      closed = Await.get(w.searchClosed(new ClosedSearch(null, ClosedSearch.MAX_SINCE, !manager, HISTORY_LIMIT)),
          "searching closed conversations");
    } catch (RuntimeException e) {
      if (live.size() == 1) {
        progress.accept("closed conversations unavailable: " + e.getMessage());
        return new AnyConversation(live.get(0), null, List.of());
      }
      throw e;
    }
    Map<String, AnyConversation> found = new LinkedHashMap<>();
    live.forEach(c -> found.put(c.id(), new AnyConversation(c, null, List.of())));
    for (Workspace.ConversationWithMessages h : closed) {
      Conversation c = h.conversation();
      if (c.id() != null && c.id().startsWith(idOrPrefix) && !found.containsKey(c.id())) {
        found.put(c.id(), new AnyConversation(c, List.copyOf(h.messages()), earlier(c, closed)));
      }
    }
    if (found.isEmpty()) {
      throw CliException.notFound("conversation " + dev.lpa.core.text.SafeText.line(idOrPrefix)
          + " not found or not visible to you (see: lpa list --closed, lpa list --search TEXT)");
    }
    if (found.size() > 1) {
      List<String> names = new ArrayList<>();
      for (AnyConversation a : found.values()) {
        Conversation c = a.conversation();
        names.add(c.id() + " (" + Views.consumer(c) + ", " + (c.open() ? "open" : "closed " + Views.when(c.ended())) + ")");
        if (names.size() == 5) {
          break;
        }
      }
      throw CliException.usage("ambiguous id " + dev.lpa.core.text.SafeText.line(idOrPrefix) + ": " + found.size()
          + " conversations match: " + String.join(", ", names) + (found.size() > 5 ? ", ..." : "")
          + "; type more of the id");
    }
    return found.values().iterator().next();
  }

  private static List<Workspace.ConversationWithMessages> earlier(Conversation c, List<Workspace.ConversationWithMessages> all) {
    String consumer = c.consumer() == null ? null : c.consumer().id();
    if (consumer == null) {
      return List.of();
    }
    return all.stream()
        .filter(h -> !c.id().equals(h.conversation().id()))
        .filter(h -> h.conversation().consumer() != null && consumer.equals(h.conversation().consumer().id()))
        .filter(h -> c.started() == null || h.conversation().started() == null || h.conversation().started().isBefore(c.started()))
        .sorted(Comparator.comparing((Workspace.ConversationWithMessages h) -> h.conversation().started(),
            Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
  }
}
