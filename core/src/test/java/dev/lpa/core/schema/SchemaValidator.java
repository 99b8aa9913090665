package dev.lpa.core.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a request frame the client sends against LivePerson's published schemas in
 * {@code ../shared/lp-schemas/} (draft-04, relative file refs).
 *
 * <p>The request {@code type}, long ({@code .ams.ms.PublishEvent}) or short
 * ({@code ms.PublishEvent}), picks the body schema; the envelope is checked against
 * {@code infra/req.json} plus {@code kind == "req"}. Types without a schema are reported as such,
 * not as errors, so callers can list what went unchecked.
 *
 * <p>Where the upstream schemas are known to be wrong or silent about something the client
 * legitimately sends (see {@code core/SCHEMA-NOTES.md}), a supplement from
 * {@code src/test/resources/schema-supplements/} is accepted as an alternative for that part, and
 * each use is reported in {@link Result#notes()} rather than hidden.
 */
public final class SchemaValidator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUP = "classpath:schema-supplements/";

  /**
   * @param type the type as sent
   * @param schema the canonical (short) name the frame was checked as, null when no schema exists
   * @param errors what is wrong, each "location: message"; empty when valid (or unchecked)
   * @param notes parts accepted only thanks to a supplement
   */
  public record Result(String type, String schema, List<String> errors, List<String> notes) {
    public boolean hasSchema() {
      return schema != null;
    }

    public boolean valid() {
      return hasSchema() && errors.isEmpty();
    }
  }

  /** A part of a frame that has supplements: where it is, and what upstream says it must be. */
  private record Slot(String pointer, String upstream, List<String> supplements) {}

  private record Spec(String name, String wrapper, List<Slot> slots) {}

  private final Path lpSchemas;
  private final SchemaRegistry registry;
  private final Map<String, Spec> specs = new LinkedHashMap<>();
  private final Map<String, Schema> cache = new ConcurrentHashMap<>();

  public SchemaValidator(Path lpSchemas) {
    this.lpSchemas = lpSchemas.toAbsolutePath().normalize();
    if (!Files.isRegularFile(this.lpSchemas.resolve("infra/req.json"))) {
      throw new IllegalStateException("no LivePerson schemas at " + this.lpSchemas);
    }
    // file: for the shared schemas, classpath: for our supplements; nothing from the network
    this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
        b -> b.schemaLoader(l -> l.fetchRemoteResources()
            .allow(iri -> iri.toString().startsWith("file:") || iri.toString().startsWith("classpath:"))));
    define();
  }

  /** The schemas at {@code <repo root>/../shared/lp-schemas}, found from the working directory. */
  public static SchemaValidator forSharedSchemas() {
    return new SchemaValidator(sharedSchemasDir());
  }

  /** {@code -Dlpa.lpSchemas=DIR} wins; else the repo root is the parent of the {@code core} dir. */
  public static Path sharedSchemasDir() {
    String override = System.getProperty("lpa.lpSchemas");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(here.resolve("core")) ? here
        : here.getFileName() != null && here.getFileName().toString().equals("core") ? here.getParent() : here;
    return root.resolve("../shared/lp-schemas").normalize();
  }

  // ---- the catalogue of request types the client sends ----

  private void define() {
    String any = "{\"type\":\"object\"}";
    spec("GetClock", frame(any, false), List.of());
    spec("KeepAlive", frame(any, false), List.of());
    spec("cqm.SubscribeExConversations", frame(ref("../aam/subscribeExConversations.json"), false), List.of());
    spec("cqm.UnsubscribeExConversations", frame(ref("../aam/unsubscribeExConversations.json"), true), List.of());
    spec("cm.AgentRequestConversation", frame(ref("../cm/agentRequestConversation.json"), true), List.of());
    spec("routing.UpdateRingState", frame(ref("../routing/updateRingState.json"), true), List.of());
    List<String> stateSup = List.of(SUP + "SetAgentStateOccupied.json");
    spec("routing.SetAgentState", frame(anyOf("../routing/setAgentState.json", stateSup), true),
        List.of(new Slot("/body", "../routing/setAgentState.json", stateSup)));
    // no upstream body schema: only the envelope and "an object" are checked
    spec("routing.SubscribeRoutingTasks", frame(any, false), List.of());
    spec("routing.SubscribeAgentsState", frame(any, false), List.of());
    spec("ms.SubscribeMessagingEvents", frame(ref("../ms/subscribeMessagingEvents.json"), true), List.of());
    spec("ms.GenerateURLForDownloadFile", frame(ref("../ms/GenerateURLForDownloadFileBody.json"), true), List.of());
    spec("userprofile.GetUserProfile", frame(ref("../userprofile/getUserProfile.json"), true), List.of());
    // upstream describes the whole frame here, envelope included
    spec("ms.QueryMessages",
        "{\"allOf\":[{\"$ref\":\"../ms/queryMessages.json\"},"
            + "{\"properties\":{\"kind\":{\"enum\":[\"req\"]}},\"required\":[\"kind\"]}]}", List.of());

    List<String> eventSup = List.of(SUP + "SecureFormInvitation.json", SUP + "HostedFileJpeg.json");
    spec("ms.PublishEvent", frame("{\"type\":\"object\",\"properties\":{\"dialogId\":{\"type\":\"string\"},"
            + "\"event\":{\"allOf\":[" + anyOf("../ms/AbstractMessagingEvent.json", eventSup) + "," + EVENT_KINDS + "]}},"
            + "\"required\":[\"dialogId\",\"event\"]}", true),
        List.of(new Slot("/body/event", "../ms/AbstractMessagingEvent.json", eventSup)));

    String items = "../cm/updateConversationFieldBody.json#/properties/conversationField/items";
    List<String> fieldSup = List.of(SUP + "DialogChange.json", SUP + "ManualETTR.json", SUP + "DelayField.json",
        SUP + "NoteField.json", SUP + "ParticipantsChangeSuggest.json", SUP + "ParticipantsChangeAgentRole.json");
    spec("cm.UpdateConversationField", frame("{\"type\":\"object\",\"properties\":{"
            + "\"conversationId\":{\"type\":\"string\"},"
            + "\"conversationField\":{\"type\":\"array\",\"items\":" + anyOf(items, fieldSup) + "}},"
            + "\"required\":[\"conversationId\",\"conversationField\"]}", true),
        List.of(new Slot("/body/conversationField/*", items, fieldSup)));

    List<String> uploadSup = List.of(SUP + "GenerateURLForUploadFileNumericSize.json");
    spec("ms.GenerateURLForUploadFile", frame(anyOf("../ms/GenerateURLForUploadFileBody.json", uploadSup), true),
        List.of(new Slot("/body", "../ms/GenerateURLForUploadFileBody.json", uploadSup)));
  }

  /**
   * Upstream gives the event {@code type} and {@code contentType} only defaults, so a misspelt
   * type passes every branch that does not require more fields; the harness pins the values.
   */
  private static final String EVENT_KINDS = "{\"properties\":{"
      + "\"type\":{\"enum\":[\"ContentEvent\",\"AcceptStatusEvent\",\"ChatStateEvent\"]},"
      + "\"contentType\":{\"enum\":[\"text/plain\",\"hosted/file\",\"forms/secure-invitation\"]}}}";

  private void spec(String name, String wrapper, List<Slot> slots) {
    specs.put(name, new Spec(name, wrapper, slots));
  }

  private static String ref(String r) {
    return "{\"$ref\":\"" + r + "\"}";
  }

  private static String anyOf(String upstream, List<String> supplements) {
    StringBuilder b = new StringBuilder("{\"anyOf\":[").append(ref(upstream));
    for (String s : supplements) {
      b.append(',').append(ref(s));
    }
    return b.append("]}").toString();
  }

  /** Envelope (infra/req.json, kind "req") plus the body schema. */
  private static String frame(String body, boolean bodyRequired) {
    return "{\"allOf\":[" + ref("../infra/req.json") + ",{\"type\":\"object\",\"properties\":{"
        + "\"kind\":{\"enum\":[\"req\"]},\"body\":" + body + "},"
        + "\"required\":[\"kind\"" + (bodyRequired ? ",\"body\"" : "") + "]}]}";
  }

  /** Long and short forms to the schemas' short names: {@code .ams.aam.X} and {@code aam.X} to {@code cqm.X}. */
  public static String canonical(String type) {
    if (type == null) {
      return null;
    }
    String t = type.startsWith(".") ? type.substring(1) : type;
    if (t.startsWith("ams.")) {
      t = t.substring(4);
    }
    if (t.startsWith("aam.")) {
      t = "cqm." + t.substring(4);
    } else if (t.startsWith("up.")) {
      t = "userprofile." + t.substring(3);
    }
    return t;
  }

  /** The canonical names this validator has a schema for. */
  public List<String> knownTypes() {
    return List.copyOf(specs.keySet());
  }

  // ---- validation ----

  public Result validate(String frame) {
    JsonNode node;
    try {
      node = JSON.readTree(frame);
    } catch (JsonProcessingException e) {
      return new Result(null, "(envelope)", List.of("not JSON: " + e.getOriginalMessage()), List.of());
    }
    if (node == null || !node.isObject()) {
      return new Result(null, "(envelope)", List.of("a frame must be a JSON object"), List.of());
    }
    String type = node.path("type").isTextual() ? node.get("type").asText() : null;
    if (type == null) {
      List<String> errors = messages(schemaAt("../infra/req.json", null).validate(node));
      return new Result(null, "(envelope)", errors.isEmpty() ? List.of("/type: missing") : errors, List.of());
    }
    Spec spec = specs.get(canonical(type));
    if (spec == null) {
      return new Result(type, null, List.of(), List.of());
    }
    Schema schema = schemaAt("ws/lpa-wrapper-" + spec.name() + ".json", spec.wrapper());
    List<String> errors = messages(schema.validate(node));
    List<String> notes = new ArrayList<>();
    if (errors.isEmpty()) {
      for (Slot slot : spec.slots()) {
        notes.addAll(supplementNotes(node, slot));
      }
    }
    return new Result(type, spec.name(), errors, List.copyOf(notes));
  }

  /** Shorthand: the errors only (empty when valid or when no schema exists). */
  public List<String> errors(String frame) {
    return validate(frame).errors();
  }

  private List<String> supplementNotes(JsonNode frame, Slot slot) {
    List<String> notes = new ArrayList<>();
    Map<String, JsonNode> parts = new LinkedHashMap<>();
    if (slot.pointer().endsWith("/*")) {
      String base = slot.pointer().substring(0, slot.pointer().length() - 2);
      JsonNode arr = frame.at(base);
      for (int i = 0; i < arr.size(); i++) {
        parts.put(base + "/" + i, arr.get(i));
      }
    } else if (!frame.at(slot.pointer()).isMissingNode()) {
      parts.put(slot.pointer(), frame.at(slot.pointer()));
    }
    for (Map.Entry<String, JsonNode> p : parts.entrySet()) {
      if (schemaAt("ws/" + slot.upstream(), null).validate(p.getValue()).isEmpty()) {
        continue;
      }
      for (String sup : slot.supplements()) {
        if (schemaAt(sup, null).validate(p.getValue()).isEmpty()) {
          notes.add(p.getKey() + ": accepted by supplement " + sup.substring(SUP.length())
              + " (the upstream schema rejects it)");
          break;
        }
      }
    }
    return notes;
  }

  /**
   * A schema by location: relative to lp-schemas, or a classpath: supplement. With {@code inline}
   * the text is the schema and the location only its base IRI, so its relative refs resolve.
   */
  private Schema schemaAt(String location, String inline) {
    return cache.computeIfAbsent(location, loc -> {
      String iri = loc.startsWith("classpath:") ? loc : lpSchemas.toUri() + normalizeRelative(loc);
      if (inline == null) {
        return registry.getSchema(SchemaLocation.of(iri));
      }
      try {
        return registry.getSchema(SchemaLocation.of(iri), JSON.readTree(inline));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("bad wrapper schema for " + loc, e);
      }
    });
  }

  /** "ws/../ms/X.json" to "ms/X.json", keeping any #fragment. */
  private static String normalizeRelative(String loc) {
    String fragment = "";
    int hash = loc.indexOf('#');
    if (hash >= 0) {
      fragment = loc.substring(hash);
      loc = loc.substring(0, hash);
    }
    if (loc.startsWith("../")) {
      loc = loc.substring(3);
    } else if (loc.startsWith("ws/../")) {
      loc = loc.substring(6);
    }
    return loc + fragment;
  }

  private static List<String> messages(List<Error> errors) {
    List<String> out = new ArrayList<>();
    for (Error e : errors) {
      String where = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
      String msg = e.getMessage();
      if (where.isEmpty()) {
        where = "/";
      }
      out.add(msg.startsWith(where) ? msg : where + ": " + msg);
    }
    return out;
  }
}
