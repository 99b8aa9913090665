package dev.lpa.sim;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The simulator's admin surface, for tests and demos. Available only when the simulator was
 * started with {@code SimConfig.builder().admin(true)}; the same operations are served over HTTPS
 * under {@code /admin/...} (see {@code sim/README.md}).
 *
 * <p>Stability: other modules' tests depend on these methods. Add methods; do not change or
 * remove existing ones.
 *
 * <ul>
 *   <li>{@link #createConversation} plays a consumer who opens a conversation on a skill and
 *       writes the given messages; it is then queued and rings agents exactly as real routing
 *       would (ONLINE agents with the skill, a routing-task subscription and free capacity).
 *   <li>{@code consumer*} methods act as that consumer in an existing conversation. Their events
 *       reach agents as {@code .ams.ms.OnlineEventDistribution} with the consumer id as
 *       originator.
 *   <li>{@link #advanceClock} moves a {@link SimClock} and runs every timer that became due
 *       (ring expiry, transfer fallback, auto-close, call invitation expiry, session expiry).
 *   <li>Fault injection: {@link #dropSockets}, {@link #expireSession}, {@link #failNext},
 *       {@link #slowNext}, {@link #sendMalformedFrame}.
 * </ul>
 *
 * <p>Failures (unknown conversation, closed conversation) throw {@link IllegalArgumentException}.
 */
public interface SimAdmin {
  /** Opens a conversation for a new consumer named {@code consumerName}; returns its id. */
  default String createConversation(long skillId, String consumerName, List<String> messages) {
    return createConversation(skillId, consumerName, null, null, messages);
  }

  /**
   * Opens a conversation for a new consumer with an email address and a phone number (either may
   * be null); both show in the consumer's profile (GetUserProfile). Returns the conversation id.
   */
  String createConversation(long skillId, String consumerName, String email, String phone, List<String> messages);

  /**
   * The scale load profile: {@code count} open conversations, each with one consumer message,
   * assigned straight to {@code login} (null: spread over manager1's team, agent1..agent3),
   * whose capacity grows to match. Returns the conversation ids.
   */
  default List<String> seedConversations(int count, String login) {
    return seedConversations(count, 1, login);
  }

  /**
   * The same with {@code messages} messages in each conversation (at least 1): the consumer's
   * question, then the agent's answer and the consumer's follow-up in turn.
   */
  List<String> seedConversations(int count, int messages, String login);

  /**
   * One open conversation on {@code skillId} for a new consumer named {@code consumerName},
   * assigned straight to {@code login} as {@link #seedConversations} assigns, with one consumer
   * message: a manager's fixtures (a team's conversations on chosen skills). Returns its id.
   */
  String seedConversation(long skillId, String consumerName, String login, String message);

  /** The consumer writes a text message. */
  void consumerSays(String conversationId, String text);

  /** The consumer sends a photo (PNG bytes) with a caption, as a hosted/file event. */
  void consumerSendsPhoto(String conversationId, String caption, byte[] png);

  /** The consumer marks every agent message as read (an AcceptStatusEvent READ). */
  void consumerReads(String conversationId);

  /** The consumer starts ({@code true}, COMPOSING) or stops ({@code false}, ACTIVE) typing. */
  void consumerTyping(String conversationId, boolean typing);

  /** The consumer closes the conversation (close reason CONSUMER). */
  void consumerCloses(String conversationId);

  /** The consumer accepts or declines an open call / co-browse invitation. */
  void consumerAnswersCall(String conversationId, boolean accept);

  /** The consumer submits a secure form an agent sent; returns the submission id. */
  String consumerSubmitsForm(String conversationId, String invitationId, Map<String, String> values);

  /** Moves the simulator's {@link SimClock} forward and runs due timers; fails for another clock. */
  void advanceClock(Duration d);

  /** Drops every agent socket without a close handshake; returns how many. */
  int dropSockets();

  /** Expires every session of this login: REST 401, open sockets closed with 4401; returns how many. */
  int expireSession(String login);

  /** The next {@code n} REST/login requests answer {@code httpStatus} (429 with Retry-After: 1). */
  void failNext(int n, int httpStatus);

  /**
   * Every REST/login request whose path contains {@code pathPart} answers {@code httpStatus}
   * with LivePerson's error body until cleared with status 0 (e.g. a reporting API that wants an
   * API key: {@code refusePath("/agent-view/", 401)}).
   */
  void refusePath(String pathPart, int httpStatus);

  /**
   * Whether an agent's SubscribeExConversations with nothing to return gets an empty first
   * notification (the default) or none, as LivePerson may do (its docs are silent).
   */
  void emptyFirstNotification(boolean send);

  /** Declares one more redirect URI for the installed OAuth application (as a brand admin would). */
  void declareRedirectUri(String uri);

  /** The next {@code n} REST/login requests are delayed by {@code delay} (real time). */
  void slowNext(int n, Duration delay);

  /** Sends a frame that is not JSON to every socket of this login; returns how many got it. */
  int sendMalformedFrame(String login);

  /** The current availability of a login (ONLINE, OCCUPIED, AWAY, OFFLINE...). */
  String agentState(String login);

  /** Open conversation ids, oldest first. */
  List<String> openConversations();

  /**
   * A SAML-assertion stand-in that {@code POST /api/account/{acct}/login} accepts in the body
   * {@code {"jwt":"dummy","assertion":…}} for this login (base64 XML signed by the simulator).
   */
  String samlAssertion(String login);
}
