package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.SimFixture;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.CannedResponse;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Dialog;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Role;
import dev.lpa.core.testkit.Await;
import dev.lpa.sim.DemoAccount;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every workspace operation against the real simulator (TLS, in-process). One simulator for
 * the class; each test logs in its own agent and the consumer side closes what is left after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspaceSimTest {
  @TempDir static Path dir;
  SimFixture f;
  final List<Workspace> open = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() throws Exception {
    f = new SimFixture(dir);
  }

  @AfterAll
  void stop() throws Exception {
    List<String> problems = f.frameProblems();
    long checked = f.framesWithSchema();
    f.close();
    assertThat(checked).as("frames checked against a schema").isGreaterThan(20);
    assertThat(problems).as("frames that do not match LivePerson's schemas").isEmpty();
  }

  @AfterEach
  void cleanUp() {
    for (Workspace w : open) {
      w.close();
    }
    open.clear();
    for (String id : f.admin().openConversations()) {
      try {
        f.admin().consumerCloses(id);
      } catch (IllegalArgumentException e) {
        // already closed
      }
    }
  }

  DefaultWorkspace agent(String login) throws Exception {
    DefaultWorkspace w = f.open(login);
    open.add(w);
    return w;
  }

  static <T> T get(CompletableFuture<T> fut) throws Exception {
    return fut.get(10, TimeUnit.SECONDS);
  }

  static LpaException failure(CompletableFuture<?> fut) {
    try {
      fut.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return LpaException.from(e);
    }
    throw new AssertionError("expected a failure");
  }

  /** A new consumer writes on the skill; the (ONLINE) agent accepts the ring. */
  String accepted(DefaultWorkspace w, long skill, String consumer, String... msgs) throws Exception {
    String conv = f.admin().createConversation(skill, consumer, List.of(msgs));
    WorkspaceState s = SimFixture.await(w, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
    String ring = s.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst().orElseThrow().ringId();
    Conversation c = get(w.acceptRing(ring));
    assertThat(c.myRole()).isEqualTo(Role.ASSIGNED_AGENT);
    assertThat(c.consumer().displayName()).isEqualTo(consumer);
    SimFixture.await(w, st -> st.messagesOf(conv).size() >= msgs.length);
    return conv;
  }

  static List<String> texts(WorkspaceState s, String conv) {
    return s.messagesOf(conv).stream().filter(m -> m.content() instanceof Message.Text)
        .map(m -> ((Message.Text) m.content()).text()).toList();
  }

  @Test
  void chatWithReceiptsTypingAndReadMarks() throws Exception {
    DefaultWorkspace w = agent("agent1");
    List<WorkspaceEvent> events = new CopyOnWriteArrayList<>();
    w.onEvent(events::add);
    get(w.setAgentState(AgentState.ONLINE));
    SimFixture.await(w, s -> s.agentState() == AgentState.ONLINE);
    assertThat(f.admin().agentState("agent1")).isEqualTo("ONLINE");

    String conv = accepted(w, DemoAccount.SKILL_GENERAL, "Olivia Martin", "my order is late", "order 1234");
    assertThat(events).anyMatch(e -> e instanceof WorkspaceEvent.RingOffered r && r.ring().conversationId().equals(conv));
    WorkspaceState s = SimFixture.await(w, st -> st.conversations().get(conv).consumer().firstName() != null);
    Conversation c = s.conversations().get(conv);
    assertThat(c.consumer().displayName()).isEqualTo("Olivia Martin");
    assertThat(c.skillName()).isEqualTo("General");
    assertThat(c.unread()).isEqualTo(2);
    assertThat(c.effectiveTtr()).isNotNull();

    Message sent = get(w.sendText(conv.substring(0, 8), "Let me check that for you."));
    assertThat(sent.sequence()).isPositive();
    assertThat(sent.delivery()).isIn(Message.Delivery.SENT, Message.Delivery.DELIVERED, Message.Delivery.READ);
    assertThat(texts(w.state(), conv)).containsExactly("my order is late", "order 1234", "Let me check that for you.");
    assertThat(w.state().messagesOf(conv)).extracting(Message::senderName)
        .containsExactly("Olivia Martin", "Olivia Martin", "Maya");
    s = SimFixture.await(w, st -> st.conversations().get(conv).effectiveTtr() == null);

    f.admin().consumerTyping(conv, true);
    SimFixture.await(w, st -> st.consumerTyping().contains(conv));
    f.admin().consumerTyping(conv, false);
    SimFixture.await(w, st -> !st.consumerTyping().contains(conv));

    f.admin().consumerReads(conv);
    SimFixture.await(w, st -> st.messagesOf(conv).stream().anyMatch(m -> m.sequence() == sent.sequence()
        && m.delivery() == Message.Delivery.READ));
    assertThat(events).anyMatch(e -> e instanceof WorkspaceEvent.DeliveryChanged d
        && d.message().delivery() == Message.Delivery.READ);

    get(w.markRead(conv));
    SimFixture.await(w, st -> st.conversations().get(conv).unread() == 0);
    get(w.setTyping(conv, true));
    get(w.setTyping(conv, false));

    // the history query gives the same messages, not doubled
    List<Message> loaded = get(w.loadMessages(conv));
    assertThat(loaded.stream().filter(m -> m.content() instanceof Message.Text)).hasSize(3);
  }

  @Test
  void ringsAreAcceptedOneAtATimeAndCanBeRejected() throws Exception {
    DefaultWorkspace w = agent("agent2");
    get(w.setAgentState(AgentState.ONLINE));
    SimFixture.await(w, s -> s.agentState() == AgentState.ONLINE);
    String a = f.admin().createConversation(DemoAccount.SKILL_GENERAL, "Kenji Watanabe", List.of("hi"));
    String b = f.admin().createConversation(DemoAccount.SKILL_GENERAL, "Fatima Zahra", List.of("hello"));
    WorkspaceState s = SimFixture.await(w, st -> st.rings().size() >= 2);
    String ra = s.rings().stream().filter(r -> r.conversationId().equals(a)).findFirst().orElseThrow().ringId();
    String rb = s.rings().stream().filter(r -> r.conversationId().equals(b)).findFirst().orElseThrow().ringId();

    // the banner names who waits before anything is accepted: the ring itself carries only ids
    // (the ringed agent may read the consumer's profile and, while the ring waits, the dialog)
    s = SimFixture.await(w, st -> st.ringDetails().containsKey(a) && st.ringDetails().containsKey(b)
        && st.ringDetails().get(a).consumer().firstName() != null && st.ringDetails().get(b).consumer().firstName() != null
        && st.ringDetails().get(a).lastConsumerMessage() != null);
    dev.lpa.core.model.Ring ringA = s.rings().stream().filter(r -> r.ringId().equals(ra)).findFirst().orElseThrow();
    assertThat(s.conversations()).doesNotContainKey(a);
    assertThat(s.ringDetailsOf(ringA).consumer().displayName()).isEqualTo("Kenji Watanabe");
    assertThat(s.ringDetailsOf(ringA).skillName()).isEqualTo("General");
    assertThat(s.ringDetailsOf(ringA).lastConsumerMessage().excerpt()).isEqualTo("hi");
    assertThat(s.messagesOf(a)).as("a look-up is not history: nothing is stored for a conversation not taken").isEmpty();
    assertThat(get(w.consumerProfile(b)).displayName()).isEqualTo("Fatima Zahra");

    // the first accept stays in flight until its assignment is reduced on the workspace's thread:
    // a listener holding that thread keeps it there, so the second call meets it however fast
    // the simulator answers (on a busy machine the test thread can lose the core for long enough)
    java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
    AutoCloseable holding = w.onState(st -> {
      try {
        hold.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    CompletableFuture<Conversation> first = w.acceptRing(ra);
    LpaException second = failure(w.acceptRing(rb));
    holding.close();
    hold.countDown();
    assertThat(second.kind()).isEqualTo(Kind.INVALID);
    assertThat(get(first).id()).isEqualTo(a);

    get(w.rejectRing(rb));
    SimFixture.await(w, st -> st.rings().stream().noneMatch(r -> r.ringId().equals(rb) && r.waiting()));
    assertThat(w.state().conversations()).containsKey(a).doesNotContainKey(b);
    // details go with their rings (b may ring this agent again: nobody else is eligible)
    SimFixture.await(w, st -> !st.ringDetails().containsKey(a));
    assertThat(failure(w.acceptRing("no-such-ring")).kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void transferToSkillReturnToQueueAndCloseRemoveOrCloseTheConversation() throws Exception {
    DefaultWorkspace w = agent("agent1");
    get(w.setAgentState(AgentState.ONLINE));
    String t = accepted(w, DemoAccount.SKILL_SALES, "Lucas Moreau", "upgrade please");
    String q = accepted(w, DemoAccount.SKILL_GENERAL, "Sofia Rossi", "question");
    String c = accepted(w, DemoAccount.SKILL_GENERAL, "Noah Thompson", "thanks, bye");
    List<WorkspaceEvent> events = new CopyOnWriteArrayList<>();
    w.onEvent(events::add);
    // offline, so the requeued and transferred conversations do not ring this agent again
    get(w.setAgentState(AgentState.AWAY));

    get(w.transferToSkill(t, String.valueOf(DemoAccount.SKILL_BILLING), "customer wants a refund"));
    SimFixture.await(w, s -> !s.conversations().containsKey(t));
    get(w.returnToQueue(q));
    SimFixture.await(w, s -> !s.conversations().containsKey(q));
    get(w.close(c));
    WorkspaceState s = SimFixture.await(w, st -> st.conversations().containsKey(c) && !st.conversations().get(c).open());
    assertThat(s.conversations().get(c).closeReason()).isEqualTo("AGENT");
    assertThat(events).filteredOn(e -> e instanceof WorkspaceEvent.ConversationRemoved).hasSizeGreaterThanOrEqualTo(3);
    assertThat(failure(w.close(c)).kind()).isEqualTo(Kind.INVALID);

    // the closed conversation is found in history, back to one day for "my" conversations
    List<Workspace.ConversationWithMessages> closed = get(w.searchClosed(ClosedSearch.myLastDay()));
    assertThat(closed).anySatisfy(h -> {
      assertThat(h.conversation().id()).isEqualTo(c);
      assertThat(h.messages()).isNotEmpty();
    });
    assertThat(failure(w.searchClosed(new ClosedSearch(null, Duration.ofDays(91), false, 10))).kind())
        .isEqualTo(Kind.INVALID);
  }

  @Test
  void transferToAnAgentRingsThatAgent() throws Exception {
    DefaultWorkspace a1 = agent("agent1");
    get(a1.setAgentState(AgentState.ONLINE));
    String conv = accepted(a1, DemoAccount.SKILL_GENERAL, "Olivia Martin", "please transfer me");
    get(a1.setAgentState(AgentState.AWAY));
    DefaultWorkspace a2 = agent("agent2");
    get(a2.setAgentState(AgentState.ONLINE));
    SimFixture.await(a2, s -> s.agentState() == AgentState.ONLINE);

    assertThat(failure(a1.transferToAgent(conv, "nobody-by-that-name", null)).kind()).isEqualTo(Kind.NOT_FOUND);
    // by login name, as users type it
    get(a1.transferToAgent(conv, "agent2", "over to you"));
    WorkspaceState s = SimFixture.await(a2, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv)));
    dev.lpa.core.model.Ring offered = s.rings().stream().filter(r -> r.conversationId().equals(conv)).findFirst()
        .orElseThrow();
    assertThat(offered.transfer() || !s.conversations().containsKey(conv)).isTrue();
    // a suggested agent may read the dialog: the banner's excerpt is the consumer's last words,
    // never the private note
    s = SimFixture.await(a2, st -> st.rings().stream().anyMatch(r -> r.conversationId().equals(conv))
        && st.ringDetailsOf(offered).lastConsumerMessage() != null
        && st.ringDetailsOf(offered).consumer().firstName() != null);
    assertThat(s.ringDetailsOf(offered).lastConsumerMessage().excerpt()).isEqualTo("please transfer me");
    assertThat(s.ringDetailsOf(offered).consumer().displayName()).isEqualTo("Olivia Martin");
    Conversation c = get(a2.acceptRing(offered.ringId()));
    assertThat(c.myRole()).isEqualTo(Role.ASSIGNED_AGENT);
    SimFixture.await(a1, st -> !st.conversations().containsKey(conv));

    // the transfer note reaches the next agent as a private note; the consumer's words do not
    List<Message> history = get(a2.loadMessages(conv));
    Message note = history.stream().filter(m -> m.excerpt().equals("over to you")).findFirst().orElseThrow();
    assertThat(note.isPrivate()).isTrue();
    assertThat(note.audience()).isEqualTo(Message.Audience.AGENTS_AND_MANAGERS);
    assertThat(history.stream().filter(m -> m.excerpt().equals("please transfer me")).findFirst().orElseThrow()
        .isPrivate()).isFalse();
    // and so it stays in the conversation history (REST), once closed
    get(a2.close(conv));
    List<Workspace.ConversationWithMessages> closed = get(a2.searchClosed(ClosedSearch.myLastDay()));
    assertThat(closed).anySatisfy(h -> {
      assertThat(h.conversation().id()).isEqualTo(conv);
      assertThat(h.messages()).filteredOn(m -> m.excerpt().equals("over to you")).singleElement()
          .satisfies(m -> assertThat(m.isPrivate()).isTrue());
      assertThat(h.messages()).filteredOn(m -> m.excerpt().equals("please transfer me")).singleElement()
          .satisfies(m -> assertThat(m.isPrivate()).isFalse());
    });
  }

  @Test
  void urgentManualDueTimeAndOverdueFromTheClock() throws Exception {
    DefaultWorkspace w = agent("agent3");
    get(w.setAgentState(AgentState.ONLINE));
    String conv = accepted(w, DemoAccount.SKILL_TECH, "Kenji Watanabe", "it is broken");
    Instant normalDue = SimFixture.await(w, s -> s.conversations().get(conv).effectiveTtr() != null)
        .conversations().get(conv).effectiveTtr();

    get(w.setUrgent(conv, true));
    WorkspaceState s = SimFixture.await(w, st -> st.conversations().get(conv).ttr().urgent());
    Instant urgentDue = s.conversations().get(conv).effectiveTtr();
    assertThat(urgentDue).isBefore(normalDue);

    Instant manual = f.clock.instant().plus(Duration.ofMinutes(3));
    get(w.setManualDueTime(conv, manual));
    s = SimFixture.await(w, st -> manual.equals(st.conversations().get(conv).manualDue()));
    assertThat(s.conversations().get(conv).effectiveTtr()).isEqualTo(manual);

    List<WorkspaceEvent> events = new CopyOnWriteArrayList<>();
    w.onEvent(events::add);
    f.admin().advanceClock(Duration.ofMinutes(4));
    Await.until(() -> events.stream().anyMatch(e -> e instanceof WorkspaceEvent.BecameOverdue), Duration.ofSeconds(5),
        () -> "a BecameOverdue event; events: " + events);
    assertThat(events).filteredOn(e -> e instanceof WorkspaceEvent.BecameOverdue o && o.conversation().id().equals(conv))
        .hasSize(1);
    get(w.setManualDueTime(conv, null));
    SimFixture.await(w, st -> st.conversations().get(conv).manualDue() == null);
  }

  @Test
  void managersSeeTheTeamJoinSilentlyOrActivelyAndLeave() throws Exception {
    DefaultWorkspace agent = agent("agent1");
    get(agent.setAgentState(AgentState.ONLINE));
    String conv = accepted(agent, DemoAccount.SKILL_GENERAL, "Fatima Zahra", "need a supervisor");
    get(agent.setAgentState(AgentState.AWAY));

    DefaultWorkspace m = agent("manager1");
    assertThat(m.state().me().manager()).isTrue();
    WorkspaceState s = SimFixture.await(m, st -> st.conversations().containsKey(conv));
    assertThat(s.conversations().get(conv).myRole()).isNull();
    assertThat(failure(m.sendText(conv, "hi")).kind()).isIn(Kind.FORBIDDEN, Kind.INVALID);
    // opening it to read before joining sends nothing the server would refuse ("Not allowed: PublishEvent")
    long publishes = f.frames.stream().filter(x -> x.contains("PublishEvent")).count();
    get(m.markRead(conv));
    get(m.setTyping(conv, true));
    assertThat(f.frames.stream().filter(x -> x.contains("PublishEvent")).count()).isEqualTo(publishes);

    get(m.join(conv, true));
    SimFixture.await(m, st -> st.conversations().get(conv).myRole() == Role.READER);
    assertThat(failure(m.sendText(conv, "silent")).kind()).isEqualTo(Kind.FORBIDDEN);
    get(m.leave(conv));
    SimFixture.await(m, st -> st.conversations().containsKey(conv) && st.conversations().get(conv).myRole() == null);

    get(m.join(conv, false));
    SimFixture.await(m, st -> st.conversations().get(conv).myRole() == Role.MANAGER);
    get(m.sendText(conv, "Hello, I am the supervisor."));
    SimFixture.await(agent, st -> texts(st, conv).contains("Hello, I am the supervisor."));
    get(m.leave(conv));
  }

  static byte[] png(int w, int h) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < w; x++) {
      for (int y = 0; y < h; y++) {
        img.setRGB(x, y, (x * 31 + y * 17) & 0xffffff);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  @Test
  void filesGoUpWithAPreviewAndComeBackDown() throws Exception {
    DefaultWorkspace w = agent("agent2");
    get(w.setAgentState(AgentState.ONLINE));
    String conv = accepted(w, DemoAccount.SKILL_GENERAL, "Lucas Moreau", "here is my receipt");
    byte[] photo = png(640, 480);
    Path file = dir.resolve("receipt.png");
    Files.write(file, photo);

    Message m = get(w.sendFile(conv, file, "your invoice"));
    assertThat(m.content()).isInstanceOfSatisfying(Message.File.class, fc -> {
      assertThat(fc.fileType()).isEqualTo("PNG");
      assertThat(fc.caption()).isEqualTo("your invoice");
      assertThat(fc.preview()).startsWith("data:image/jpeg;base64,");
      assertThat(fc.preview().length()).isLessThanOrEqualTo(30 * 1024);
    });
    Path back = get(w.downloadFile(((Message.File) m.content()).relativePath(), dir.resolve("down/copy.png")));
    assertThat(Files.readAllBytes(back)).isEqualTo(photo);
    assertThat(get(w.sendFile(conv, file, null)).content()).as("HostedFile requires a caption: an empty one")
        .isInstanceOfSatisfying(Message.File.class, fc -> assertThat(fc.caption()).isEmpty());

    f.admin().consumerSendsPhoto(conv, "broken screen", png(50, 40));
    WorkspaceState s = SimFixture.await(w, st -> st.messagesOf(conv).stream()
        .anyMatch(x -> x.sender() == Message.Sender.CONSUMER && x.content() instanceof Message.File));
    Message.File theirs = (Message.File) s.messagesOf(conv).stream()
        .filter(x -> x.sender() == Message.Sender.CONSUMER && x.content() instanceof Message.File)
        .findFirst().orElseThrow().content();
    assertThat(theirs.caption()).isEqualTo("broken screen");
    assertThat(Files.readAllBytes(get(w.downloadFile(theirs.relativePath(), dir.resolve("theirs.png")))))
        .isEqualTo(png(50, 40));

    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "plain text");
    assertThat(failure(w.sendFile(conv, text, null)).kind()).isEqualTo(Kind.INVALID);
  }

  @Test
  void cannedResponsesForASkillWithPlaceholdersFilled() throws Exception {
    DefaultWorkspace w = agent("agent1");
    get(w.setAgentState(AgentState.ONLINE));
    String conv = accepted(w, DemoAccount.SKILL_BILLING, "Olivia Martin", "invoice?");
    SimFixture.await(w, st -> st.conversations().get(conv).consumer().email() != null
        || st.conversations().get(conv).consumer().firstName() != null);
    get(w.consumerProfile(conv));

    List<CannedResponse> billing = get(w.cannedResponses(String.valueOf(DemoAccount.SKILL_BILLING)));
    assertThat(billing).extracting(CannedResponse::title).contains("Invoice copy", "Hello")
        .doesNotContain("Welcome to skill");
    List<CannedResponse> all = get(w.cannedResponses(null));
    assertThat(all.size()).isGreaterThan(billing.size());

    CannedResponse hello = billing.stream().filter(c -> c.title().equals("Hello")).findFirst().orElseThrow();
    assertThat(hello.hotkey()).isEqualTo("g1");
    assertThat(w.fillCanned(hello, conv)).isEqualTo("Hi, I'm Maya. How can I help you today?");
    CannedResponse invoice = billing.stream().filter(c -> c.title().equals("Invoice copy")).findFirst().orElseThrow();
    String filled = w.fillCanned(invoice, conv);
    assertThat(filled).doesNotContain("{").startsWith("I have sent a copy of your invoice to ");
    CannedResponse bye = all.stream().filter(c -> c.title().equals("Goodbye")).findFirst().orElseThrow();
    assertThat(w.fillCanned(bye, conv)).contains("Maya Lindqvist");
  }

  @Test
  void lookUpsSkillsAgentsProfilesQueueAndHistory() throws Exception {
    DefaultWorkspace w = agent("agent3");
    get(w.setAgentState(AgentState.ONLINE));
    String conv = accepted(w, DemoAccount.SKILL_GENERAL, "Sofia Rossi", "hi");

    List<dev.lpa.core.model.Skill> skills = get(w.skills());
    assertThat(skills).extracting(dev.lpa.core.model.Skill::name).contains("General", "Sales", "VIP");
    dev.lpa.core.model.Skill general = skills.stream().filter(k -> k.name().equals("General")).findFirst().orElseThrow();
    assertThat(general.agentsOnline()).isGreaterThanOrEqualTo(1);
    assertThat(skills.stream().filter(k -> k.name().equals("VIP")).findFirst().orElseThrow().transferSkillIds())
        .containsExactly(String.valueOf(DemoAccount.SKILL_VIP));

    List<dev.lpa.core.model.Agent> agents = get(w.agents());
    assertThat(agents).extracting(dev.lpa.core.model.Agent::loginName).contains("agent1", "manager1");
    dev.lpa.core.model.Agent me = agents.stream().filter(a -> a.loginName().equals("agent3")).findFirst().orElseThrow();
    assertThat(me.state()).isEqualTo(AgentState.ONLINE);
    assertThat(agents.stream().filter(a -> a.loginName().equals("manager1")).findFirst().orElseThrow().manager()).isTrue();

    ConsumerProfile p = get(w.consumerProfile(conv));
    assertThat(p.firstName()).isEqualTo("Sofia");
    assertThat(p.lastName()).isEqualTo("Rossi");

    f.admin().createConversation(DemoAccount.SKILL_VIP, "Quinn Waiting", List.of("still there?"));
    dev.lpa.core.model.QueueHealth vip = get(w.queueHealth()).stream()
        .filter(h -> h.skillId().equals(String.valueOf(DemoAccount.SKILL_VIP))).findFirst().orElseThrow();
    assertThat(vip.waiting()).isGreaterThanOrEqualTo(1);
    assertThat(vip.overdue()).as("just queued is not overdue").isZero();


    assertThat(w.resolveConversationId(conv.substring(0, 6))).isEqualTo(conv);
    assertThatThrownBy(() -> w.resolveConversationId("zzzz")).isInstanceOfSatisfying(LpaException.class,
        e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    assertThat(failure(w.close("zzzz")).kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void previousConversationsOfTheSameConsumerComeFromHistory() throws Exception {
    DefaultWorkspace w = agent("agent2");
    get(w.setAgentState(AgentState.ONLINE));
    String first = accepted(w, DemoAccount.SKILL_GENERAL, "Kenji Watanabe", "first visit");
    get(w.sendText(first, "welcome, Kenji"));
    String consumer = w.state().conversations().get(first).consumer().id();
    get(w.close(first));
    SimFixture.await(w, st -> !st.conversations().get(first).open());
    get(w.setAgentState(AgentState.AWAY));

    // the agent reaches out again to the same consumer (a proactive conversation)
    var body = dev.lpa.core.internal.Json.obj().put("consumerId", consumer).put("channelType", "MESSAGING");
    body.putObject("conversationContext").put("type", "ProactiveContext").put("originConversationId", first);
    String second = get(w.socket().request(".ams.cm.AgentRequestConversation", body)).get("conversationId").asText();
    SimFixture.await(w, st -> st.conversations().containsKey(second) && st.conversations().get(second).open());

    List<Workspace.ConversationWithMessages> previous = get(w.previousConversations(second));
    assertThat(previous).extracting(h -> h.conversation().id()).containsExactly(first);
    Workspace.ConversationWithMessages h = previous.get(0);
    assertThat(h.conversation().open()).isFalse();
    assertThat(h.conversation().consumer().id()).isEqualTo(consumer);
    assertThat(h.messages()).extracting(Message::excerpt).containsSubsequence("first visit", "welcome, Kenji");
    assertThat(h.messages()).filteredOn(m -> m.sender() == Message.Sender.CONSUMER).isNotEmpty();
  }

  @Test
  void callInvitationAndSecureForm() throws Exception {
    DefaultWorkspace w = agent("agent1");
    get(w.setAgentState(AgentState.ONLINE));
    String conv = accepted(w, DemoAccount.SKILL_GENERAL, "Noah Thompson", "can we talk?");

    CallInvitation call = get(w.inviteCall(conv, "VIDEO_CALL"));
    assertThat(call.state()).isEqualTo("INVITED");
    assertThat(call.agentUrl()).startsWith("https://" + f.sim.csdsDomain() + "/call/");
    f.admin().consumerAnswersCall(conv, true);
    SimFixture.await(w, st -> st.conversations().get(conv).dialogs().stream()
        .anyMatch(d -> "COBROWSE".equals(d.channelType()) && "ACCEPTED".equals(d.metaData().get("sessionState"))));
    assertThat(failure(w.inviteCall(conv, "HOLOGRAM")).kind()).isEqualTo(Kind.INVALID);

    Message inv = get(w.inviteSecureForm(conv, "813633132", "Credit card"));
    String invitationId = ((Message.FormInvitation) inv.content()).invitationId();
    String submission = f.admin().consumerSubmitsForm(conv, invitationId, Map.of("card", "4111 1111 1111 1111"));
    SimFixture.await(w, st -> st.messagesOf(conv).stream().anyMatch(m -> m.content() instanceof Message.FormSubmission));
    Map<String, String> values = get(w.readSecureForm(conv, submission));
    assertThat(values).containsEntry("card", "4111 1111 1111 1111");
  }

  @Test
  void serverErrorsMapToKinds() throws Exception {
    DefaultWorkspace w = agent("agent2");
    // a closed-conversation search is exactly one REST request, so each injected failure hits it
    ClosedSearch mine = ClosedSearch.myLastDay();
    f.admin().failNext(1, 403);
    assertThat(failure(w.searchClosed(mine)).kind()).isEqualTo(Kind.FORBIDDEN);
    f.admin().failNext(1, 404);
    assertThat(failure(w.searchClosed(mine)).kind()).isEqualTo(Kind.NOT_FOUND);
    f.admin().failNext(1, 400);
    assertThat(failure(w.searchClosed(mine)).kind()).isEqualTo(Kind.INVALID);
    f.admin().failNext(1, 401);
    // a single 401 renews the session (no password here: the renewal fails) -> not logged in
    assertThat(failure(w.searchClosed(mine)).kind()).isEqualTo(Kind.NOT_LOGGED_IN);
  }

  @Test
  void retriesRideOutThrottlingAndGiveUpOnPersistentServerErrors() throws Exception {
    DefaultWorkspace w = agent("agent3");
    ClosedSearch mine = ClosedSearch.myLastDay();
    f.admin().failNext(2, 429);
    assertThat(get(w.searchClosed(mine))).isNotNull();
    f.admin().failNext(2, 503);
    assertThat(get(w.searchClosed(mine))).isNotNull();
    f.admin().failNext(4, 503);
    LpaException e = failure(w.searchClosed(mine));
    assertThat(e.kind()).isEqualTo(Kind.GAVE_UP);
    assertThat(e.status()).isEqualTo(503);
    f.admin().slowNext(1, Duration.ofSeconds(6));
    assertThat(failure(w.searchClosed(mine)).kind()).isEqualTo(Kind.TIMEOUT);
  }
}
