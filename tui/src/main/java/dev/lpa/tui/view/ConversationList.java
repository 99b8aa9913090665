package dev.lpa.tui.view;

import dev.lpa.core.manager.TeamFilter;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.sla.Urgency;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.workspace.WorkspaceState;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
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
    return rowsOf(state, now, order(state, now, scope, filter), marked, markErrors);
  }

  /** The rows over conversations already in list order ({@link #order}); each row is formatted when first read. */
  public static Rows rowsOf(WorkspaceState state, Instant now, List<Conversation> ordered, Set<String> marked,
      Map<String, String> markErrors) {
    return new Rows(ordered, state, now, marked, markErrors);
  }

  /**
   * The conversations the list shows, in its order. Independent of the marks, so a caller may keep
   * it while the state, scope and filter stay the same.
   */
  public static List<Conversation> order(WorkspaceState state, Instant now, ListScope scope, String filter) {
    String needle = filter == null ? "" : filter.trim().toLowerCase(Locale.ROOT);
    boolean all = scope.tab() == ListScope.Tab.ALL && state.me() != null && state.me().manager();
    // My shows a day of closed conversations; a manager's All tab shows the team's 14 days
    Duration window = all ? dev.lpa.core.workspace.Reducer.TEAM_CLOSED_KEPT : CLOSED_WINDOW;
    List<Conversation> listed = Sla.listOrder(state.conversations().values(), now, window);
    if (all && scope.filter().equals(TeamFilter.none()) && needle.isEmpty()) {
      return listed; // the whole team as listed: no second copy of thousands of rows
    }
    List<Conversation> out = new ArrayList<>();
    for (Conversation c : listed) {
      if (!all && c.myRole() == null) {
        continue; // offered (ringing) but not yet mine, or a team conversation: not in "My"
      }
      if (all && !scope.filter().test(c)) {
        continue;
      }
      if (!needle.isEmpty()
          && !consumerName(c).toLowerCase(Locale.ROOT).contains(needle)
          && !excerpt(c, state).toLowerCase(Locale.ROOT).contains(needle)) {
        continue;
      }
      out.add(c);
    }
    return out;
  }

  /**
   * List rows that format a conversation only when its row is read: a frame draws the visible
   * rows, and a list of thousands must not be formatted whole every frame. Ids, closed state and
   * counts come from the conversations without formatting.
   */
  public static final class Rows extends AbstractList<ListRow> {
    private final List<Conversation> conversations;
    private final WorkspaceState state;
    private final Instant now;
    private final Set<String> marked;
    private final Map<String, String> markErrors;
    private final ListRow[] formatted;
    private long[] urgencyCounts;

    Rows(List<Conversation> conversations, WorkspaceState state, Instant now, Set<String> marked,
        Map<String, String> markErrors) {
      this.conversations = conversations;
      this.state = state;
      this.now = now;
      this.marked = marked;
      this.markErrors = markErrors;
      this.formatted = new ListRow[conversations.size()];
    }

    @Override
    public ListRow get(int i) {
      ListRow r = formatted[i];
      if (r == null) {
        Conversation c = conversations.get(i);
        r = row(c, state, now, marked.contains(c.id()), markErrors.get(c.id()));
        formatted[i] = r;
      }
      return r;
    }

    @Override
    public int size() {
      return conversations.size();
    }

    public String idAt(int i) {
      return conversations.get(i).id();
    }

    public boolean closedAt(int i) {
      return !conversations.get(i).open();
    }

    /** How many rows format to {@code u}. */
    public long count(Urgency u) {
      if (urgencyCounts == null) {
        // one pass for every urgency: a frame asks for several counts (open, overdue) of the same rows
        long[] counts = new long[Urgency.values().length];
        for (Conversation c : conversations) {
          counts[Sla.urgency(c, now).ordinal()]++;
        }
        urgencyCounts = counts;
      }
      return urgencyCounts[u.ordinal()];
    }

    /** Rows formatted so far (what a frame cost). */
    public int formattedCount() {
      int n = 0;
      for (ListRow r : formatted) {
        if (r != null) {
          n++;
        }
      }
      return n;
    }
  }

  /** Rows whose conversation is still open. */
  public static long openCount(List<ListRow> rows) {
    if (rows instanceof Rows r) {
      return r.size() - r.count(Urgency.CLOSED);
    }
    return rows.stream().filter(x -> !x.closed()).count();
  }

  public static long count(List<ListRow> rows, Urgency u) {
    if (rows instanceof Rows r) {
      return r.count(u);
    }
    return rows.stream().filter(x -> x.urgency() == u).count();
  }

  /** Whether row {@code i} is a closed conversation, without formatting it. */
  public static boolean closedAt(List<ListRow> rows, int i) {
    return rows instanceof Rows r ? r.closedAt(i) : rows.get(i).closed();
  }

  static ListRow row(Conversation c, WorkspaceState state, Instant now, boolean marked, String markError) {
    Urgency u = Sla.urgency(c, now);
    String excerpt = excerpt(c, state);
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

  /** The last message's excerpt, made safe; a private note carries the chat's mark. */
  static String excerpt(Conversation c, WorkspaceState state) {
    Message last = c.lastMessage();
    if (last == null) {
      List<Message> msgs = state.messagesOf(c.id());
      last = msgs.isEmpty() ? null : msgs.get(msgs.size() - 1);
    }
    String excerpt = last == null ? "" : SafeText.line(last.excerpt());
    if (last != null && last.isPrivate()) {
      excerpt = "┆ " + excerpt; // the consumer did not see this
    }
    return excerpt;
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
    if (rows instanceof Rows r) {
      for (int i = 0; i < r.size(); i++) {
        if (r.idAt(i).equals(conversationId)) {
          return i;
        }
      }
      return -1;
    }
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).conversationId().equals(conversationId)) {
        return i;
      }
    }
    return -1;
  }
}
