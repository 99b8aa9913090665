package dev.lpa.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code cm.UpdateConversationField} from an agent or manager (ums-websocket.md §3.7). The whole
 * request is checked before anything changes, so a refusal leaves the conversation as it was.
 */
final class ConversationFields {
  private final Engine e;
  private final Extras extras;

  ConversationFields(Engine engine, Extras extras) {
    this.e = engine;
    this.extras = extras;
  }

  private static String normalize(String id) {
    if (id == null) {
      return null;
    }
    return DemoAccount.userByAnyId(id).map(DemoAccount.User::legacyId).orElse(id);
  }

  String apply(DemoAccount.User me, JsonNode body) {
    Conv c = e.conv(Json.text(body, "conversationId"));
    ArrayNode fields = Json.asArray(body.get("conversationField"));
    if (fields.isEmpty()) {
      throw new Engine.Fail(400, "conversationField is required");
    }
    JsonNode removeAssigned = null;
    JsonNode suggest = null;
    JsonNode skill = null;
    List<JsonNode> others = new ArrayList<>();
    for (JsonNode f : fields) {
      String field = f.path("field").asText();
      String type = f.path("type").asText();
      String role = f.path("role").asText();
      if (field.equals("ParticipantsChange") && type.equals("REMOVE") && role.equals("ASSIGNED_AGENT")) {
        removeAssigned = f;
      } else if (field.equals("ParticipantsChange") && type.equals("SUGGEST")) {
        suggest = f;
      } else if (field.equals("Skill")) {
        skill = f;
      } else {
        others.add(f);
      }
    }
    if (!c.open()) {
      throw new Engine.Fail(400, "conversation " + c.id + " is closed");
    }
    Conv.Part mine = c.partOf(me.legacyId());
    String result = null;
    if (removeAssigned != null) {
      result = transfer(me, c, mine, removeAssigned, suggest, skill);
    } else if (suggest != null) {
      throw new Engine.Fail(400, "a SUGGEST needs the REMOVE of the assigned agent in the same request");
    } else if (skill != null) {
      result = requeueOnSkill(me, c, skill);
    }
    for (JsonNode f : others) {
      checkOther(me, c, c.partOf(me.legacyId()), f);
    }
    for (JsonNode f : others) {
      result = applyOther(me, c, f);
    }
    e.route();
    return result == null ? "OK" : result;
  }

  private String transfer(DemoAccount.User me, Conv c, Conv.Part mine, JsonNode remove, JsonNode suggest,
      JsonNode skill) {
    Conv.Part a = c.assigned();
    if (mine == null) {
      throw new Engine.Fail(403, "Agent does not exist in conversation");
    }
    if (a == null) {
      throw new Engine.Fail(400, "there is no assigned agent to remove");
    }
    String target = normalize(Json.text(remove, "userId"));
    if (target == null) {
      target = me.legacyId();
    }
    if (!a.id.equals(target)) {
      throw new Engine.Fail(400, target + " is not the assigned agent");
    }
    if (!a.id.equals(me.legacyId()) && !"MANAGER".equals(mine.role)) {
      throw new Engine.Fail(403, "only the assigned agent or a joined manager may do this");
    }
    Long newSkill = null;
    if (skill != null) {
      newSkill = parseSkill(skill);
      DemoAccount.Skill src = DemoAccount.skill(c.skillId).orElse(null);
      if (newSkill != c.skillId && src != null
          && (!src.canTransfer() || !src.transferList().contains(newSkill))) {
        throw new Engine.Fail(403, "skill " + src.name() + " may not transfer to skill " + newSkill);
      }
    }
    String suggestedId = null;
    if (suggest != null) {
      suggestedId = normalize(Json.text(suggest, "userId"));
      if (suggestedId == null || !e.agents.containsKey(suggestedId)) {
        throw new Engine.Fail(404, "agent " + Json.text(suggest, "userId") + " not found");
      }
      if (suggestedId.equals(a.id)) {
        throw new Engine.Fail(400, "cannot transfer a conversation to its current agent");
      }
    }
    long now = e.now();
    if (suggestedId == null && newSkill == null) {
      e.backToQueue(c, me.legacyId(), "back2Q");
      e.touch(c);
      return "OK Conversation returned to queue";
    }
    Conv.Transfer t = new Conv.Transfer();
    t.timeL = now;
    t.reason = suggestedId != null ? "Agent" : "Skill";
    t.sourceSkillId = c.skillId;
    t.targetSkillId = newSkill == null ? c.skillId : newSkill;
    t.sourceAgentId = a.id;
    t.targetAgentId = suggestedId;
    t.by = me.legacyId();
    c.transfers.add(t);
    c.parts.remove(a);
    if (newSkill != null && newSkill != c.skillId) {
      c.skillId = newSkill;
      c.ttrValue = e.ttrFor(newSkill, c.ttrType, c.ttrValue);
    }
    if (c.pendingSince < 0) {
      c.pendingSince = now;
    }
    c.rejectedBy.clear();
    c.returnedBy = a.id;
    if (suggestedId != null) {
      DemoAccount.User target2 = e.agents.get(suggestedId).user;
      c.parts.add(new Conv.Part("ASSIGNED_AGENT", suggestedId, target2.pid(), "SUGGESTED", now));
    }
    e.enqueue(c, false);
    e.touch(c);
    return suggestedId != null ? "OK Conversation transferred to agent" : "OK Conversation transferred to skill";
  }

