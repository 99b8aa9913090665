package dev.lpa.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpa.core.testkit.ScriptedWorkspace;
import dev.lpa.tui.render.HalfBlocks;
import dev.lpa.tui.render.Text;
import dev.lpa.tui.view.ConversationList;
import dev.lpa.tui.view.ListRow;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void composer_edits_across_lines() {
    Composer c = new Composer();
    for (char ch : "hello".toCharArray()) {
      c.insert(ch);
    }
    c.newline();
    c.insert("wo");
    assertThat(c.up()).isTrue();
    assertThat(c.cursorPosition()).containsExactly(0, 2);
    c.end();
    c.backspace();
    assertThat(c.text()).isEqualTo("hell\nwo");
    assertThat(c.down()).isTrue();
    assertThat(c.cursorPosition()).containsExactly(1, 2);
    assertThat(c.down()).isFalse();
    c.home();
    c.delete();
    assertThat(c.lines()).containsExactly("hell", "o");
    assertThat(c.isBlank()).isFalse();
  }

  @Test
  void text_wraps_words_and_breaks_long_ones() {
    assertThat(Text.wrap("the quick brown fox", 10)).containsExactly("the quick", "brown fox");
    assertThat(Text.wrap("abcdefghijkl", 5)).containsExactly("abcde", "fghij", "kl");
    assertThat(Text.wrap("a\nb", 5)).containsExactly("a", "b");
    assertThat(Text.fit("abcdef", 4)).isEqualTo("abc…");
    assertThat(Text.width("日本")).isEqualTo(4);
    assertThat(Text.fit("日本語", 5)).isEqualTo("日本…");
  }

  @Test
  void half_blocks_keep_aspect_and_colours() {
    java.awt.image.BufferedImage img = HalfBlocks.decode(java.util.Base64.getDecoder().decode(Fixtures.thumbnail()));
    HalfBlocks.Cell[][] cells = HalfBlocks.render(img, 16, 6, true);
    assertThat(cells.length).isEqualTo(6);
    assertThat(cells[0].length).isEqualTo(16);
    assertThat(cells[0][0].fg().getBlue()).isGreaterThan(200);
    assertThat(cells[5][0].bg().getGreen()).isGreaterThan(150);
    HalfBlocks.Cell[][] mono = HalfBlocks.render(img, 8, 3, false);
    assertThat(mono[0][0].fg()).isNull();
    assertThat(HalfBlocks.decode(new byte[] {1, 2, 3})).isNull();
  }

  @Test
  void theme_resolution() {
    assertThat(Theme.resolve(Theme.LIGHT, Map.of("NO_COLOR", "1"))).isEqualTo(Theme.MONO);
    assertThat(Theme.resolve(Theme.LIGHT, Map.of("NO_COLOR", ""))).isEqualTo(Theme.LIGHT);
    assertThat(Theme.parse("Monochrome")).isEqualTo(Theme.MONO);
    assertThatThrownBy(() -> Theme.parse("pink")).isInstanceOf(IllegalArgumentException.class);
    assertThat(NotifyMode.parse("osc")).isEqualTo(NotifyMode.OSC);
  }

  @Test
  void every_english_key_has_a_german_translation() throws java.io.IOException {
    assertThat(load("messages_de.properties").keySet()).isEqualTo(load("messages.properties").keySet());
    assertThat(new Messages(Locale.GERMAN).get("list.title", 3)).isEqualTo("Konversationen (3)");
    assertThat(new Messages(Locale.FRENCH).get("list.title", 3)).isEqualTo("Conversations (3)");
  }

  private static java.util.Properties load(String name) throws java.io.IOException {
    java.util.Properties p = new java.util.Properties();
    try (var in = Messages.class.getResourceAsStream(name)) {
      p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void list_rows_order_filter_and_hide_unowned() {
    MutableClock clock = new MutableClock(Harness.T0);
    ScriptedWorkspace ws = Fixtures.desk(clock);
    List<ListRow> rows = ConversationList.rows(ws.state(), clock.instant(), null, Set.of("c2"), Map.of());
    assertThat(rows).extracting(ListRow::conversationId).containsExactly("c1", "c2", "c3", "c4", "c5");
    assertThat(rows.get(0).due()).isEqualTo("-10m");
    assertThat(rows.get(1).marked()).isTrue();
    assertThat(rows.get(1).consumer()).isEqualTo("+1 555 0100");
    assertThat(rows.get(0).excerpt()).isEqualTo("I need this fixed today.");
    assertThat(ConversationList.rows(ws.state(), clock.instant(), "CANADA", Set.of(), Map.of()))
        .extracting(ListRow::conversationId).containsExactly("c2");
    assertThat(ConversationList.next(rows, 4, r -> r.unread() > 0)).isEqualTo(0);
  }
}
