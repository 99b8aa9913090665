package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Session;
import dev.lpa.core.ums.Frames;
import dev.lpa.core.ums.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A conversation-list notification is decoded change by change (never one tree of the frame):
 * the reducer ends in the state the whole-frame tree gave, for a snapshot of thousands.
 */
class StreamedSnapshotTest {
  static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");
  static final Session MANAGER = new Session("default", "123", "manager1", "123.2001", "pid-m", "Helen", true, null);
  static final Map<String, String> SKILLS = Map.of("1001", "General", "1002", "Billing");
  static final int SNAPSHOT = 3_000;

  @Test
  void aSnapshotOfThousandsGivesTheStateTheWholeTreeGave() {
    String frame = frame("cqm.ExConversationChangeNotification", false, changes(SNAPSHOT, "UPSERT"));

    Notification.ConversationChanges streamed = decode(frame);
    WorkspaceState state = reduce(Reducer.initial(MANAGER, T0), streamed, true);
    WorkspaceState fromTree = reduce(Reducer.initial(MANAGER, T0), wholeTree(frame), true);

    assertThat(streamed.subscriptionId()).isEqualTo("sub-team");
    assertThat(state.conversations()).hasSize(SNAPSHOT).isEqualTo(fromTree.conversations());
    assertThat(state.messages()).hasSize(SNAPSHOT).isEqualTo(fromTree.messages());
    // and each conversation is what the mapper makes of its own part of the parsed frame
    for (JsonNode change : Json.parse(frame).path("body").path("changes")) {
      JsonNode result = change.path("result");
      Conversation mapped = WireMapper.conversation(result, MANAGER, null, SKILLS);
      Conversation kept = state.conversations().get(mapped.id());
      assertThat(kept).usingRecursiveComparison().ignoringFields("lastMessage", "unread").isEqualTo(mapped);
      assertThat(kept.lastMessage().content()).isEqualTo(
          WireMapper.content(result.path("lastContentEventNotification").path("event")));
    }
  }

  @Test
  void theTypeMayComeBeforeOrAfterTheBodyAndTheLongOrShortName() {
    List<ObjectNode> changes = changes(20, "UPSERT");
    Notification.ConversationChanges last = decode(frame("cqm.ExConversationChangeNotification", false, changes));
    Notification.ConversationChanges firstLong = decode(frame(".ams.aam.ExConversationChangeNotification", true, changes));

    assertThat(firstLong).isEqualTo(last);
    assertThat(last).isEqualTo(wholeTree(frame("cqm.ExConversationChangeNotification", false, changes)));
  }

  @Test
  void aFrameWithWhitespaceAndEscapesGivesTheStateTheTreeGave() throws Exception {
    ObjectNode f = Json.obj().put("kind", "notification");
    ArrayNode list = f.putObject("body").put("subscriptionId", "sub-team").putArray("changes");
    changes(40, "UPSERT").forEach(list::add);
    f.put("type", "cqm.ExConversationChangeNotification");
    String pretty = Json.MAPPER.writer()
        .with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
        .withDefaultPrettyPrinter().writeValueAsString(f);

    Notification.ConversationChanges streamed = decode(pretty);

    assertThat(pretty).contains("\\u00DC", "\n  ");
    assertThat(streamed.changes().get(0).resultJson()).startsWith("{").endsWith("}");
    assertThat(reduce(Reducer.initial(MANAGER, T0), streamed, true).conversations()).hasSize(40)
        .isEqualTo(reduce(Reducer.initial(MANAGER, T0), wholeTree(pretty), true).conversations());
  }

  @Test
  void aDeleteRemovesTheConversationAsBefore() {
    List<ObjectNode> snapshot = changes(50, "UPSERT");
    WorkspaceState s = reduce(Reducer.initial(MANAGER, T0),
        decode(frame("cqm.ExConversationChangeNotification", false, snapshot)), true);
    ObjectNode gone = snapshot.get(7).deepCopy();
    gone.put("type", "DELETE");
    String frame = frame("cqm.ExConversationChangeNotification", false, List.of(gone));

    WorkspaceState after = reduce(s, decode(frame), false);

    assertThat(decode(frame).changes().get(0).delete()).isTrue();
    assertThat(after.conversations()).hasSize(49).doesNotContainKey("conv-7")
        .isEqualTo(reduce(s, wholeTree(frame), false).conversations());
  }

  @Test
  void aChangeWithoutConversationDetailsKeepsWhatIsKnown() {
    WorkspaceState s = reduce(Reducer.initial(MANAGER, T0),
        decode(frame("cqm.ExConversationChangeNotification", false, changes(5, "UPSERT"))), true);
    ObjectNode bare = Json.obj().put("type", "UPSERT");
    bare.putObject("result").put("convId", "conv-3").put("effectiveTTR", 1);
    ObjectNode noResult = Json.obj().put("type", "UPSERT");
    String frame = frame("cqm.ExConversationChangeNotification", false, List.of(bare, noResult));

    Notification.ConversationChanges n = decode(frame);
    WorkspaceState after = reduce(s, n, false);

    assertThat(n.changes()).extracting(Notification.Change::convId).containsExactly("conv-3", null);
    assertThat(n.changes()).extracting(Notification.Change::hasDetails).containsExactly(false, false);
    assertThat(after.conversations()).isEqualTo(s.conversations());
    assertThat(n).isEqualTo(wholeTree(frame));
  }

