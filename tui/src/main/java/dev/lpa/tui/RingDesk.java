package dev.lpa.tui;

import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Ring;
import dev.lpa.core.model.RingDetails;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.usecase.Rings;
import dev.lpa.core.workspace.WorkspaceState;
import dev.lpa.tui.view.ConversationList;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Rings: their notifications (which wait briefly for the caller's name), the accept key and its
 * rule for {@code a}, and which ring is next (core's {@code Rings.next}).
 */
final class RingDesk {
  private final Console ui;

  RingDesk(Console ui) {
    this.ui = ui;
  }

  /** The conversation each ring offers, from the RingOffered event (it may not be in the list). */
  final Map<String, Conversation> ringConversations = new HashMap<>();

  /**
   * New rings not yet announced, by ring id, oldest first: the notification waits (at most
   * {@link #RING_NAME_WAIT}) for core's look-up to name the consumer.
   */
  final Map<String, PendingRingNotice> ringNotices = new LinkedHashMap<>();

  boolean accepting;

  /** How long a ring's notification waits for the consumer's name before it names the id. */
  static final Duration RING_NAME_WAIT = Duration.ofSeconds(2);

  record PendingRingNotice(Ring ring, Conversation conversation, Instant offered) {}

  /**
   * Notifies the rings whose consumer now has a name, and those that waited long enough: a ring
   * usually arrives before core's look-up of who rings, and a notification naming an id is
   * little use to someone looking at another window.
   */
  void announceRings() {
    if (ringNotices.isEmpty()) {
      return;
    }
    Instant now = ui.now();
    for (var it = ringNotices.values().iterator(); it.hasNext(); ) {
      PendingRingNotice p = it.next();
      RingDetails details = ui.state == null ? null : ui.state.ringDetailsOf(p.ring());
      String name = namedCaller(details, p.conversation());
      boolean waitedEnough = !now.isBefore(p.offered().plus(RING_NAME_WAIT));
      if (name == null && !waitedEnough) {
        continue;
      }
      it.remove();
      String who = name != null ? name
          : p.conversation() != null ? ConversationList.consumerName(p.conversation())
          : ConversationList.shortId(SafeText.line(p.ring().consumerId()));
      String excerpt = "";
      if (details != null && details.lastConsumerMessage() != null) {
        excerpt = details.lastConsumerMessage().excerpt();
      } else if (p.conversation() != null && p.conversation().lastMessage() != null) {
        excerpt = p.conversation().lastMessage().excerpt();
      }
      ui.notifier.notify(ui.text.get("notify.ring", who), excerpt);
    }
  }

  /** The consumer's name (made safe) when something names them, not only by id; else null. */
  static String namedCaller(RingDetails details, Conversation conv) {
    ConsumerProfile p = details == null ? null : details.consumer();
    if (p != null && !p.displayName().equals(p.id())) {
      return SafeText.line(p.displayName());
    }
    if (conv != null && conv.consumer() != null && !conv.consumer().displayName().equals(conv.consumer().id())) {
      return SafeText.line(conv.consumer().displayName());
    }
    return null;
  }

  /** The ring the accept keys answer: core's rule, the same as {@code lpa accept --next}. */
  Ring waitingRing() {
    // core looks up who rings (WorkspaceState#ringDetailsOf): the banner only reads the state
    return Rings.next(ui.state).orElse(null);
  }

  long waitingRingCount() {
    return Rings.waiting(ui.state);
  }

  /** The open chat was opened by accepting a ring, and nothing has been typed into it since. */
  boolean openedByAccept;

  /**
   * Whether a plain {@code a} accepts the waiting ring: in the list always; in a chat only while
   * it is the one an accept just opened and its reply is empty, so {@code a} then {@code a}
   * accepts two rings. In any other chat, and once the agent writes, {@code a} is a letter and
   * F3 or Ctrl+R accept.
   */
  boolean letterAccepts() {
    if (waitingRing() == null) {
      return false;
    }
    boolean chat = (ui.model.chatFocused() && ui.openConversation() != null);
    return !chat || (openedByAccept && ui.model.composer().text().isEmpty());
  }

  void acceptRing() {
    Ring r = waitingRing();
    if (r == null) {
      ui.info(ui.text.get("status.noRing"));
      return;
    }
    if (accepting) {
      return;
    }
    accepting = true;
    CompletableFuture<Conversation> f;
    try {
      f = ui.ws.acceptRing(r.ringId());
    } catch (RuntimeException e) {
      accepting = false;
      ui.error(e);
      return;
    }
    ui.info(ui.text.get("status.accepting"));
    f.whenComplete((c, err) -> ui.post(() -> {
      accepting = false;
      if (err != null) {
        ui.error(err);
      } else {
        Conversation known = ui.conv(c.id());
        ui.info(ui.text.get("status.accepted", ConversationList.consumerName(known != null ? known : c)));
        ui.openConversation(c.id());
        openedByAccept = true;
      }
    }));
  }
}
