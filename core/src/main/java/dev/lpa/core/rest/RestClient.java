package dev.lpa.core.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.internal.CoreLog;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.auth.AuthSession;
import dev.lpa.core.internal.Http;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.CannedResponse;
import dev.lpa.core.model.QueueHealth;
import dev.lpa.core.model.Skill;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The REST side: Messaging Interactions (history), Account Config, agent-view status, queue
 * health and file storage. Every call carries the bearer and renews it once on 401.
 */
public final class RestClient {
  public static final String SOURCE = "lpa";
  public static final List<String> FULL_CONTENT = List.of(
      "messageRecords", "agentParticipants", "consumerParticipants", "transfers", "dialogs", "responseTime",
      "sdes");

  private final AuthSession auth;
  private final String account;

  public RestClient(AuthSession auth) {
    this.auth = auth;
    this.account = auth.profile().accountId();
  }

  private CompletableFuture<String> base(String... services) {
    return auth.domains().host(services).thenApply(h -> auth.http().base(h));
  }

  private CompletableFuture<JsonNode> postJson(String url, JsonNode body, String what) {
    return auth.call(b -> Http.request(url).header("Authorization", "Bearer " + b)
        .post(Http.json(Json.write(body))).build()).thenApply(r -> parse(r, what));
  }

  private CompletableFuture<JsonNode> getJson(String url, String what) {
    return auth.call(b -> Http.request(url).header("Authorization", "Bearer " + b).get().build())
        .thenApply(r -> parse(r, what));
  }

  /**
   * A reporting call (Agent Metrics, Messaging Operations). LivePerson documents these as
   * authorised by an API key, so an agent's bearer may get 401 while the session is fine: that
   * refuses this one feature (FORBIDDEN) and neither renews nor ends the session.
   */
  private CompletableFuture<JsonNode> reporting(String url, JsonNode bodyOrNull, String what) {
    return auth.callOnce(b -> {
      Request.Builder rb = Http.request(url).header("Authorization", "Bearer " + b);
      return (bodyOrNull == null ? rb.get() : rb.post(Http.json(Json.write(bodyOrNull)))).build();
    }).thenApply(r -> {
      if (r.code() == 401) {
        throw new LpaException(Kind.FORBIDDEN, what + " is not available to this login (the server refused it"
            + " with 401; LivePerson authorises this reporting API with an API key)", 401, null);
      }
      return parse(r, what);
    });
  }

  private static JsonNode parse(Http.Result r, String what) {
    if (!r.ok()) {
      throw Http.error(r, what);
    }
    String s = r.body();
    return s.isBlank() ? Json.obj() : Json.parse(s);
  }

  // --- Messaging Interactions (msgHist) ---

  /** One page of a conversation search: the raw records and the total count. */
  public record HistoryPage(List<JsonNode> records, int count) {}

  public CompletableFuture<HistoryPage> searchConversations(ObjectNode filter, int offset, int limit, String sort) {
    return base("msgHist").thenCompose(b -> postJson(b + "/messaging_history/api/account/" + account
        + "/conversations/search?offset=" + offset + "&limit=" + Math.min(100, Math.max(1, limit))
        + (sort == null ? "" : "&sort=" + sort) + "&source=" + SOURCE, filter, "history search"))
        .thenApply(RestClient::page);
  }

  /** Pages through a search until {@code max} records or the end. */
  public CompletableFuture<List<JsonNode>> searchAll(ObjectNode filter, int max, String sort) {
    List<JsonNode> acc = new ArrayList<>();
    return pageFrom(filter, 0, max, sort, acc);
  }

  private CompletableFuture<List<JsonNode>> pageFrom(ObjectNode filter, int offset, int max, String sort, List<JsonNode> acc) {
    int limit = Math.min(100, max - acc.size());
    return searchConversations(filter, offset, limit, sort).thenCompose(p -> {
      acc.addAll(p.records());
      int next = offset + p.records().size();
      if (p.records().isEmpty() || next >= p.count() || acc.size() >= max) {
        return CompletableFuture.completedFuture(acc);
      }
      return pageFrom(filter, next, max, sort, acc);
    });
  }

  public CompletableFuture<List<JsonNode>> conversationsById(Collection<String> ids) {
    ObjectNode body = Json.obj();
    ArrayNode a = body.putArray("conversationIds");
    ids.forEach(a::add);
    contentToRetrieve(body);
    return base("msgHist").thenCompose(b -> postJson(b + "/messaging_history/api/account/" + account
        + "/conversations/conversation/search?source=" + SOURCE, body, "conversation by id"))
        .thenApply(n -> page(n).records());
  }

  public CompletableFuture<List<JsonNode>> consumerConversations(String consumerId, List<String> status) {
    ObjectNode body = Json.obj().put("consumer", consumerId);
    ArrayNode s = body.putArray("status");
    status.forEach(s::add);
    contentToRetrieve(body);
    return base("msgHist").thenCompose(b -> postJson(b + "/messaging_history/api/account/" + account
        + "/conversations/consumer/search?source=" + SOURCE, body, "consumer history"))
        .thenApply(n -> page(n).records());
  }

