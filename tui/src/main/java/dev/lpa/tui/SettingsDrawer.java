package dev.lpa.tui;

import dev.lpa.core.model.AgentState;
import dev.lpa.core.text.SafeText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The settings drawer (agent state, theme, language, notifications, links, log out, quit) and
 * saving the choices to {@code console.properties}.
 */
final class SettingsDrawer {
  private final Console ui;

  SettingsDrawer(Console ui) {
    this.ui = ui;
  }

  void showDrawer() {
    AgentState current = ui.state == null ? null : ui.state.agentState();
    List<Overlay.Item> items = new ArrayList<>();
    items.add(stateItem('o', AgentState.ONLINE, current));
    items.add(stateItem('b', AgentState.BACK_SOON, current));
    items.add(stateItem('w', AgentState.AWAY, current));
    boolean noColor = ui.opts.env().getOrDefault("NO_COLOR", "").length() > 0;
    items.add(new Overlay.Item('t', ui.text.get("drawer.theme"),
        ui.text.get("theme." + ui.theme.name()) + (noColor ? " (NO_COLOR)" : ""), !noColor, () -> {
          ui.theme = ui.theme.next();
          saveSettings();
          showDrawer();
        }));
    items.add(new Overlay.Item('l', ui.text.get("drawer.language"), ui.text.locale().getDisplayLanguage(ui.text.locale()), true,
        () -> {
          ui.text = new Messages(nextLocale(ui.text.locale()));
          saveSettings();
          showDrawer();
        }));
    items.add(new Overlay.Item('n', ui.text.get("drawer.notifications"), ui.text.get("notify." + ui.notifyMode.name()), true,
        () -> {
          ui.notifyMode = NotifyMode.values()[(ui.notifyMode.ordinal() + 1) % NotifyMode.values().length];
          ui.notifier.setMode(ui.notifyMode);
          saveSettings();
          showDrawer();
        }));
    items.add(Overlay.Item.of('f', ui.text.get("drawer.feedback"), () -> ui.open(ConsoleOptions.FEEDBACK_URL)));
    items.add(Overlay.Item.of('m', ui.text.get("drawer.messageUs"), () -> ui.open(ConsoleOptions.MESSAGE_US_URL)));
    items.add(Overlay.Item.of('x', ui.text.get("drawer.logout"), ui.session::startLogout));
    items.add(Overlay.Item.of('q', ui.text.get("drawer.quit"), ui::quit));
    String who = ui.state == null || ui.state.me() == null ? "" : SafeText.line(ui.state.me().displayName());
    ui.push(new Overlay.Menu(ui.text.get("drawer.title", who), items, false));
  }

  void saveSettings() {
    Path file = ui.opts.settingsFile();
    if (file == null) {
      return;
    }
    Theme t = ui.theme;
    Locale l = ui.text.locale();
    NotifyMode n = ui.notifyMode;
    CompletableFuture.runAsync(() -> {
      try {
        ConsoleSettings.save(file, t, l, n);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, ui.blocking).whenComplete((v, err) -> {
      if (err != null) {
        ui.post(() -> ui.error(err));
      }
    });
  }

  static Locale nextLocale(Locale l) {
    Locale[] all = Messages.SUPPORTED;
    for (int i = 0; i < all.length; i++) {
      if (all[i].getLanguage().equals(l.getLanguage())) {
        return all[(i + 1) % all.length];
      }
    }
    return all[0];
  }

  Overlay.Item stateItem(char key, AgentState s, AgentState current) {
    String label = ui.text.get("state." + s.name());
    return new Overlay.Item(key, label, s == current ? "●" : "", true,
        () -> ui.call(() -> ui.ws.setAgentState(s), ui.text.get("status.settingState", label), v -> ui.info(ui.text.get("status.stateSet", label))));
  }
}
