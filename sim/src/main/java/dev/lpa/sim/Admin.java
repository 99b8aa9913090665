package dev.lpa.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** {@link SimAdmin} over the engine. */
final class Admin implements SimAdmin {
  private final Simulator sim;
  private final Engine e;
  private final Extras extras;
  private final Files files;
  private final AtomicInteger failCount = new AtomicInteger();
  private volatile int failStatus;
  private final Map<String, Integer> refusals = new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicInteger slowCount = new AtomicInteger();
  private final AtomicReference<Duration> slowDelay = new AtomicReference<>(Duration.ZERO);

  Admin(Simulator sim, Engine engine, Extras extras, Files files) {
    this.sim = sim;
    this.e = engine;
    this.extras = extras;
    this.files = files;
  }

  private Conv openConv(String id) {
    Conv c = e.convs.get(id);
    if (c == null) {
      throw new IllegalArgumentException("conversation " + id + " not found");
    }
    if (!c.open()) {
      throw new IllegalArgumentException("conversation " + id + " is closed");
    }
    return c;
  }

  private <T> T run(java.util.function.Supplier<T> op) {
    synchronized (e) {
      try {
        return op.get();
      } catch (Engine.Fail f) {
        e.dropQueued();
        throw new IllegalArgumentException(f.getMessage());
      } finally {
        e.flush();
      }
    }
  }

  /** Creates a consumer identity for a display name ("First Last"). */
  Engine.ConsumerInfo newConsumer(String name, String source) {
    Engine.ConsumerInfo ci = new Engine.ConsumerInfo();
    ci.id = e.newId();
    String n = name == null || name.isBlank() ? "Visitor" : name.trim();
    int sp = n.indexOf(' ');
    ci.firstName = sp < 0 ? n : n.substring(0, sp);
    ci.lastName = sp < 0 ? "" : n.substring(sp + 1);
    ci.source = source;
    e.consumers.put(ci.id, ci);
    e.saveConsumer(ci);
    return ci;
  }

  @Override
  public String createConversation(long skillId, String consumerName, String email, String phone,
      List<String> messages) {
    return run(() -> {
      if (skillId != DemoAccount.SKILL_UNASSIGNED && DemoAccount.skill(skillId).isEmpty()) {
        throw new Engine.Fail(404, "skill " + skillId + " not found");
      }
      Engine.ConsumerInfo ci = newConsumer(consumerName, "APP");
      if (email != null || phone != null) {
        ci.email = email == null || email.isBlank() ? null : email.trim();
        ci.phone = phone == null || phone.isBlank() ? null : phone.trim();
        e.saveConsumer(ci);
      }
      ObjectNode ctx = Json.obj().put("type", "SharkContext").put("lang", "en-US");
      Conv c = e.createConv(ci.id, skillId, "NORMAL", ctx, "APP");
      for (String m : messages == null ? List.<String>of() : messages) {
        say(c, m);
      }
      return c.id;
    });
  }

  @Override
  public List<String> seedConversations(int count, int messages, String login) {
    return run(() -> Seeder.seed(e, this, count, messages, Seeder.agents(login)));
  }

  @Override
  public String seedConversation(long skillId, String consumerName, String login, String message) {
    return run(() -> Seeder.assign(e, this, Seeder.agents(login).get(0), skillId, consumerName, message));
  }

  void say(Conv c, String text) {
    ObjectNode ev = Json.obj().put("type", "ContentEvent").put("contentType", "text/plain").put("message", text);
    e.publish(c, c.main(), Engine.consumerOriginator(c), ev, null, null);
  }

  @Override
  public void consumerSays(String conversationId, String text) {
    run(() -> {
      say(openConv(conversationId), text);
      return null;
    });
  }