  public static void contentToRetrieve(ObjectNode body) {
    ArrayNode c = body.putArray("contentToRetrieve");
    FULL_CONTENT.forEach(c::add);
  }

  private static HistoryPage page(JsonNode n) {
    List<JsonNode> recs = Json.list(n, "conversationHistoryRecords");
    int count = (int) Json.num(n.path("_metadata"), "count", recs.size());
    return new HistoryPage(recs, count);
  }

  // --- Account Config ---

  private CompletableFuture<String> acBase() {
    return base("accountConfigReadOnly", "accountConfigReadWrite")
        .thenApply(b -> b + "/api/account/" + account + "/configuration");
  }

  public CompletableFuture<List<JsonNode>> users() {
    return acBase().thenCompose(b -> getJson(b + "/le-users/users?v=4.0&select=$all", "users"))
        .thenApply(RestClient::items);
  }

  public CompletableFuture<JsonNode> user(String userId) {
    return acBase().thenCompose(b -> getJson(b + "/le-users/users/" + userId + "?v=4.0&select=$all", "user " + userId));
  }

  public CompletableFuture<List<JsonNode>> skillsRaw() {
    return acBase().thenCompose(b -> getJson(b + "/le-users/skills?v=2.0&select=$all", "skills"))
        .thenApply(RestClient::items);
  }

  public CompletableFuture<List<JsonNode>> agentGroups() {
    return acBase().thenCompose(b -> getJson(b + "/le-users/agentGroups?v=2.0&select=$all", "agent groups"))
        .thenApply(RestClient::items);
  }

  public CompletableFuture<List<JsonNode>> profiles() {
    return acBase().thenCompose(b -> getJson(b + "/le-users/profiles?v=4.0", "profiles"))
        .thenApply(RestClient::items);
  }

  public CompletableFuture<List<CannedResponse>> cannedResponses(String skillId) {
    CompletableFuture<Map<String, String>> cats = acBase()
        .thenCompose(b -> getJson(b + "/le-categories/categories?v=2.0&select=$all", "categories"))
        .thenApply(n -> {
          Map<String, String> m = new HashMap<>();
          for (JsonNode c : items(n)) {
            m.put(Json.text(c, "id"), Json.text(c, "name"));
          }
          return m;
        }).exceptionally(t -> Map.of());
    CompletableFuture<List<JsonNode>> items = acBase().thenCompose(b -> getJson(b
        // no lang: LivePerson's is optional, and an account's content need not be in en-US
        + "/engagement-window/canned-responses?v=2.0"
        + (skillId == null ? "" : "&skill_ids=" + skillId), "predefined content"))
        .thenApply(RestClient::items);
    return items.thenCombine(cats, (list, categories) -> {
      List<CannedResponse> out = new ArrayList<>();
      for (JsonNode n : list) {
        CannedResponse c = RestMapper.canned(n, categories);
        if (c == null || !Json.bool(n, "enabled", true) || Json.bool(n, "deleted", false)) {
          continue;
        }
        if (skillId == null || c.skillIds().isEmpty() || c.skillIds().contains(skillId)) {
          out.add(c);
        }
      }
      return out;
    });
  }

