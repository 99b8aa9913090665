package dev.lpa.core.workspace;

import static dev.lpa.core.workspace.ReducerTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Dialog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The index follows a conversation whatever changed in it: its own fields, its consumer, its dialogs. */
class ConversationIndexTest {
  private static Conversation conv(String id, String consumer, Instant due, int unread, List<Dialog> dialogs) {
    return new Conversation(id, new ConsumerProfile(consumer, null, null, null, null, null, null, Map.of()), "1001",
        null, "OPEN", T0, null, null, due, null, List.of(), dialogs, null, unread, null, null, T0, null);
  }

  private static List<Dialog> dialogs(String... ids) {
    return java.util.Arrays.stream(ids)
        .map(d -> new Dialog(d, "MAIN", "MESSAGING", "OPEN", List.of(), Map.of(), T0, null)).toList();
  }

  @Test
  void aChangeOfItsOwnFieldsKeepsEveryIndexRight() {
    ConversationIndex ix = ConversationIndex.EMPTY
        .with(conv("c1", "alice", T0.plusSeconds(600), 0, dialogs("c1", "d-extra")))
        .with(conv("c2", "bob", T0.plusSeconds(300), 0, dialogs("c2")));
    Conversation changed = conv("c1", "alice", T0.plusSeconds(60), 3, dialogs("c1", "d-extra"));
    ConversationIndex after = ix.with(changed);

    assertThat(after.get("c1")).isSameAs(changed);
    assertThat(after.ofConsumer("alice")).containsExactly("c1");
    assertThat(after.conversationOfDialog("d-extra")).isEqualTo("c1");
    // due sooner now: first in the order and among what falls due
    assertThat(after.ordered()).extracting(Conversation::id).containsExactly("c1", "c2");
    assertThat(after.ordered()).contains(changed).hasSize(2);
    assertThat(after.dueBetween(T0, T0.plusSeconds(120))).containsExactly(changed);
    assertThat(ix.get("c1").unread()).as("the index before is untouched").isZero();
  }

  @Test
  void aNewConsumerOrNewDialogsMoveItInThoseIndexes() {
    ConversationIndex ix = ConversationIndex.EMPTY.with(conv("c1", "alice", T0.plusSeconds(600), 0, dialogs("c1", "d-old")));
    ConversationIndex after = ix.with(conv("c1", "carol", T0.plusSeconds(600), 0, dialogs("c1", "d-new")));

    assertThat(after.ofConsumer("alice")).isEmpty();
    assertThat(after.ofConsumer("carol")).containsExactly("c1");
    assertThat(after.conversationOfDialog("d-old")).isNull();
    assertThat(after.conversationOfDialog("d-new")).isEqualTo("c1");
    assertThat(after.size()).isEqualTo(1);
  }
}
