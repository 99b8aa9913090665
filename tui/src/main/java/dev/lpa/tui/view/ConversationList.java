package dev.lpa.tui.view;

import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.sla.Urgency;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.workspace.WorkspaceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Pure functions from a workspace snapshot to list rows. */
public final class ConversationList {
  /** The app shows the agent's closed conversations of the last day under the open ones. */
  public static final Duration CLOSED_WINDOW = Duration.ofDays(1);

  private ConversationList() {}

  public static List<ListRow> rows(
      WorkspaceState state, Instant now, String filter, Set<String> marked, Map<String, String> markErrors) {
    return rows(state, now, ListScope.MINE, filter, marked, markErrors);
  }

  public static List<ListRow> rows(WorkspaceState state, Instant now, ListScope scope, String filter,
      Set<String> marked, Map<String, String> markErrors) {
    List<ListRow> out = new ArrayList<>();
    String needle = filter == null ? "" : filter.trim().toLowerCase(Locale.ROOT);
    boolean all = scope.tab() == ListScope.Tab.ALL && state.me() != null && state.me().manager();
    for (Conversation c : Sla.listOrder(state.conversations().values(), now, CLOSED_WINDOW)) {
      if (!all && c.myRole() == null) {
        continue; // offered (ringing) but not yet mine, or a team conversation: not in "My"
      }
      if (all && !matches(c, scope.status())) {
        continue;
      }
      ListRow row = row(c, state, now, marked.contains(c.id()), markErrors.get(c.id()));
      if (!needle.isEmpty()
          && !row.consumer().toLowerCase(Locale.ROOT).contains(needle)
          && !row.excerpt().toLowerCase(Locale.ROOT).contains(needle)) {
        continue;
      }
      out.add(row);
    }
    return out;
  }

  private static boolean matches(Conversation c, ListScope.Status status) {
    return switch (status) {
      case ANY -> true;
      case OPEN -> c.open();
      case OPEN_UNASSIGNED -> c.open() && c.assignedAgent() == null;
      case CLOSED -> !c.open();
    };
  }

  static ListRow row(Conversation c, WorkspaceState state, Instant now, boolean marked, String markError) {
    Urgency u = Sla.urgency(c, now);
    Message last = c.lastMessage();
    if (last == null) {
      List<Message> msgs = state.messagesOf(c.id());
      last = msgs.isEmpty() ? null : msgs.get(msgs.size() - 1);
    }
    String excerpt = last == null ? "" : SafeText.line(last.excerpt());
    if (last != null && last.isPrivate()) {
      excerpt = "┆ " + excerpt; // the chat's private-note mark: the consumer did not see this
    }
    String consumerId = c.consumer() == null ? c.id() : c.consumer().id();
    return new ListRow(
        c.id(),
        Sla.colorKey(consumerId),
        consumerName(c),
        excerpt,
        u == Urgency.CLOSED || u == Urgency.PENDING_CONSUMER ? "" : Sla.formatDueIn(Sla.dueIn(c, now)),
        u,
        c.unread(),
        marked,
        markError == null ? null : SafeText.line(markError),
        c.assignedAgent() == null ? null : SafeText.line(c.assignedAgent().id()));
  }

  /** Name, else phone number, else id, made safe. */
  public static String consumerName(Conversation c) {
    if (c.consumer() == null) {
      return shortId(SafeText.line(c.id()));
    }
    String name = c.consumer().displayName();
    if (name == null || name.equals(c.consumer().id())) {
      return shortId(SafeText.line(c.consumer().id()));
    }
    return SafeText.line(name);
  }

  /** Without a name or phone number, the first block of the consumer's UUID tells them apart. */
  public static String shortId(String id) {
    int dash = id.indexOf('-');
    return dash >= 8 ? id.substring(0, dash) + "…" : id;
  }

  /** Index of the next row after {@code from} (wrapping) that satisfies the test, or -1. */
  public static int next(List<ListRow> rows, int from, java.util.function.Predicate<ListRow> test) {
    int n = rows.size();
    for (int i = 1; i <= n; i++) {
      int j = Math.floorMod(from + i, n);
      if (test.test(rows.get(j))) {
        return j;
      }
    }
    return -1;
  }

  public static int indexOf(List<ListRow> rows, String conversationId) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).conversationId().equals(conversationId)) {
        return i;
      }
    }
    return -1;
  }
}