  private static List<JsonNode> items(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(out::add);
    } else if (n.has("items")) {
      n.get("items").forEach(out::add);
    } else if (n.isObject() && n.size() > 0) {
      out.add(n);
    }
    return out;
  }

  // --- Agent Metrics (msgHist) ---

  public CompletableFuture<List<JsonNode>> agentStatus(ObjectNode filter) {
    return base("msgHist").thenCompose(b -> reporting(b + "/messaging_history/api/account/" + account
        + "/agent-view/status?offset=0&limit=1000&source=" + SOURCE, filter, "agent status"))
        .thenApply(n -> Json.list(n, "agentStatusRecords"));
  }

  /** Agents that may receive a conversation of the skill (transfer candidates). */
  public CompletableFuture<List<JsonNode>> transferCandidates(String skillId) {
    ObjectNode body = Json.obj();
    body.putArray("skillIds").add(skillId);
    return base("msgHist").thenCompose(b -> reporting(b + "/messaging_history/api/account/" + account
        + "/agent-view/list?offset=0&limit=1000&source=" + SOURCE, body, "transfer candidates"))
        .thenApply(n -> Json.list(n, "agentStatusRecords"));
  }

  // --- Messaging Operations ---

  public CompletableFuture<JsonNode> queueHealthRaw() {
    return base("leDataReporting", "msgHist").thenCompose(b -> reporting(b + "/operations/api/account/" + account
        + "/msgqueuehealth/current/?v=1&skillIds=all&overdueConversations=true", null, "queue health"));
  }

  // --- composed look-ups ---

  public CompletableFuture<List<Skill>> skills() {
    CompletableFuture<Map<String, Integer>> online = agentStatus(Json.obj()).thenApply(RestMapper::onlinePerSkill)
        .exceptionally(CoreLog.ignore("agents online per skill (the skills show none)"));
    return skillsRaw().thenCombine(online, (list, counts) -> {
      List<Skill> out = new ArrayList<>();
      for (JsonNode n : list) {
        if (!Json.bool(n, "deleted", false)) {
          out.add(RestMapper.skill(n, counts));
        }
      }
      return out;
    });
  }

  public CompletableFuture<List<Agent>> agents() {
    CompletableFuture<Map<String, JsonNode>> status = agentStatus(Json.obj()).thenApply(list -> {
      Map<String, JsonNode> m = new HashMap<>();
      list.forEach(n -> m.put(Json.text(n, "agentId"), n));
      return m;
    }).exceptionally(t -> Map.of());
    CompletableFuture<Map<String, Integer>> roles = profiles().thenApply(list -> {
      Map<String, Integer> m = new HashMap<>();
      list.forEach(n -> m.put(Json.text(n, "id"), (int) Json.num(n, "roleTypeId", 0)));
      return m;
    }).exceptionally(t -> Map.of());
    return users().thenCombine(status, (us, st) -> new Object[] {us, st}).thenCombine(roles, (pair, rl) -> {
      @SuppressWarnings("unchecked")
      List<JsonNode> us = (List<JsonNode>) pair[0];
      @SuppressWarnings("unchecked")
      Map<String, JsonNode> st = (Map<String, JsonNode>) pair[1];
      List<Agent> out = new ArrayList<>();
      for (JsonNode u : us) {
        if (Json.bool(u, "deleted", false)) {
          continue;
        }
        out.add(RestMapper.agent(u, st.get(Json.text(u, "id")), rl));
      }
      return out;
    });
  }

  public CompletableFuture<List<QueueHealth>> queueHealth() {
    CompletableFuture<Map<String, String>> names = skillsRaw().thenApply(list -> {
      Map<String, String> m = new HashMap<>();
      list.forEach(n -> m.put(Json.text(n, "id"), Json.text(n, "name")));
      return m;
    });
    // null: the agent view is not available, so how many are online is unknown (-1)
    CompletableFuture<Map<String, Integer>> online = agentStatus(Json.obj()).thenApply(RestMapper::onlinePerSkill)
        .exceptionally(CoreLog.ignore("agents online per skill (queue health shows them unknown)"));
    return queueHealthRaw().thenCombine(names, (q, nm) -> new Object[] {q, nm}).thenCombine(online, (p, on) -> {
      JsonNode q = (JsonNode) p[0];
      @SuppressWarnings("unchecked")
      Map<String, String> nm = (Map<String, String>) p[1];
      List<QueueHealth> out = new ArrayList<>();
      q.path("skillsMetrics").properties().forEach(e -> {
        JsonNode m = e.getValue();
        long maxWait = Json.num(m, "maxWaitTimeForAgentAssignment", -1);
        out.add(new QueueHealth(e.getKey(), nm.getOrDefault(e.getKey(), e.getKey()),
            (int) Json.num(m, "unassignedConversations", 0),
            // LivePerson sends these only when asked with overdueConversations=true, and -1 for
            // "no data"; an account without them keeps -1 (shown as unknown)
            (int) Json.num(m, "overdueConversationsInQueue", -1),
            (int) Json.num(m, "overdueConversationsAssigned", -1),
            maxWait < 0 ? Duration.ZERO : Duration.ofMillis(maxWait),
            on == null ? -1 : on.getOrDefault(e.getKey(), 0)));
      });
      return out;
    });
  }

  // --- file storage (swift) ---

  /** The full URL of a temp-URL answer ({@code relativePath} + {@code queryParams}). */
  public CompletableFuture<String> fileUrl(JsonNode urlAnswer) {
    String path = Json.text(urlAnswer, "relativePath");
    if (path == null) {
      return CompletableFuture.failedFuture(new LpaException(Kind.ERROR, "file URL answer without relativePath"));
    }
    StringBuilder q = new StringBuilder();
    urlAnswer.path("queryParams").properties().forEach(e -> q.append(q.length() == 0 ? "?" : "&")
        .append(e.getKey()).append('=').append(java.net.URLEncoder.encode(e.getValue().asText(),
            java.nio.charset.StandardCharsets.UTF_8)));
    return base("swift").thenApply(b -> b + (path.startsWith("/") ? path : "/" + path) + q);
  }

  public CompletableFuture<Void> upload(String url, byte[] bytes, String contentType) {
    // temp URLs carry their own signature: no bearer, and no renewal on 401 (the URL expired)
    Request req = Http.request(url).put(RequestBody.create(bytes, MediaType.get(contentType))).build();
    return auth.http().send(req).thenApply(r -> {
      if (!r.ok()) {
        throw Http.error(r, "file upload");
      }
      return null;
    });
  }

  public CompletableFuture<byte[]> download(String url) {
    return auth.http().send(Http.request(url).get().build()).thenApply(r -> {
      if (!r.ok()) {
        throw Http.error(r, "file download");
      }
      return r.bytes();
    });
  }

  /** GET on an absolute URL of the account's hosts with the bearer (e.g. secure form values). */
  public CompletableFuture<JsonNode> getAbsolute(String url, String what) {
    return getJson(url, what);
  }
}
