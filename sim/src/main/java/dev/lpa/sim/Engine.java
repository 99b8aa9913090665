package dev.lpa.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's state and rules: conversations, routing, agent states, subscriptions and the
 * notifications they cause. Every public entry point runs under this object's monitor; frames are
 * queued in order and handed to the sockets by {@link #flush()}, so a response always goes out
 * before the notifications its request caused.
 */
final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  /** A failed request: becomes an error response on a socket or an HTTP status on REST. */
  static final class Fail extends RuntimeException {
    final int code;

    Fail(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  static final class ConvSub {
    final String id;
    final JsonNode filter;
    final Set<String> matched = new HashSet<>();

    ConvSub(String id, JsonNode filter) {
      this.id = id;
      this.filter = filter;
    }
  }

  /** Runtime state of one agent or manager. */
  /** Capacity added by the scale load profile ({@link Seeder}), by legacy user id. */
  final Map<String, Integer> extraSlots = new HashMap<>();

  int slots(AgentRt a) {
    return a.user.maxSlots() + extraSlots.getOrDefault(a.user.legacyId(), 0);
  }

  static final class AgentRt {
    final DemoAccount.User user;
    String availability = "OFFLINE";
    long availabilitySince;
    long lastAssignedAt;
    final List<Conn> conns = new ArrayList<>();

    AgentRt(DemoAccount.User user) {
      this.user = user;
    }

    boolean routable() {
      return conns.stream().anyMatch(c -> !c.routingSubs.isEmpty());
    }
  }

  static final class Ring {
    String ringId;
    String convId;
    String agentId;
    long createdAt;
    long expiresAt;
    String state = "WAITING";
    boolean targeted;
  }

  /** A consumer identity (demo, signed up, or made by the admin API). */
  static final class ConsumerInfo {
    String id;
    String firstName;
    String lastName;
    String phone;
    String email;
    String avatarUrl;
    String source = "APP";

    String name() {
      return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
    }
  }

  record Out(Conn conn, String frame) {}

  final SimConfig cfg;
  /** Whether a conversation subscription with nothing to return gets an empty first notification. */
  volatile boolean emptyFirstNotification;
  /** Tests: judges each agent request frame against LivePerson's schemas (violations; empty = valid). */
  volatile java.util.function.Function<String, List<String>> requestValidator;
  final Clock clock;
  final Store store;
  final Auth auth;
  final Map<String, Conv> convs = new LinkedHashMap<>();
  /**
   * Each consumer's conversations (every one ever put in {@link #convs}, which never forgets one):
   * opening a conversation asks whether its consumer already has one, and a scan of every
   * conversation there made seeding an account quadratic.
   */
  private final Map<String, List<Conv>> convsOfConsumer = new HashMap<>();
  final Map<String, ConsumerInfo> consumers = new LinkedHashMap<>();
  final Map<String, AgentRt> agents = new LinkedHashMap<>();
  final Map<String, Ring> rings = new LinkedHashMap<>();
  final Set<Conn> conns = new LinkedHashSet<>();
  /** Extra timers (call invitations, traffic) run by {@link #tick()} with the monitor held. */
  final List<Runnable> tickHooks = new ArrayList<>();
  private final List<Out> outbox = new ArrayList<>();
  private final Set<Conv> dirty = new LinkedHashSet<>();
  private long enqueueCounter;
  private long idCounter;

  Engine(SimConfig cfg, Store store, Auth auth) {
    this.cfg = cfg;
    this.emptyFirstNotification = cfg.emptyFirstNotification();
    this.clock = cfg.clock();
    this.store = store;
    this.auth = auth;
    for (DemoAccount.User u : DemoAccount.USERS) {
      agents.put(u.legacyId(), new AgentRt(u));
    }
    for (int n = 1; n <= cfg.loadAgents(); n++) {
      DemoAccount.User u = LoadAgents.agent(n);
      agents.put(u.legacyId(), new AgentRt(u));
    }
    for (DemoAccount.Consumer c : DemoAccount.CONSUMERS) {
      ConsumerInfo ci = new ConsumerInfo();
      ci.id = c.consumerId();
      ci.firstName = c.firstName();
      ci.lastName = c.lastName();
      ci.phone = c.phone();
      ci.email = c.email();
      ci.avatarUrl = c.avatarUrl();
      ci.source = c.source();
      consumers.put(ci.id, ci);
    }
    load();
  }

  private void load() {
    try {
      for (String json : store.consumers()) {
        ConsumerInfo ci = Json.FIELDS.readValue(json, ConsumerInfo.class);
        consumers.put(ci.id, ci);
      }
      for (String json : store.convs()) {
        Conv c = Json.FIELDS.readValue(json, Conv.class);
        putConv(c);
        enqueueCounter = Math.max(enqueueCounter, c.enqueueSeq);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the simulator database", e);
    }
  }

  long now() {
    return clock.millis();
  }

  String newId() {
    return UUID.randomUUID().toString();
  }

  // ------------------------------------------------------------------ output

  void emit(Conn c, ObjectNode frame) {
    outbox.add(new Out(c, Json.write(frame)));
  }

  /** Puts a response ahead of the notifications its request queued. */
  void emitFirst(Conn c, ObjectNode frame) {
    outbox.add(0, new Out(c, Json.write(frame)));
  }

  void dropQueued() {
    outbox.clear();
  }

  static ObjectNode notification(String type, JsonNode body) {
    ObjectNode n = Json.obj();
    n.put("kind", "notification");
    n.put("type", type);
    n.set("body", body);
    return n;
  }

  static ObjectNode response(String reqId, int code, String type, JsonNode body) {
    ObjectNode r = Json.obj();
    r.put("kind", "resp");
    r.put("reqId", reqId);
    r.put("code", code);
    r.put("type", type);
    r.set("body", body);
    return r;
  }

  /** Sends queued frames and persists changed conversations. Call with the monitor held. */
  void flush() {
    for (Out o : outbox) {
      o.conn().send(o.frame());
    }
    outbox.clear();
    for (Conv c : dirty) {
      try {
        store.putConv(c.id, Json.FIELDS.writeValueAsString(c));
      } catch (Exception e) {
        LOG.warn("could not persist conversation {}", c.id, e);
      }
    }
    dirty.clear();
  }

  void saveConsumer(ConsumerInfo ci) {
    try {
      store.putConsumer(ci.id, Json.FIELDS.writeValueAsString(ci));
    } catch (Exception e) {
      LOG.warn("could not persist consumer {}", ci.id, e);
    }
  }

  // ------------------------------------------------------------------ connections

  synchronized void attach(Conn c) {
    conns.add(c);
    if (c.kind == Conn.Kind.AGENT) {
      agents.get(c.session.user.legacyId()).conns.add(c);
    }
  }

  synchronized void detach(Conn c) {
    if (!conns.remove(c)) {
      return;
    }
    c.open = false;
    if (c.kind == Conn.Kind.AGENT) {
      AgentRt a = agents.get(c.session.user.legacyId());
      a.conns.remove(c);
      if (a.conns.isEmpty()) {
        a.availability = "OFFLINE";
        a.availabilitySince = now();
        for (Ring r : List.copyOf(rings.values())) {
          if (r.agentId.equals(a.user.legacyId())) {
            finishRing(r, "CANCELLED");
          }
        }
        route();
      }
    }
    flush();
  }

  synchronized List<Conn> connsOf(String login) {
    return conns.stream().filter(c -> c.session != null && c.session.user.login().equals(login)).toList();
  }

  // ------------------------------------------------------------------ visibility and subscriptions

  boolean visible(DemoAccount.User u, Conv c) {
    if (c.involves(u.legacyId())) {
      return true;
    }
    if (!u.isManager() || !c.open()) {
      return false;
    }
    List<DemoAccount.User> team = DemoAccount.teamOf(u);
    Conv.Part a = c.assigned();
    if (a != null) {
      return team.stream().anyMatch(t -> t.legacyId().equals(a.id));
    }
    long skill = routingSkill(c);
    return team.stream().anyMatch(t -> t.skillIds().contains(skill));
  }

  /**
   * True while {@code u} is being offered {@code c} (a WAITING ring). LivePerson's material does
   * not forbid the ringed agent from reading the consumer and the messages so far, and a ring
   * banner needs them; the access ends with the ring.
   */
  boolean ringedWaiting(DemoAccount.User u, Conv c) {
    for (Ring r : rings.values()) {
      if (r.convId.equals(c.id) && r.agentId.equals(u.legacyId()) && "WAITING".equals(r.state)) {
        return true;
      }
    }
    return false;
  }

  static long routingSkill(Conv c) {
    return c.skillId == DemoAccount.SKILL_UNASSIGNED ? DemoAccount.DEFAULT_SKILL : c.skillId;
  }

  boolean matches(JsonNode f, Conv c) {
    if (f == null || f.isNull()) {
      return true;
    }
    ArrayNode states = Json.asArray(f.get("convState"));
    if (!states.isEmpty() && !contains(states, c.state)) {
      return false;
    }
    ArrayNode stages = Json.asArray(f.has("stage") ? f.get("stage") : f.get("convStage"));
    if (!stages.isEmpty() && !contains(stages, c.stage)) {
      return false;
    }
    ArrayNode ids = Json.asArray(f.get("agentIds"));
    List<String> wanted = new ArrayList<>();
    ids.forEach(n -> {
      if (!n.asText().isEmpty()) {
        wanted.add(n.asText());
      }
    });
    if (!wanted.isEmpty()) {
      boolean any = false;
      for (Conv.Part p : c.parts) {
        if (!"CONSUMER".equals(p.role) && (wanted.contains(p.id) || wanted.contains(p.pid))) {
          any = true;
        }
      }
      if (!any) {
        return false;
      }
    }
    if (f.hasNonNull("minLastUpdatedTime") && c.lastUpdate < f.get("minLastUpdatedTime").asLong()) {
      return false;
    }
    if (f.hasNonNull("maxLastUpdatedTime") && c.lastUpdate > f.get("maxLastUpdatedTime").asLong()) {
      return false;
    }
    if (f.hasNonNull("consumerId") && !f.get("consumerId").asText().equals(c.consumerId)) {
      return false;
    }
    if (f.hasNonNull("maxETTR")) {
      long e = c.effectiveTtr();
      if (e < 0 || e > f.get("maxETTR").asLong()) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(ArrayNode a, String v) {
    for (JsonNode n : a) {
      if (n.asText().equals(v)) {
        return true;
      }
    }
    return false;
  }

  ObjectNode agentResult(Conv c) {
    ObjectNode r = Json.obj();
    r.put("convId", c.id);
    r.put("effectiveTTR", c.effectiveTtr());
    r.put("lastUpdateTime", c.lastUpdate);
    ObjectNode unread = r.putObject("numberOfunreadMessages");
    for (Conv.Part p : c.parts) {
      if ("ACTIVE".equals(p.state)) {
        unread.put(p.id, c.unreadFor(p.id, "CONSUMER".equals(p.role)));
      }
    }
    r.set("conversationDetails", c.agentDetails());
    ObjectNode last = c.lastContentEvent();
    if (last != null) {
      r.set("lastContentEventNotification", last.deepCopy());
    }
    return r;
  }

  ObjectNode consumerResult(Conv c) {
    ObjectNode r = Json.obj();
    r.put("convId", c.id);
    r.put("effectiveTTR", c.effectiveTtr());
    r.put("lastUpdateTime", c.lastUpdate);
    r.set("conversationDetails", c.consumerDetails());
    return r;
  }

  /** Snapshot of everything a new subscription matches (decisions.md #5: possibly empty). */
  void sendSnapshot(Conn conn, ConvSub sub) {
    ObjectNode body = Json.obj();
    body.put("subscriptionId", sub.id);
    ArrayNode changes = body.putArray("changes");
    for (Conv c : convs.values()) {
      if (subMatches(conn, sub, c)) {
        sub.matched.add(c.id);
        changes.addObject().put("type", "UPSERT")
            .set("result", conn.kind == Conn.Kind.AGENT ? agentResult(c) : consumerResult(c));
      }
    }
    if (changes.isEmpty() && conn.kind == Conn.Kind.AGENT && !emptyFirstNotification) {
      return; // LivePerson documents the immediate notification for routing tasks only
    }
    emit(conn, notification(conn.kind == Conn.Kind.AGENT
        ? ".ams.aam.ExConversationChangeNotification" : "cqm.ExConversationChangeNotification", body));
  }

  private boolean subMatches(Conn conn, ConvSub sub, Conv c) {
    if (conn.kind == Conn.Kind.AGENT) {
      return visible(conn.session.user, c) && matches(sub.filter, c);
    }
    return c.consumerId.equals(conn.consumerId) && matches(sub.filter, c);
  }

  /** Records a change of {@code c} and tells every subscription that sees (or saw) it. */
  void touch(Conv c) {
    c.lastUpdate = Math.max(now(), c.lastUpdate + 1);
    dirty.add(c);
    for (Conn conn : conns) {
      for (ConvSub sub : conn.convSubs.values()) {
        boolean m = subMatches(conn, sub, c);
        String type;
        if (m) {
          sub.matched.add(c.id);
          type = "UPSERT";
        } else if (sub.matched.remove(c.id)) {
          type = "DELETE";
        } else {
          continue;
        }
        ObjectNode body = Json.obj();
        body.put("subscriptionId", sub.id);
        body.putArray("changes").addObject().put("type", type)
            .set("result", conn.kind == Conn.Kind.AGENT ? agentResult(c) : consumerResult(c));
        emit(conn, notification(conn.kind == Conn.Kind.AGENT
            ? ".ams.aam.ExConversationChangeNotification" : "cqm.ExConversationChangeNotification", body));
      }
    }
  }

  // ------------------------------------------------------------------ messaging events

  record Originator(String id, String pid, String role) {}

  Originator originatorFor(DemoAccount.User u, Conv c) {
    Conv.Part p = c.partOf(u.legacyId());
    return new Originator(u.legacyId(), u.pid(), p == null ? "ASSIGNED_AGENT" : p.role);
  }

  static Originator consumerOriginator(Conv c) {
    return new Originator(c.consumerId, c.consumerId, "CONSUMER");
  }

  /** Stores (unless typing), distributes and returns the sequence (0 for chat states). */
  int publish(Conv c, Conv.Dialog d, Originator o, JsonNode event, JsonNode metadata, String audience) {
    String type = event.path("type").asText();
    boolean chatState = type.equals("ChatStateEvent");
    boolean content = type.equals("ContentEvent") || type.equals("RichContentEvent");
    long now = now();
    ObjectNode e = Json.obj();
    int seq = 0;
    if (!chatState) {
      seq = d.nextSeq++;
      e.put("sequence", seq);
    }
    e.put("originatorId", o.id());
    e.put("originatorPId", o.pid());
    e.putObject("originatorMetadata").put("id", o.pid()).put("role", o.role());
    if (!chatState) {
      e.put("serverTimestamp", now);
    }
    e.set("event", event.deepCopy());
    e.put("dialogId", d.dialogId);
    e.put("conversationId", c.id);
    if (metadata != null && metadata.isArray()) {
      e.set("metadata", metadata.deepCopy());
    }
    if (audience != null) {
      e.put("messageAudience", audience);
    }
    if (!chatState) {
      d.events.add(e);
    }
    boolean fromConsumer = "CONSUMER".equals(o.role());
    if (content && !"AGENTS_AND_MANAGERS".equals(audience)) {
      c.lastActivity = now;
      if (fromConsumer) {
        if (c.pendingSince < 0) {
          c.pendingSince = now;
        }
      } else {
        c.pendingSince = -1;
      }
    }
    if (type.equals("AcceptStatusEvent") && "READ".equals(event.path("status").asText())) {
      int max = -1;
      for (JsonNode n : event.path("sequenceList")) {
        max = Math.max(max, n.asInt());
      }
      String reader = fromConsumer ? c.consumerId : o.id();
      c.readUpTo.merge(reader, max, Math::max);
    }
    distribute(c, e);
    if (content || (type.equals("AcceptStatusEvent") && "READ".equals(event.path("status").asText()))) {
      touch(c);
    } else if (!chatState) {
      dirty.add(c);
    }
    return seq;
  }

  private void distribute(Conv c, ObjectNode e) {
    Set<String> agentIds = new HashSet<>();
    for (Conv.Part p : c.parts) {
      if (!"CONSUMER".equals(p.role) && "ACTIVE".equals(p.state)) {
        agentIds.add(p.id);
      }
    }
    ObjectNode forConsumer = null;
    for (Conn conn : conns) {
      if (conn.kind == Conn.Kind.AGENT) {
        if (conn.session != null && agentIds.contains(conn.session.user.legacyId())) {
          emit(conn, notification(".ams.ms.OnlineEventDistribution", e.deepCopy()));
        }
      } else if (c.consumerId.equals(conn.consumerId) && conn.dialogSubs.contains(e.get("dialogId").asText())
          && !Conv.isPrivate(e)) {
        if (forConsumer == null) {
          forConsumer = Conv.forConsumer(e);
        }
        ObjectNode body = Json.obj();
        body.putArray("changes").add(forConsumer.deepCopy());
        emit(conn, notification("ms.MessagingEventNotification", body));
      }
    }
  }

  // ------------------------------------------------------------------ conversations

  Conv conv(String id) {
    Conv c = id == null ? null : convs.get(id);
    if (c == null) {
      throw new Fail(404, "conversation " + id + " not found");
    }
    return c;
  }

  /** Finds the dialog by id (MAIN dialog id = conversation id). */
  Conv convOfDialog(String dialogId, String convId) {
    if (convId != null && convs.containsKey(convId)) {
      return convs.get(convId);
    }
    if (dialogId != null && convs.containsKey(dialogId)) {
      return convs.get(dialogId);
    }
    for (Conv c : convs.values()) {
      if (dialogId != null && c.dialog(dialogId) != null) {
        return c;
      }
    }
    throw new Fail(404, "dialog " + dialogId + " not found");
  }

  ConsumerInfo consumer(String id) {
    return consumers.computeIfAbsent(id, k -> {
      ConsumerInfo ci = new ConsumerInfo();
      ci.id = k;
      ci.firstName = "Visitor";
      ci.lastName = k.substring(0, Math.min(6, k.length()));
      return ci;
    });
  }

  Conv openConvOf(String consumerId) {
    for (Conv c : convsOfConsumer.getOrDefault(consumerId, List.of())) {
      if (c.open()) {
        return c;
      }
    }
    return null;
  }

  private void putConv(Conv c) {
    convs.put(c.id, c);
    convsOfConsumer.computeIfAbsent(c.consumerId, k -> new ArrayList<>(1)).add(c);
  }

  int ttrFor(long skillId, String type, Integer custom) {
    DemoAccount.Skill s = DemoAccount.skill(skillId).orElse(DemoAccount.skill(DemoAccount.DEFAULT_SKILL).get());
    return switch (type) {
      case "URGENT" -> custom != null && custom > 0 ? custom : s.slaUrgent();
      case "PRIORITIZED" -> s.slaFirstTime();
      case "CUSTOM" -> custom == null ? s.slaDefault() : custom;
      default -> s.slaDefault();
    };
  }

  /** Opens a conversation for a consumer on a skill and queues it. */
  Conv createConv(String consumerId, long skillId, String ttrType, ObjectNode context, String source) {
    Conv c = newConv(consumerId, skillId, ttrType, context, source);
    enqueue(c, false);
    touch(c);
    route();
    return c;
  }

  /** A new open conversation with only the consumer in it, not queued, nothing sent yet. */
  Conv newConv(String consumerId, long skillId, String ttrType, ObjectNode context, String source) {
    if (openConvOf(consumerId) != null) {
      throw new Fail(400, "the consumer already has an open conversation");
    }
    long now = now();
    Conv c = new Conv();
    c.id = newId();
    c.consumerId = consumerId;
    c.skillId = skillId;
    c.startTs = now;
    c.lastActivity = now;
    c.source = source == null ? "APP" : source;
    c.firstConversation = !convsOfConsumer.containsKey(consumerId);
    c.ttrType = ttrType == null ? "NORMAL" : ttrType;
    c.ttrValue = ttrFor(skillId, c.ttrType, null);
    c.context = context;
    c.routingTaskId = newId();
    Conv.Dialog d = new Conv.Dialog();
    d.dialogId = c.id;
    d.creationTs = now;
    d.metaDataLastUpdateTs = now;
    c.dialogs.add(d);
    c.parts.add(new Conv.Part("CONSUMER", consumerId, consumerId, "ACTIVE", now));
    putConv(c);
    return c;
  }

  void enqueue(Conv c, boolean atEnd) {
    long now = now();
    c.queuedSince = now;
    c.enqueueSeq = ++enqueueCounter;
    long due = c.effectiveTtr() > 0 ? c.effectiveTtr() : now + c.ttrValue * 1000L;
    if (atEnd) {
      long max = due;
      for (Conv o : convs.values()) {
        if (o != c && o.queued() && routingSkill(o) == routingSkill(c)) {
          max = Math.max(max, o.queueKey() + 1);
        }
      }
      c.queueRank = max;
    } else {
      c.queueRank = due;
    }
    c.rankPinned = atEnd;
  }

  void close(Conv c, String reason, String closedBy) {
    if (!c.open()) {
      throw new Fail(400, "conversation is already closed");
    }
    long now = now();
    c.state = "CLOSE";
    c.stage = "CLOSE";
    c.endTs = now;
    c.closeReason = reason;
    for (Conv.Dialog d : c.dialogs) {
      if ("OPEN".equals(d.state)) {
        d.state = "CLOSE";
        d.endTs = now;
        d.closedBy = closedBy;
        d.closedCause = switch (reason) {
          case "TIMEOUT" -> "Auto close";
          case "CONSUMER" -> "Closed by consumer";
          default -> "Closed by agent";
        };
        d.metaDataLastUpdateTs = now;
      }
    }
    c.parts.removeIf(p -> "SUGGESTED".equals(p.state));
    for (Ring r : List.copyOf(rings.values())) {
      if (r.convId.equals(c.id)) {
        finishRing(r, "CANCELLED");
      }
    }
    c.queuedSince = -1;
    touch(c);
    route();
  }

  void backToQueue(Conv c, String byAgent, String reason) {
    Conv.Part a = c.assigned();
    long now = now();
    Conv.Transfer t = new Conv.Transfer();
    t.timeL = now;
    t.reason = reason;
    t.sourceSkillId = c.skillId;
    t.targetSkillId = c.skillId;
    t.sourceAgentId = a == null ? null : a.id;
    t.by = byAgent;
    c.transfers.add(t);
    if (a != null) {
      c.parts.remove(a);
    }
    c.returnedBy = a == null ? byAgent : a.id;
    c.rejectedBy.clear();
    c.lastActivity = now;
    enqueue(c, true);
  }

  // ------------------------------------------------------------------ routing

  int load(AgentRt a) {
    int n = 0;
    for (Conv c : convs.values()) {
      Conv.Part p = c.assigned();
      if (c.open() && p != null && p.id.equals(a.user.legacyId())) {
        n++;
      }
    }
    for (Ring r : rings.values()) {
      if (r.agentId.equals(a.user.legacyId())) {
        n++;
      }
    }
    return n;
  }

  boolean ringing(Conv c) {
    return rings.values().stream().anyMatch(r -> r.convId.equals(c.id));
  }

  /** Open assigned conversations plus waiting rings, per agent id, in one pass. */
  private Map<String, Integer> loads() {
    Map<String, Integer> loads = new HashMap<>();
    for (Conv c : convs.values()) {
      if (c.open()) {
        Conv.Part p = c.assigned();
        if (p != null) {
          loads.merge(p.id, 1, Integer::sum);
        }
      }
    }
    for (Ring r : rings.values()) {
      loads.merge(r.agentId, 1, Integer::sum);
    }
    return loads;
  }

  /**
   * ONLINE agents take everything; OCCUPIED ones (the SDK's "routing tasks for incoming transfers
   * only") take transfers; BACK_SOON and AWAY ones take nothing.
   */
  static boolean takesTransfers(AgentRt a) {
    return a.availability.equals("ONLINE") || a.availability.equals("OCCUPIED");
  }

  /** Offers queued conversations, most urgent first, to eligible agents. */
  void route() {
    // every change that may free or fill a slot routes; with no agent that could take anything
    // (none online or occupied and connected) there is nothing to sort or count, which keeps a
    // bulk return of thousands from scanning the whole account once per conversation
    if (agents.values().stream().noneMatch(a -> takesTransfers(a) && a.routable())) {
      return;
    }
    List<Conv> queue = convs.values().stream()
        .filter(c -> c.queued() && !ringing(c))
        .sorted(Comparator.comparingLong(Conv::queueKey).thenComparingLong(c -> c.enqueueSeq))
        .toList();
    if (queue.isEmpty()) {
      return;
    }
    Map<String, Integer> loads = loads();
    java.util.function.ToIntFunction<AgentRt> load = a -> loads.getOrDefault(a.user.legacyId(), 0);
    for (Conv c : queue) {
      Conv.Part sug = c.suggested();
      if (sug != null) {
        AgentRt a = agents.get(sug.id);
        if (a != null && takesTransfers(a) && a.routable() && load.applyAsInt(a) < slots(a)) {
          ring(c, a, true);
          loads.merge(a.user.legacyId(), 1, Integer::sum);
        }
        continue;
      }
      long skill = routingSkill(c);
      boolean transfer = c.inTransfer();
      List<AgentRt> eligible = agents.values().stream()
          .filter(a -> (a.availability.equals("ONLINE") || (transfer && takesTransfers(a))) && a.routable()
              && a.user.skillIds().contains(skill) && load.applyAsInt(a) < slots(a))
          .toList();
      if (eligible.isEmpty()) {
        continue;
      }
      List<AgentRt> preferred = eligible.stream()
          .filter(a -> !c.rejectedBy.contains(a.user.legacyId()) && !a.user.legacyId().equals(c.returnedBy))
          .toList();
      List<AgentRt> pool = preferred.isEmpty() ? eligible : preferred;
      AgentRt best = pool.stream().min(Comparator
          .comparingDouble((AgentRt a) -> (double) load.applyAsInt(a) / slots(a))
          .thenComparingLong(a -> a.lastAssignedAt)
          .thenComparing(a -> a.user.login())).get();
      ring(c, best, false);
      loads.merge(best.user.legacyId(), 1, Integer::sum);
    }
  }

  private void ring(Conv c, AgentRt a, boolean targeted) {
    long now = now();
    Ring r = new Ring();
    r.ringId = c.id + "_" + DemoAccount.ACCOUNT_ID + "_" + now + "_" + (++idCounter);
    r.convId = c.id;
    r.agentId = a.user.legacyId();
    r.createdAt = now;
    r.expiresAt = now + cfg.ringTimeout().toMillis();
    r.targeted = targeted;
    rings.put(r.ringId, r);
    notifyRing(r, "UPSERT", false);
  }

  private void notifyRing(Ring r, String changeType, boolean completed) {
    AgentRt a = agents.get(r.agentId);
    for (Conn conn : a.conns) {
      for (String subId : conn.routingSubs) {
        emit(conn, notification(".ams.routing.RoutingTaskNotification", ringBody(r, subId, changeType, completed)));
      }
    }
  }

  /** The first notification of a routing-task subscription: every ring now waiting for this agent. */
  void routingSnapshot(Conn conn, String agentId, String subId) {
    ObjectNode body = Json.obj();
    body.put("subscriptionId", subId);
    ArrayNode changes = body.putArray("changes");
    for (Ring r : rings.values()) {
      if (r.agentId.equals(agentId)) {
        changes.add(ringChange(r, "UPSERT", false));
      }
    }
    emit(conn, notification(".ams.routing.RoutingTaskNotification", body));
  }

  private ObjectNode ringBody(Ring r, String subId, String changeType, boolean completed) {
    ObjectNode body = Json.obj();
    body.put("subscriptionId", subId);
    body.putArray("changes").add(ringChange(r, changeType, completed));
    return body;
  }

  private ObjectNode ringChange(Ring r, String changeType, boolean completed) {
    Conv c = convs.get(r.convId);
    ObjectNode change = Json.obj().put("type", changeType);
    ObjectNode res = change.putObject("result");
    res.put("routingTaskId", c.routingTaskId);
    res.put("brandId", DemoAccount.ACCOUNT_ID);
    res.put("assignedAgentId", completed ? r.agentId : "");
    res.put("taskCompleted", completed);
    res.put("conversationId", c.id);
    res.put("consumerId", c.consumerId);
    res.put("skillId", String.valueOf(c.skillId));
    ObjectNode rd = res.putArray("ringsDetails").addObject();
    rd.put("ringId", r.ringId);
    rd.put("ringState", r.state);
    rd.put("ringExpiration", cfg.ringTimeout().toMillis());
    rd.put("ringExpirationTs", r.expiresAt);
    rd.put("weight", 1);
    rd.put("brandId", DemoAccount.ACCOUNT_ID);
    rd.put("convId", c.id);
    rd.put("consumerId", c.consumerId);
    rd.put("skillId", String.valueOf(c.skillId));
    return change;
  }

  /** decisions.md #8: final UPSERT with the ring's end state, then a DELETE of the task. */
  void finishRing(Ring r, String state) {
    rings.remove(r.ringId);
    r.state = state;
    notifyRing(r, "UPSERT", state.equals("ACCEPTED"));
    notifyRing(r, "DELETE", state.equals("ACCEPTED"));
    Conv c = convs.get(r.convId);
    if (c == null || !c.open()) {
      return;
    }
    if (!state.equals("ACCEPTED")) {
      c.rejectedBy.add(r.agentId);
      if (r.targeted) {
        dropSuggestion(c);
      }
    }
  }

  void dropSuggestion(Conv c) {
    Conv.Part s = c.suggested();
    if (s != null) {
      c.parts.remove(s);
      enqueue(c, true);
      touch(c);
    }
  }

  void accept(DemoAccount.User u, String ringId) {
    Ring r = rings.get(ringId);
    if (r == null) {
      throw new Fail(404, "ring " + ringId + " not found or no longer waiting");
    }
    if (!r.agentId.equals(u.legacyId())) {
      throw new Fail(403, "ring " + ringId + " is not offered to this agent");
    }
    Conv c = convs.get(r.convId);
    finishRing(r, "ACCEPTED");
    long now = now();
    Conv.Part s = c.suggested();
    if (r.targeted && s != null && s.id.equals(u.legacyId())) {
      s.state = "ACTIVE";
      s.since = now;
    } else {
      c.parts.add(new Conv.Part("ASSIGNED_AGENT", u.legacyId(), u.pid(), "ACTIVE", now));
    }
    c.queuedSince = -1;
    c.returnedBy = null;
    c.rejectedBy.clear();
    c.lastActivity = now;
    agents.get(u.legacyId()).lastAssignedAt = now;
    touch(c);
  }

  void reject(DemoAccount.User u, String ringId) {
    Ring r = rings.get(ringId);
    if (r == null) {
      throw new Fail(404, "ring " + ringId + " not found or no longer waiting");
    }
    if (!r.agentId.equals(u.legacyId())) {
      throw new Fail(403, "ring " + ringId + " is not offered to this agent");
    }
    finishRing(r, "REJECTED");
  }

  // ------------------------------------------------------------------ timers

  /** Runs everything that is due at the clock's current time. */
  synchronized void tick() {
    long now = now();
    for (Ring r : List.copyOf(rings.values())) {
      if (r.expiresAt <= now) {
        finishRing(r, "EXPIRED");
      }
    }
    for (Conv c : List.copyOf(convs.values())) {
      if (!c.open()) {
        continue;
      }
      Conv.Part s = c.suggested();
      if (s != null && !ringing(c)) {
        AgentRt a = agents.get(s.id);
        boolean reachable = a != null && !a.availability.equals("OFFLINE") && !a.availability.equals("AWAY")
            && a.routable();
        if (!reachable && now - s.since >= cfg.transferFallback().toMillis()) {
          dropSuggestion(c);
        }
      }
      if (c.assigned() != null && c.pendingSince < 0 && c.manualEttr == null
          && now - c.lastActivity >= cfg.autoCloseAfter().toMillis()) {
        close(c, "TIMEOUT", "SYSTEM");
      }
    }
    tickHooks.forEach(Runnable::run);
    auth.purge();
    for (Conn conn : List.copyOf(conns)) {
      if (conn.session != null && !conn.session.alive(clock.instant())) {
        conn.close(4401, "session expired");
      }
    }
    route();
    flush();
  }

  // ------------------------------------------------------------------ agent state

  void setAvailability(AgentRt a, String availability) {
    if (!a.availability.equals(availability)) {
      a.availability = availability;
      a.availabilitySince = now();
    }
    for (Conn conn : a.conns) {
      for (String sub : conn.stateSubs) {
        emit(conn, notification(".ams.routing.AgentStateNotification", agentStateBody(sub, a)));
      }
    }
    route();
  }

  ObjectNode agentStateBody(String sub, AgentRt a) {
    ObjectNode body = Json.obj();
    body.put("subscriptionId", sub);
    body.putArray("changes").addObject().put("type", "UPSERT").putObject("result")
        .put("agentUserId", a.user.legacyId())
        .put("availability", a.availability)
        .put("description", "")
        .putArray("channels").add("MESSAGING");
    return body;
  }

  Optional<AgentRt> agentByAnyId(String id) {
    return DemoAccount.userByAnyId(id).or(() -> LoadAgents.byAnyId(id, cfg.loadAgents()))
        .map(u -> agents.get(u.legacyId()));
  }
}
