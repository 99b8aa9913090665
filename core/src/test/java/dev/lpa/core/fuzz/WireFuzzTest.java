package dev.lpa.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.Session;
import dev.lpa.core.rest.RestMapper;
import dev.lpa.core.workspace.HistoryMapper;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.ums.Frames;
import dev.lpa.core.ums.Notification;
import dev.lpa.core.workspace.Reducer;
import dev.lpa.core.workspace.WorkspaceState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzz of what arrives from the network: socket frames through the decoder and the
 * reducer, REST bodies through every mapper. Inputs are LivePerson-shaped frames and records,
 * then truncated, retyped, extended with unknown fields and types, corrupted as bytes (invalid
 * UTF-8 decoded as the socket decodes it), and a few of 10 MB. Nothing may throw: a frame that
 * cannot be read is dropped by the decoder as {@link Frames.Unreadable}, a field that does not
 * fit is read as missing. The seed is printed on failure; {@code -Dlpa.fuzz.seed} replays one.
 */
class WireFuzzTest {
  static final long SEED = Long.getLong("lpa.fuzz.seed", 20261203L);
  static final int FRAME_CASES = Integer.getInteger("lpa.fuzz.frames", 8_000);
  static final int REST_CASES = Integer.getInteger("lpa.fuzz.rest", 4_000);
  static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
  static final Session ME = new Session("default", "123", "agent1", "123.1001", "pid-me", "Maya", false, null);
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  // ---- seeds: what LivePerson sends (shapes from the UMS and REST digests) ----

  static ObjectNode conversation(String id) {
    ObjectNode r = Json.obj().put("convId", id).put("effectiveTTR", T0.toEpochMilli() + 60_000);
    ObjectNode d = r.putObject("conversationDetails");
    d.put("skillId", "1001").put("state", "OPEN").put("startTs", T0.toEpochMilli()).put("metaDataLastUpdateTs", 1L);
    d.putObject("ttr").put("ttrType", "NORMAL").put("value", 3600);
    d.putObject("participants").putArray("CONSUMER").add("cons-1");
    ((ObjectNode) d.get("participants")).putArray("ASSIGNED_AGENT").add(ME.userId());
    d.putObject("participantsPId").putArray("CONSUMER").add("cons-1");
    ((ObjectNode) d.get("participantsPId")).putArray("ASSIGNED_AGENT").add(ME.userPid());
    ObjectNode dlg = d.putArray("dialogs").addObject();
    dlg.put("dialogId", id).put("dialogType", "MAIN").put("channelType", "MESSAGING").put("state", "OPEN");
    dlg.putArray("participantsDetails").addObject().put("id", "cons-1").put("role", "CONSUMER").put("state", "ACTIVE");
    r.putObject("lastContentEventNotification").put("sequence", 3).putObject("event").put("type", "ContentEvent")
        .put("message", "hi");
    return r;
  }

  static ObjectNode push(String type, String sub, JsonNode... results) {
    ObjectNode f = Json.obj().put("kind", "notification").put("type", type);
    ObjectNode b = f.putObject("body").put("subscriptionId", sub);
    ArrayNode ch = b.putArray("changes");
    for (JsonNode r : results) {
      ch.addObject().put("type", "UPSERT").set("result", r);
    }
    return f;
  }

  static ObjectNode event(long seq, JsonNode ev, boolean consumer) {
    ObjectNode e = Json.obj().put("sequence", seq).put("dialogId", "c1").put("conversationId", "c1")
        .put("serverTimestamp", T0.toEpochMilli() + seq).put("originatorId", consumer ? "cons-1" : ME.userId());
    e.putObject("originatorMetadata").put("role", consumer ? "CONSUMER" : "ASSIGNED_AGENT").put("id", "x");
    e.set("event", ev);
    return e;
  }

