package dev.lpa.core.sla;

import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Dialog;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Participant;
import dev.lpa.core.model.Role;
import dev.lpa.core.model.Session;
import dev.lpa.core.model.Ttr;
import dev.lpa.core.workspace.ConnectionState;
import dev.lpa.core.workspace.WorkspaceState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds model records for tests without the 18-argument constructor at every call. */
public final class TestConversations {
  public static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
  public static final Session AGENT = new Session("p", "acct", "ann", "acct.7", "pid-7", "Ann", false, null);
  public static final Session MANAGER = new Session("p", "acct", "max", "acct.9", "pid-9", "Max", true, null);

  private TestConversations() {}

  public static Builder conv(String id) {
    return new Builder(id);
  }

  public static WorkspaceState state(Session me, Conversation... cs) {
    Map<String, Conversation> m = new LinkedHashMap<>();
    for (Conversation c : cs) {
      m.put(c.id(), c);
    }
    return new WorkspaceState(me, AgentState.ONLINE, ConnectionState.CONNECTED, "", Map.copyOf(m), Map.of(),
        List.of(), Set.of(), true, T0);
  }

  public static final class Builder {
    private final String id;
    private ConsumerProfile consumer;
    private String skillId = "10";
    private String skillName = "Billing";
    private String state = "OPEN";
    private Instant started = T0.minusSeconds(3600);
    private Instant ended;
    private Instant effectiveTtr;
    private final List<Participant> participants = new ArrayList<>();
    private Role myRole;
    private Message lastMessage;
    private Instant lastAgentActivity;

    Builder(String id) {
      this.id = id;
      this.consumer = new ConsumerProfile("consumer-" + id, "Consumer", id, null, null, null, "WEB", Map.of());
      participants.add(new Participant("consumer-" + id, "consumer-" + id, Role.CONSUMER, "ACTIVE"));
    }

    public Builder consumer(String first, String last) {
      consumer = new ConsumerProfile(consumer.id(), first, last, null, null, null, "WEB", Map.of());
      return this;
    }

    public Builder consumerId(String cid) {
      consumer = new ConsumerProfile(cid, consumer.firstName(), consumer.lastName(), null, null, null, "WEB", Map.of());
      return this;
    }

    public Builder skill(String sid, String name) {
      skillId = sid;
      skillName = name;
      return this;
    }

    public Builder closed(Instant when) {
      state = "CLOSE";
      ended = when;
      return this;
    }

    public Builder started(Instant when) {
      started = when;
      return this;
    }

    public Builder due(Instant when) {
      effectiveTtr = when;
      return this;
    }

    public Builder assignedTo(Session s) {
      return assignedTo(s.userId(), s.userPid());
    }

    public Builder assignedTo(String legacyId, String pid) {
      participants.add(new Participant(legacyId, pid, Role.ASSIGNED_AGENT, "ACTIVE"));
      return this;
    }

    public Builder suggestedTo(String legacyId) {
      participants.add(new Participant(legacyId, null, Role.ASSIGNED_AGENT, "SUGGESTED"));
      return this;
    }

    public Builder myRole(Role r) {
      myRole = r;
      return this;
    }

    public Builder lastMessage(String text, Instant at) {
      lastMessage = new Message(id, id, 1, at, Message.Sender.CONSUMER, consumer.id(), consumer.id(), null,
          new Message.Text(text), Message.Delivery.DELIVERED, null);
      return this;
    }

    public Builder lastAgentActivity(Instant at) {
      lastAgentActivity = at;
      return this;
    }

    public Conversation build() {
      List<Participant> ps = List.copyOf(participants);
      Dialog main = new Dialog(id, "MAIN", "MESSAGING", state, ps, Map.of(), started, ended);
      return new Conversation(id, consumer, skillId, skillName, state, started, ended, new Ttr("NORMAL", 3600),
          effectiveTtr, null, ps, List.of(main), myRole, 0, lastMessage, lastAgentActivity, started, ended == null ? null : "AGENT");
    }
  }
}