  @Override
  public void consumerSendsPhoto(String conversationId, String caption, byte[] png) {
    run(() -> {
      Conv c = openConv(conversationId);
      String path = files.storeDirect("PNG", png);
      ObjectNode ev = Json.obj().put("type", "ContentEvent").put("contentType", "hosted/file");
      ev.putObject("message").put("caption", caption).put("relativePath", path).put("fileType", "PNG")
          .put("preview", "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(
              png.length <= 20_000 ? png : new byte[0]));
      e.publish(c, c.main(), Engine.consumerOriginator(c), ev, null, null);
      return null;
    });
  }

  @Override
  public void consumerReads(String conversationId) {
    run(() -> {
      Conv c = openConv(conversationId);
      List<Integer> seqs = new ArrayList<>();
      int upTo = c.readUpTo.getOrDefault(c.consumerId, -1);
      for (ObjectNode ev : c.main().events) {
        String t = ev.path("event").path("type").asText();
        boolean fromAgent = !"CONSUMER".equals(ev.path("originatorMetadata").path("role").asText());
        if (fromAgent && (t.equals("ContentEvent") || t.equals("RichContentEvent"))
            && ev.path("sequence").asInt() > upTo && !Conv.isPrivate(ev)) {
          seqs.add(ev.path("sequence").asInt());
        }
      }
      if (!seqs.isEmpty()) {
        ObjectNode ev = Json.obj().put("type", "AcceptStatusEvent").put("status", "READ");
        seqs.forEach(ev.putArray("sequenceList")::add);
        e.publish(c, c.main(), Engine.consumerOriginator(c), ev, null, null);
      }
      return null;
    });
  }

  @Override
  public void consumerTyping(String conversationId, boolean typing) {
    run(() -> {
      Conv c = openConv(conversationId);
      ObjectNode ev = Json.obj().put("type", "ChatStateEvent").put("chatState", typing ? "COMPOSING" : "ACTIVE");
      e.publish(c, c.main(), Engine.consumerOriginator(c), ev, null, null);
      return null;
    });
  }

  @Override
  public void consumerCloses(String conversationId) {
    run(() -> {
      e.close(openConv(conversationId), "CONSUMER", "CONSUMER");
      return null;
    });
  }

  @Override
  public void consumerAnswersCall(String conversationId, boolean accept) {
    run(() -> {
      extras.consumerAnswers(openConv(conversationId), accept);
      return null;
    });
  }

  @Override
  public String consumerSubmitsForm(String conversationId, String invitationId, Map<String, String> values) {
    return run(() -> extras.submitForm(openConv(conversationId), invitationId, values));
  }

  @Override
  public void advanceClock(Duration d) {
    if (!(sim.clock() instanceof SimClock sc)) {
      throw new IllegalStateException("advanceClock needs a SimClock (start with SimConfig.builder().clock(SimClock.fixed()))");
    }
    sc.advance(d);
  }

  @Override
  public int dropSockets() {
    synchronized (e) {
      int n = 0;
      for (Conn c : List.copyOf(e.conns)) {
        if (c.kind == Conn.Kind.AGENT) {
          c.disconnect();
          n++;
        }
      }
      return n;
    }
  }

  @Override
  public int expireSession(String login) {
    synchronized (e) {
      int n = e.auth.expire(login);
      for (Conn c : e.connsOf(login)) {
        c.close(4401, "session expired");
      }
      return n;
    }
  }

  @Override
  public void failNext(int n, int httpStatus) {
    failStatus = httpStatus;
    failCount.set(n);
  }

  @Override
  public void emptyFirstNotification(boolean send) {
    e.emptyFirstNotification = send;
  }

  @Override
  public void declareRedirectUri(String uri) {
    e.auth.redirectUris.add(uri);
  }

  @Override
  public void refusePath(String pathPart, int httpStatus) {
    if (httpStatus <= 0) {
      refusals.remove(pathPart);
    } else {
      refusals.put(pathPart, httpStatus);
    }
  }

  /** The status a standing refusal gives this path, or 0. */
  int refusal(String path) {
    for (Map.Entry<String, Integer> e : refusals.entrySet()) {
      if (path.contains(e.getKey())) {
        return e.getValue();
      }
    }
    return 0;
  }

  @Override
  public void slowNext(int n, Duration delay) {
    slowDelay.set(delay);
    slowCount.set(n);
  }

  /** Consumed by the HTTP layer for each REST/login request: status to fail with, or 0. */
  int takeFailure() {
    return failCount.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0 ? failStatus : 0;
  }

  Duration takeDelay() {
    return slowCount.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0 ? slowDelay.get() : Duration.ZERO;
  }

  @Override
  public int sendMalformedFrame(String login) {
    synchronized (e) {
      List<Conn> cs = e.connsOf(login);
      cs.forEach(c -> c.send("{\"kind\":\"notification\",\"type\":"));
      return cs.size();
    }
  }

  @Override
  public String agentState(String login) {
    DemoAccount.User u = DemoAccount.user(login).orElseThrow(() -> new IllegalArgumentException("no user " + login));
    synchronized (e) {
      return e.agents.get(u.legacyId()).availability;
    }
  }

  @Override
  public List<String> openConversations() {
    synchronized (e) {
      return e.convs.values().stream().filter(Conv::open).map(c -> c.id).toList();
    }
  }

  @Override
  public String samlAssertion(String login) {
    DemoAccount.User u = DemoAccount.user(login).orElseThrow(() -> new IllegalArgumentException("no user " + login));
    return Saml.assertion(e.auth, u.login());
  }
}
