package dev.lpa.tui;

import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.CannedResponse;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Ring;
import dev.lpa.core.model.RingDetails;
import dev.lpa.core.model.Role;
import dev.lpa.core.model.Session;
import dev.lpa.core.testkit.ScriptedWorkspace;
import dev.lpa.core.testkit.TestData;
import dev.lpa.core.workspace.Reducer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The demo desk used by the screen and scenario tests, at {@link Harness#T0}, on core's scripted
 * workspace: what the console shows is what the production reducer made of it.
 */
final class Fixtures {
  static final String ACCOUNT = TestData.ACCOUNT;
  /** A card the billing bot sends: two texts and a button. */
  static final String INVOICE_CARD = "{\"type\":\"vertical\",\"elements\":[{\"type\":\"text\",\"text\":\"Invoice #4411\"},"
      + "{\"type\":\"text\",\"text\":\"Amount: 49.00 EUR\"},{\"type\":\"button\",\"title\":\"Pay now\","
      + "\"click\":{\"actions\":[{\"type\":\"publishText\",\"text\":\"pay\"}]}}]}";

  private Fixtures() {}

  static Instant at(String hhmm) {
    return Instant.parse("2026-11-27T" + hhmm + ":00Z");
  }

  /** Alex Agent (agent1, legacy id ACCOUNT.1), online, on skills Billing (10), Sales (11), Tech support (12). */
  static ScriptedWorkspace workspace(Clock clock) {
    return workspace(clock, false);
  }

  static ScriptedWorkspace workspace(Clock clock, boolean manager) {
    return workspace(clock, manager, manager ? "Helen Okafor" : "Alex Agent");
  }

  static ScriptedWorkspace workspace(Clock clock, boolean manager, String name) {
    Session me = new Session("default", ACCOUNT, manager ? "manager1" : "agent1", ACCOUNT + ".1", "pid-1", name,
        manager, clock.instant().plus(Duration.ofHours(8)));
    ScriptedWorkspace ws = new ScriptedWorkspace(me, clock, AgentState.ONLINE).withSkills(
        TestData.skill("10", "Billing", 3), TestData.skill("11", "Sales", 0), TestData.skill("12", "Tech support", 2));
    ws.agents.addAll(List.of(
        TestData.agent("1", "Alex Agent", "Alex", AgentState.ONLINE, 2, "10"),
        TestData.agent("2", "Bea Berg", "Bea", AgentState.ONLINE, 1, "10"),
        TestData.agent("3", "Cem Cohen", "Cem", AgentState.AWAY, 0, "11")));
    ws.canned.addAll(List.of(
        new CannedResponse("c1", "Greeting", "Hello {consumer.name}, how can I help?", "Openers", "hi", List.of()),
        new CannedResponse("c2", "Follow-up", "Is there anything else?", "Closers", "else", List.of()),
        new CannedResponse("c3", "Goodbye", "Thanks for writing, bye!", "Closers", "bye", List.of())));
    return ws;
  }

  static String skillId(String name) {
    return switch (name) {
      case "Billing" -> "10";
      case "Sales" -> "11";
      default -> "12";
    };
  }

  /**
   * A conversation with consumer "consumer-ID" named {@code consumerName} (and/or with a phone),
   * assigned to me when {@code myRole} is ASSIGNED_AGENT, else in the queue.
   */
  static TestData.Conv conversation(String id, String consumerName, String phone, String skill, Instant started,
      Instant due, Role myRole) {
    TestData.Conv c = TestData.conversation(id).skill(skillId(skill)).started(started).due(due);
    if (consumerName != null || phone != null) {
      c.consumer(consumerName, phone);
    }
    if (myRole == Role.ASSIGNED_AGENT) {
      c.assignedTo(ACCOUNT + ".1", "pid-1");
    }
    return c;
  }

  /** A ring for a conversation not in the list yet, with what the consumer wrote. */
  static Ring ring(ScriptedWorkspace ws, TestData.Conv c, Instant expires, String text) {
    return ws.ring(c, expires, text);
  }

  /** A ring for a conversation this agent cannot see, known by the consumer's id only; core looked up {@code details}. */
  static Ring ringOnly(ScriptedWorkspace ws, String convId, String consumerId, String skillId, Instant expires,
      RingDetails details) {
    Ring r = ws.ring(TestData.conversation(convId).consumerId(consumerId).skill(skillId), expires, null);
    if (details != null) {
      ws.feed(new Reducer.RingDetailsKnown(details));
    }
    return r;
  }

  /**
   * A message in {@code convId}: from the consumer, from me ({@code name} null or my nickname),
   * another agent or bot named {@code name}, or the system; {@code delivery} READ or DELIVERED adds
   * the receipt that moved it there.
   */
  static Message message(ScriptedWorkspace ws, String convId, Message.Sender sender, String name,
      Message.Content content, Instant at, Message.Delivery delivery) {
    TestData.Msg m = switch (sender) {
      case CONSUMER -> ws.fromConsumer(convId);
      case SYSTEM -> ws.fromSystem();
      default -> {
        if (name == null || name.equals("Alex") || name.equals(ws.me().displayName())) {
          yield ws.fromMe();
        }
        String id = "user-" + name.toLowerCase(Locale.ROOT).replaceAll("\\W+", "-");
        ws.knownUser(id, name);
        yield ws.fromAgent(id);
      }
    };
    if (content instanceof Message.Text t) {
      m.text(t.text());
    } else if (content instanceof Message.SystemNote n) {
      m.text(n.text());
    } else if (content instanceof Message.Rich r) {
      m.rich(r.json());
    } else if (content instanceof Message.File f) {
      m.file(f.relativePath(), f.fileType(), f.caption(), f.preview());
    } else if (content instanceof Message.FormSubmission s) {
      m.formSubmission(s.invitationId(), s.submissionId());
    } else if (content instanceof Message.FormInvitation i) {
      m.formInvitation(i.formId(), i.invitationId(), i.title());
    }
    return ws.message(convId, m.at(at).delivery(delivery));
  }

  /** A small two-colour picture (blue sky over green grass) as base64 PNG. */
  static String thumbnail() {
    BufferedImage img = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 12; y++) {
      for (int x = 0; x < 16; x++) {
        img.setRGB(x, y, (y < 6 ? new Color(40, 90, 220) : new Color(30, 160, 60)).getRGB());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  /** Five conversations (overdue, due soon, pending agent, pending consumer, closed) and a ring. */
  static ScriptedWorkspace desk(Clock clock) {
    ScriptedWorkspace ws = workspace(clock);
    ws.conversation(conversation("c1", "Dana Fox", null, "Billing", at("09:20"), at("09:50"), Role.ASSIGNED_AGENT));
    message(ws, "c1", Message.Sender.SYSTEM, null, new Message.Text("Conversation assigned to Alex"), at("09:20"), null);
    message(ws, "c1", Message.Sender.CONSUMER, null,
        new Message.Text("Hi, I was charged twice for my November invoice."), at("09:21"), Message.Delivery.READ);
    message(ws, "c1", Message.Sender.AGENT, null, new Message.Text("Sorry about that! Let me check."), at("09:22"),
        Message.Delivery.READ);
    message(ws, "c1", Message.Sender.AGENT, "Billing bot", new Message.Rich(INVOICE_CARD, List.of()), at("09:23"),
        Message.Delivery.DELIVERED);
    message(ws, "c1", Message.Sender.CONSUMER, null,
        new Message.File("/files/receipt.png", "PNG", "my bank statement", thumbnail()), at("09:40"),
        Message.Delivery.READ);
    ws.consumerSays("c1", "Hello? Are you \u001b[31mstill\u001b[0m there?", at("09:45"));
    ws.consumerSays("c1", "I need this fixed today.", at("09:46"));

    ws.conversation(conversation("c2", null, "+1 555 0100", "Sales", at("09:50"), at("10:03"), Role.ASSIGNED_AGENT));
    ws.consumerSays("c2", "Do you ship to Canada?", at("09:58"));

    ws.conversation(conversation("c3", "Erik Olsen", null, "Tech support", at("09:30"), at("10:40"), Role.ASSIGNED_AGENT));
    message(ws, "c3", Message.Sender.CONSUMER, null, new Message.Text("The router blinks red"), at("09:40"),
        Message.Delivery.READ);

    ws.conversation(conversation("c4", "Mia Wong", null, "Billing", at("09:00"), null, Role.ASSIGNED_AGENT));
    message(ws, "c4", Message.Sender.AGENT, null, new Message.Text("Anything else I can help with?"), at("09:30"),
        Message.Delivery.DELIVERED);

    ws.conversation(conversation("c5", "Noah Park", null, "Sales", at("07:00"), null, Role.ASSIGNED_AGENT)
        .closed(at("08:00"), "AGENT"));
    message(ws, "c5", Message.Sender.CONSUMER, null, new Message.Text("Thanks, bye"), at("07:55"),
        Message.Delivery.READ);

    ring(ws, conversation("c6", "Lea Stein", null, "Sales", at("09:59"), at("10:59"), null),
        at("10:00").plusSeconds(45), "Hi! Is the blue jacket back in stock?");
    return ws;
  }
}
