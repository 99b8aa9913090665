package dev.lpa.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code swift} stand-in: temporary signed URLs for upload and download (about a minute),
 * size and type limits from rest-and-product.md §6.2, bytes kept in the database.
 */
final class Files {
  static final long URL_TTL_SECONDS = 60;
  static final long CONSUMER_MAX_BYTES = 3L * 1024 * 1024;
  static final long AGENT_MAX_BYTES = 5L * 1024 * 1024;
  /** The enum of {@code ms/GenerateURLForUploadFileBody.json}, for agents and consumers alike. */
  static final Set<String> UPLOAD_TYPES = Set.of("JPG", "JPEG", "PNG", "GIF");
  static final String PREFIX = "/v1/AUTH_async-images/" + DemoAccount.ACCOUNT_ID + "/";

  record Pending(String path, String type, long maxBytes, long expires) {}

  private final Engine e;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  /** Who asked for each upload URL (legacy agent id or consumer id); uploaders may always read back. */
  private final Map<String, String> uploader = new ConcurrentHashMap<>();

  Files(Engine engine) {
    this.e = engine;
  }

  ObjectNode uploadUrl(JsonNode body, boolean consumer, String who) {
    String type = Json.text(body, "fileType");
    type = type == null ? null : type.toUpperCase(Locale.ROOT);
    if (type == null || !UPLOAD_TYPES.contains(type)) {
      throw new Engine.Fail(400, "fileType must be one of JPG, PNG, GIF, JPEG");
    }
    // the schema types fileSize as a string; a JSON number is refused, as the schema would
    JsonNode sizeNode = body.get("fileSize");
    long size;
    try {
      if (sizeNode == null || !sizeNode.isTextual()) {
        throw new NumberFormatException();
      }
      size = Long.parseLong(sizeNode.textValue());
    } catch (NumberFormatException ex) {
      throw new Engine.Fail(400, "fileSize must be a string holding the number of bytes");
    }
    long max = consumer ? CONSUMER_MAX_BYTES : AGENT_MAX_BYTES;
    if (size <= 0 || size > max) {
      throw new Engine.Fail(413, "fileSize must be between 1 and " + max + " bytes");
    }
    String path = PREFIX + e.newId() + "." + type;
    long expires = e.now() / 1000 + URL_TTL_SECONDS;
    pending.put(path, new Pending(path, type, size, expires));
    uploader.put(path, who);
    return urlBody(path, "PUT", expires);
  }

  /**
   * A download URL for a file the caller uploaded or that was shared in a conversation it can
   * see ({@code canSee}); anything else is refused, never silently served.
   */
  ObjectNode downloadUrl(JsonNode body, String who, java.util.function.Predicate<Conv> canSee) {
    String path = Json.text(body, "relativePath");
    if (path == null || e.store.file(path).isEmpty()) {
      throw new Engine.Fail(404, "file " + path + " not found");
    }
    if (!who.equals(uploader.get(path)) && !sharedIn(path, canSee)) {
      throw new Engine.Fail(403, "file " + path + " is not in a conversation visible to this user");
    }
    return urlBody(path, "GET", e.now() / 1000 + URL_TTL_SECONDS);
  }

  private boolean sharedIn(String path, java.util.function.Predicate<Conv> canSee) {
    for (Conv c : e.convs.values()) {
      if (!canSee.test(c)) {
        continue;
      }
      for (Conv.Dialog d : c.dialogs) {
        for (ObjectNode ev : d.events) {
          if (path.equals(ev.path("event").path("message").path("relativePath").asText(null))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private ObjectNode urlBody(String path, String method, long expires) {
    ObjectNode o = Json.obj();
    o.put("relativePath", path);
    o.putObject("queryParams")
        .put("temp_url_sig", sign(method, path, expires))
        .put("temp_url_expires", String.valueOf(expires));
    return o;
  }

  String sign(String method, String path, long expires) {
    return e.auth.hmacHex(method + "\n" + expires + "\n" + path);
  }

  /** Checks a temp URL's signature and expiry: 401 on any mismatch, as swift does. */
  void checkUrl(String method, String path, String sig, String expires) {
    long exp;
    try {
      exp = Long.parseLong(expires);
    } catch (RuntimeException ex) {
      throw new Engine.Fail(401, "temp URL invalid");
    }
    if (sig == null || !Auth.constantTimeEquals(sign(method, path, exp), sig)) {
      throw new Engine.Fail(401, "temp URL invalid");
    }
    if (e.now() / 1000 > exp) {
      throw new Engine.Fail(401, "temp URL expired");
    }
  }

  void put(String path, String sig, String expires, byte[] bytes) {
    checkUrl("PUT", path, sig, expires);
    Pending p = pending.get(path);
    if (p == null) {
      throw new Engine.Fail(401, "temp URL invalid");
    }
    if (bytes.length == 0 || bytes.length > p.maxBytes()) {
      throw new Engine.Fail(413, "body must be between 1 and " + p.maxBytes() + " bytes (the announced fileSize)");
    }
    pending.remove(path);
    e.store.putFile(path, p.type(), e.now(), bytes);
  }

  Optional<byte[]> get(String path, String sig, String expires) {
    checkUrl("GET", path, sig, expires);
    return e.store.file(path);
  }

  static String contentType(String path) {
    String p = path.toUpperCase(Locale.ROOT);
    if (p.endsWith(".PNG")) {
      return "image/png";
    }
    if (p.endsWith(".GIF")) {
      return "image/gif";
    }
    if (p.endsWith(".JPG") || p.endsWith(".JPEG")) {
      return "image/jpeg";
    }
    if (p.endsWith(".PDF")) {
      return "application/pdf";
    }
    return "application/octet-stream";
  }

  /** Stores bytes directly (admin and traffic consumers do not go through a temp URL). */
  String storeDirect(String type, byte[] bytes) {
    String path = PREFIX + e.newId() + "." + type;
    e.store.putFile(path, type, e.now(), bytes);
    return path;
  }
}
