package dev.lpa.core.sla;

import static dev.lpa.core.sla.TestConversations.AGENT;
import static dev.lpa.core.sla.TestConversations.T0;
import static dev.lpa.core.sla.TestConversations.conv;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.model.Conversation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlaTest {
  static Duration min(long m) {
    return Duration.ofMinutes(m);
  }

  @Test
  void urgencyAroundTheDueTime() {
    Conversation c = conv("a").assignedTo(AGENT).due(T0).build();
    assertThat(Sla.urgency(c, T0.plusMillis(1))).isEqualTo(Urgency.OVERDUE);
    // exactly at the due time it is not yet late
    assertThat(Sla.urgency(c, T0)).isEqualTo(Urgency.DUE_SOON);
    assertThat(Sla.urgency(c, T0.minus(min(5)))).isEqualTo(Urgency.DUE_SOON);
    assertThat(Sla.urgency(c, T0.minus(min(5)).minusMillis(1))).isEqualTo(Urgency.PENDING_AGENT);
    assertThat(Sla.urgency(c, T0.minus(min(50)))).isEqualTo(Urgency.PENDING_AGENT);
  }

  @Test
  void nothingWaitingMeansPendingConsumerAndClosedIsClosed() {
    assertThat(Sla.urgency(conv("a").build(), T0)).isEqualTo(Urgency.PENDING_CONSUMER);
    // a stale due time on a closed conversation does not make it overdue
    assertThat(Sla.urgency(conv("b").due(T0.minus(min(10))).closed(T0).build(), T0)).isEqualTo(Urgency.CLOSED);
  }

  @Test
  void dueInIsSignedAndNullWhenNothingWaits() {
    assertThat(Sla.dueIn(conv("a").due(T0.plus(min(12))).build(), T0)).isEqualTo(min(12));
    assertThat(Sla.dueIn(conv("a").due(T0.minus(min(3))).build(), T0)).isEqualTo(min(-3));
    assertThat(Sla.dueIn(conv("a").build(), T0)).isNull();
    assertThat(Sla.dueIn(conv("a").due(T0).closed(T0).build(), T0)).isNull();
  }

  @Test
  void listOrderOverdueFirstThenDueThenPendingConsumerThenClosed() {
    Conversation overdueLong = conv("o1").due(T0.minus(min(30))).build();
    Conversation overdueShort = conv("o2").due(T0.minus(min(1))).build();
    Conversation dueSoon = conv("s1").due(T0.plus(min(4))).build();
    Conversation dueLater = conv("p1").due(T0.plus(min(40))).build();
    Conversation consumerRecent = conv("c1").lastAgentActivity(T0.minus(min(2))).build();
    Conversation consumerOld = conv("c2").lastAgentActivity(T0.minus(min(20))).build();
    // no agent activity yet: falls back to the start time
    Conversation consumerNoActivity = conv("c3").started(T0.minus(min(10))).build();
    Conversation closedRecent = conv("x1").closed(T0.minus(min(1))).build();
    Conversation closedOld = conv("x2").closed(T0.minus(min(100))).build();

    List<Conversation> all = new ArrayList<>(List.of(overdueLong, overdueShort, dueSoon, dueLater, consumerRecent,
        consumerOld, consumerNoActivity, closedRecent, closedOld));
    List<String> expected = List.of("o1", "o2", "s1", "p1", "c1", "c3", "c2", "x1", "x2");
    Random r = new Random(42);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(all, r);
      assertThat(Sla.listOrder(all, T0, Duration.ofDays(1))).extracting(Conversation::id)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void tiesAreBrokenById() {
    Conversation b = conv("b").due(T0).build();
    Conversation a = conv("a").due(T0).build();
    assertThat(Sla.listOrder(List.of(b, a), T0, null)).extracting(Conversation::id).containsExactly("a", "b");
    assertThat(Sla.ORDER.compare(a, a)).isZero();
  }

  @Test
  void unassignedSkillConversationsAreNotListed() {
    Conversation hidden = conv("h").skill("-1", "Unassigned").due(T0).build();
    Conversation shown = conv("s").due(T0).build();
    assertThat(Sla.listOrder(List.of(hidden, shown), T0, Duration.ofDays(1))).extracting(Conversation::id)
        .containsExactly("s");
  }

  @Test
  void closedOnesAreListedOnlyInsideTheWindow() {
    Conversation inside = conv("in").closed(T0.minus(min(59))).build();
    Conversation edge = conv("edge").closed(T0.minus(min(60))).build();
    Conversation outside = conv("out").closed(T0.minus(min(61))).build();
    Conversation open = conv("open").build();
    List<Conversation> all = List.of(inside, edge, outside, open);
    assertThat(Sla.listOrder(all, T0, min(60))).extracting(Conversation::id).containsExactly("open", "in", "edge");
    assertThat(Sla.listOrder(all, T0, null)).extracting(Conversation::id).containsExactly("open");
  }

  @Test
  void colorKeyIsStableInRangeAndSpreads() {
    // fixed values: the same consumer must keep its colour across runs, JVMs and faces
    assertThat(Sla.colorKey("consumer-1")).isEqualTo(Sla.colorKey("consumer-1"));
    assertThat(Sla.colorKey("")).isEqualTo(Sla.colorKey(null));
    int[] golden = {Sla.colorKey("a"), Sla.colorKey("b"), Sla.colorKey("9f1c2e7a-0b7d-4c59-9d7e-3b1f0c1d2e3f")};
    assertThat(golden).containsExactly(fnv1aMod8("a"), fnv1aMod8("b"), fnv1aMod8("9f1c2e7a-0b7d-4c59-9d7e-3b1f0c1d2e3f"));
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      int k = Sla.colorKey("consumer-" + i);
      assertThat(k).isBetween(0, Sla.COLOR_KEYS - 1);
      seen.add(k);
    }
    assertThat(seen).hasSize(Sla.COLOR_KEYS);
  }

  /** FNV-1a written out independently with longs, as the reference for the golden values. */
  static int fnv1aMod8(String s) {
    long h = 0x811c9dc5L;
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h = (h * 0x01000193L) & 0xffffffffL;
    }
    return Math.floorMod((int) h, 8);
  }

  @Test
  void formatDueIn() {
    assertThat(Sla.formatDueIn(null)).isEmpty();
    assertThat(Sla.formatDueIn(Duration.ZERO)).isEqualTo("0s");
    assertThat(Sla.formatDueIn(Duration.ofSeconds(42))).isEqualTo("42s");
    assertThat(Sla.formatDueIn(min(12))).isEqualTo("12m");
    assertThat(Sla.formatDueIn(min(12).plusSeconds(59))).isEqualTo("12m");
    assertThat(Sla.formatDueIn(min(65))).isEqualTo("1h05m");
    assertThat(Sla.formatDueIn(Duration.ofHours(23).plus(min(59)))).isEqualTo("23h59m");
    assertThat(Sla.formatDueIn(Duration.ofHours(50))).isEqualTo("2d2h");
    assertThat(Sla.formatDueIn(min(-3))).isEqualTo("-3m");
    assertThat(Sla.formatDueIn(min(-125))).isEqualTo("-2h05m");
    assertThat(Sla.formatDueIn(Duration.ofSeconds(-7))).isEqualTo("-7s");
  }

  @Test
  void formatDueInUsesAsciiDigitsInEveryLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(new Locale("ar", "EG"));
      assertThat(Sla.formatDueIn(min(65))).isEqualTo("1h05m");
      Locale.setDefault(Locale.forLanguageTag("hi-IN-u-nu-deva"));
      assertThat(Sla.formatDueIn(min(65))).isEqualTo("1h05m");
    } finally {
      Locale.setDefault(before);
    }
  }
}