  static List<ObjectNode> frameSeeds() {
    List<ObjectNode> out = new ArrayList<>();
    out.add(push(".ams.aam.ExConversationChangeNotification", "sub-1", conversation("c1"), conversation("c2")));
    ObjectNode ring = Json.obj().put("conversationId", "c3").put("consumerId", "cons-3").put("skillId", "1001");
    ring.putArray("ringsDetails").addObject().put("ringId", "r1").put("ringState", "WAITING")
        .put("ringExpirationTs", T0.toEpochMilli() + 30_000);
    out.add(push(".ams.routing.RoutingTaskNotification", "sub-2", ring));
    out.add(push(".ams.routing.AgentStateNotification", "sub-3", Json.obj().put("availability", "ONLINE")));
    ObjectNode msgs = Json.obj().put("kind", "notification").put("type", ".ams.ms.MessagingEventNotification");
    ObjectNode mb = msgs.putObject("body").put("dialogId", "c1");
    ArrayNode ch = mb.putArray("changes");
    ch.add(event(4, Json.obj().put("type", "ContentEvent").put("contentType", "text/plain").put("message", "hello"), true));
    ObjectNode receipt = Json.obj().put("type", "AcceptStatusEvent").put("status", "READ");
    receipt.putArray("sequenceList").add(4).add(5);
    ch.add(event(5, receipt, false));
    ch.add(event(6, Json.obj().put("type", "ChatStateEvent").put("chatState", "COMPOSING"), true));
    ObjectNode rich = Json.obj().put("type", "RichContentEvent");
    rich.putObject("content").put("type", "vertical").putArray("elements").addObject().put("type", "text")
        .put("text", "card");
    ch.add(event(7, rich, false));
    ch.add(event(8, Json.obj().put("type", "ContentEvent").put("contentType", "hosted/file")
        .set("message", Json.obj().put("relativePath", "a/b.png").put("fileType", "PNG").put("caption", "p")), true));
    out.add(msgs);
    ObjectNode resp = Json.obj().put("kind", "resp").put("reqId", "1").put("code", 200)
        .put("type", ".ams.GenericSubscribeResponse");
    resp.putObject("body").put("subscriptionId", "sub-1");
    out.add(resp);
    out.add(Json.obj().put("kind", "resp").put("reqId", "2").put("code", 400).put("body", "bad request"));
    return out;
  }

  static List<ObjectNode> historySeeds() {
    ObjectNode rec = Json.obj();
    rec.putObject("info").put("conversationId", "c9").put("status", "CLOSE").put("startTimeL", T0.toEpochMilli())
        .put("endTimeL", T0.toEpochMilli() + 1000).put("latestSkillId", "1001").put("closeReason", "AGENT");
    rec.putArray("consumerParticipants").addObject().put("participantId", "cons-9").put("firstName", "Ana")
        .put("lastName", "Li").put("phone", "+1 555").put("email", "a@b.c");
    rec.putArray("agentParticipants").addObject().put("agentId", "1001").put("agentNickname", "Maya")
        .put("permission", "ASSIGNED_AGENT");
    rec.putArray("dialogs").addObject().put("dialogId", "c9").put("dialogType", "MAIN").put("status", "CLOSE");
    ArrayNode mr = rec.putArray("messageRecords");
    mr.addObject().put("type", "TEXT_PLAIN").put("messageId", "ms::dialog:c9::msg:0").put("seq", 0)
        .put("timeL", T0.toEpochMilli()).put("participantId", "cons-9").put("sentBy", "Consumer")
        .putObject("messageData").putObject("msg").put("text", "hello");
    mr.addObject().put("type", "HOSTED_FILE").put("seq", 1).put("timeL", T0.toEpochMilli() + 1).put("sentBy", "Agent")
        .put("participantId", "1001").putObject("messageData").putObject("file").put("relativePath", "x.png")
        .put("fileType", "PNG").put("caption", "c");
    rec.putObject("responseTime").put("latestEffectiveResponseDueTime", T0.toEpochMilli() + 5000)
        .put("configuredResponseTime", 3600);
    return List.of(rec);
  }

  // ---- mutations ----

