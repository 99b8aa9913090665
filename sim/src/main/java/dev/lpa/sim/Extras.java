package dev.lpa.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Video/voice calls and co-browse (decisions.md #18) and secure forms (decisions.md #19).
 */
final class Extras {
  static final long INVITATION_SECONDS = 120;
  static final long FORM_TOKEN_MILLIS = 60_000;
  static final Set<String> MODES = Set.of("VIDEO_CALL", "VOICE_CALL", "view", "shared", "follow");

  record Submission(String convId, String invitationId, String senderId, Map<String, String> values) {}

  record Token(String submissionId, String agentId, long expires) {}

  private final Engine e;
  private final String baseUrl;
  private final Map<String, Submission> submissions = new ConcurrentHashMap<>();
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  Extras(Engine engine, String baseUrl) {
    this.e = engine;
    this.baseUrl = baseUrl;
  }

  void checkDialogChange(Conv c, JsonNode f) {
    String type = f.path("type").asText();
    JsonNode dialog = f.path("dialog");
    if (type.equals("ADD") || type.equals("CREATE")) {
      if (!"COBROWSE".equals(dialog.path("channelType").asText())) {
        throw new Engine.Fail(400, "only COBROWSE dialogs can be added");
      }
      String mode = dialog.path("metaData").path("mode").asText();
      if (!MODES.contains(mode)) {
        throw new Engine.Fail(400, "metaData.mode must be one of " + MODES);
      }
      for (Conv.Dialog d : c.dialogs) {
        if ("COBROWSE".equals(d.channelType) && "OPEN".equals(d.state)) {
          throw new Engine.Fail(409, "a call or co-browse invitation is already open");
        }
      }
    } else if (type.equals("UPDATE")) {
      String id = dialog.hasNonNull("dialogId") ? dialog.get("dialogId").asText() : Json.text(f, "dialogId");
      if (id == null || c.dialog(id) == null) {
        throw new Engine.Fail(404, "dialog " + id + " not found");
      }
    } else {
      throw new Engine.Fail(400, "DialogChange type must be ADD, CREATE or UPDATE");
    }
  }

  String applyDialogChange(DemoAccount.User me, Conv c, JsonNode f) {
    String type = f.path("type").asText();
    JsonNode dialog = f.path("dialog");
    long now = e.now();
    if (type.equals("ADD") || type.equals("CREATE")) {
      Conv.Dialog d = new Conv.Dialog();
      d.dialogId = dialog.hasNonNull("dialogId") ? dialog.get("dialogId").asText()
          : (f.hasNonNull("dialogId") ? f.get("dialogId").asText() : e.newId());
      d.dialogType = "OTHER";
      d.channelType = "COBROWSE";
      d.creationTs = now;
      d.metaDataLastUpdateTs = now;
      ObjectNode meta = dialog.path("metaData").deepCopy();
      String serviceId = c.consumerId + "#" + c.id;
      meta.put("serviceId", serviceId);
      meta.put("sessionState", "INVITED");
      meta.put("expires", now / 1000 + INVITATION_SECONDS);
      meta.put("dialogId", d.dialogId);
      meta.put("notificationKey", "invited");
      meta.put("callLink", baseUrl + "/call/" + java.net.URLEncoder.encode(serviceId, java.nio.charset.StandardCharsets.UTF_8));
      d.metaData = meta;
      c.dialogs.add(d);
      e.touch(c);
      return "OK Add dialog success";
    }
    String id = dialog.hasNonNull("dialogId") ? dialog.get("dialogId").asText() : Json.text(f, "dialogId");
    Conv.Dialog d = c.dialog(id);
    if ("MAIN".equals(d.dialogType) && "CLOSE".equals(dialog.path("state").asText())) {
      e.close(c, "AGENT", "AGENT");
      return "OK Conversation resolved successfully";
    }
    if (dialog.path("metaData").isObject()) {
      if (d.metaData == null) {
        d.metaData = Json.obj();
      }
      d.metaData.setAll((ObjectNode) dialog.get("metaData"));
    }
    if ("CLOSE".equals(dialog.path("state").asText())) {
      closeDialog(d, "AGENT", now);
    }
    d.metaDataLastUpdateTs = now;
    e.touch(c);
    return "OK Dialog updated";
  }

  private static void closeDialog(Conv.Dialog d, String by, long now) {
    d.state = "CLOSE";
    d.endTs = now;
    d.closedBy = by;
    if (d.metaData != null) {
      d.metaData.put("sessionState", "CLOSED");
    }
  }

  /** The consumer's answer to an invitation (admin API and traffic). */
  void consumerAnswers(Conv c, boolean accept) {
    for (Conv.Dialog d : c.dialogs) {
      if ("COBROWSE".equals(d.channelType) && "OPEN".equals(d.state)) {
        long now = e.now();
        if (accept) {
          d.metaData.put("sessionState", "ACCEPTED");
          d.metaData.put("notificationKey", "accepted");
        } else {
          closeDialog(d, "CONSUMER", now);
        }
        d.metaDataLastUpdateTs = now;
        e.touch(c);
        return;
      }
    }
    throw new Engine.Fail(404, "no open call or co-browse invitation");
  }

  /** Invitations not answered in time close (called from the engine's tick). */
  void tick() {
    long nowSec = e.now() / 1000;
    for (Conv c : List.copyOf(e.convs.values())) {
      for (Conv.Dialog d : c.dialogs) {
        if ("COBROWSE".equals(d.channelType) && "OPEN".equals(d.state) && d.metaData != null
            && "INVITED".equals(d.metaData.path("sessionState").asText())
            && d.metaData.path("expires").asLong(Long.MAX_VALUE) <= nowSec) {
          closeDialog(d, "SYSTEM", e.now());
          e.touch(c);
        }
      }
    }
  }

  // --- secure forms ---

  /** The consumer submits a form the agent sent: publishes forms/secure-submission. */
  String submitForm(Conv c, String invitationId, Map<String, String> values) {
    String sender = null;
    for (ObjectNode ev : c.main().events) {
      JsonNode event = ev.path("event");
      if ("forms/secure-invitation".equals(event.path("contentType").asText())
          && invitationId.equals(event.path("message").path("invitationId").asText())) {
        sender = ev.path("originatorId").asText();
      }
    }
    if (sender == null) {
      throw new Engine.Fail(404, "invitation " + invitationId + " not found");
    }
    String submissionId = e.newId();
    submissions.put(submissionId, new Submission(c.id, invitationId, sender, Map.copyOf(values)));
    ObjectNode event = Json.obj();
    event.put("type", "ContentEvent");
    event.put("contentType", "forms/secure-submission");
    event.putObject("message").put("invitationId", invitationId).put("submissionId", submissionId);
    e.publish(c, c.main(), Engine.consumerOriginator(c), event, null, null);
    return submissionId;
  }

  ObjectNode downloadToken(DemoAccount.User me, JsonNode body) {
    JsonNode d = body.path("downloadable");
    String submissionId = Json.text(d, "submissionId");
    Submission s = submissionId == null ? null : submissions.get(submissionId);
    if (s == null) {
      throw new Engine.Fail(404, "submission " + submissionId + " not found");
    }
    if (!s.senderId().equals(me.legacyId())) {
      throw new Engine.Fail(403, "only the agent who sent the form may read it");
    }
    Conv c = e.convs.get(s.convId());
    if (c == null || !c.open()) {
      throw new Engine.Fail(403, "the form is readable only while the conversation is open");
    }
    String otk = e.newId();
    tokens.put(otk, new Token(submissionId, me.legacyId(), e.now() + FORM_TOKEN_MILLIS));
    ObjectNode o = Json.obj();
    o.putObject("token").put("type", "SecureFormReadToken").put("readOtk", otk);
    return o;
  }

  /** One use, short-lived: {@code GET /forms/{submissionId}?token=…}. */
  ObjectNode readForm(String submissionId, String token) {
    Token t = token == null ? null : tokens.remove(token);
    if (t == null || !t.submissionId().equals(submissionId) || e.now() > t.expires()) {
      throw new Engine.Fail(403, "token invalid or expired");
    }
    Submission s = submissions.get(submissionId);
    ObjectNode o = Json.obj();
    o.put("submissionId", submissionId);
    o.put("invitationId", s.invitationId());
    var arr = o.putArray("values");
    s.values().forEach((k, v) -> arr.addObject().put("name", k).put("value", v));
    return o;
  }
}