  private String requeueOnSkill(DemoAccount.User me, Conv c, JsonNode skill) {
    if (c.assigned() != null) {
      throw new Engine.Fail(400, "a transfer to a skill needs the REMOVE of the assigned agent in the same request");
    }
    if (!me.isManager() || !e.visible(me, c)) {
      throw new Engine.Fail(403, "only a manager who sees this queued conversation may change its skill");
    }
    long s = parseSkill(skill);
    c.skillId = s;
    c.ttrValue = e.ttrFor(s, c.ttrType, c.ttrValue);
    e.enqueue(c, false);
    e.touch(c);
    return "OK Skill updated";
  }

  private long parseSkill(JsonNode f) {
    String v = Json.text(f, "skill");
    if (v == null) {
      v = Json.text(f, "skillId");
    }
    try {
      long id = Long.parseLong(v);
      if (id != DemoAccount.SKILL_UNASSIGNED && DemoAccount.skill(id).isEmpty()) {
        throw new Engine.Fail(404, "skill " + v + " not found");
      }
      return id;
    } catch (NumberFormatException ex) {
      throw new Engine.Fail(400, "skill must be a numeric skill id");
    }
  }

  private static boolean canHandle(Conv.Part mine) {
    return mine != null && ("ASSIGNED_AGENT".equals(mine.role) || "MANAGER".equals(mine.role));
  }

  private void checkOther(DemoAccount.User me, Conv c, Conv.Part mine, JsonNode f) {
    String field = f.path("field").asText();
    switch (field) {
      case "ParticipantsChange": {
        String type = f.path("type").asText();
        String role = f.path("role").asText();
        String who = normalize(Json.text(f, "userId"));
        if (who != null && !who.equals(me.legacyId())) {
          throw new Engine.Fail(403, "an agent may only add or remove itself");
        }
        if (!Set.of("MANAGER", "READER", "AGENT", "ASSIGNED_AGENT").contains(role)) {
          throw new Engine.Fail(400, "unsupported role " + role);
        }
        if (type.equals("ADD")) {
          if ((role.equals("MANAGER") || role.equals("READER") || role.equals("ASSIGNED_AGENT")) && !me.isManager()) {
            throw new Engine.Fail(403, "only managers may join conversations of other agents");
          }
          if (!e.visible(me, c)) {
            throw new Engine.Fail(403, "conversation " + c.id + " is not visible to this user");
          }
          if (role.equals("ASSIGNED_AGENT") && (mine == null || !"MANAGER".equals(mine.role))) {
            throw new Engine.Fail(403, "a manager takes over only a conversation it has joined");
          }
        } else if (type.equals("REMOVE") || type.equals("UPDATE")) {
          if (mine == null || (type.equals("REMOVE") && !mine.role.equals(role))) {
            throw new Engine.Fail(400, "Agent does not exist in conversation");
          }
        } else {
          throw new Engine.Fail(400, "unsupported ParticipantsChange type " + type);
        }
        return;
      }
      case "ConversationStateField":
      case "Stage":
        if (!"CLOSE".equals(f.path("conversationState").asText())) {
          throw new Engine.Fail(400, "only conversationState CLOSE is supported");
        }
        // LP's close-conversation bot (an Agent Manager login) closes conversations it never
        // joined (ums-websocket.md section 5), so a manager may close whatever it can see.
        if (!canHandle(mine) && !(me.isManager() && e.visible(me, c))) {
          throw new Engine.Fail(403, "only the assigned agent, a joined manager or a manager who sees it may close");
        }
        return;
      case "TTRField":
      case "TTRChange": {
        if (!canHandle(mine)) {
          throw new Engine.Fail(403, "only the assigned agent or a joined manager may change the SLA");
        }
        String t = f.path("ttrType").asText();
        if (!Set.of("NORMAL", "URGENT", "PRIORITIZED", "CUSTOM").contains(t)) {
          throw new Engine.Fail(400, "ttrType must be NORMAL, URGENT, PRIORITIZED or CUSTOM");
        }
        if (t.equals("CUSTOM") && !f.path("value").canConvertToInt()) {
          throw new Engine.Fail(400, "a CUSTOM ttr needs a value in seconds");
        }
        return;
      }
      case "ManualETTR":
      case "DelayField":
      case "Note":
      case "TopicField":
        if (!canHandle(mine)) {
          throw new Engine.Fail(403, "only the assigned agent or a joined manager may change " + field);
        }
        return;
      case "DialogChange":
        if (!canHandle(mine)) {
          throw new Engine.Fail(403, "only the assigned agent or a joined manager may change dialogs");
        }
        extras.checkDialogChange(c, f);
        return;
      case "CSATRate":
        throw new Engine.Fail(403, "CSATRate is set by the consumer");
      default:
        throw new Engine.Fail(400, "unsupported conversation field " + field);
    }
  }

