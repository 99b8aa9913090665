package dev.lpa.core.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Session;
import dev.lpa.core.model.Skill;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builders for test data. Conversations, rings and messages are built as the socket carries them
 * (the shapes LivePerson documents and the simulator sends), so the reducer maps them exactly as it
 * maps the server's; agents, skills and consumers are the records the REST look-ups answer with.
 */
public final class TestData {
  public static final String ACCOUNT = "90233546";

  private TestData() {}

  /** An agent (or, with {@code manager}, a manager) of the demo account: legacy id ACCOUNT.N, pid pid-N. */
  public static Session session(String login, String displayName, boolean manager, Instant now) {
    String n = login.replaceAll("\\D", "");
    return new Session("default", ACCOUNT, login, ACCOUNT + "." + (n.isEmpty() ? "1" : n), "pid-" + login,
        displayName, manager, now.plus(Duration.ofHours(8)));
  }

  public static Skill skill(String id, String name, int agentsOnline) {
    return new Skill(id, name, List.of(), agentsOnline);
  }

  /** A user as the users API lists it: numbered {@code n} (legacy id ACCOUNT.n in conversations). */
  public static Agent agent(String n, String fullName, String nickname, AgentState state, int open, String... skills) {
    return new Agent(n, "pid-agent" + n, "agent" + n, fullName, nickname, null, false,
        List.of(skills), state, open, 5);
  }

  /** A consumer's profile: "First Last" split at the first space; phone and source as given. */
  public static ConsumerProfile consumer(String id, String name, String phone) {
    String[] parts = name == null ? new String[] {null} : name.split(" ", 2);
    return new ConsumerProfile(id, parts[0], parts.length > 1 ? parts[1] : null, phone, null, null,
        phone != null ? "SMS" : "WEB", Map.of());
  }

  public static Conv conversation(String id) {
    return new Conv(id);
  }

  /**
   * A conversation as an ExConversationChangeNotification result carries it. Defaults: open, on
   * skill 10, consumer "consumer-ID" without a known name, no agent, normal TTR of an hour.
   */
  public static final class Conv {
    final String id;
    String consumerId;
    ConsumerProfile profile;
    String skillId = "10";
    boolean closed;
    Instant started;
    Instant ended;
    String closeReason;
    String ttrType = "NORMAL";
    long ttrSeconds = 3600;
    Instant due;
    Instant manualDue;
    String agentId;
    String agentPid;
    String agentState = "ACTIVE";
    final List<String[]> others = new ArrayList<>();
    final List<ObjectNode> extraDialogs = new ArrayList<>();
    ObjectNode lastEvent;

    Conv(String id) {
      this.id = id;
      this.consumerId = "consumer-" + id;
    }

    public String id() {
      return id;
    }

    public String consumerId() {
      return consumerId;
    }

    /** The profile a look-up of the consumer answers with (its id becomes the conversation's consumer). */
    public ConsumerProfile profile() {
      return profile;
    }

    public String skillId() {
      return skillId;
    }

    /** Whether this user takes part (assigned, or joined). */
    public boolean involves(String userId) {
      return userId.equals(agentId) && !"SUGGESTED".equals(agentState)
          || others.stream().anyMatch(o -> o[1].equals(userId));
    }

    public boolean isClosed() {
      return closed;
    }

    /** A consumer known only by id (as a ring names it). */
    public Conv consumerId(String id) {
      this.consumerId = id;
      this.profile = null;
      return this;
    }

    public Conv consumer(ConsumerProfile p) {
      this.profile = p;
      this.consumerId = p.id();
      return this;
    }

    /** A consumer known by name ("First Last") and, when not null, phone. */
    public Conv consumer(String name, String phone) {
      return consumer(TestData.consumer(consumerId, name, phone));
    }

    public Conv skill(String skillId) {
      this.skillId = skillId;
      return this;
    }

    public Conv started(Instant at) {
      this.started = at;
      return this;
    }

    /** The effective due time (effectiveTTR) the server computed. */
    public Conv due(Instant at) {
      this.due = at;
      return this;
    }

    public Conv manualDue(Instant at) {
      this.manualDue = at;
      return this;
    }

    public Conv urgent(boolean urgent) {
      this.ttrType = urgent ? "URGENT" : "NORMAL";
      return this;
    }

    public Conv ttr(long seconds) {
      this.ttrSeconds = seconds;
      return this;
    }

