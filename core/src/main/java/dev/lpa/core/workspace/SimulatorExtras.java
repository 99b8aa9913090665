package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.auth.AuthSession;
import dev.lpa.core.internal.CoreLog;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Dialog;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Session;
import dev.lpa.core.rest.RestClient;
import dev.lpa.core.ums.UmsClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What the spec's app does that LivePerson documents no agent API for: inviting the consumer to a
 * voice or video call, and reading a secure form's submission. Each runs only where the account's
 * CSDS announces the simulator's extras, and fails in one line before any request elsewhere.
 */
final class SimulatorExtras {
  /** The CSDS service by which the simulator announces the extras. */
  static final String SERVICE = "lpaSimulatorExtras";

  private final AuthSession auth;
  private final UmsClient ums;
  private final RestClient rest;
  private final Session me;
  private final Clock clock;
  private final ConversationActions actions;
  /** Completes with the first dialog the state shows for a test, or times out. */
  private final Function<Function<WorkspaceState, Dialog>, CompletableFuture<Dialog>> dialogShown;

  SimulatorExtras(AuthSession auth, UmsClient ums, RestClient rest, Session me, Clock clock,
      ConversationActions actions, Function<Function<WorkspaceState, Dialog>, CompletableFuture<Dialog>> dialogShown) {
    this.auth = auth;
    this.ums = ums;
    this.rest = rest;
    this.me = me;
    this.clock = clock;
    this.actions = actions;
    this.dialogShown = dialogShown;
  }

  private CompletableFuture<Void> simulatorOnly(String what) {
    return auth.domains().all().thenAccept(m -> {
      if (!m.containsKey(SERVICE)) {
        throw new LpaException(Kind.ERROR, what + " works on the simulator only: LivePerson documents"
            + " no way for an agent application to do it");
      }
    });
  }

  CompletableFuture<CallInvitation> inviteCall(Conversation c, String mode) {
    String m = mode == null ? "VIDEO_CALL" : mode.toUpperCase(java.util.Locale.ROOT);
    if (!m.equals("VIDEO_CALL") && !m.equals("VOICE_CALL")) {
      throw new LpaException(Kind.INVALID, "call mode must be VIDEO_CALL or VOICE_CALL");
    }
    return simulatorOnly("a call invitation").thenCompose(ok -> callInvitation(c, m));
  }

  private CompletableFuture<CallInvitation> callInvitation(Conversation c, String m) {
    String dialogId = UUID.randomUUID().toString();
    String consumerId = c.consumer() == null ? "" : c.consumer().id();
    String serviceId = consumerId + "#" + UUID.randomUUID();
    Instant now = clock.instant();
    ArrayNode f = Requests.callDialog(dialogId, consumerId, me.userId(), m, serviceId, now);
    CompletableFuture<Dialog> shown = dialogShown.apply(s -> {
      Conversation x = s.conversations().get(c.id());
      return x == null ? null : x.dialogs().stream().filter(dd -> "COBROWSE".equals(dd.channelType())
          && (dialogId.equals(dd.id()) || serviceId.equals(dd.metaData().get("serviceId")))).findFirst().orElse(null);
    });
    return actions.update(c, f).thenCompose(v -> shown.exceptionally(CoreLog.ignore("the call dialog's notification")))
        .thenCompose(dialog -> {
          String link = dialog == null ? null
              : WireMapper.first(dialog.metaData().get("agentUrl"), dialog.metaData().get("callLink"));
          String state = dialog == null ? "INVITED" : WireMapper.first(dialog.metaData().get("sessionState"), "INVITED");
          String did = dialog == null ? dialogId : dialog.id();
          if (link != null) {
            return CompletableFuture.completedFuture(new CallInvitation(c.id(), did, m, state, link));
          }
          return auth.domains().host("asyncMessagingEnt", "facadeMsg").thenApply(h -> new CallInvitation(c.id(), did, m,
              state, auth.http().base(h) + "/call/" + URLEncoder.encode(serviceId, StandardCharsets.UTF_8)));
        });
  }

  /** The values of the consumer's submission {@code submissionId} among the conversation's messages. */
  CompletableFuture<Map<String, String>> readSecureForm(List<Message> messages, String submissionId) {
    Message sub = messages.stream()
        .filter(m -> m.content() instanceof Message.FormSubmission fs && submissionId.equals(fs.submissionId()))
        .findFirst().orElseThrow(() -> new LpaException(Kind.NOT_FOUND, "no form submission " + submissionId));
    String invitation = ((Message.FormSubmission) sub.content()).invitationId();
    ObjectNode body = Requests.generateDownloadToken(sub.dialogId(), submissionId, invitation);
    return simulatorOnly("reading a secure form")
        .thenCompose(ok -> ums.request(".ams.ms.token.GenerateDownloadToken", body)).thenCompose(ans -> {
          JsonNode tok = ans.path("token");
          String otk = WireMapper.first(Json.text(tok, "readOtk"), Json.text(ans, "readOtk"), Json.text(ans, "token"));
          if (otk == null) {
            throw new LpaException(Kind.ERROR, "no read token in the answer");
          }
          return auth.domains().all().thenCompose(m -> {
            String host = WireMapper.first(m.get("pciGateway"), m.get("asyncMessagingEnt"), m.get("facadeMsg"));
            return rest.getAbsolute(auth.http().base(host) + "/forms/" + submissionId + "?token=" + otk, "secure form");
          });
        }).thenApply(SimulatorExtras::formValues);
  }

  static Map<String, String> formValues(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode values = n.has("values") ? n.get("values") : n.has("fields") ? n.get("fields") : n;
    if (values.isArray()) {
      for (JsonNode v : values) {
        out.put(Json.text(v, "name"), Json.text(v, "value"));
      }
    } else if (values.isObject()) {
      values.properties().forEach(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
          : Json.write(e.getValue())));
    }
    return Collections.unmodifiableMap(out);
  }
}
