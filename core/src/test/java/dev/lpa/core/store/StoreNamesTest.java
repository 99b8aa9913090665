package dev.lpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The names table and the one-transaction conversation writes. */
class StoreNamesTest {
  @TempDir Path dir;

  @Test
  void namesAreKeptPerKindAcrossOpens() {
    Path file = dir.resolve("names.db");
    try (LocalStore st = LocalStore.open(file, new LocalStoreTest.TestClock())) {
      st.saveNames("agent", Map.of("123.1", "{\"name\":\"Maya\"}"));
      st.saveNames("skill", Map.of("1", "{\"name\":\"General\"}"));
      st.saveNames("agent", Map.of("123.1", "{\"name\":\"Maya K\"}"));
    }
    try (LocalStore st = LocalStore.open(file, new LocalStoreTest.TestClock())) {
      assertThat(st.loadNames("agent")).containsExactly(Map.entry("123.1", "{\"name\":\"Maya K\"}"));
      assertThat(st.loadNames("skill")).containsOnlyKeys("1");
      assertThat(st.loadNames("consumer")).isEmpty();
    }
  }

  @Test
  void aNotificationsConversationsAreSavedAndDeletedTogether() {
    try (LocalStore st = LocalStore.open(dir.resolve("c.db"), new LocalStoreTest.TestClock())) {
      Map<String, String> many = new LinkedHashMap<>();
      for (int i = 0; i < 2000; i++) {
        many.put("c" + i, "{\"convId\":\"c" + i + "\"}");
      }
      st.saveConversations(many, List.of());
      st.saveMessages("c1", List.of(new StoredMessage("c1", 0, "{}")));
      st.setCursor("c1", 0);
      st.saveConversations(Map.of("c2", "{\"convId\":\"c2\",\"v\":2}"), List.of("c1", "c3"));
      Map<String, String> stored = st.loadConversations();
      assertThat(stored).hasSize(1998).doesNotContainKeys("c1", "c3").containsEntry("c2", "{\"convId\":\"c2\",\"v\":2}");
      assertThat(st.loadMessages("c1")).isEmpty();
      assertThat(st.cursor("c1")).isEmpty();
      st.saveMessages("c2", List.of(new StoredMessage("c2", 1, "{\"b\":1}"), new StoredMessage("c2", 0, "{}")));
      st.setCursor("c2", 1);
      assertThat(st.loadAllMessages()).containsOnlyKeys("c2");
      assertThat(st.loadAllMessages().get("c2")).extracting(StoredMessage::sequence).containsExactly(0L, 1L);
      assertThat(st.loadCursors()).containsExactly(Map.entry("c2", 1L));
    }
  }
}