    /** Assigned to this user (legacy id and pid). */
    public Conv assignedTo(String userId, String pid) {
      this.agentId = userId;
      this.agentPid = pid;
      this.agentState = "ACTIVE";
      return this;
    }

    public Conv assignedTo(Session s) {
      return assignedTo(s.userId(), s.userPid());
    }

    /** Back in the queue of its skill. */
    public Conv queued() {
      this.agentId = null;
      this.agentPid = null;
      return this;
    }

    /** A transfer to this agent waits for the agent's answer (SUGGESTED). */
    public Conv suggestedTo(String userId) {
      this.agentId = userId;
      this.agentPid = null;
      this.agentState = "SUGGESTED";
      return this;
    }

    /** Another participant, say a MANAGER who joined. */
    public Conv participant(String role, String userId, String pid) {
      others.add(new String[] {role, userId, pid});
      return this;
    }

    public Conv withoutParticipant(String userId) {
      others.removeIf(p -> p[1].equals(userId));
      return this;
    }

    public Conv closed(Instant at, String reason) {
      this.closed = true;
      this.ended = at;
      this.closeReason = reason;
      return this;
    }

    /** A call (COBROWSE) dialog beside the main one, as an invitation opens it. */
    public Conv callDialog(String dialogId, String mode, String sessionState, Instant created) {
      ObjectNode d = Json.obj().put("dialogId", dialogId).put("dialogType", "OTHER").put("channelType", "COBROWSE")
          .put("state", "OPEN").put("creationTs", created.toEpochMilli());
      d.putObject("metaData").put("mode", mode).put("sessionState", sessionState).put("serviceId", dialogId.replace("call-", "svc-"));
      d.putArray("participants").add(consumerId);
      extraDialogs.add(d);
      return this;
    }

    /**
     * The consumer's newest message, carried with the conversation (lastContentEventNotification)
     * as the server sends it, so a list shows it without a history query. Set after the consumer.
     */
    public Conv lastConsumerMessage(String text, Instant at) {
      this.lastEvent = message().from(consumerId, consumerId, "CONSUMER").text(text).at(at).wire(id, 0, at);
      return this;
    }

    /** The result of one change, stamped with the server's update time. */
    public ObjectNode wire(Instant updated) {
      ObjectNode r = Json.obj().put("convId", id);
      if (due != null && !closed) {
        r.put("effectiveTTR", due.toEpochMilli());
      }
      ObjectNode d = r.putObject("conversationDetails");
      d.put("convId", id).put("skillId", skillId).put("state", closed ? "CLOSE" : "OPEN")
          .put("startTs", (started == null ? updated : started).toEpochMilli())
          .put("metaDataLastUpdateTs", updated.toEpochMilli());
      if (closed) {
        d.put("endTs", (ended == null ? updated : ended).toEpochMilli()).put("closeReason", closeReason);
      }
      if (manualDue != null) {
        d.put("manualETTR", manualDue.toEpochMilli());
      }
      d.putObject("ttr").put("ttrType", ttrType).put("value", ttrSeconds);
      Map<String, List<String[]>> byRole = new LinkedHashMap<>();
      byRole.computeIfAbsent("CONSUMER", k -> new ArrayList<>()).add(new String[] {consumerId, consumerId});
      if (agentId != null) {
        byRole.computeIfAbsent("ASSIGNED_AGENT", k -> new ArrayList<>()).add(new String[] {agentId, agentPid});
      }
      for (String[] o : others) {
        byRole.computeIfAbsent(o[0], k -> new ArrayList<>()).add(new String[] {o[1], o[2]});
      }
      ObjectNode legacy = d.putObject("participants");
      ObjectNode pids = d.putObject("participantsPId");
      ObjectNode dlg = d.putArray("dialogs").addObject();
      dlg.put("dialogId", id).put("dialogType", "MAIN").put("channelType", "MESSAGING").put("state", closed ? "CLOSE" : "OPEN")
          .put("creationTs", (started == null ? updated : started).toEpochMilli());
      ArrayNode details = dlg.putArray("participantsDetails");
      byRole.forEach((role, ids) -> {
        boolean suggested = "ASSIGNED_AGENT".equals(role) && "SUGGESTED".equals(agentState);
        ArrayNode l = legacy.putArray(role);
        ArrayNode p = pids.putArray(role);
        for (String[] x : ids) {
          if (!suggested) {
            l.add(x[0]);
            if (x[1] != null) {
              p.add(x[1]);
            }
          }
          details.addObject().put("id", x[0]).put("role", role).put("state", suggested ? "SUGGESTED" : "ACTIVE");
        }
      });
      if (closed) {
        dlg.put("endTs", (ended == null ? updated : ended).toEpochMilli());
      }
      extraDialogs.forEach(x -> ((ArrayNode) d.get("dialogs")).add(x.deepCopy()));
      if (lastEvent != null) {
        r.set("lastContentEventNotification", lastEvent.deepCopy());
      }
      return r;
    }
  }

