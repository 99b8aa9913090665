package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.sla.Urgency;
import dev.lpa.tui.view.ListRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's model and its viewports, without a terminal. */
class ConsoleModelTest {
  private static List<ListRow> rows(int n) {
    List<ListRow> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ListRow("c" + i, 0, "n" + i, "", "", Urgency.PENDING_AGENT, 0, false, null, null));
    }
    return out;
  }

  @Test
  void aMovedCursorScrollsTheListToShowIt() {
    ListView.Fit fit = ListView.START.fit(rows(50), "c30", 10);
    // two lines per row: row 30 starts at line 60 and must end inside the 10 lines shown
    assertThat(fit.view().top()).isEqualTo(52);
    assertThat(fit.cursorIndex()).isEqualTo(30);
    assertThat(fit.view().follow()).isFalse();
  }

  @Test
  void aResortKeepsTheCursorRowWhereItWasOnScreen() {
    ListView shown = ListView.START.fit(rows(50), "c30", 10).view();
    List<ListRow> resorted = new ArrayList<>(rows(50));
    ListRow moved = resorted.remove(30);
    resorted.add(20, moved);
    ListView.Fit again = shown.fit(resorted, "c30", 10);
    assertThat(again.view().cursorOffset()).isEqualTo(shown.cursorOffset());
    assertThat(again.view().top()).isEqualTo(40 - shown.cursorOffset());
  }

  @Test
  void aVanishedCursorRowHandsTheCursorToTheRowAtItsIndex() {
    ListView shown = ListView.START.fit(rows(5), "c4", 10).view();
    ListView.Fit fit = shown.fit(rows(3), "c4", 10);
    assertThat(fit.cursorId()).isEqualTo("c2");
  }

  @Test
  void theChatScrollIsClampedByWhatItShows() {
    ChatView v = new ChatView(40, 40).fit(12, 10);
    assertThat(v).isEqualTo(new ChatView(2, 2));
    assertThat(v.scrolledBy(5).scroll()).isEqualTo(2);
    assertThat(v.scrolledBy(-5).scroll()).isZero();
  }

  @Test
  void shownFramesMoveTheCursorAndKeepTheViewForTheNextKey() {
    ConsoleModel m = new ConsoleModel();
    m.moveCursor("c9");
    m.shown(Frame.NOTHING.withList(new ListView(3, 1, false, 2), "c2", rows(3)));
    assertThat(m.cursorId()).isEqualTo("c2");
    assertThat(m.listView().top()).isEqualTo(3);
    assertThat(m.listedIds()).isEqualTo(rows(3).stream().map(r -> r.conversationId()).toList()).hasSize(3);
    // a frame that did not draw the list (the login screen, say) leaves what it listed
    m.shown(Frame.NOTHING.withChat(ChatView.BOTTOM));
    assertThat(m.listedIds()).hasSize(3);
    m.shown(Frame.NOTHING.withEmptyList());
    assertThat(m.cursorId()).isNull();
    assertThat(m.listedIds()).isEmpty();
  }

  @Test
  void markAllTwiceMarksNone() {
    ConsoleModel m = new ConsoleModel();
    m.markAll(List.of("a", "b"));
    assertThat(m.marked()).containsExactly("a", "b");
    m.markFailed("a", "busy");
    m.markAll(List.of("a", "b"));
    assertThat(m.marked()).isEmpty();
    assertThat(m.markErrors()).isEmpty();
  }

  @Test
  void openingAChatTakesCursorAndFocusAndAnErrorOutlivesNews() {
    ConsoleModel m = new ConsoleModel();
    m.open("c1");
    assertThat(m.chatFocused()).isTrue();
    assertThat(m.cursorId()).isEqualTo("c1");
    m.toggleFocus();
    assertThat(m.focus()).isEqualTo(ConsoleModel.Pane.LIST);
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    m.error("boom", t);
    assertThat(m.status(t.plusSeconds(15))).isEqualTo("boom");
    m.info("ok", t);
    assertThat(m.status(t.plusSeconds(9))).isNull();
  }
}
