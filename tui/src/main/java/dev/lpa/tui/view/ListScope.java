package dev.lpa.tui.view;

/**
 * Which conversations the list shows. Agents always see their own; managers switch between
 * "My" (assigned or joined) and "All" (their team's and the queue), and may filter "All" by
 * status, as in the app's manager view.
 */
public record ListScope(Tab tab, Status status) {
  public enum Tab { MY, ALL }

  public enum Status { ANY, OPEN, OPEN_UNASSIGNED, CLOSED }

  public static final ListScope MINE = new ListScope(Tab.MY, Status.ANY);

  public ListScope withTab(Tab t) {
    return new ListScope(t, t == Tab.MY ? Status.ANY : status);
  }

  public ListScope withStatus(Status s) {
    return new ListScope(tab, s);
  }
}
