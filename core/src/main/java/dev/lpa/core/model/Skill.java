package dev.lpa.core.model;

import java.util.List;

/**
 * A skill. {@code transferSkillIds} is where its conversations may be transferred (empty = any);
 * {@code agentsOnline} is filled for the transfer picker (-1 when unknown).
 */
public record Skill(String id, String name, List<String> transferSkillIds, int agentsOnline) {}
