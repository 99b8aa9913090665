package dev.lpa.tui;

import dev.lpa.core.manager.TeamFilter;
import dev.lpa.tui.view.ListRow;
import dev.lpa.tui.view.ListScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the console shows beyond core's {@code WorkspaceState}: focus, selection, the list's and
 * the chat's viewports, the filters, marks, the managers' panels, the overlay stack and the
 * status line.
 *
 * <p>It changes only through the named transitions below, so a test can drive and read it without
 * reaching into the console, and the renderer can only read it. It lives next to {@link Overlay}
 * and {@link Composer} (package-private types it holds) rather than in a package of its own.
 * UI thread only.
 */
final class ConsoleModel {
  static final Duration STATUS_TTL = Duration.ofSeconds(8);

  enum Pane { LIST, CHAT }

  private Pane focus = Pane.LIST;
  private String cursorId;
  private String openId;
  private ListView listView = ListView.START;
  private ChatView chatView = ChatView.BOTTOM;
  private List<ListRow> listed = List.of();
  private String filter;
  private boolean filterEditing;
  private ListScope scope = ListScope.MINE;
  private final Set<String> marked = new LinkedHashSet<>();
  private final Map<String, String> markErrors = new HashMap<>();
  private final Deque<Overlay> overlays = new ArrayDeque<>();
  private final Composer composer = new Composer();
  private FilterPanel.View filterPanel;
  private boolean teamPanel;
  private String status;
  private boolean statusError;
  private Instant statusUntil;

  // ---------------------------------------------------------------- focus and selection

  Pane focus() {
    return focus;
  }

  /** The chat has the keys (a conversation is open, on screen and focused). */
  boolean chatFocused() {
    return focus == Pane.CHAT && openId != null && !teamPanel;
  }

  void focusList() {
    focus = Pane.LIST;
  }

  void focusChat() {
    if (openId != null && !teamPanel) {
      focus = Pane.CHAT;
    }
  }

  /** Tab: from the list to an open chat, from anywhere else back to the list. */
  void toggleFocus() {
    focus = focus == Pane.LIST && openId != null && !teamPanel ? Pane.CHAT : Pane.LIST;
  }

  String cursorId() {
    return cursorId;
  }

  /** The user moved the cursor: the list scrolls to show it. */
  void moveCursor(String id) {
    cursorId = id;
    listView = listView.followCursor();
  }

  /** The console placed the cursor (a new list, a kept filter): the row stays where it was. */
  void placeCursor(String id) {
    cursorId = id;
  }

  String openId() {
    return openId;
  }

  /** Opens a chat: it takes the cursor and the focus, starts at its newest line, empty composer. */
  void open(String id) {
    teamPanel = false; // the chat takes the place the team panel had
    openId = id;
    cursorId = id;
    focus = Pane.CHAT;
    chatView = ChatView.BOTTOM;
    composer.clear();
  }

  /** No chat open (it was closed, returned, transferred or vanished). */
  void deselect() {
    openId = null;
    focus = Pane.LIST;
    composer.clear();
    chatView = ChatView.BOTTOM;
  }

  /** Logged out: nothing selected, marked, open or filtered (a filter names the last user's team). */
  void reset() {
    deselect();
    scope = ListScope.MINE;
    cursorId = null;
    clearMarks();
    overlays.clear();
    filterPanel = null;
    teamPanel = false;
    listed = List.of();
  }

  Composer composer() {
    return composer;
  }

  // ---------------------------------------------------------------- viewports

  ListView listView() {
    return listView;
  }

  ChatView chatView() {
    return chatView;
  }

  /**
   * The conversations the list held in the last frame that drew it, in its order (all of them,
   * not only the rows that fitted): what the user was shown, for tests and diagnostics.
   */
  List<String> listedIds() {
    return listed.stream().map(ListRow::conversationId).toList();
  }

  /**
   * A frame was drawn: remember where the list and the chat ended up (the renderer computes the
   * fit, this keeps it for the next frame and the next key) and the row the cursor fell on.
   */
  void shown(Frame f) {
    if (f.list() != null) {
      listView = f.list();
    }
    if (f.rows() != null) {
      listed = f.rows();
    }
    if (f.cursorId() != null || f.listEmpty()) {
      cursorId = f.cursorId();
    }
    if (f.chat() != null) {
      chatView = f.chat();
    }
  }

