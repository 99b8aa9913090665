package dev.lpa.tui;

import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Role;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/** The demo desk used by the screen and scenario tests, at {@link Harness#T0}. */
final class Fixtures {
  private Fixtures() {}

  static Instant at(String hhmm) {
    return Instant.parse("2026-11-27T" + hhmm + ":00Z");
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
  static FakeWorkspace desk(MutableClock clock) {
    FakeWorkspace ws = new FakeWorkspace(clock);
    ws.put(FakeWorkspace.conversation("c1", "Dana Fox", null, "Billing", at("09:20"), at("09:50"), Role.ASSIGNED_AGENT, 0));
    ws.addMessage("c1", Message.Sender.SYSTEM, null, new Message.SystemNote("Conversation assigned to Alex"), at("09:20"), null);
    ws.addMessage("c1", Message.Sender.CONSUMER, "Dana Fox",
        new Message.Text("Hi, I was charged twice for my November invoice."), at("09:21"), Message.Delivery.READ);
    ws.addMessage("c1", Message.Sender.AGENT, "Alex", new Message.Text("Sorry about that! Let me check."), at("09:22"),
        Message.Delivery.READ);
    ws.addMessage("c1", Message.Sender.AGENT, "Billing bot",
        new Message.Rich("{}", List.of("Invoice #4411", "Amount: 49.00 EUR", "[Pay now]")), at("09:23"),
        Message.Delivery.DELIVERED);
    ws.addMessage("c1", Message.Sender.CONSUMER, "Dana Fox",
        new Message.File("/files/receipt.png", "PNG", "my bank statement", thumbnail()), at("09:40"),
        Message.Delivery.READ);
    ws.consumerSays("c1", "Hello? Are you \u001b[31mstill\u001b[0m there?", at("09:45"));
    ws.consumerSays("c1", "I need this fixed today.", at("09:46"));
    Conversation c1 = ws.state().conversations().get("c1");
    ws.put(FakeWorkspace.copy(c1, "OPEN", at("09:50"), Role.ASSIGNED_AGENT, 2, null, c1.dialogs()));

    ws.put(FakeWorkspace.conversation("c2", null, "+1 555 0100", "Sales", at("09:50"), at("10:03"), Role.ASSIGNED_AGENT, 0));
    ws.consumerSays("c2", "Do you ship to Canada?", at("09:58"));
    Conversation c2 = ws.state().conversations().get("c2");
    ws.put(FakeWorkspace.copy(c2, "OPEN", at("10:03"), Role.ASSIGNED_AGENT, 1, null, c2.dialogs()));

    ws.put(FakeWorkspace.conversation("c3", "Erik Olsen", null, "Tech support", at("09:30"), at("10:40"), Role.ASSIGNED_AGENT, 0));
    ws.addMessage("c3", Message.Sender.CONSUMER, "Erik Olsen", new Message.Text("The router blinks red"), at("09:40"),
        Message.Delivery.READ);

    ws.put(FakeWorkspace.conversation("c4", "Mia Wong", null, "Billing", at("09:00"), null, Role.ASSIGNED_AGENT, 0));
    ws.addMessage("c4", Message.Sender.AGENT, "Alex", new Message.Text("Anything else I can help with?"), at("09:30"),
        Message.Delivery.DELIVERED);

    Conversation c5 = FakeWorkspace.conversation("c5", "Noah Park", null, "Sales", at("07:00"), null, Role.ASSIGNED_AGENT, 0);
    ws.put(FakeWorkspace.copy(c5, "CLOSE", null, Role.ASSIGNED_AGENT, 0, at("08:00"), c5.dialogs()));
    ws.addMessage("c5", Message.Sender.CONSUMER, "Noah Park", new Message.Text("Thanks, bye"), at("07:55"),
        Message.Delivery.READ);

    ws.put(FakeWorkspace.conversation("c6", "Lea Stein", null, "Sales", at("09:59"), at("10:59"), null, 1));
    ws.consumerSays("c6", "Hi! Is the blue jacket back in stock?", at("09:59"));
    ws.ring("c6", at("10:00").plusSeconds(45));
    return ws;
  }
}
