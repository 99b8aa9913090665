package dev.lpa.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.core.internal.CoreLog;
import dev.lpa.core.internal.Json;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Ring;
import dev.lpa.core.model.RingDetails;
import dev.lpa.core.model.Session;
import dev.lpa.core.ums.UmsClient;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A ring names only ids, and its conversation is usually not visible yet: the banner's consumer
 * name comes from the profile (readable by any agent), the skill's name from the directory, the
 * excerpt from the dialog's history when the server lets a ringed agent query it. Each
 * conversation is looked up once per ring; what arrives goes to the state as {@link
 * Reducer.RingDetailsKnown}.
 */
final class RingDetailsLookup {
  private final UmsClient ums;
  private final Session me;
  private final ConsumerLookups profiles;
  private final Supplier<WorkspaceState> state;
  private final Function<Reducer.Input, CompletableFuture<WorkspaceState>> feed;
  /** Conversations of current rings already looked up. */
  private final Set<String> looked = ConcurrentHashMap.newKeySet();

  RingDetailsLookup(UmsClient ums, Session me, ConsumerLookups profiles, Supplier<WorkspaceState> state,
      Function<Reducer.Input, CompletableFuture<WorkspaceState>> feed) {
    this.ums = ums;
    this.me = me;
    this.profiles = profiles;
    this.state = state;
    this.feed = feed;
  }

  /** After the rings changed: looks up what the new waiting rings do not say yet. */
  void ringsChanged(WorkspaceState s) {
    looked.retainAll(s.rings().stream().map(Ring::conversationId).toList());
    for (Ring r : s.rings()) {
      if (!r.waiting() || !looked.add(r.conversationId())) {
        continue;
      }
      String convId = r.conversationId();
      String cid = r.consumerId();
      if (cid != null && !cid.isEmpty()) {
        profiles.knownOrFetch(cid).thenAccept(profile -> {
          profiles.remember(profile);
          // the skill's name from the directory as it is when the profile is in
          String skill = state.get().directory().skillName(r.skillId());
          feed.apply(new Reducer.RingDetailsKnown(new RingDetails(convId, profile, skill, null)));
        }).exceptionally(CoreLog.ignore("the ringing consumer's profile (the banner goes without the name)"));
      } else if (s.directory().skillName(r.skillId()) != null) {
        feed.apply(new Reducer.RingDetailsKnown(new RingDetails(convId, null, s.directory().skillName(r.skillId()), null)));
      }
      if (s.ringDetailsOf(r).lastConsumerMessage() == null) {
        ums.request(".ams.ms.QueryMessages", Requests.queryMessages(convId, convId, 0)).thenAccept(resp -> {
          Message last = lastConsumerMessage(resp, convId, cid);
          if (last != null) {
            feed.apply(new Reducer.RingDetailsKnown(new RingDetails(convId, null, null, last)));
          }
        }).exceptionally(CoreLog.ignore("the ringing conversation's history (refused before accept: the banner"
            + " goes without an excerpt)"));
      }
    }
  }

  private Message lastConsumerMessage(JsonNode resp, String convId, String consumerId) {
    JsonNode arr = resp.isArray() ? resp : resp.has("changes") ? resp.get("changes") : Json.arr();
    Message last = null;
    for (JsonNode ev : arr) {
      WireMapper.Event e = WireMapper.event(ev, convId, me, consumerId, null, Map.of());
      if (e.message() != null && e.message().sender() == Message.Sender.CONSUMER && !e.message().isPrivate()) {
        last = e.message();
      }
    }
    return last;
  }
}