  /** Scrolls the chat up (positive) or down; true when it was already at the top going up. */
  boolean scrollChat(int delta) {
    boolean atTop = delta > 0 && chatView.scroll() == chatView.max();
    chatView = chatView.scrolledBy(delta);
    return atTop;
  }

  void chatToBottom() {
    chatView = new ChatView(0, chatView.max());
  }

  // ---------------------------------------------------------------- filter and scope

  String filter() {
    return filter;
  }

  boolean filterEditing() {
    return filterEditing;
  }

  void startFilter() {
    filterEditing = true;
    filter = filter == null ? "" : filter;
  }

  void typeFilter(char c) {
    filter = (filter == null ? "" : filter) + c;
  }

  void backspaceFilter() {
    if (filter != null && !filter.isEmpty()) {
      filter = filter.substring(0, filter.length() - 1);
    }
  }

  /** Enter: stop editing and keep the filter (an empty one is no filter). */
  void keepFilter() {
    filterEditing = false;
    if (filter != null && filter.isEmpty()) {
      filter = null;
    }
  }

  void stopEditingFilter() {
    filterEditing = false;
  }

  void clearFilter() {
    filter = null;
    filterEditing = false;
  }

  ListScope scope() {
    return scope;
  }

  void switchTab() {
    scope = scope.withTab(scope.tab() == ListScope.Tab.MY ? ListScope.Tab.ALL : ListScope.Tab.MY);
    listView = listView.followCursor();
  }

  /** The managers' All-tab filter (kept for the session, across tab switches). */
  TeamFilter teamFilter() {
    return scope.filter();
  }

  void filterTeam(TeamFilter f) {
    scope = scope.withFilter(f);
    listView = listView.followCursor();
  }

  // ---------------------------------------------------------------- manager panels

  /** The All-tab filter panel's page and row, or null when it is closed. */
  FilterPanel.View filterPanel() {
    return filterPanel;
  }

  void showFilterPanel(FilterPanel.View v) {
    filterPanel = v;
    focus = Pane.LIST;
  }

  void closeFilterPanel() {
    filterPanel = null;
  }

  /** The team and queue panel shows where the chat would. */
  boolean teamPanel() {
    return teamPanel;
  }

  void toggleTeamPanel() {
    teamPanel = !teamPanel;
    if (teamPanel) {
      focus = Pane.LIST;
    }
  }

  // ---------------------------------------------------------------- marks

  Set<String> marked() {
    return Collections.unmodifiableSet(marked);
  }

  Map<String, String> markErrors() {
    return Collections.unmodifiableMap(markErrors);
  }

  void toggleMark(String id) {
    if (!marked.remove(id)) {
      marked.add(id);
    }
    markErrors.remove(id);
  }

  /** Marks them all, or none when all of them were marked already. */
  void markAll(Collection<String> ids) {
    if (!ids.isEmpty() && marked.containsAll(ids)) {
      clearMarks();
    } else {
      marked.addAll(ids);
    }
  }

  /** A bulk step failed for this conversation: it stays marked, with the reason. */
  void markFailed(String id, String detail) {
    marked.add(id);
    markErrors.put(id, detail);
  }

  /** Done with it, or it left the list. */
  void unmark(String id) {
    marked.remove(id);
    markErrors.remove(id);
  }

  void clearMarks() {
    marked.clear();
    markErrors.clear();
  }

  // ---------------------------------------------------------------- overlays

  Overlay overlay() {
    return overlays.peek();
  }

  boolean hasOverlay() {
    return !overlays.isEmpty();
  }

  void push(Overlay o) {
    overlays.push(o);
  }

  void pop() {
    overlays.poll();
  }

  void dismiss(Overlay o) {
    overlays.remove(o);
  }

  // ---------------------------------------------------------------- status line

  void info(String msg, Instant now) {
    status = msg;
    statusError = false;
    statusUntil = now.plus(STATUS_TTL);
  }

  /** An error stays twice as long as news. */
  void error(String msg, Instant now) {
    status = msg;
    statusError = true;
    statusUntil = now.plus(STATUS_TTL.multipliedBy(2));
  }

  /** The status message still showing at {@code now}, or null. */
  String status(Instant now) {
    return status != null && statusUntil != null && now.isAfter(statusUntil) ? null : status;
  }

  boolean statusError() {
    return statusError;
  }
}
