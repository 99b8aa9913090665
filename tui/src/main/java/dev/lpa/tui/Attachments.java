package dev.lpa.tui;

import dev.lpa.core.model.CannedResponse;
import dev.lpa.core.model.Conversation;
import dev.lpa.core.text.SafeText;
import dev.lpa.tui.view.ChatItem;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chat's attach menu (predefined content, photo, secure form, call invitations) and opening
 * the newest photo.
 */
final class Attachments {
  private final Console ui;

  Attachments(Console ui) {
    this.ui = ui;
  }

  void openNewestPhoto() {
    List<ChatItem> items = ui.chatItems();
    for (int i = items.size() - 1; i >= 0; i--) {
      String path = items.get(i).filePath();
      if (path != null) {
        String name = Path.of(path).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        Path target = ui.opts.downloadDir().resolve(name);
        ui.call(() -> ui.ws.downloadFile(path, target), ui.text.get("status.downloading"), p -> ui.open(p.toUri()));
        return;
      }
    }
    ui.info(ui.text.get("status.noPhoto"));
  }

  void showAttachments() {
    String id = ui.model.openId();
    Conversation c = ui.conv(id);
    if (c == null || !c.open()) {
      ui.info(ui.text.get("status.selectFirst"));
      return;
    }
    ui.push(new Overlay.Menu(ui.text.get("attach.title"), List.of(
        Overlay.Item.of('p', ui.text.get("attach.canned"), () -> showCanned(id, c.skillId())),
        Overlay.Item.of('f', ui.text.get("attach.photo"), () -> ui.push(new Overlay.Prompt(ui.text.get("attach.photo"),
            ui.text.get("attach.path"), "", path -> sendPhoto(id, path)))),
        Overlay.Item.of('s', ui.text.get("attach.form"), () -> ui.push(new Overlay.Prompt(ui.text.get("attach.form"),
            ui.text.get("attach.formId"), "", formId -> ui.push(new Overlay.Prompt(ui.text.get("attach.form"),
                ui.text.get("attach.formTitle"), "", title -> ui.call(() -> ui.ws.inviteSecureForm(id, formId.trim(),
                    title.isBlank() ? formId.trim() : title), ui.text.get("status.sending"),
                    m -> ui.info(ui.text.get("status.formSent")))))))),
        Overlay.Item.of('v', ui.text.get("attach.video"), () -> invite(id, "VIDEO_CALL")),
        Overlay.Item.of('o', ui.text.get("attach.voice"), () -> invite(id, "VOICE_CALL"))), false));
  }

  void invite(String id, String mode) {
    ui.call(() -> ui.ws.inviteCall(id, mode), ui.text.get("status.inviting"), inv -> {
      ui.info(ui.text.get("status.invited", inv.state()));
      if (inv.agentUrl() != null && !inv.agentUrl().isBlank()) {
        ui.open(URI.create(inv.agentUrl()));
      }
    });
  }

  void sendPhoto(String id, String path) {
    String p = path.trim();
    if (p.isEmpty()) {
      return;
    }
    if (p.startsWith("~/")) {
      p = System.getProperty("user.home") + p.substring(1);
    }
    Path file = Path.of(p);
    ui.call(() -> ui.ws.sendFile(id, file, null), ui.text.get("status.uploading"), m -> ui.info(ui.text.get("status.photoSent")));
  }

  void showCanned(String id, String skillId) {
    ui.call(() -> ui.ws.cannedResponses(skillId), ui.text.get("status.loading"), list -> {
      Map<String, List<CannedResponse>> byCategory = new LinkedHashMap<>();
      for (CannedResponse r : list) {
        byCategory.computeIfAbsent(r.category() == null ? "" : r.category(), k -> new ArrayList<>()).add(r);
      }
      List<Overlay.Item> items = new ArrayList<>();
      items.add(Overlay.Item.of('/', ui.text.get("canned.search"), () -> ui.push(cannedMenu(id, ui.text.get("canned.search"), list, true))));
      char key = '1';
      for (Map.Entry<String, List<CannedResponse>> e : byCategory.entrySet()) {
        String cat = e.getKey().isEmpty() ? ui.text.get("canned.uncategorised") : SafeText.line(e.getKey());
        List<CannedResponse> entries = e.getValue();
        items.add(new Overlay.Item(key <= '9' ? key : 0, cat, String.valueOf(entries.size()), true,
            () -> ui.push(cannedMenu(id, cat, entries, false))));
        key++;
      }
      ui.push(new Overlay.Menu(ui.text.get("canned.title"), items, false));
    });
  }

  Overlay.Menu cannedMenu(String id, String title, List<CannedResponse> entries, boolean searchable) {
    List<Overlay.Item> items = new ArrayList<>();
    char key = '1';
    for (CannedResponse r : entries) {
      String hot = r.hotkey() == null ? "" : "#" + SafeText.line(r.hotkey());
      items.add(new Overlay.Item(!searchable && key <= '9' ? key : 0, SafeText.line(r.title()), hot, true, () -> {
        String filled;
        try {
          filled = ui.ws.fillCanned(r, id);
        } catch (RuntimeException e) {
          ui.error(e);
          return;
        }
        if (!id.equals(ui.model.openId())) {
          ui.openConversation(id);
        }
        ui.model.composer().set(SafeText.multiline(filled));
        ui.model.focusChat();
        ui.info(ui.text.get("status.cannedFilled"));
      }));
      key++;
    }
    return new Overlay.Menu(title, items, searchable);
  }
}
