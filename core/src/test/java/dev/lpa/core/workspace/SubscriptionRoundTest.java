package dev.lpa.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.internal.Json;
import dev.lpa.core.testkit.Await;
import dev.lpa.core.ums.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection's subscription round, as the host hears it. */
class SubscriptionRoundTest {
  private final ScheduledExecutorService serial = Executors.newSingleThreadScheduledExecutor();
  private final List<String> heard = java.util.Collections.synchronizedList(new ArrayList<>());
  private final SubscriptionRound round = new SubscriptionRound(serial, serial, new SubscriptionRound.Host() {
    @Override
    public void conversations(Notification.ConversationChanges c, Reducer.Scope scope, boolean first) {
      heard.add("conversations " + c.subscriptionId() + " " + scope + (first ? " first" : "") + " " + c.changes().size());
    }

    @Override
    public void routing(Notification.RoutingTasks r, boolean first) {
      heard.add("routing " + r.subscriptionId() + (first ? " first" : ""));
    }

    @Override
    public void complete() {
      heard.add("complete");
    }

    @Override
    public void refused(LpaException e) {
      heard.add("refused " + e.getMessage());
    }
  });

  @AfterEach
  void stop() {
    serial.shutdownNow();
  }

  private static CompletableFuture<JsonNode> answer(String id) {
    return CompletableFuture.completedFuture(Json.obj().put("subscriptionId", id));
  }

  private static Notification.ConversationChanges changes(String sub, int n) {
    List<Notification.Change> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(new Notification.Change("UPSERT", Json.obj().put("convId", "c" + i)));
    }
    return new Notification.ConversationChanges(sub, list);
  }

  private List<String> heard() throws Exception {
    serial.submit(() -> {}).get(5, TimeUnit.SECONDS);
    return heard;
  }

  @Test
  void aRoundIsCompleteOnceEverySubscriptionSentItsFirstNotification() throws Exception {
    round.begin(2, true);
    round.subscribed(answer("mine"), Reducer.Scope.MINE);
    round.subscribed(answer("team"), Reducer.Scope.TEAM);
    round.subscribed(answer("rings"), null);
    round.conversations(changes("mine", 2));
    round.routing(new Notification.RoutingTasks("rings", List.of()));
    assertThat(heard()).doesNotContain("complete");
    round.conversations(changes("team", 3));
    round.conversations(changes("team", 1));
    assertThat(heard()).containsExactly("conversations mine MINE first 2", "routing rings first",
        "conversations team TEAM first 3", "complete", "conversations team TEAM 1");
  }

  @Test
  void aNotificationBeforeItsSubscriptionsAnswerIsKeptAndReplayedWithItsScope() throws Exception {
    round.begin(1, false);
    CompletableFuture<JsonNode> pending = new CompletableFuture<>();
    round.subscribed(pending, Reducer.Scope.TEAM);
    round.conversations(changes("team", 4));
    assertThat(heard()).isEmpty();
    pending.complete(Json.obj().put("subscriptionId", "team"));
    assertThat(heard()).containsExactly("conversations team TEAM first 4", "complete");
  }

  @Test
  void aSubscriptionThatNeverSendsAFirstNotificationIsTakenAsAnEmptyOne() throws Exception {
    round.begin(1, false);
    round.subscribed(answer("quiet"), Reducer.Scope.MINE);
    assertThat(heard()).isEmpty();
    Await.until(() -> heard.contains("complete"), SubscriptionRound.FIRST_NOTIFICATION_WAIT.plusSeconds(5),
        () -> heard.toString());
    assertThat(heard()).containsExactly("conversations quiet MINE first 0", "complete");
  }

  @Test
  void refusedRoutingStillCompletesTheRoundButARefusedConversationSubscriptionIsReported() throws Exception {
    round.begin(1, true);
    round.subscribed(CompletableFuture.failedFuture(new LpaException(Kind.FORBIDDEN, "no routing")), null);
    round.subscribed(answer("mine"), Reducer.Scope.MINE);
    round.conversations(changes("mine", 1));
    assertThat(heard()).containsExactly("conversations mine MINE first 1", "complete");

    heard.clear();
    round.begin(1, false);
    round.subscribed(CompletableFuture.failedFuture(new LpaException(Kind.FORBIDDEN, "not allowed")), Reducer.Scope.MINE);
    assertThat(heard()).containsExactly("refused not allowed");
  }

  @Test
  void aNewConnectionStartsANewRound() throws Exception {
    round.begin(1, false);
    round.subscribed(answer("s1"), Reducer.Scope.MINE);
    round.conversations(changes("s1", 1));
    round.begin(1, false);
    round.subscribed(answer("s2"), Reducer.Scope.MINE);
    round.conversations(changes("s2", 2));
    assertThat(heard()).containsExactly("conversations s1 MINE first 1", "complete",
        "conversations s2 MINE first 2", "complete");
  }
}
