package dev.lpa.tui;

import dev.lpa.core.model.Agent;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.model.Message;
import dev.lpa.core.model.Role;
import dev.lpa.core.model.Skill;
import dev.lpa.core.text.SafeText;
import dev.lpa.tui.view.ConversationList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * The conversation's action menu: transfer (to a skill or an agent, with a note), return, close
 * (asked first), urgent, consumer info, a submitted secure form, join and leave for managers.
 */
final class ActionsMenu {
  private final Console ui;

  ActionsMenu(Console ui) {
    this.ui = ui;
  }

  String targetId() {
    if (ui.model.chatFocused()) {
      return ui.model.openId();
    }
    return ui.model.cursorId() != null ? ui.model.cursorId() : ui.model.openId();
  }

  void showActions() {
    String id = targetId();
    Conversation c = ui.conv(id);
    if (c == null) {
      ui.info(ui.text.get("status.selectFirst"));
      return;
    }
    boolean open = c.open();
    boolean manager = ui.state.me() != null && ui.state.me().manager();
    List<Overlay.Item> items = new ArrayList<>();
    // a closed conversation can only be looked at: its menu lists nothing that would do nothing
    if (open) {
      items.add(Overlay.Item.of('t', ui.text.get("action.transfer"), () -> showTransfer(id)));
      items.add(Overlay.Item.of('r', ui.text.get("action.return"),
          () -> ui.call(() -> ui.ws.returnToQueue(id), ui.text.get("status.returning"), v -> {
            ui.info(ui.text.get("status.returned", ConversationList.consumerName(c)));
            if (id.equals(ui.model.openId())) {
              ui.deselect();
            }
          })));
      items.add(Overlay.Item.of('c', ui.text.get("action.close"), () -> confirmClose(id)));
      boolean urgent = c.ttr() != null && c.ttr().urgent();
      items.add(Overlay.Item.of('u', ui.text.get(urgent ? "action.unurgent" : "action.urgent"),
          () -> ui.call(() -> ui.ws.setUrgent(id, !urgent), null, v -> ui.info(ui.text.get(urgent ? "status.unurgent" : "status.urgent")))));
    }
    items.add(Overlay.Item.of('i', ui.text.get("action.info"), () -> showConsumerInfo(id)));
    Message submission = lastSubmission(id);
    if (submission != null) {
      String subId = ((Message.FormSubmission) submission.content()).submissionId();
      items.add(Overlay.Item.of('f', ui.text.get("action.viewForm"), () -> showSecureForm(id, subId)));
    }
    if (manager) {
      boolean joined = c.myRole() == Role.MANAGER || c.myRole() == Role.READER;
      if (joined && open) {
        items.add(Overlay.Item.of('l', ui.text.get("action.leave"), () -> ui.call(() -> ui.ws.leave(id), null, v -> {})));
      } else if (c.myRole() == null && open) {
        items.add(Overlay.Item.of('j', ui.text.get("action.join"), () -> ui.call(() -> ui.ws.join(id, false), null, v -> {})));
      }
    }
    ui.push(new Overlay.Menu(ui.text.get("action.title", ConversationList.consumerName(c)), items, false));
  }

  Message lastSubmission(String id) {
    List<Message> msgs = ui.state.messagesOf(id);
    for (int i = msgs.size() - 1; i >= 0; i--) {
      if (msgs.get(i).content() instanceof Message.FormSubmission) {
        return msgs.get(i);
      }
    }
    return null;
  }

  void confirmClose(String id) {
    Conversation c = ui.conv(id);
    ui.push(new Overlay.Menu(ui.text.get("confirm.close", c == null ? id : ConversationList.consumerName(c)), List.of(
        Overlay.Item.of('y', ui.text.get("confirm.yes"), () -> ui.call(() -> ui.ws.close(id), ui.text.get("status.closing"), v -> {
          ui.info(ui.text.get("status.closed"));
          if (id.equals(ui.model.openId())) {
            ui.deselect();
          }
        })),
        Overlay.Item.of('n', ui.text.get("confirm.no"), () -> {})), false));
  }

  void showTransfer(String id) {
    ui.push(new Overlay.Menu(ui.text.get("transfer.title"), List.of(
        Overlay.Item.of('s', ui.text.get("transfer.skill"), () -> pickSkill(id)),
        Overlay.Item.of('a', ui.text.get("transfer.agent"), () -> pickAgent(id))), false));
  }

