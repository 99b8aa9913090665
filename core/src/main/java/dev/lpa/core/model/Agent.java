package dev.lpa.core.model;

import java.util.List;

/**
 * A user of the account (agent or manager).
 *
 * @param userId the numeric user id (the legacy participant id is {@code account + "." + userId})
 * @param pid the user's PID
 * @param state current availability when known (agent-view status), else null
 * @param openConversations current load when known, else -1
 * @param maxConversations capacity, -1 when unlimited or unknown
 */
public record Agent(
    String userId,
    String pid,
    String loginName,
    String fullName,
    String nickname,
    String pictureUrl,
    boolean manager,
    List<String> skillIds,
    AgentState state,
    int openConversations,
    int maxConversations) {}