  public static Msg message() {
    return new Msg();
  }

  /**
   * A messaging event as OnlineEventDistribution carries it. Who wrote it is set by the scripted
   * workspace's helpers (consumer, me, another agent, the system); {@code delivery} is turned into
   * the receipts that would have moved it there.
   */
  public static final class Msg {
    long sequence = -1;
    Instant at;
    String originatorId;
    String originatorPid;
    String role;
    ObjectNode event;
    String audience;
    String externalId;
    Message.Delivery delivery;

    Msg() {}

    public Msg text(String text) {
      event = Json.obj().put("type", "ContentEvent").put("contentType", "text/plain").put("message", text);
      return this;
    }

    /** Structured content (a card) as the JSON LivePerson's RichContentEvent carries. */
    public Msg rich(String json) {
      event = Json.obj().put("type", "RichContentEvent");
      event.set("content", Json.parse(json));
      return this;
    }

    /** A shared photo (hosted/file) with a base64 preview. */
    public Msg file(String relativePath, String fileType, String caption, String preview) {
      event = Json.obj().put("type", "ContentEvent").put("contentType", "hosted/file");
      ObjectNode m = event.putObject("message").put("relativePath", relativePath).put("fileType", fileType);
      if (caption != null) {
        m.put("caption", caption);
      }
      if (preview != null) {
        m.put("preview", preview);
      }
      return this;
    }

    public Msg formInvitation(String formId, String invitationId, String title) {
      event = Json.obj().put("type", "ContentEvent").put("contentType", "forms/secure-invitation");
      event.putObject("message").put("formId", formId).put("invitationId", invitationId).put("title", title);
      return this;
    }

    public Msg formSubmission(String invitationId, String submissionId) {
      event = Json.obj().put("type", "ContentEvent").put("contentType", "forms/secure-submission");
      event.putObject("message").put("invitationId", invitationId).put("submissionId", submissionId);
      return this;
    }

    public Msg at(Instant at) {
      this.at = at;
      return this;
    }

    public Msg sequence(long seq) {
      this.sequence = seq;
      return this;
    }

    /** Written by this originator in this role (CONSUMER, ASSIGNED_AGENT, MANAGER, CONTROLLER). */
    public Msg from(String id, String pid, String role) {
      this.originatorId = id;
      this.originatorPid = pid;
      this.role = role;
      return this;
    }

    /** Only agents see it (a private note). */
    public Msg agentsOnly() {
      this.audience = "AGENTS_AND_MANAGERS";
      return this;
    }

    public Msg externalId(String id) {
      this.externalId = id;
      return this;
    }

    /** How far it got: the workspace adds the receipt that moves it there. */
    public Msg delivery(Message.Delivery d) {
      this.delivery = d;
      return this;
    }

    ObjectNode wire(String conversationId, long seq, Instant fallback) {
      ObjectNode e = Json.obj().put("sequence", seq).put("dialogId", conversationId).put("conversationId", conversationId)
          .put("serverTimestamp", (at == null ? fallback : at).toEpochMilli());
      if (originatorId != null) {
        e.put("originatorId", originatorId);
      }
      if (originatorPid != null) {
        e.put("originatorPId", originatorPid);
      }
      if (role != null) {
        e.putObject("originatorMetadata").put("id", originatorPid).put("role", role);
      }
      if (audience != null) {
        e.put("messageAudience", audience);
      }
      if (externalId != null) {
        e.putArray("metadata").addObject().put("type", "ExternalId").put("id", externalId);
      }
      e.set("event", event == null ? Json.obj().put("type", "ContentEvent").put("message", "") : event.deepCopy());
      return e;
    }
  }
}
