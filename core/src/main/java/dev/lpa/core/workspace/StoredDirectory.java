package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.store.LocalStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The directory's rows in the local store: what one run looked up, the next one need not ask for. */
final class StoredDirectory {
  static final String AGENT = "agent";
  static final String SKILL = "skill";
  static final String CONSUMER = "consumer";

  private StoredDirectory() {}

  static Map<String, String> names(LocalStore store, String kind) {
    Map<String, String> out = new HashMap<>();
    store.loadNames(kind).forEach((id, json) -> {
      String name = Json.text(Json.parse(json), "name");
      if (name != null) {
        out.put(id, name);
      }
    });
    return out;
  }

  static void saveNames(LocalStore store, String kind, Map<String, String> names) {
    Map<String, String> rows = new LinkedHashMap<>();
    names.forEach((id, name) -> {
      if (id != null && name != null) {
        rows.put(id, Json.write(Json.obj().put("name", name)));
      }
    });
    store.saveNames(kind, rows);
  }

  static List<ConsumerProfile> consumers(LocalStore store) {
    List<ConsumerProfile> out = new ArrayList<>();
    store.loadNames(CONSUMER).forEach((id, json) -> {
      JsonNode n = Json.parse(json);
      Map<String, String> extra = new LinkedHashMap<>();
      n.path("extra").properties().forEach(e -> extra.put(e.getKey(), e.getValue().asText()));
      out.add(new ConsumerProfile(id, Json.text(n, "firstName"), Json.text(n, "lastName"), Json.text(n, "phone"),
          Json.text(n, "email"), Json.text(n, "avatarUrl"), Json.text(n, "source"),
          java.util.Collections.unmodifiableMap(extra)));
    });
    return out;
  }

  static void saveConsumers(LocalStore store, List<ConsumerProfile> profiles) {
    Map<String, String> rows = new LinkedHashMap<>();
    for (ConsumerProfile p : profiles) {
      ObjectNode n = Json.obj();
      put(n, "firstName", p.firstName());
      put(n, "lastName", p.lastName());
      put(n, "phone", p.phone());
      put(n, "email", p.email());
      put(n, "avatarUrl", p.avatarUrl());
      put(n, "source", p.source());
      ObjectNode extra = n.putObject("extra");
      if (p.extra() != null) {
        p.extra().forEach((k, v) -> {
          if (k != null && v != null) {
            extra.put(k, v);
          }
        });
      }
      rows.put(p.id(), Json.write(n));
    }
    store.saveNames(CONSUMER, rows);
  }

  private static void put(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }
}
