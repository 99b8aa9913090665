package dev.lpa.core.model;

import java.time.Duration;

/** Queue state of one skill. */
public record QueueHealth(
    String skillId, String skillName, int waiting, int overdue, Duration longestWait, int agentsOnline) {}
