package dev.lpa.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link SimAdmin} over HTTPS under {@code /admin}; registered only with {@code admin(true)}. */
final class AdminRoutes {
  private final Simulator sim;

  AdminRoutes(Simulator sim) {
    this.sim = sim;
  }

  private SimAdmin a() {
    return sim.adminImpl();
  }

  private static JsonNode body(Context ctx) {
    try {
      String b = ctx.body();
      return b == null || b.isBlank() ? Json.obj() : Json.M.readTree(b);
    } catch (Exception ex) {
      throw new Engine.Fail(400, "body is not valid JSON");
    }
  }

  interface Op {
    Object run(Context ctx, JsonNode body);
  }

  private io.javalin.http.Handler h(Op op) {
    return ctx -> {
      try {
        Object r = op.run(ctx, body(ctx));
        ctx.json(r == null ? Map.of("ok", true) : r);
      } catch (IllegalArgumentException | IllegalStateException ex) {
        throw new Engine.Fail(400, ex.getMessage());
      }
    };
  }

  /**
   * A skill by id (number or numeric text) or by name; absent means the default skill. Anything
   * else is refused: a typo must not land the conversation silently on another skill.
   */
  static long skillOf(JsonNode v) {
    if (v == null || v.isNull()) {
      return DemoAccount.DEFAULT_SKILL;
    }
    if (v.isIntegralNumber() || v.asText().matches("-?[0-9]+")) {
      return v.asLong();
    }
    String name = v.asText().trim();
    return DemoAccount.SKILLS.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst()
        .map(DemoAccount.Skill::id)
        .orElseThrow(() -> new IllegalArgumentException("unknown skill " + name + " (give a skill id or one of: "
            + String.join(", ", DemoAccount.SKILLS.stream().map(DemoAccount.Skill::name).toList()) + ")"));
  }

  void register(RoutesConfig r) {
    r.post("/admin/conversations", h((ctx, b) -> {
      List<String> msgs = new ArrayList<>();
      Json.asArray(b.get("messages")).forEach(m -> msgs.add(m.asText()));
      long skill = skillOf(b.get("skillId"));
      return Map.of("conversationId", a().createConversation(skill, Json.text(b, "consumerName"),
          Json.text(b, "consumerEmail"), Json.text(b, "consumerPhone"), msgs));
    }));
    r.get("/admin/conversations", h((ctx, b) -> Map.of("open", a().openConversations())));
    r.post("/admin/seed", h((ctx, b) -> Map.of("conversations",
        a().seedConversations(b.path("count").asInt(0), b.path("messages").asInt(1), Json.text(b, "agent")).size())));
    r.post("/admin/seed-one", h((ctx, b) -> Map.of("conversationId", a().seedConversation(skillOf(b.get("skillId")),
        Json.text(b, "consumerName"), Json.text(b, "agent"), Json.text(b, "message")))));
    r.post("/admin/conversations/{id}/says", h((ctx, b) -> {
      a().consumerSays(ctx.pathParam("id"), Json.text(b, "text"));
      return null;
    }));
    r.post("/admin/conversations/{id}/photo", h((ctx, b) -> {
      a().consumerSendsPhoto(ctx.pathParam("id"), Json.text(b, "caption"),
          java.util.Base64.getDecoder().decode(b.path("pngBase64").asText()));
      return null;
    }));
    r.post("/admin/conversations/{id}/reads", h((ctx, b) -> {
      a().consumerReads(ctx.pathParam("id"));
      return null;
    }));
    r.post("/admin/conversations/{id}/typing", h((ctx, b) -> {
      a().consumerTyping(ctx.pathParam("id"), b.path("typing").asBoolean(true));
      return null;
    }));
    r.post("/admin/conversations/{id}/close", h((ctx, b) -> {
      a().consumerCloses(ctx.pathParam("id"));
      return null;
    }));
    r.post("/admin/conversations/{id}/call-answer", h((ctx, b) -> {
      a().consumerAnswersCall(ctx.pathParam("id"), b.path("accept").asBoolean(true));
      return null;
    }));
    r.post("/admin/conversations/{id}/form-submission", h((ctx, b) -> {
      Map<String, String> values = new LinkedHashMap<>();
      b.path("values").properties().forEach(en -> values.put(en.getKey(), en.getValue().asText()));
      return Map.of("submissionId", a().consumerSubmitsForm(ctx.pathParam("id"), Json.text(b, "invitationId"), values));
    }));
    r.post("/admin/clock/advance", h((ctx, b) -> {
      a().advanceClock(Duration.ofMillis(b.path("millis").asLong()));
      return Map.of("now", sim.clock().millis());
    }));
    r.post("/admin/sockets/drop", h((ctx, b) -> Map.of("dropped", a().dropSockets())));
    r.post("/admin/sessions/{login}/expire", h((ctx, b) -> Map.of("expired", a().expireSession(ctx.pathParam("login")))));
    r.post("/admin/fail-next", h((ctx, b) -> {
      a().failNext(b.path("count").asInt(1), b.path("status").asInt(500));
      return null;
    }));
    r.post("/admin/empty-first-notification", h((ctx, b) -> {
      a().emptyFirstNotification(b.path("send").asBoolean(true));
      return null;
    }));
    r.post("/admin/refuse", h((ctx, b) -> {
      a().refusePath(b.path("path").asText(), b.path("status").asInt(0));
      return null;
    }));
    r.post("/admin/slow-next", h((ctx, b) -> {
      a().slowNext(b.path("count").asInt(1), Duration.ofMillis(b.path("millis").asLong(1000)));
      return null;
    }));
    r.post("/admin/agents/{login}/malformed-frame", h((ctx, b) -> Map.of("sent", a().sendMalformedFrame(ctx.pathParam("login")))));
    r.get("/admin/agents/{login}/state", h((ctx, b) -> Map.of("availability", a().agentState(ctx.pathParam("login")))));
    r.get("/admin/saml-assertion/{login}", h((ctx, b) -> Map.of("assertion", a().samlAssertion(ctx.pathParam("login")))));
  }
}
