package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Participant;
import dev.lpa.core.model.Role;
import dev.lpa.core.model.Session;
import dev.lpa.core.rest.RestClient;
import dev.lpa.core.ums.UmsClient;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What an agent or manager does to a conversation (transfer, return to the queue, close, join,
 * leave, urgency, manual due time): each one {@code UpdateConversationField} request, built by
 * {@link Requests}. The workspace resolves the conversation and checks that it is open; the rules
 * of who may do what to it are here. Keeps no state: the server's notification changes the state.
 */
final class ConversationActions {
  private final UmsClient ums;
  private final RestClient rest;
  private final Session me;
  /** The account's skills as the skills API gave them (SLA times), written by the start's look-up. */
  private final Map<String, JsonNode> skillConfig;

  ConversationActions(UmsClient ums, RestClient rest, Session me, Map<String, JsonNode> skillConfig) {
    this.ums = ums;
    this.rest = rest;
    this.me = me;
    this.skillConfig = skillConfig;
  }

  CompletableFuture<Void> update(Conversation c, ArrayNode fields) {
    return ums.request(".ams.cm.UpdateConversationField", Requests.updateConversationField(c.id(), fields))
        .thenApply(r -> null);
  }

  CompletableFuture<Void> transferToSkill(Conversation c, String skillId, String note) {
    if (skillId == null || skillId.isBlank()) {
      throw new LpaException(Kind.INVALID, "no target skill");
    }
    ArrayNode f = Requests.toSkill(assignedId(c), skillId);
    return privateNote(c, note).thenCompose(v -> update(c, f));
  }

  CompletableFuture<Void> transferToAgent(Conversation c, String agentUserId, String note) {
    if (agentUserId == null || agentUserId.isBlank()) {
      throw new LpaException(Kind.INVALID, "no target agent");
    }
    String assigned = assignedId(c);
    return agentLegacyId(agentUserId.trim()).thenCompose(target -> {
      ArrayNode f = Requests.toAgent(assigned, target, c.skillId());
      return privateNote(c, note).thenCompose(v -> update(c, f));
    });
  }

  CompletableFuture<Void> returnToQueue(Conversation c) {
    ArrayNode f = Requests.participantsChange("REMOVE", assignedId(c), "ASSIGNED_AGENT");
    if (c.myRole() != null || !me.manager()) {
      return update(c, f);
    }
    // the app's manager returns to the queue without joining; LivePerson's API takes the change
    // only from a participant, so, as the app does inside, join, return, then leave again (a failed
    // leave only leaves the manager joined; the return's own failure is what the caller hears)
    ArrayNode join = Requests.participantsChange("ADD", me.userId(), "MANAGER");
    ArrayNode leave = Requests.participantsChange("REMOVE", me.userId(), "MANAGER");
    return update(c, join).thenCompose(v -> update(c, f).handle((ok, err) -> err))
        .thenCompose(err -> update(c, leave).handle((ok, leaveErr) -> {
          if (err != null) {
            throw err instanceof CompletionException ce ? ce : new CompletionException(err);
          }
          return null;
        }));
  }

  CompletableFuture<Void> close(Conversation c) {
    if (me.manager() && c.myRole() == null) {
      // LivePerson's API would let a manager close it (its close bots do); the app lets a
      // manager end only what is assigned to it or what it joined
      throw new LpaException(Kind.FORBIDDEN, "a manager ends only conversations assigned to it or that it joined"
          + " (lpa join " + c.id().substring(0, 8) + " first)");
    }
    return update(c, Requests.closeConversation());
  }

  CompletableFuture<Void> join(Conversation c, boolean silent) {
    return update(c, Requests.participantsChange("ADD", me.userId(), silent ? "READER" : "MANAGER"));
  }

  CompletableFuture<Void> leave(Conversation c) {
    Role role = c.myRole();
    if (role == null) {
      throw new LpaException(Kind.INVALID, "not a participant of " + c.id());
    }
    return update(c, Requests.participantsChange("REMOVE", me.userId(), role.name()));
  }

  CompletableFuture<Void> setUrgent(Conversation c, boolean urgent) {
    JsonNode sk = skillConfig.get(c.skillId());
    long secs = urgent ? positive(Json.num(sk, "slaUrgentResponseTime", 0), 600)
        : positive(Json.num(sk, "slaDefaultResponseTime", 0), 3600);
    return update(c, Requests.ttr(urgent, secs));
  }

  CompletableFuture<Void> setManualDueTime(Conversation c, Instant due) {
    return update(c, Requests.manualEttr(due));
  }

  private CompletableFuture<Void> privateNote(Conversation c, String note) {
    if (note == null || note.isBlank()) {
      return CompletableFuture.completedFuture(null);
    }
    return ums.request(".ams.ms.PublishEvent", Requests.privateNote(c.id(), c.mainDialogId(), note), null, false)
        .thenApply(r -> null);
  }

  private static String assignedId(Conversation c) {
    Participant a = c.participants().stream()
        .filter(p -> p.role() == Role.ASSIGNED_AGENT && !p.suggested()).findFirst().orElse(null);
    if (a == null) {
      throw new LpaException(Kind.INVALID, "conversation " + c.id() + " has no assigned agent");
    }
    return a.id();
  }

  /** A user id ("1002"), legacy id ("acct.1002") or login name ("agent2") as the legacy id. */
  private CompletableFuture<String> agentLegacyId(String agent) {
    if (agent.matches("\\d+")) {
      return CompletableFuture.completedFuture(me.accountId() + "." + agent);
    }
    if (agent.matches("\\d+\\.\\d+")) {
      return CompletableFuture.completedFuture(agent);
    }
    return rest.users().thenApply(users -> {
      for (JsonNode u : users) {
        if (agent.equalsIgnoreCase(Json.text(u, "loginName"))) {
          return me.accountId() + "." + Json.text(u, "id");
        }
      }
      throw new LpaException(Kind.NOT_FOUND, "no agent " + agent);
    });
  }

  private static long positive(long v, long dflt) {
    return v > 0 ? v : dflt;
  }
}
