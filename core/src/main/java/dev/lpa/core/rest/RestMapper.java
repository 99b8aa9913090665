package dev.lpa.core.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.Agent;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.CannedResponse;
import dev.lpa.core.model.Skill;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** REST JSON to model records. Lenient: ids may be numbers or strings, fields may be missing. */
public final class RestMapper {
  private RestMapper() {}

  public static CannedResponse canned(JsonNode n, Map<String, String> categories) {
    // the entry marked default, else the first: no language is assumed
    JsonNode data = null;
    for (JsonNode d : Json.list(n, "data")) {
      if (data == null || (Json.bool(d, "isDefault", false) && !Json.bool(data, "isDefault", false))) {
        data = d;
      }
    }
    if (data == null) {
      return null;
    }
    JsonNode hk = n.has("hotkey") ? n.get("hotkey") : n.get("hot-key");
    String hotkey = null;
    if (hk != null && hk.isObject()) {
      hotkey = nz(Json.text(hk, "prefix")) + nz(Json.text(hk, "suffix"));
    } else if (hk != null && hk.isTextual()) {
      hotkey = hk.asText();
    }
    List<String> cats = Json.strings(n, "categoriesIds");
    String category = cats.isEmpty() ? null : categories.getOrDefault(cats.get(0), cats.get(0));
    List<String> skills = n.has("skillIds") ? Json.strings(n, "skillIds") : Json.strings(n, "skillsIds");
    return new CannedResponse(Json.text(n, "id"), Json.text(data, "title"), Json.text(data, "msg"), category,
        hotkey == null || hotkey.isEmpty() ? null : hotkey, List.copyOf(skills));
  }

  public static Skill skill(JsonNode n, Map<String, Integer> online) {
    String id = Json.text(n, "id");
    List<String> transfer = Json.bool(n, "canTransfer", true) ? Json.strings(n, "skillTransferList")
        : id == null ? List.of() : List.of(id);
    return new Skill(id, Json.text(n, "name"), List.copyOf(transfer),
        online == null ? -1 : id == null ? 0 : online.getOrDefault(id, 0));
  }

  public static Map<String, Integer> onlinePerSkill(List<JsonNode> statusRecords) {
    Map<String, Integer> m = new HashMap<>();
    for (JsonNode r : statusRecords) {
      if (!"ONLINE".equalsIgnoreCase(Json.text(r, "currentStatus"))) {
        continue;
      }
      for (JsonNode s : Json.list(r, "agentSkills")) {
        m.merge(Json.text(s, "skillId"), 1, Integer::sum);
      }
    }
    return m;
  }

  public static Agent agent(JsonNode u, JsonNode status, Map<String, Integer> roleByProfile) {
    boolean manager = !Json.list(u, "managerOf").isEmpty();
    for (String p : Json.strings(u, "profileIds")) {
      if (roleByProfile.getOrDefault(p, 0) == 3) {
        manager = true;
      }
    }
    AgentState state = null;
    int open = -1;
    if (status != null) {
      String s = Json.text(status, "currentStatus");
      try {
        state = s == null ? null : AgentState.parse(s);
      } catch (IllegalArgumentException e) {
        state = null;
      }
      open = (int) Json.num(status, "openAssignedConversations", -1);
    } else {
      state = AgentState.OFFLINE;
    }
    long max = Json.num(u, "maxAsyncChats", -1);
    if (status != null && Json.num(status, "configuredMaxSlots", -1) >= 0) {
      max = Json.num(status, "configuredMaxSlots", -1);
    }
    return new Agent(Json.text(u, "id"), Json.text(u, "pid"), Json.text(u, "loginName"), Json.text(u, "fullName"),
        Json.text(u, "nickname"), Json.text(u, "pictureUrl"), manager, List.copyOf(Json.strings(u, "skillIds")),
        state, open, (int) max);
  }

  // lenient readers of REST fields, shared with the workspace's history mapping

  public static String phone(String p) {
    return p == null || p.equals("0") ? null : p;
  }

  public static String undef(String s) {
    return s == null || s.isBlank() || "undefined".equals(s) || "null".equals(s) ? null : s;
  }

  public static String nz(String s) {
    return s == null ? "" : s;
  }

  public static String nz(String s, String d) {
    return s == null ? d : s;
  }

  public static String first(String... s) {
    for (String x : s) {
      if (undef(x) != null) {
        return x;
      }
    }
    return null;
  }
}