  private String applyOther(DemoAccount.User me, Conv c, JsonNode f) {
    String field = f.path("field").asText();
    long now = e.now();
    switch (field) {
      case "ParticipantsChange": {
        String type = f.path("type").asText();
        String role = f.path("role").asText();
        Conv.Part mine = c.partOf(me.legacyId());
        if (type.equals("ADD")) {
          if (role.equals("ASSIGNED_AGENT")) {
            Conv.Part prev = c.assigned();
            if (prev != null) {
              c.parts.remove(prev);
              Conv.Transfer t = new Conv.Transfer();
              t.timeL = now;
              t.reason = "TakeOver";
              t.sourceSkillId = c.skillId;
              t.targetSkillId = c.skillId;
              t.sourceAgentId = prev.id;
              t.targetAgentId = me.legacyId();
              t.by = me.legacyId();
              c.transfers.add(t);
            }
            mine.role = "ASSIGNED_AGENT";
            for (Engine.Ring r : List.copyOf(e.rings.values())) {
              if (r.convId.equals(c.id)) {
                e.finishRing(r, "CANCELLED");
              }
            }
            c.queuedSince = -1;
            e.touch(c);
            return "OK Conversation taken over";
          }
          if (mine != null) {
            mine.role = role;
          } else {
            Conv.Part p = new Conv.Part(role, me.legacyId(), me.pid(), "ACTIVE", now);
            p.dialogId = Json.text(f, "dialogId");
            c.parts.add(p);
          }
          e.touch(c);
          return "OK Agent added successfully";
        }
        if (type.equals("UPDATE")) {
          mine.role = role;
          e.touch(c);
          return "OK Agent updated successfully";
        }
        c.parts.remove(mine);
        e.touch(c);
        return "OK Agent removed successfully";
      }
      case "ConversationStateField":
      case "Stage":
        e.close(c, "AGENT", "AGENT");
        return "OK Conversation closed successfully";
      case "TTRField":
      case "TTRChange": {
        String t = f.path("ttrType").asText();
        Integer v = f.path("value").canConvertToInt() ? f.get("value").asInt() : null;
        c.ttrType = t;
        c.ttrValue = e.ttrFor(c.skillId, t, v);
        e.touch(c);
        return "OK TTR updated";
      }
      case "ManualETTR": {
        JsonNode t = f.get("time");
        c.manualEttr = t == null || t.isNull() || t.asLong() <= 0 ? null : t.asLong();
        e.touch(c);
        return "OK Manual ETTR updated";
      }
      case "DelayField": {
        c.delayType = Json.text(f, "type");
        c.delayTillWhen = f.hasNonNull("tillWhen") ? f.get("tillWhen").asLong() : null;
        e.touch(c);
        return "OK Delay updated";
      }
      case "Note":
      case "TopicField":
        c.note = f.has("note") ? Json.text(f, "note") : Json.write(f);
        e.touch(c);
        return "OK Note updated";
      case "DialogChange":
        return extras.applyDialogChange(me, c, f);
      default:
        throw new Engine.Fail(400, "unsupported conversation field " + field);
    }
  }

}
