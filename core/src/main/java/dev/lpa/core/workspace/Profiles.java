package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.ConsumerProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GetUserProfile answers to a {@link ConsumerProfile}: the raw profile object, or the SDE array
 * LivePerson's SDK turns it into ({@code ctmrinfo}, {@code personal}).
 */
final class Profiles {
  private Profiles() {}

  static ConsumerProfile consumer(String id, JsonNode body) {
    String first = null;
    String last = null;
    String phone = null;
    String email = null;
    String avatar = null;
    String source = null;
    Map<String, String> extra = new LinkedHashMap<>();
    if (body != null && body.isArray()) {
      for (JsonNode sde : body) {
        String type = Json.text(sde, "type");
        if ("personal".equals(type)) {
          JsonNode p = sde.path("personal");
          first = or(first, Json.text(p, "firstname"));
          last = or(last, Json.text(p, "lastname"));
          for (JsonNode c : Json.list(p, "contacts")) {
            email = or(email, Json.text(c, "email"));
            phone = or(phone, Json.text(c, "phone"));
          }
        } else if ("ctmrinfo".equals(type)) {
          JsonNode i = sde.path("info");
          phone = or(phone, Json.text(i, "imei"));
          i.properties().forEach(e -> {
            if (e.getValue().isValueNode() && !e.getValue().asText().isBlank()) {
              extra.put(e.getKey(), e.getValue().asText());
            }
          });
        }
      }
    } else if (body != null && body.isObject()) {
      first = Json.text(body, "firstName");
      last = Json.text(body, "lastName");
      avatar = Json.text(body, "avatarUrl");
      source = Json.text(body, "source");
      JsonNode pd = body.path("privateData");
      phone = or(Json.text(pd, "mobileNum"), Json.text(body, "phone"));
      email = or(or(Json.text(pd, "email"), Json.text(pd, "mail")), Json.text(body, "email"));
      String desc = Json.text(body, "description");
      if (desc != null && !desc.isBlank()) {
        extra.put("description", desc);
      }
      for (JsonNode sde : Json.list(body.path("authenticatedData"), "lp_sdes")) {
        JsonNode info = sde.path("info");
        info.properties().forEach(e -> {
          if (e.getValue().isValueNode() && !e.getValue().asText().isBlank()) {
            extra.put(e.getKey(), e.getValue().asText());
          }
        });
      }
    }
    return new ConsumerProfile(id, blank(first), blank(last), blank(phone), blank(email), blank(avatar), blank(source),
        java.util.Collections.unmodifiableMap(extra));
  }

  private static String or(String a, String b) {
    return a != null && !a.isBlank() ? a : b;
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
