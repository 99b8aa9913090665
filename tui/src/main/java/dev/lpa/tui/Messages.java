package dev.lpa.tui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** UI strings from {@code dev/lpa/tui/messages*.properties}; a missing key shows as itself. */
public final class Messages {
  private static final String BUNDLE = "dev.lpa.tui.messages";
  private final ResourceBundle bundle;
  private final Locale locale;

  public Messages(Locale locale) {
    this.locale = locale;
    this.bundle =
        ResourceBundle.getBundle(
            BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  public Locale locale() {
    return locale;
  }

  public String get(String key, Object... args) {
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
  }

  /** Locales with a bundle of their own, in the order the settings drawer cycles through. */
  public static final Locale[] SUPPORTED = {Locale.ENGLISH, Locale.GERMAN};
}