  static JsonNode randomValue(Random r, int depth) {
    return switch (r.nextInt(depth > 3 ? 6 : 8)) {
      case 0 -> F.nullNode();
      case 1 -> F.textNode(hostileText(r));
      case 2 -> F.numberNode(r.nextInt(7) == 0 ? Long.MIN_VALUE : r.nextLong());
      case 3 -> F.numberNode(r.nextDouble() * 1e300);
      case 4 -> F.booleanNode(r.nextBoolean());
      case 5 -> F.textNode("");
      case 6 -> {
        ArrayNode a = F.arrayNode();
        for (int i = r.nextInt(4); i > 0; i--) {
          a.add(randomValue(r, depth + 1));
        }
        yield a;
      }
      default -> {
        ObjectNode o = F.objectNode();
        for (int i = r.nextInt(4); i > 0; i--) {
          o.set("f" + r.nextInt(5), randomValue(r, depth + 1));
        }
        yield o;
      }
    };
  }

  static final String[] HOSTILE = {"\u001b[2J", "\u001b]0;title\u0007", "\u0000", "\ud800", "\udfff", "e\u0301\u0301",
      "\u200b\u200d\u2060\ufeff", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67", "\u202e", "null", "NaN", "-1",
      "9999999999999999999999", "UPSERT", "DELETE", "OPEN", "CLOSE", "WAITING", "ContentEvent", "text/plain"};

  static String hostileText(Random r) {
    StringBuilder b = new StringBuilder();
    for (int i = r.nextInt(4); i >= 0; i--) {
      b.append(HOSTILE[r.nextInt(HOSTILE.length)]);
    }
    return b.toString();
  }

  /** Replaces, removes or adds fields at random places of a copy of {@code seed}. */
  static JsonNode mutate(JsonNode seed, Random r) {
    JsonNode copy = seed.deepCopy();
    for (int n = 1 + r.nextInt(4); n > 0; n--) {
      List<JsonNode> containers = new ArrayList<>();
      collect(copy, containers);
      JsonNode target = containers.get(r.nextInt(containers.size()));
      if (target instanceof ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        int op = r.nextInt(4);
        if (names.isEmpty() || op == 0) {
          o.set(r.nextBoolean() ? "unknownField" + r.nextInt(3) : "type", randomValue(r, 0));
        } else if (op == 1) {
          o.remove(names.get(r.nextInt(names.size())));
        } else {
          o.set(names.get(r.nextInt(names.size())), randomValue(r, 0));
        }
      } else if (target instanceof ArrayNode a) {
        if (a.size() > 0 && r.nextBoolean()) {
          a.set(r.nextInt(a.size()), randomValue(r, 0));
        } else {
          a.add(randomValue(r, 0));
        }
      }
    }
    return copy;
  }

