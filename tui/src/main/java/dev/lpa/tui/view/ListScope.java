package dev.lpa.tui.view;

import dev.lpa.core.manager.TeamFilter;

/**
 * Which conversations the list shows. Agents always see their own; managers switch between
 * "My" (assigned or joined) and "All" (their team's and the queue), and may filter "All" by
 * status, agents and skills, as in the app's manager view. The filter stays when the tab
 * changes (it is the session's), and only "All" applies it.
 */
public record ListScope(Tab tab, TeamFilter filter) {
  public enum Tab { MY, ALL }

  public static final ListScope MINE = new ListScope(Tab.MY, TeamFilter.none());

  public ListScope withTab(Tab t) {
    return new ListScope(t, filter);
  }

  public ListScope withFilter(TeamFilter f) {
    return new ListScope(tab, f);
  }

  /** The filter the list applies now: none on "My". */
  public TeamFilter applied() {
    return tab == Tab.ALL ? filter : TeamFilter.none();
  }
}
