package dev.lpa.core.store;

import java.time.Instant;

/**
 * A message the agent wrote that the server has not yet confirmed with a sequence number.
 *
 * @param localId a UUID given at enqueue time; survives restarts so a retry can be recognised
 * @param kind what the payload is (e.g. "text", "file"); the workspace decides the vocabulary
 * @param payloadJson the event to publish, as JSON
 * @param attempts how many times sending was tried
 */
public record OutboxEntry(
    String localId,
    String conversationId,
    String dialogId,
    String kind,
    String payloadJson,
    Instant created,
    int attempts) {}