  static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
        collect(it.next(), out);
      }
    }
  }

  /** A frame's text as the socket would hand it over: valid, truncated, or corrupted bytes decoded as UTF-8. */
  static String frameText(JsonNode frame, Random r, int i) {
    String text = Json.write(frame);
    switch (r.nextInt(6)) {
      case 0 -> {
        return text.substring(0, r.nextInt(text.length() + 1));
      }
      case 1 -> {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (int k = 1 + r.nextInt(4); k > 0; k--) {
          b[r.nextInt(b.length)] = (byte) (0x80 + r.nextInt(0x80)); // stray continuation / lead bytes
        }
        return new String(b, StandardCharsets.UTF_8);
      }
      default -> {
        return text;
      }
    }
  }

  // ---- the runs ----

  @Test
  void framesOfAnyShapeNeitherThrowNorBreakTheState() {
    Random r = new Random(SEED);
    List<ObjectNode> seeds = frameSeeds();
    WorkspaceState base = Reducer.initial(ME, T0);
    base = Reducer.apply(base, new Reducer.Conversations(Reducer.Scope.MINE, true,
        List.of(new Notification.Change("UPSERT", conversation("c1"))), Map.of("1001", "General")), T0);
    int decoded = 0;
    int unreadable = 0;
    int i = 0;
    try {
      for (; i < FRAME_CASES; i++) {
        JsonNode frame = i % 10 == 0 ? seeds.get(r.nextInt(seeds.size())) : mutate(seeds.get(r.nextInt(seeds.size())), r);
        Frames.Incoming in = Frames.decode(frameText(frame, r, i));
        if (in instanceof Frames.Unreadable) {
          unreadable++;
          continue;
        }
        decoded++;
        if (in instanceof Frames.Push p) {
          WorkspaceState s = base;
          for (Reducer.Input input : inputsOf(p.notification())) {
            s = Reducer.apply(s, input, T0.plusSeconds(1 + r.nextInt(600)));
          }
          assertThat(s).isNotNull();
          s.conversations().values().forEach(c -> SafeText.line(String.valueOf(c.lastMessage())));
        } else if (in instanceof Frames.Response resp) {
          Frames.reason(resp.body());
        }
      }
    } catch (RuntimeException | AssertionError e) {
      throw new AssertionError("frame case " + i + " failed (seed " + SEED + ")", e);
    }
    System.out.printf("WireFuzzTest: %d frame cases (seed %d): %d decoded, %d unreadable and dropped%n",
        FRAME_CASES, SEED, decoded, unreadable);
    assertThat(decoded).isPositive();
    assertThat(unreadable).isPositive();
  }

  @Test
  void aTenMegabyteMessageIsReadWithoutTrouble() {
    String big = "x".repeat(10 * 1024 * 1024);
    ObjectNode f = Json.obj().put("kind", "notification").put("type", ".ams.ms.MessagingEventNotification");
    f.putObject("body").put("dialogId", "c1").putArray("changes")
        .add(event(4, Json.obj().put("type", "ContentEvent").put("contentType", "text/plain").put("message", big), true));
    Frames.Incoming in = Frames.decode(Json.write(f));
    assertThat(in).isInstanceOf(Frames.Push.class);
    WorkspaceState s = Reducer.apply(Reducer.initial(ME, T0), new Reducer.Conversations(Reducer.Scope.MINE, true,
        List.of(new Notification.Change("UPSERT", conversation("c1"))), Map.of()), T0);
    for (Reducer.Input input : inputsOf(((Frames.Push) in).notification())) {
      s = Reducer.apply(s, input, T0.plusSeconds(1));
    }
    assertThat(s.messagesOf("c1")).isNotEmpty();
  }

  @Test
  void restBodiesOfAnyShapeMapWithoutThrowing() {
    Random r = new Random(SEED + 1);
    List<ObjectNode> history = historySeeds();
    ObjectNode user = Json.obj().put("id", "1001").put("loginName", "agent1").put("nickname", "Maya")
        .put("profileIds", "x");
    user.putArray("skillIds").add(1001);
    ObjectNode status = Json.obj().put("agentId", "1001").put("currentStatus", "ONLINE").put("load", 0.5);
    ObjectNode canned = Json.obj().put("id", 7).put("enabled", true).put("hotkey", "ty");
    canned.putObject("data").putArray("0").addObject().put("msg", "Thanks {{consumer.name}}").put("lang", "en-US");
    ObjectNode skill = Json.obj().put("id", 1001).put("name", "General");
    int i = 0;
    try {
      for (; i < REST_CASES; i++) {
        JsonNode h = mutate(history.get(0), r);
        HistoryMapper.history(h, "123");
        RestMapper.agent(mutate(user, r), mutate(status, r), Map.of());
        RestMapper.canned(mutate(canned, r), Map.of());
        RestMapper.skill(mutate(skill, r), Map.of());
        RestMapper.onlinePerSkill(List.of(mutate(status, r)));
      }
    } catch (RuntimeException e) {
      throw new AssertionError("REST case " + i + " failed (seed " + SEED + ")", e);
    }
    System.out.printf("WireFuzzTest: %d REST cases x 5 mappers (seed %d)%n", REST_CASES, SEED + 1);
  }

  /** What the workspace feeds the reducer for a notification (its serial pipeline, without the socket). */
  static List<Reducer.Input> inputsOf(Notification n) {
    List<Reducer.Input> out = new ArrayList<>();
    if (n instanceof Notification.ConversationChanges c) {
      out.add(new Reducer.Conversations(Reducer.Scope.MINE, false, c.changes(), Map.of("1001", "General")));
    } else if (n instanceof Notification.MessagingEvents e) {
      out.add(new Reducer.Events(e.dialogId(), e.events()));
    } else if (n instanceof Notification.RoutingTasks t) {
      out.add(new Reducer.Routing(t.changes()));
    }
    out.add(new Reducer.Tick());
    return out;
  }
}
