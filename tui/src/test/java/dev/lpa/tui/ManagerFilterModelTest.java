package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.manager.TeamFilter;
import dev.lpa.tui.view.ListScope;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The managers' filter as the console model keeps it: for the session, applied on All only. */
class ManagerFilterModelTest {
  private static final TeamFilter OPEN_MAYA = new TeamFilter(TeamFilter.Status.OPEN, Set.of("1001"), Set.of());

  @Test
  void theFilterOutlivesTabSwitchesAndOnlyAllAppliesIt() {
    ConsoleModel m = new ConsoleModel();
    m.switchTab();
    m.filterTeam(OPEN_MAYA);
    assertThat(m.scope().applied()).isEqualTo(OPEN_MAYA);
    m.switchTab();
    assertThat(m.scope().tab()).isEqualTo(ListScope.Tab.MY);
    assertThat(m.scope().applied()).isEqualTo(TeamFilter.none());
    m.switchTab();
    assertThat(m.teamFilter()).isEqualTo(OPEN_MAYA);
  }

  @Test
  void loggingOutForgetsTheFilterAndThePanels() {
    ConsoleModel m = new ConsoleModel();
    m.filterTeam(OPEN_MAYA);
    m.showFilterPanel(new FilterPanel.View(FilterPanel.Page.AGENTS, 1));
    m.toggleTeamPanel();
    m.reset();
    assertThat(m.teamFilter()).isEqualTo(TeamFilter.none());
    assertThat(m.filterPanel()).isNull();
    assertThat(m.teamPanel()).isFalse();
  }

  @Test
  void theTeamPanelTakesTheChatsPlaceUntilAChatOpens() {
    ConsoleModel m = new ConsoleModel();
    m.open("c1");
    assertThat(m.chatFocused()).isTrue();
    m.toggleTeamPanel();
    assertThat(m.chatFocused()).isFalse();
    m.toggleFocus();
    assertThat(m.focus()).isEqualTo(ConsoleModel.Pane.LIST);
    m.open("c2");
    assertThat(m.teamPanel()).isFalse();
    assertThat(m.chatFocused()).isTrue();
  }
}
