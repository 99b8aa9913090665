package dev.lpa.core.model;

/**
 * What a ring banner shows beyond the ring itself, looked up when the ring arrives: the ring's
 * notification carries only ids, and the offered conversation is usually not in the agent's
 * lists yet. Strings inside are untrusted.
 *
 * @param consumer the consumer's profile; only the id until the profile arrived (never null in
 *     {@code WorkspaceState#ringDetails})
 * @param skillName the skill's name when known, else null
 * @param lastConsumerMessage the newest consumer message, null when unknown (the server may not
 *     let an agent read a conversation before accepting it)
 */
public record RingDetails(String conversationId, ConsumerProfile consumer, String skillName,
    Message lastConsumerMessage) {

  /** Fields known in {@code newer} win; the others stay. */
  public RingDetails merge(RingDetails newer) {
    if (newer == null) {
      return this;
    }
    ConsumerProfile p = newer.consumer() != null && (consumer == null || named(newer.consumer()) || !named(consumer))
        ? newer.consumer() : consumer;
    return new RingDetails(conversationId, p, newer.skillName() != null ? newer.skillName() : skillName,
        newer.lastConsumerMessage() != null ? newer.lastConsumerMessage() : lastConsumerMessage);
  }

  static boolean named(ConsumerProfile p) {
    return p != null && !p.displayName().equals(p.id());
  }
}
