package dev.lpa.sim;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON helpers shared by the simulator's wire code. */
final class Json {
  private Json() {}

  static final ObjectMapper M = new ObjectMapper();

  /** For persisting model objects by their fields. */
  static final ObjectMapper FIELDS = new ObjectMapper()
      .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
      .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
      .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  static ObjectNode obj() {
    return M.createObjectNode();
  }

  static ArrayNode arr() {
    return M.createArrayNode();
  }

  static String write(JsonNode n) {
    try {
      return M.writeValueAsString(n);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** A single element where an array is expected is read as a one-element array. */
  static ArrayNode asArray(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return arr();
    }
    if (n.isArray()) {
      return (ArrayNode) n;
    }
    ArrayNode a = arr();
    a.add(n);
    return a;
  }
}
