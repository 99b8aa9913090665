package dev.lpa.core.workspace;

import dev.lpa.core.model.Agent;
import dev.lpa.core.model.AgentState;
import dev.lpa.core.model.CannedResponse;
import dev.lpa.core.model.ConsumerProfile;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.QueueHealth;
import dev.lpa.core.model.Skill;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The live state of one logged-in user and every operation on it. The one client that the
 * commands, the shell and the console share.
 *
 * <p>Every operation returns a future that completes with a typed result or fails with a
 * {@link dev.lpa.core.LpaException}; none blocks the caller. Visible state changes only when the
 * server's notification says so: an operation's future completes on the server's response, and
 * {@link #state()} follows when the notification arrives.
 *
 * <p>Conversation ids given to operations may be unique prefixes of a full id (as users type them
 * in the CLI); an ambiguous or unknown prefix fails with NOT_FOUND.
 */
public interface Workspace extends AutoCloseable {

  /** The current snapshot (never null). */
  WorkspaceState state();

  /** Called with every new snapshot, on a core thread; the returned handle unsubscribes. */
  AutoCloseable onState(Consumer<WorkspaceState> listener);

  /** Called with every event, after the snapshot that contains it; the handle unsubscribes. */
  AutoCloseable onEvent(Consumer<WorkspaceEvent> listener);

  /** Completes when the first snapshot of every subscription arrived (or fails on error). */
  CompletableFuture<WorkspaceState> ready();

  // --- agent ---

  CompletableFuture<Void> setAgentState(AgentState state);

  // --- rings ---

  /**
   * Accepts a ring. Only one accept runs at a time (the spec: accepting one at a time even if
   * several ring); a second call while one runs fails with INVALID. Completes with the
   * conversation once it is assigned to this agent.
   */
  CompletableFuture<Conversation> acceptRing(String ringId);

  CompletableFuture<Void> rejectRing(String ringId);

  // --- messages ---

  /**
   * Sends text through the outbox: it is stored first (so a crash does not lose it), appears in
   * the state as PENDING, and completes with the message carrying its sequence once the server
   * acknowledged it.
   */
  CompletableFuture<Message> sendText(String conversationId, String text);

  /** Uploads a photo (upload URL, PUT) and publishes it as a hosted file with a small preview. */
  CompletableFuture<Message> sendFile(String conversationId, Path file, String caption);

  /** The predefined content's text with its placeholders filled for this conversation. */
  String fillCanned(CannedResponse canned, String conversationId);

  /** Marks every consumer message of the conversation read (READ receipts). */
  CompletableFuture<Void> markRead(String conversationId);

  /** Sends the agent's typing state (COMPOSING / ACTIVE). */
  CompletableFuture<Void> setTyping(String conversationId, boolean typing);

  /** Loads the whole dialog history from the server (QueryMessages) into the state. */
  CompletableFuture<List<Message>> loadMessages(String conversationId);

  // --- conversation actions ---

  CompletableFuture<Void> transferToSkill(String conversationId, String skillId, String note);

  CompletableFuture<Void> transferToAgent(String conversationId, String agentUserId, String note);

  /** Back to the queue of its skill (to the end of the queue). */
  CompletableFuture<Void> returnToQueue(String conversationId);

  CompletableFuture<Void> close(String conversationId);

  /** Managers: join as MANAGER (may write) or silently as READER. */
  CompletableFuture<Void> join(String conversationId, boolean silent);

  CompletableFuture<Void> leave(String conversationId);

  CompletableFuture<Void> setUrgent(String conversationId, boolean urgent);

  /** Sets (or with null clears) a manual due time. */
  CompletableFuture<Void> setManualDueTime(String conversationId, Instant due);

  /** Sends a video or voice call invitation; {@code mode} is VIDEO_CALL or VOICE_CALL. */
  CompletableFuture<CallInvitation> inviteCall(String conversationId, String mode);

  /** Sends a secure form invitation. */
  CompletableFuture<Message> inviteSecureForm(String conversationId, String formId, String title);

  /** The fields a consumer submitted in a secure form (only for the inviting agent). */
  CompletableFuture<Map<String, String>> readSecureForm(String conversationId, String submissionId);

  /** Downloads a shared file to {@code target} and returns it. */
  CompletableFuture<Path> downloadFile(String relativePath, Path target);

  // --- look-ups ---

  /** The consumer's earlier conversations, newest last, each with its messages (rollover). */
  CompletableFuture<List<ConversationWithMessages>> previousConversations(String conversationId);

  CompletableFuture<List<ConversationWithMessages>> searchClosed(ClosedSearch search);

  /** Predefined content, only what is enabled for {@code skillId} when it is not null. */
  CompletableFuture<List<CannedResponse>> cannedResponses(String skillId);

  /** Skills, with agents online per skill (for the transfer picker). */
  CompletableFuture<List<Skill>> skills();

  /** Users of the account with their current state and load (for the agent picker). */
  CompletableFuture<List<Agent>> agents();

  CompletableFuture<ConsumerProfile> consumerProfile(String conversationId);

  CompletableFuture<List<QueueHealth>> queueHealth();

  /** Managers' closed window on the All tab: conversations started within it (the app's 14 days). */
  java.time.Duration TEAM_CLOSED_WINDOW = java.time.Duration.ofDays(14);

  /** The logged-in manager's team (agents of the groups it manages, their skills, state and load). */
  default CompletableFuture<dev.lpa.core.manager.Team> team() {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("team"));
  }

  /**
   * Closed conversations of the manager's agents started within {@link #TEAM_CLOSED_WINDOW}, from
   * history, most recently closed first; conversations of the unassigned skill left out.
   */
  default CompletableFuture<List<Conversation>> teamClosed() {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("teamClosed"));
  }

  /** Resolves a full or prefix conversation id against the state; throws NOT_FOUND. */
  String resolveConversationId(String idOrPrefix);

  /** Disconnects. Messages still in the outbox stay in the local store for the next start. */
  @Override
  void close();

  /** A conversation together with its messages (history results). */
  record ConversationWithMessages(Conversation conversation, List<Message> messages) {}
}
