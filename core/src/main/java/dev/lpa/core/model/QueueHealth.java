package dev.lpa.core.model;

import java.time.Duration;

/**
 * Queue state of one skill, from LivePerson's current queue health asked with
 * {@code overdueConversations=true}.
 *
 * @param overdue overdue conversations waiting in the queue ({@code overdueConversationsInQueue}),
 *     -1 when the server does not tell
 * @param overdueAssigned overdue conversations already assigned to an agent
 *     ({@code overdueConversationsAssigned}), -1 when the server does not tell
 * @param agentsOnline -1 when unknown
 */
public record QueueHealth(
    String skillId, String skillName, int waiting, int overdue, int overdueAssigned, Duration longestWait,
    int agentsOnline) {}
