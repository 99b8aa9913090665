package dev.lpa.core.ums;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.lpa.core.internal.Json;
import org.junit.jupiter.api.Test;

class FramesTest {

  @Test
  void requestsCarryKindIdTypeAndBody() {
    String f = Frames.request("7", ".ams.userprofile.GetUserProfile", TextNode.valueOf("c-1"), null);
    var n = Json.parse(f);
    assertThat(n.get("kind").asText()).isEqualTo("req");
    assertThat(n.get("id").asText()).isEqualTo("7");
    assertThat(n.get("body").asText()).isEqualTo("c-1");
    assertThat(n.has("metadata")).isFalse();
  }

  @Test
  void responsesMatchByReqIdWhateverTheirType() {
    var in = Frames.decode("{\"kind\":\"resp\",\"reqId\":\"42\",\"code\":200,\"type\":\"something.Else\",\"body\":{\"sequence\":3}}");
    assertThat(in).isInstanceOf(Frames.Response.class);
    Frames.Response r = (Frames.Response) in;
    assertThat(r.reqId()).isEqualTo("42");
    assertThat(r.body().get("sequence").asInt()).isEqualTo(3);
  }

  @Test
  void longAndShortNotificationNamesGiveTheSameTypedRecord() {
    String body = "{\"subscriptionId\":\"s\",\"changes\":[{\"type\":\"UPSERT\",\"result\":{\"convId\":\"c\"}}]}";
    var a = Frames.decode("{\"kind\":\"notification\",\"type\":\".ams.aam.ExConversationChangeNotification\",\"body\":" + body + "}");
    var b = Frames.decode("{\"kind\":\"notification\",\"type\":\"cqm.ExConversationChangeNotification\",\"body\":" + body + "}");
    assertThat(((Frames.Push) a).notification()).isEqualTo(((Frames.Push) b).notification());
    var n = (Notification.ConversationChanges) ((Frames.Push) a).notification();
    assertThat(n.subscriptionId()).isEqualTo("s");
    assertThat(n.changes()).hasSize(1);
    assertThat(n.changes().get(0).result().get("convId").asText()).isEqualTo("c");
  }

  @Test
  void aConversationListNotificationIsReadChangeByChangeNotAsOneTree() {
    String body = "{\"subscriptionId\":\"s\",\"changes\":[{\"type\":\"UPSERT\",\"result\":{\"convId\":\"c\","
        + "\"conversationDetails\":{\"state\":\"OPEN\"}}},{\"type\":\"DELETE\",\"result\":{\"convId\":\"d\"}}]}";
    // LivePerson sends the type after the body
    String frame = "{\"kind\":\"notification\",\"body\":" + body + ",\"type\":\"cqm.ExConversationChangeNotification\"}";

    var streamed = Frames.conversationChanges(frame);
    assertThat(streamed).isEqualTo(Frames.decode(frame))
        .isEqualTo(new Frames.Push(Frames.notification("cqm.ExConversationChangeNotification", Json.parse(body))));
    var n = (Notification.ConversationChanges) ((Frames.Push) streamed).notification();
    assertThat(n.changes()).extracting(Notification.Change::convId).containsExactly("c", "d");
    assertThat(n.changes()).extracting(Notification.Change::hasDetails).containsExactly(true, false);
    assertThat(n.changes().get(1).resultJson()).isEqualTo("{\"convId\":\"d\"}");
    // a response is left to the tree path, which reads its reqId and body
    assertThat(Frames.conversationChanges("{\"reqId\":\"1\",\"type\":\"cqm.ExConversationChangeNotification\"}")).isNull();
    // a frame that only mentions the name (a consumer wrote it) is decoded as what it is
    String mention = "{\"kind\":\"notification\",\"body\":{\"dialogId\":\"d\",\"sequence\":1,\"event\":{\"type\":"
        + "\"ContentEvent\",\"message\":\"ExConversationChangeNotification?\"}},\"type\":\".ams.ms.OnlineEventDistribution\"}";
    assertThat(Frames.conversationChanges(mention)).isNull();
    assertThat(Frames.decode(mention)).isInstanceOfSatisfying(Frames.Push.class,
        push -> assertThat(push.notification()).isInstanceOf(Notification.MessagingEvents.class));
  }

  @Test
  void onlineEventsAndBatchesBecomeMessagingEvents() {
    var live = Frames.decode("{\"kind\":\"notification\",\"type\":\".ams.ms.OnlineEventDistribution\","
        + "\"body\":{\"dialogId\":\"d\",\"sequence\":1,\"event\":{\"type\":\"ContentEvent\"}}}");
    var e = (Notification.MessagingEvents) ((Frames.Push) live).notification();
    assertThat(e.dialogId()).isEqualTo("d");
    assertThat(e.events()).hasSize(1);
    var batch = Frames.decode("{\"kind\":\"notification\",\"type\":\"ms.MessagingEventNotification\","
        + "\"body\":{\"dialogId\":\"d\",\"changes\":[{\"sequence\":1},{\"sequence\":2}]}}");
    assertThat(((Notification.MessagingEvents) ((Frames.Push) batch).notification()).events()).hasSize(2);
  }

  @Test
  void garbageIsUnreadableNotAnException() {
    assertThat(Frames.decode("not json {")).isInstanceOf(Frames.Unreadable.class);
    assertThat(Frames.decode("[1,2]")).isInstanceOf(Frames.Unreadable.class);
    assertThat(Frames.decode("{\"kind\":\"resp\"}")).isInstanceOf(Frames.Unreadable.class);
  }

  @Test
  void errorReasonsComeFromStringOrObjectBodies() {
    assertThat(Frames.reason(TextNode.valueOf("Agent does not exist"))).isEqualTo("Agent does not exist");
    assertThat(Frames.reason(Json.obj().put("message", "nope"))).isEqualTo("nope");
    assertThat(Frames.reason(Json.obj().put("msg", "m"))).isEqualTo("m");
    assertThat(Frames.reason(Json.obj().put("error", "e"))).isEqualTo("e");
  }
}
