package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.CannedResponse;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Session;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Predefined content with its placeholders filled: {@code {agent nickname}}, {@code {consumer
 * first name}} and the rest (case, dots and underscores aside). A placeholder nobody knows stays
 * as written; one whose value is unknown becomes empty. A pure function.
 */
final class CannedText {
  private CannedText() {}

  /**
   * {@code meUser}: the agent's own user record (null until it arrived); {@code skill}: the
   * conversation's skill as the skills API gave it (null when unknown).
   */
  static String fill(CannedResponse canned, Conversation c, Session me, JsonNode meUser, JsonNode skill) {
    Map<String, String> v = new LinkedHashMap<>();
    String nick = meUser == null ? me.displayName() : WireMapper.first(Json.text(meUser, "nickname"), me.displayName());
    String full = meUser == null ? me.displayName() : WireMapper.first(Json.text(meUser, "fullName"), me.displayName());
    v.put("agent nickname", nick);
    v.put("agent name", full);
    v.put("agent email", meUser == null ? "" : WireMapper.first(Json.text(meUser, "email"), ""));
    v.put("skill name", WireMapper.first(c.skillName(), skill == null ? null : Json.text(skill, "name"), ""));
    v.put("skill description", skill == null ? "" : WireMapper.first(Json.text(skill, "description"), ""));
    ConsumerProfile p = c.consumer();
    String cname = p == null || (p.firstName() == null && p.lastName() == null) ? "" : p.displayName();
    v.put("consumer name", cname);
    v.put("consumer first name", p == null ? "" : WireMapper.first(p.firstName(), ""));
    v.put("consumer email", p == null ? "" : WireMapper.first(p.email(), ""));
    v.put("consumer phone", p == null ? "" : WireMapper.first(p.phone(), ""));
    String text = canned.text() == null ? "" : canned.text();
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf('{', i);
      int close = open < 0 ? -1 : text.indexOf('}', open);
      if (open < 0 || close < 0) {
        out.append(text, i, text.length());
        break;
      }
      out.append(text, i, open);
      String key = text.substring(open + 1, close).trim().toLowerCase(Locale.ROOT).replace('.', ' ').replace('_', ' ');
      String val = v.get(key);
      out.append(val != null ? val : text.substring(open, close + 1));
      i = close + 1;
    }
    return out.toString();
  }
}
