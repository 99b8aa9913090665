package dev.lpa.tui;

import java.awt.Desktop;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/** Opens URLs and files with the desktop's handler, without waiting for it. */
final class SystemBrowser {
  private SystemBrowser() {}

  static void open(URI uri) {
    try {
      if (!java.awt.GraphicsEnvironment.isHeadless()
          && Desktop.isDesktopSupported()
          && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        Desktop.getDesktop().browse(uri);
        return;
      }
    } catch (IOException | UnsupportedOperationException e) {
      // fall through to the command-line openers
    }
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    List<String> cmd = os.contains("mac") ? List.of("open", uri.toString()) : List.of("xdg-open", uri.toString());
    try {
      new ProcessBuilder(cmd)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("no browser to open " + uri, e);
    }
  }
}
