package dev.lpa.core.model;

import java.time.Instant;

/**
 * Who is logged in. Tokens are not part of it (they stay inside core's auth package).
 *
 * @param userId the legacy participant id form {@code account.userId}
 * @param userPid the PID the server puts in {@code originatorPId} for this user's events
 * @param profile the local profile name the session is stored under
 */
public record Session(
    String profile,
    String accountId,
    String loginName,
    String userId,
    String userPid,
    String displayName,
    boolean manager,
    Instant expires) {}
