package dev.lpa.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Session;
import dev.lpa.core.sla.Sla;
import dev.lpa.core.ums.Notification;
import dev.lpa.core.workspace.Reducer;
import dev.lpa.core.workspace.WorkspaceState;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A manager's team of N open conversations as the socket delivers them, for the benchmarks. */
public final class Accounts {
  public static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
  public static final Session MANAGER = new Session("default", "123", "manager1", "123.2001", "pid-manager", "Helen", true,
      null);
  private static final Method FIRST_ROWS = firstRows();

  private Accounts() {}

  static String consumer(int i) {
    return "consumer-" + i;
  }

  /** One conversation of the team (assigned to another agent), its newest consumer message attached. */
  static ObjectNode conversation(int i) {
    String id = "conv-" + i;
    long started = T0.toEpochMilli() - 3_600_000L + i;
    ObjectNode r = Json.obj().put("convId", id).put("effectiveTTR", T0.toEpochMilli() + 60_000L * (i % 120));
    ObjectNode d = r.putObject("conversationDetails");
    d.put("skillId", "1001").put("state", "OPEN").put("startTs", started).put("metaDataLastUpdateTs", started);
    d.putObject("ttr").put("ttrType", "NORMAL").put("value", 3600);
    d.putObject("participants").putArray("CONSUMER").add(consumer(i));
    ((ObjectNode) d.get("participants")).putArray("ASSIGNED_AGENT").add("123.100" + (1 + i % 3));
    ObjectNode pp = d.putObject("participantsPId");
    pp.putArray("CONSUMER").add(consumer(i));
    pp.putArray("ASSIGNED_AGENT").add("pid-agent-" + (1 + i % 3));
    ObjectNode dlg = d.putArray("dialogs").addObject();
    dlg.put("dialogId", id).put("dialogType", "MAIN").put("channelType", "MESSAGING").put("state", "OPEN");
    dlg.putArray("participantsDetails").addObject().put("id", consumer(i)).put("role", "CONSUMER")
        .put("state", "ACTIVE");
    r.set("lastContentEventNotification", message(i, 0, "question " + i));
    return r;
  }

  public static ObjectNode message(int i, long seq, String text) {
    String id = "conv-" + i;
    ObjectNode e = Json.obj().put("sequence", seq).put("dialogId", id).put("conversationId", id)
        .put("serverTimestamp", T0.toEpochMilli() + seq * 1000).put("originatorId", consumer(i))
        .put("originatorPId", consumer(i));
    e.putObject("originatorMetadata").put("role", "CONSUMER");
    e.putObject("event").put("type", "ContentEvent").put("contentType", "text/plain").put("message", text);
    return e;
  }

  /** The team subscription's first notification: every conversation in one input. */
  static Reducer.Conversations firstSnapshot(int n) {
    List<Notification.Change> changes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      changes.add(new Notification.Change("UPSERT", conversation(i)));
    }
    return new Reducer.Conversations(Reducer.Scope.TEAM, true, changes, Map.of("1001", "General"));
  }

  public static WorkspaceState team(int n) {
    return Reducer.apply(Reducer.initial(MANAGER, T0), firstSnapshot(n), T0);
  }

  /** The first {@code n} list rows: Sla.firstRows where the tree has it, else the full sort. */
  @SuppressWarnings("unchecked")
  static List<Conversation> rows(WorkspaceState s, Instant now, int n) {
    Collection<Conversation> all = s.conversations().values();
    if (FIRST_ROWS != null) {
      try {
        return (List<Conversation>) FIRST_ROWS.invoke(null, all, now, null, n);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    List<Conversation> l = Sla.listOrder(all, now, null);
    return l.subList(0, Math.min(n, l.size()));
  }

  private static Method firstRows() {
    try {
      return Sla.class.getMethod("firstRows", Collection.class, Instant.class, java.time.Duration.class, int.class);
    } catch (NoSuchMethodException e) {
      return null; // an older tree (before the ordered view)
    }
  }
}