  @Test
  void aBodyWithOneChangeNotInAnArrayOrNoChangesReadsAsTheTreeReadsIt() {
    ObjectNode one = changes(1, "UPSERT").get(0);
    String single = "{\"kind\":\"notification\",\"body\":{\"subscriptionId\":7,\"changes\":" + Json.write(one)
        + "},\"type\":\"cqm.ExConversationChangeNotification\"}";
    String none = "{\"kind\":\"notification\",\"body\":null,\"type\":\"cqm.ExConversationChangeNotification\"}";

    assertThat(decode(single).changes()).hasSize(1);
    assertThat(decode(single).subscriptionId()).isEqualTo("7");
    assertThat(decode(single)).isEqualTo(wholeTree(single));
    assertThat(decode(none).changes()).isEmpty();
    assertThat(decode(none)).isEqualTo(wholeTree(none));
  }

  @Test
  void unreadableOrNonNotificationFramesDecodeAsBefore() {
    String frame = frame("cqm.ExConversationChangeNotification", false, changes(100, "UPSERT"));
    String cut = frame.substring(0, frame.length() / 2);
    String response = "{\"kind\":\"resp\",\"reqId\":\"9\",\"code\":400,\"body\":{\"message\":\"no\"},"
        + "\"type\":\"cqm.ExConversationChangeNotification\"}";
    String unknown = "{\"kind\":\"other\",\"type\":\"cqm.ExConversationChangeNotification\",\"body\":{}}";

    assertThat(Frames.decode(cut)).isEqualTo(new Frames.Unreadable("not JSON"));
    assertThat(Frames.decode(response)).isInstanceOfSatisfying(Frames.Response.class, r -> {
      assertThat(r.reqId()).isEqualTo("9");
      assertThat(Frames.reason(r.body())).isEqualTo("no");
    });
    assertThat(Frames.decode(unknown)).isEqualTo(new Frames.Unreadable("unknown kind other"));
  }

  // --- helpers ---

  private static Notification.ConversationChanges decode(String frame) {
    Frames.Incoming in = Frames.decode(frame);
    assertThat(in).isInstanceOf(Frames.Push.class);
    return (Notification.ConversationChanges) ((Frames.Push) in).notification();
  }

  /** What the decoder made of this notification before: the whole frame parsed as one tree. */
  private static Notification.ConversationChanges wholeTree(String frame) {
    JsonNode body = Json.parse(frame).path("body");
    List<Notification.Change> out = new ArrayList<>();
    for (JsonNode c : Json.list(body, "changes")) {
      out.add(new Notification.Change(Json.text(c, "type"), c.path("result")));
    }
    return new Notification.ConversationChanges(Json.text(body, "subscriptionId"), out);
  }

  private static WorkspaceState reduce(WorkspaceState s, Notification.ConversationChanges n, boolean first) {
    return Reducer.reduce(s, new Reducer.Conversations(Reducer.Scope.TEAM, first, n.changes(), SKILLS), T0).state();
  }

  private static String frame(String type, boolean typeFirst, List<ObjectNode> changes) {
    ObjectNode f = Json.obj().put("kind", "notification");
    if (typeFirst) {
      f.put("type", type);
    }
    ObjectNode body = f.putObject("body").put("subscriptionId", "sub-team");
    ArrayNode list = body.putArray("changes");
    changes.forEach(list::add);
    if (!typeFirst) {
      f.put("type", type); // LivePerson's order: the type after the body
    }
    return Json.write(f);
  }

  /** Team conversations as the server sends them: names beyond ASCII, numbers as text, a last message each. */
  private static List<ObjectNode> changes(int n, String type) {
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "conv-" + i;
      String consumer = "cons-" + i;
      ObjectNode r = Json.obj().put("convId", id).put("effectiveTTR", T0.toEpochMilli() + i * 1000L);
      ObjectNode d = r.putObject("conversationDetails");
      d.put("skillId", i % 2 == 0 ? "1001" : "1002").put("state", "OPEN").put("startTs", T0.toEpochMilli())
          .put("metaDataLastUpdateTs", String.valueOf(T0.toEpochMilli() + i));
      d.putObject("ttr").put("ttrType", i % 7 == 0 ? "URGENT" : "NORMAL").put("value", 3600);
      ObjectNode roles = d.putObject("participants");
      roles.putArray("CONSUMER").add(consumer);
      roles.putArray("ASSIGNED_AGENT").add("123.100" + (i % 3));
      d.putObject("participantsPId").putArray("CONSUMER").add(consumer);
      ObjectNode dialog = d.putArray("dialogs").addObject().put("dialogId", id).put("dialogType", "MAIN")
          .put("channelType", "MESSAGING").put("state", "OPEN").put("creationTs", T0.toEpochMilli());
      dialog.putArray("participantsDetails").addObject().put("id", consumer).put("role", "CONSUMER").put("state", "ACTIVE");
      dialog.putObject("metaData").put("campaign", "Ünïcødé ✓ " + i);
      ObjectNode last = r.putObject("lastContentEventNotification").put("sequence", 4).put("dialogId", id)
          .put("originatorId", consumer).put("serverTimestamp", T0.toEpochMilli() + i);
      last.putObject("originatorMetadata").put("id", consumer).put("role", "CONSUMER");
      last.putObject("event").put("type", "ContentEvent").put("contentType", "text/plain")
          .put("message", "hello \"" + i + "\" \u202e from Zoë");
      ObjectNode change = Json.obj().put("type", type);
      change.set("result", r);
      out.add(change);
    }
    return out;
  }
}
