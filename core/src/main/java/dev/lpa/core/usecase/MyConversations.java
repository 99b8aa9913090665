package dev.lpa.core.usecase;

import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Role;
import dev.lpa.core.workspace.WorkspaceState;
import java.util.List;

/** "My open conversations": open and assigned to me (what logging out offers to return). */
public final class MyConversations {
  private MyConversations() {}

  public static List<Conversation> open(WorkspaceState state) {
    if (state == null) {
      return List.of();
    }
    return state.conversations().values().stream()
        .filter(Conversation::open)
        .filter(c -> c.myRole() == Role.ASSIGNED_AGENT)
        .toList();
  }
}
