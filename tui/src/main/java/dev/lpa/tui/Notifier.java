package dev.lpa.tui;

import dev.lpa.core.text.SafeText;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Emits one notification in the configured way. OSC sequences are written raw beside Lanterna's
 * output: they neither move the cursor nor print, so they do not disturb the screen buffer.
 */
public final class Notifier {
  private static final String ESC = "\u001b";
  private static final String BEL = "\u0007";
  private static final int MAX_BODY = 200;

  private volatile NotifyMode mode;
  private final boolean osc777;
  private final boolean tmux;
  private final Runnable bell;
  private final Consumer<String> raw;

  /**
   * @param bell rings the terminal bell (Lanterna's {@code Terminal.bell()})
   * @param raw writes bytes straight to the terminal, bypassing the screen buffer
   */
  public Notifier(NotifyMode mode, Map<String, String> env, Runnable bell, Consumer<String> raw) {
    this.mode = mode;
    this.tmux = env.get("TMUX") != null && !env.get("TMUX").isEmpty();
    this.osc777 = prefersOsc777(env);
    this.bell = bell;
    this.raw = raw;
  }

  public NotifyMode mode() {
    return mode;
  }

  /** The settings drawer changes the mode while the console runs. */
  public void setMode(NotifyMode mode) {
    this.mode = mode;
  }

  /** Title and body are untrusted (consumer names and text); both go through SafeText. */
  public void notify(String title, String body) {
    switch (mode) {
      case NONE -> {}
      case BELL -> bell.run();
      case OSC -> raw.accept(sequence(title, body));
    }
  }

  String sequence(String title, String body) {
    String t = clean(title);
    String b = clean(body);
    String seq =
        osc777
            ? ESC + "]777;notify;" + t.replace(';', ',') + ";" + b + BEL
            : ESC + "]9;" + (t.isEmpty() ? b : t + ": " + b) + BEL;
    return tmux ? tmuxPassthrough(seq) : seq;
  }

  /** tmux forwards a DCS {@code tmux;} payload to the outer terminal, with every ESC doubled. */
  static String tmuxPassthrough(String seq) {
    return ESC + "Ptmux;" + seq.replace(ESC, ESC + ESC) + ESC + "\\";
  }

  private static String clean(String s) {
    String line = SafeText.line(s);
    return line.length() > MAX_BODY ? line.substring(0, MAX_BODY - 1) + "…" : line;
  }

  /**
   * OSC 9 is the iTerm2/Windows Terminal/kitty/WezTerm/ghostty form; urxvt and foot (and
   * terminals that say so through LPA_OSC) understand OSC 777 instead.
   */
  static boolean prefersOsc777(Map<String, String> env) {
    String pick = env.getOrDefault("LPA_OSC", "");
    if (pick.equals("777")) {
      return true;
    }
    if (pick.equals("9")) {
      return false;
    }
    String term = env.getOrDefault("TERM", "").toLowerCase(Locale.ROOT);
    return term.contains("rxvt") || term.startsWith("foot");
  }
}
