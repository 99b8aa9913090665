package dev.lpa.core.workspace;

/**
 * How much of a workspace a face needs before {@link Workspace#ready()}: a console or a session
 * needs everything live; a one-shot command that prints or changes conversations and exits needs
 * only the conversations, and pays for nothing it does not show.
 *
 * <p>Every mode keeps the outbox whole: what an earlier run left there is resolved before ready
 * (usually nothing), and nothing is dropped from the store.
 */
public enum StartMode {
  /**
   * Everything, and kept live: rings and agent state subscribed, every open conversation of this
   * user backfilled, names and the manager's closed history looked up, the store kept in step.
   */
  LIVE,
  /**
   * A listing: ready once the conversation subscriptions' first snapshots are applied, this
   * user's own conversations are backfilled (their unread count and newest message are right) and
   * the names of what is listed are known (from the store, else one bounded batch of look-ups).
   * No rings, agent state, closed history or profile of the signed-in agent; the team's
   * conversations are not written to the store (a live start keeps that cache).
   */
  LISTING,
  /**
   * A bulk change: ready once the conversation subscriptions' first snapshots are applied. No
   * history backfill and no consumer look-ups besides what LISTING leaves out.
   */
  BULK
}
