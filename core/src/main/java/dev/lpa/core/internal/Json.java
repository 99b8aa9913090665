package dev.lpa.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The one Jackson mapper of core, plus lenient readers for server JSON (numbers may be strings). */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Json() {}

  public static ObjectNode obj() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode arr() {
    return MAPPER.createArrayNode();
  }

  public static JsonNode parse(String s) {
    try {
      return MAPPER.readTree(s);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String write(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Text of a field, or null when missing/null. Numbers come back as their decimal text. */
  public static String text(JsonNode n, String field) {
    if (n == null) {
      return null;
    }
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isNumber()) {
      return v.isIntegralNumber() ? Long.toString(v.longValue()) : v.asText();
    }
    return v.isValueNode() ? v.asText() : null;
  }

  public static long num(JsonNode n, String field, long dflt) {
    if (n == null) {
      return dflt;
    }
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (v.isNumber()) {
      return v.asLong();
    }
    if (v.isTextual()) {
      try {
        return (long) Double.parseDouble(v.textValue().trim());
      } catch (NumberFormatException e) {
        return dflt;
      }
    }
    return dflt;
  }

  /** An epoch-millis field as an instant; null when missing, zero or negative. */
  public static Instant millis(JsonNode n, String field) {
    long v = num(n, field, -1);
    return v > 0 ? Instant.ofEpochMilli(v) : null;
  }

  public static boolean bool(JsonNode n, String field, boolean dflt) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    return v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(v.asText());
  }

  /** Elements of an array field as strings (numbers as text); empty when missing. */
  public static List<String> strings(JsonNode n, String field) {
    List<String> out = new ArrayList<>();
    JsonNode v = n == null ? null : n.get(field);
    if (v != null && v.isArray()) {
      for (JsonNode e : v) {
        if (e.isValueNode() && !e.isNull()) {
          out.add(e.isIntegralNumber() ? Long.toString(e.longValue()) : e.asText());
        }
      }
    }
    return out;
  }

  /** The array field (or a single object wrapped as one element); empty when missing. */
  public static List<JsonNode> list(JsonNode n, String field) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isArray()) {
      v.forEach(out::add);
    } else {
      out.add(v);
    }
    return out;
  }
}
