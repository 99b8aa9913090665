package dev.lpa.core.model;

import java.time.Duration;

/**
 * Queue state of one skill.
 *
 * @param overdue queued conversations past their due time, -1 when the server does not tell
 * @param agentsOnline -1 when unknown
 */
public record QueueHealth(
    String skillId, String skillName, int waiting, int overdue, Duration longestWait, int agentsOnline) {}
