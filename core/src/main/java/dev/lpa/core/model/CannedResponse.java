package dev.lpa.core.model;

import java.util.List;

/**
 * A predefined content item. {@code text} may hold placeholders such as {@code {consumer.name}}
 * or {@code {agent.name}}; {@code Workspace.fillCanned} fills them for a conversation.
 *
 * @param skillIds skills it is enabled for (empty = all)
 * @param hotkey the short code agents type (e.g. "greet"), may be null
 */
public record CannedResponse(
    String id, String title, String text, String category, String hotkey, List<String> skillIds) {}
