package dev.lpa.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Simulated consumers ({@code trafficRate} conversations per minute): they open conversations
 * on random skills, write, send photos and structured content, go idle and close. Driven by the
 * engine's tick with the monitor held, so it follows the injected clock.
 */
final class Traffic {
  private static final String[] OPENERS = {
      "Hi, I was charged twice for my last order.", "Hello! Can I upgrade my plan today?",
      "My router keeps dropping the connection.", "Where is my refund?", "I need help with my invoice.",
      "Is there a discount for annual billing?", "The app crashes when I open settings."};
  private static final String[] FOLLOW_UPS = {
      "Are you still there?", "Thanks, that helps.", "Order number is 48213.", "It started yesterday.",
      "Could you check again please?", "OK, trying that now."};
  private static final String[] NAMES = {"Ava Collins", "Ben Ortiz", "Chloe Park", "Daniel Ivanov", "Elif Demir",
      "Farah Haddad", "George Mensah", "Hana Sato", "Ivan Petrov", "Julia Santos"};
  /** A 1x1 transparent PNG: enough for clients to download and render a thumbnail. */
  private static final byte[] PIXEL = java.util.Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

  private final Engine e;
  private final Files files;
  private final double perMinute;
  private final Random random = new Random(42);
  private final List<String> mine = new ArrayList<>();
  private long nextArrival = -1;
  private long nextAction = -1;

  Traffic(Engine engine, Files files, double perMinute) {
    this.e = engine;
    this.files = files;
    this.perMinute = perMinute;
  }

  void tick() {
    if (perMinute <= 0) {
      return;
    }
    long now = e.now();
    if (nextArrival < 0) {
      nextArrival = now + gap();
      nextAction = now + 5_000;
    }
    while (now >= nextArrival) {
      arrive();
      nextArrival += gap();
    }
    while (now >= nextAction) {
      act();
      nextAction += 5_000 + random.nextInt(20_000);
    }
  }

  private long gap() {
    return Math.max(1_000, (long) (-Math.log(1 - random.nextDouble()) * 60_000 / perMinute));
  }

  private void arrive() {
    Engine.ConsumerInfo ci = new Engine.ConsumerInfo();
    ci.id = e.newId();
    String n = NAMES[random.nextInt(NAMES.length)];
    ci.firstName = n.substring(0, n.indexOf(' '));
    ci.lastName = n.substring(n.indexOf(' ') + 1);
    boolean sms = random.nextBoolean();
    ci.source = sms ? "SMS" : "FACEBOOK";
    if (sms) {
      ci.phone = "+1555" + (1_000_000 + random.nextInt(8_999_999));
    } else {
      ci.avatarUrl = "https://avatars.example.com/traffic/" + ci.id.substring(0, 8) + ".png";
    }
    e.consumers.put(ci.id, ci);
    e.saveConsumer(ci);
    DemoAccount.Skill s = DemoAccount.SKILLS.get(random.nextInt(DemoAccount.SKILLS.size()));
    Conv c = e.createConv(ci.id, s.id(), random.nextInt(10) == 0 ? "URGENT" : "NORMAL",
        Json.obj().put("type", "SharkContext").put("lang", "en-US"), ci.source);
    say(c, OPENERS[random.nextInt(OPENERS.length)]);
    mine.add(c.id);
  }

  private void act() {
    mine.removeIf(id -> e.convs.get(id) == null || !e.convs.get(id).open());
    if (mine.isEmpty()) {
      return;
    }
    Conv c = e.convs.get(mine.get(random.nextInt(mine.size())));
    int roll = random.nextInt(100);
    if (roll < 45) {
      say(c, FOLLOW_UPS[random.nextInt(FOLLOW_UPS.length)]);
    } else if (roll < 55) {
      String path = files.storeDirect("PNG", PIXEL);
      ObjectNode ev = Json.obj().put("type", "ContentEvent").put("contentType", "hosted/file");
      ev.putObject("message").put("caption", "screenshot").put("relativePath", path).put("fileType", "PNG")
          .put("preview", "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(PIXEL));
      e.publish(c, c.main(), Engine.consumerOriginator(c), ev, null, null);
    } else if (roll < 62) {
      ObjectNode ev = Json.obj().put("type", "RichContentEvent");
      ObjectNode card = ev.putObject("content").put("type", "vertical");
      card.putArray("elements").addObject().put("type", "text").put("text", "Order #48213 - 2 items");
      e.publish(c, c.main(), Engine.consumerOriginator(c), ev, null, null);
    } else if (roll < 80) {
      ObjectNode ev = Json.obj().put("type", "ChatStateEvent").put("chatState", random.nextBoolean() ? "COMPOSING" : "ACTIVE");
      e.publish(c, c.main(), Engine.consumerOriginator(c), ev, null, null);
    } else if (roll < 88) {
      e.close(c, "CONSUMER", "CONSUMER");
    }
    // otherwise the consumer stays idle this round
  }

  private void say(Conv c, String text) {
    ObjectNode ev = Json.obj().put("type", "ContentEvent").put("contentType", "text/plain").put("message", text);
    e.publish(c, c.main(), Engine.consumerOriginator(c), ev, null, null);
  }
}
