package dev.lpa.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.lpa.core.manager.Team;
import dev.lpa.core.manager.TeamFilter;
import dev.lpa.core.model.Agent;
import dev.lpa.tui.keys.Action;
import dev.lpa.tui.keys.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The managers' All-tab filter panel, as the app's: a main page that drills down into status
 * (one at most; choosing it again clears it), agents (several, only the manager's) and skills
 * (several, only those an agent of the manager has). Every choice applies at once through core's
 * {@link TeamFilter}, the rule {@code lpa list --all --status/--agent/--skill} uses. Back (Esc)
 * leaves a page, then the panel; a key that is not the panel's closes it and does what it does
 * in the list, as a tap outside the app's panel does.
 */
final class FilterPanel implements KeyHandler {
  enum Page { MAIN, STATUS, AGENTS, SKILLS }

  /** Which page shows and which row is selected. */
  record View(Page page, int row) {}

  /** A row as drawn: its words, what it says on the right, whether it is chosen. */
  record Row(String label, String detail, boolean chosen, boolean enabled) {}

  private static final Page[] DRILL = {Page.STATUS, Page.AGENTS, Page.SKILLS};

  private final Console ui;

  FilterPanel(Console ui) {
    this.ui = ui;
  }

  void open() {
    ui.model.showFilterPanel(new View(Page.MAIN, 0));
  }

  @Override
  public boolean handle(KeyStroke k) {
    View v = ui.model.filterPanel();
    Action a = ui.keymap.action(Context.PANEL, k);
    if (a == null) {
      if (k.getKeyType() == KeyType.Character && !k.isCtrlDown() && !k.isAltDown()
          && k.getCharacter() >= '1' && k.getCharacter() <= '9') {
        pick(v, k.getCharacter() - '1');
        return true;
      }
      ui.model.closeFilterPanel();
      return ui.listPane.handle(k);
    }
    int n = rows(v.page()).size();
    switch (a) {
      case UP -> ui.model.showFilterPanel(new View(v.page(), Math.max(0, v.row() - 1)));
      case DOWN -> ui.model.showFilterPanel(new View(v.page(), Math.min(Math.max(0, n - 1), v.row() + 1)));
      case PICK -> pick(v, v.row());
      case BACK -> {
        if (v.page() == Page.MAIN) {
          ui.model.closeFilterPanel();
        } else {
          ui.model.showFilterPanel(new View(Page.MAIN, java.util.Arrays.asList(DRILL).indexOf(v.page())));
        }
      }
      case CLEAR -> apply(TeamFilter.none());
      case CLOSE -> ui.model.closeFilterPanel();
      case HELP -> ui.showHelp();
      default -> {
        return false;
      }
    }
    return true;
  }

  private void pick(View v, int row) {
    List<Row> rows = rows(v.page());
    if (row < 0 || row >= rows.size() || !rows.get(row).enabled()) {
      return;
    }
    TeamFilter f = ui.model.teamFilter();
    switch (v.page()) {
      case MAIN -> {
        if (row < DRILL.length) {
          ui.model.showFilterPanel(new View(DRILL[row], 0));
        } else {
          apply(TeamFilter.none());
        }
        return;
      }
      case STATUS -> {
        TeamFilter.Status st = TeamFilter.Status.values()[row];
        apply(new TeamFilter(st == f.status() ? null : st, f.agentIds(), f.skillIds()));
      }
      case AGENTS -> apply(new TeamFilter(f.status(), toggled(f.agentIds(), agents().get(row).userId()), f.skillIds()));
      case SKILLS -> apply(new TeamFilter(f.status(), f.agentIds(), toggled(f.skillIds(), skills().get(row))));
    }
    ui.model.showFilterPanel(new View(v.page(), row));
  }

  private void apply(TeamFilter f) {
    ui.model.filterTeam(f);
    ui.listPane.keepSelection();
  }

  private static Set<String> toggled(Set<String> s, String id) {
    Set<String> out = new LinkedHashSet<>(s);
    if (!out.remove(id)) {
      out.add(id);
    }
    return out;
  }

  /** The team's agents by name; empty until the team is read. */
  List<Agent> agents() {
    Team t = ui.team.team();
    if (t == null) {
      return List.of();
    }
    List<Agent> out = new ArrayList<>(t.agents());
    out.sort(Comparator.comparing(TeamWatch::name, String.CASE_INSENSITIVE_ORDER));
    return out;
  }

  /** The ids of the skills the team has, by name. */
  List<String> skills() {
    Team t = ui.team.team();
    if (t == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(t.skillIds());
    out.sort(Comparator.comparing(this::skillName, String.CASE_INSENSITIVE_ORDER));
    return out;
  }

  String skillName(String id) {
    return ui.skillName(id);
  }

  String title(Page page) {
    return ui.text.get("panel." + page.name());
  }

  /** A page's rows; a page of the team says so while the team is being read. */
  List<Row> rows(Page page) {
    TeamFilter f = ui.model.teamFilter();
    List<Row> rows = new ArrayList<>();
    switch (page) {
      case MAIN -> {
        String any = ui.text.get("panel.any");
        rows.add(new Row(title(Page.STATUS), f.status() == null ? any : statusName(f.status()), f.status() != null, true));
        rows.add(new Row(title(Page.AGENTS), f.agentIds().isEmpty() ? any : agentsText(f), !f.agentIds().isEmpty(), true));
        rows.add(new Row(title(Page.SKILLS), f.skillIds().isEmpty() ? any : skillsText(f), !f.skillIds().isEmpty(), true));
        rows.add(new Row(ui.text.get("panel.clear"), "", false, !f.equals(TeamFilter.none())));
      }
      case STATUS -> {
        for (TeamFilter.Status st : TeamFilter.Status.values()) {
          rows.add(new Row(statusName(st), "", st == f.status(), true));
        }
      }
      case AGENTS -> {
        for (Agent a : agents()) {
          String state = a.state() == null ? "?" : ui.text.get("state." + a.state().name());
          rows.add(new Row(TeamWatch.name(a), state, f.agentIds().contains(a.userId()), true));
        }
      }
      case SKILLS -> {
        for (String id : skills()) {
          rows.add(new Row(skillName(id), "", f.skillIds().contains(id), true));
        }
      }
    }
    return rows;
  }

  /** What a team page says instead of rows: still loading, failed, or nobody in the groups. */
  String emptyText(Page page) {
    if (ui.team.team() == null) {
      return ui.team.teamError() != null ? ui.text.get("panel.teamFailed", ui.team.teamError()) : ui.text.get("panel.loading");
    }
    return ui.text.get(page == Page.AGENTS ? "panel.noAgents" : "panel.noSkills");
  }

  String statusName(TeamFilter.Status st) {
    return ui.text.get("filter." + st.name());
  }

  private String agentsText(TeamFilter f) {
    if (f.agentIds().size() == 1) {
      Team t = ui.team.team();
      String id = f.agentIds().iterator().next();
      Agent a = t == null ? null : t.agents().stream().filter(x -> x.userId().equals(id)).findFirst().orElse(null);
      return a == null ? ui.text.get("filter.agents", 1) : TeamWatch.name(a);
    }
    return ui.text.get("filter.agents", f.agentIds().size());
  }

  private String skillsText(TeamFilter f) {
    if (f.skillIds().size() == 1) {
      return skillName(f.skillIds().iterator().next());
    }
    return ui.text.get("filter.skills", f.skillIds().size());
  }

  /** The active filter in words for the list's title ("Open · 2 agents · Billing"); "" for none. */
  String summary() {
    TeamFilter f = ui.model.teamFilter();
    List<String> parts = new ArrayList<>();
    if (f.status() != null) {
      parts.add(statusName(f.status()));
    }
    if (!f.agentIds().isEmpty()) {
      parts.add(agentsText(f));
    }
    if (!f.skillIds().isEmpty()) {
      parts.add(skillsText(f));
    }
    return String.join(" · ", parts);
  }
}
