package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.internal.Json;
import dev.lpa.core.manager.Team;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Session;
import dev.lpa.core.rest.RestClient;
import dev.lpa.core.workspace.Workspace.ConversationWithMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The workspace's questions to REST that change no state: a consumer's earlier conversations, a
 * search of closed ones, the manager's team and its closed conversations of the last 14 days.
 * Holds nothing mutable, so any thread may ask.
 */
final class HistoryQueries {
  private final RestClient rest;
  private final Clock clock;
  private final Session me;

  HistoryQueries(RestClient rest, Clock clock, Session me) {
    this.rest = rest;
    this.clock = clock;
    this.me = me;
  }

  /** The consumer's earlier conversations, oldest first, without {@code c} itself. */
  CompletableFuture<List<ConversationWithMessages>> previous(Conversation c) {
    if (c.consumer() == null || c.consumer().id() == null) {
      throw new LpaException(Kind.NOT_FOUND, "no consumer known for " + c.id());
    }
    return rest.consumerConversations(c.consumer().id(), List.of("CLOSE")).thenApply(recs -> {
      List<ConversationWithMessages> out = new ArrayList<>();
      for (JsonNode r : recs) {
        ConversationWithMessages h = HistoryMapper.history(r, me.accountId());
        if (h.conversation().id() != null && !h.conversation().id().equals(c.id())) {
          out.add(h);
        }
      }
      out.sort(Comparator.comparing((ConversationWithMessages h) -> h.conversation().started(),
          Comparator.nullsFirst(Comparator.naturalOrder())));
      return out;
    });
  }

  CompletableFuture<List<ConversationWithMessages>> searchClosed(ClosedSearch search) {
    if (search.since() == null || search.since().isNegative() || search.since().compareTo(ClosedSearch.MAX_SINCE) > 0) {
      throw new LpaException(Kind.INVALID, "a closed search goes back at most 90 days");
    }
    Instant now = clock.instant();
    ObjectNode f = Json.obj();
    f.putObject("start").put("from", now.minus(search.since()).toEpochMilli()).put("to", now.toEpochMilli());
    f.putArray("status").add("CLOSE");
    if (search.text() != null && !search.text().isBlank()) {
      f.put("keyword", search.text());
    }
    if (search.mineOnly()) {
      f.putArray("agentIds").add(userNumber());
    }
    RestClient.contentToRetrieve(f);
    int limit = search.limit() <= 0 ? 50 : search.limit();
    return rest.searchAll(f, limit, "start:desc").thenApply(recs -> {
      List<ConversationWithMessages> out = new ArrayList<>();
      for (JsonNode r : recs) {
        out.add(HistoryMapper.history(r, me.accountId()));
      }
      return out;
    });
  }

  /** The signed-in manager's team: agents of the groups it manages, their skills, state and load. */
  CompletableFuture<Team> team() {
    return rest.users().thenCombine(rest.agents(), (users, agents) -> {
      String mine = userNumber();
      Map<String, String> memberOf = new HashMap<>();
      List<String> managed = new ArrayList<>();
      for (JsonNode u : users) {
        String id = Json.text(u, "id");
        String group = Json.text(u.path("memberOf"), "agentGroupId");
        if (id != null && group != null) {
          memberOf.put(id, group);
        }
        if (mine.equals(id)) {
          for (JsonNode g : Json.list(u, "managerOf")) {
            String gid = Json.text(g, "agentGroupId");
            if (gid != null) {
              managed.add(gid);
            }
          }
        }
      }
      return Team.of(mine, managed, memberOf, agents);
    });
  }

  /** The team's closed conversations started within the window, most recently closed first. */
  CompletableFuture<List<Conversation>> teamClosed(Team t) {
    if (t.agents().isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    Instant now = clock.instant();
    ObjectNode f = Json.obj();
    // LivePerson's window is by start time, as the app's 14 days are
    f.putObject("start").put("from", now.minus(Workspace.TEAM_CLOSED_WINDOW).toEpochMilli()).put("to", now.toEpochMilli());
    f.putArray("status").add("CLOSE");
    ArrayNode ids = f.putArray("agentIds");
    t.memberIds().forEach(ids::add);
    return rest.searchAll(f, 500, "end:desc").thenApply(recs -> {
      List<Conversation> out = new ArrayList<>();
      for (JsonNode r : recs) {
        Conversation c = HistoryMapper.history(r, me.accountId()).conversation();
        if (!c.unassignedSkill()) {
          out.add(c);
        }
      }
      out.sort(Comparator.comparing((Conversation c) -> c.ended() == null ? Instant.MIN : c.ended()).reversed());
      return out;
    });
  }

  private String userNumber() {
    String u = me.userId();
    int dot = u.indexOf('.');
    return dot >= 0 ? u.substring(dot + 1) : u;
  }
}