  void pickSkill(String id) {
    Conversation c = ui.conv(id);
    ui.call(() -> ui.ws.skills(), ui.text.get("status.loading"), skills -> {
      List<Overlay.Item> items = new ArrayList<>();
      char key = '1';
      for (Skill s : skills) {
        if (c != null && s.id().equals(c.skillId()) || Conversation.UNASSIGNED_SKILL.equals(s.id())) {
          continue;
        }
        if (c != null && !allowedTransfer(c, skills, s)) {
          continue;
        }
        String online = s.agentsOnline() < 0 ? "" : ui.text.get("transfer.online", s.agentsOnline());
        items.add(new Overlay.Item(key <= '9' ? key : 0, SafeText.line(s.name()), online, true,
            () -> askNote(note -> ui.call(() -> ui.ws.transferToSkill(id, s.id(), note), ui.text.get("status.transferring"),
                v -> transferred(id, SafeText.line(s.name()))))));
        key++;
      }
      ui.push(new Overlay.Menu(ui.text.get("transfer.skill"), items, items.size() > 9));
    });
  }

  static boolean allowedTransfer(Conversation c, List<Skill> skills, Skill target) {
    for (Skill s : skills) {
      if (s.id().equals(c.skillId())) {
        return s.transferSkillIds().isEmpty() || s.transferSkillIds().contains(target.id());
      }
    }
    return true;
  }

  void pickAgent(String id) {
    String myUser = ui.state.me() == null ? "" : ui.state.me().userId();
    ui.call(() -> ui.ws.agents(), ui.text.get("status.loading"), agents -> {
      List<Overlay.Item> items = new ArrayList<>();
      for (Agent a : agents) {
        if (myUser.endsWith("." + a.userId()) || myUser.equals(a.userId())) {
          continue;
        }
        String name = SafeText.line(a.fullName() != null && !a.fullName().isBlank() ? a.fullName() : a.loginName());
        String st = a.state() == null ? "" : ui.text.get("state." + a.state().name());
        String load = a.openConversations() < 0 ? "" : " " + a.openConversations()
            + (a.maxConversations() < 0 ? "" : "/" + a.maxConversations());
        items.add(new Overlay.Item((char) 0, name, st + load, true,
            () -> askNote(note -> ui.call(() -> ui.ws.transferToAgent(id, a.userId(), note), ui.text.get("status.transferring"),
                v -> transferred(id, name)))));
      }
      ui.push(new Overlay.Menu(ui.text.get("transfer.agent"), items, true));
    });
  }

  void askNote(Consumer<String> then) {
    ui.push(new Overlay.Prompt(ui.text.get("transfer.noteTitle"), ui.text.get("transfer.note"), "",
        s -> then.accept(s.isBlank() ? null : s)));
  }

  void transferred(String id, String target) {
    ui.info(ui.text.get("status.transferred", target));
    if (id.equals(ui.model.openId())) {
      ui.deselect();
    }
  }

  void showConsumerInfo(String id) {
    ui.call(() -> ui.ws.consumerProfile(id), ui.text.get("status.loading"), p -> {
      List<String> lines = new ArrayList<>();
      lines.add(ui.text.get("info.name") + ": " + SafeText.line(p.displayName()));
      addIf(lines, ui.text.get("info.phone"), p.phone());
      addIf(lines, ui.text.get("info.email"), p.email());
      addIf(lines, ui.text.get("info.source"), p.source());
      addIf(lines, ui.text.get("info.id"), p.id());
      if (p.extra() != null) {
        p.extra().forEach((k, v) -> addIf(lines, SafeText.line(k), v));
      }
      ui.push(new Overlay.Info(ui.text.get("info.title"), lines));
    });
  }

  static void addIf(List<String> lines, String label, String value) {
    if (value != null && !value.isBlank()) {
      lines.add(label + ": " + SafeText.line(value));
    }
  }

  void showSecureForm(String id, String submissionId) {
    ui.call(() -> ui.ws.readSecureForm(id, submissionId), ui.text.get("status.loading"), fields -> {
      List<String> lines = new ArrayList<>();
      new LinkedHashMap<>(fields).forEach((k, v) -> lines.add(SafeText.line(k) + ": " + SafeText.line(v)));
      ui.push(new Overlay.Info(ui.text.get("form.title"), lines));
    });
  }
}
