package dev.lpa.tui;

import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.text.SafeText;
import dev.lpa.core.workspace.Workspace;
import dev.lpa.core.workspace.WorkspaceEvent;
import dev.lpa.tui.view.ConversationList;
import dev.lpa.tui.view.ListRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's tie to a workspace: subscribing to its states and events (each queued for the
 * UI thread), the look-ups made once on login (skills, agents), and what the events mean on
 * screen (notifications, a chat that went away).
 */
final class WorkspaceLink {
  private final Console ui;

  WorkspaceLink(Console ui) {
    this.ui = ui;
  }

  boolean ownsWorkspace;

  private final List<AutoCloseable> subscriptions = new ArrayList<>();

  void bind(Workspace w, boolean owns) {
    ui.ws = w;
    this.ownsWorkspace = owns;
    ui.state = w.state();
    try {
      subscriptions.add(w.onState(s -> ui.post(() -> ui.state = s)));
      subscriptions.add(w.onEvent(e -> ui.post(() -> onEvent(e))));
    } catch (RuntimeException e) {
      ui.error(e);
    }
    try {
      w.ready().whenComplete((s, err) -> {
        if (err != null) {
          ui.post(() -> ui.error(err));
        }
      });
    } catch (RuntimeException e) {
      ui.error(e);
    }
    if (ui.manager()) {
      ui.team.start();
      String account = ui.state.me().accountId();
      ui.call(w::agents, null, agents -> agents.forEach(a -> {
        String name = SafeText.line(a.fullName() != null && !a.fullName().isBlank() ? a.fullName() : a.loginName());
        ui.agentNames.put(a.userId(), name);
        ui.agentNames.put(account + "." + a.userId(), name);
        if (a.pid() != null) {
          ui.agentNames.put(a.pid(), name);
        }
      }));
    }
    if (ui.model.cursorId() == null) {
      List<ListRow> rows = ui.lists.rows();
      ui.model.placeCursor(rows.isEmpty() ? null : rows.get(0).conversationId());
    }
  }

  void unbind() {
    ui.rings.ringNotices.clear();
    ui.team.reset();
    for (AutoCloseable s : subscriptions) {
      try {
        s.close();
      } catch (Exception e) {
        // nothing to do: the workspace is going away
      }
    }
    subscriptions.clear();
  }

  void onEvent(WorkspaceEvent e) {
    if (e instanceof WorkspaceEvent.RingOffered ro) {
      if (ro.conversation() != null) {
        ui.rings.ringConversations.put(ro.ring().ringId(), ro.conversation());
      }
      ui.rings.ringNotices.put(ro.ring().ringId(), new RingDesk.PendingRingNotice(ro.ring(), ro.conversation(), ui.now()));
      ui.rings.announceRings();
    } else if (e instanceof WorkspaceEvent.RingEnded re) {
      ui.rings.ringConversations.remove(re.ring().ringId());
      // a ring gone before anyone could be named is no longer news
      ui.rings.ringNotices.remove(re.ring().ringId());
    } else if (e instanceof WorkspaceEvent.BecameOverdue bo) {
      Conversation c = bo.conversation();
      if (c.myRole() == null) {
        return; // a manager's team conversation: the team's business, not a bell for this desk
      }
      ui.lastNotified = c.id();
      ui.notifier.notify(ui.text.get("notify.overdue", ConversationList.consumerName(c)),
          c.lastMessage() == null ? "" : c.lastMessage().excerpt());
    } else if (e instanceof WorkspaceEvent.MessageAdded ma) {
      Message m = ma.message();
      // history arriving with the first snapshot or a reconnect is not news
      boolean fresh = m.time() == null || !m.time().isBefore(ui.startedAt.minusSeconds(5));
      Conversation mine = ui.conv(m.conversationId());
      // a manager sees the whole team's conversations; only those assigned to or joined by this
      // desk are news (the team's would ring the bell for every consumer of every agent)
      if (m.sender() == Message.Sender.CONSUMER && fresh && (mine == null || mine.myRole() != null)) {
        boolean onScreen = m.conversationId().equals(ui.model.openId()) && (ui.model.focus() == ConsoleModel.Pane.CHAT || ui.layout() == LayoutMode.SPLIT);
        if (onScreen) {
          ui.chatPane.markRead(m.conversationId());
        } else {
          ui.lastNotified = m.conversationId();
          Conversation c = ui.conv(m.conversationId());
          String who = c == null ? SafeText.line(m.senderName()) : ConversationList.consumerName(c);
          ui.notifier.notify(ui.text.get("notify.message", who), m.excerpt());
        }
      }
    } else if (e instanceof WorkspaceEvent.ConnectionChanged cc
        && cc.state() == dev.lpa.core.workspace.ConnectionState.LOGGED_OUT) {
      ui.session.expired();
    } else if (e instanceof WorkspaceEvent.ConversationRemoved cr) {
      ui.model.unmark(cr.conversationId());
      if (cr.conversationId().equals(ui.model.openId())) {
        ui.deselect();
      }
    }
  }
}
