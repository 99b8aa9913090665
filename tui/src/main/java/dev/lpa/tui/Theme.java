package dev.lpa.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Named styles (aerc-stylesets style) for the three looks: dark, light and monochrome. Meaning is
 * never carried by colour alone: every coloured mark also has a glyph or a word, so monochrome
 * loses nothing but decoration.
 */
public enum Theme {
  DARK,
  LIGHT,
  MONO;

  /** A foreground, background and modifiers; {@code null} colours mean the terminal default. */
  public record Style(TextColor fg, TextColor bg, EnumSet<SGR> sgr) {
    public static Style of(TextColor fg, TextColor bg, SGR... sgr) {
      EnumSet<SGR> set = EnumSet.noneOf(SGR.class);
      set.addAll(List.of(sgr));
      return new Style(fg, bg, set);
    }
  }

  public enum Role {
    BASE,
    HEADER,
    DIM,
    CURSOR,
    OVERDUE,
    DUE_SOON,
    OK,
    STATE_ONLINE,
    STATE_AWAY,
    STATE_BACK_SOON,
    BANNER_RING,
    BANNER_ALERT,
    STATUS,
    STATUS_ERROR,
    AGENT_BUBBLE,
    SYSTEM,
    MENU,
    MENU_SELECTED,
    MARKED,
    UNREAD,
    INPUT
  }

  private static final TextColor DEF = TextColor.ANSI.DEFAULT;

  /**
   * Consumer colour keys: distinct, readable behind black text on dark and light alike. Indexes
   * come from core's colour key so the CLI and the console agree on a consumer's colour.
   */
  private static final List<TextColor> CONSUMER_COLOURS =
      List.of(
          new TextColor.Indexed(117), // sky
          new TextColor.Indexed(150), // green
          new TextColor.Indexed(222), // sand
          new TextColor.Indexed(183), // lilac
          new TextColor.Indexed(216), // salmon
          new TextColor.Indexed(152), // teal
          new TextColor.Indexed(229), // lemon
          new TextColor.Indexed(218)); // pink

  public static int consumerColourCount() {
    return CONSUMER_COLOURS.size();
  }

  /** The background of a consumer's bubble and list swatch; {@code null} in monochrome. */
  public TextColor consumerColour(int key) {
    if (this == MONO) {
      return null;
    }
    return CONSUMER_COLOURS.get(Math.floorMod(key, CONSUMER_COLOURS.size()));
  }

  public Style style(Role role) {
    return switch (this) {
      case DARK -> DARK_STYLES.get(role);
      case LIGHT -> LIGHT_STYLES.get(role);
      case MONO -> MONO_STYLES.get(role);
    };
  }

  /** NO_COLOR (any non-empty value, per no-color.org) wins over the configured theme. */
  public static Theme resolve(Theme configured, Map<String, String> env) {
    String noColor = env.get("NO_COLOR");
    if (noColor != null && !noColor.isEmpty()) {
      return MONO;
    }
    return configured == null ? DARK : configured;
  }

  public static Theme parse(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "dark" -> DARK;
      case "light" -> LIGHT;
      case "mono", "monochrome", "none" -> MONO;
      default -> throw new IllegalArgumentException("unknown theme: " + s);
    };
  }

  public Theme next() {
    return values()[(ordinal() + 1) % values().length];
  }

  private static final Map<Role, Style> DARK_STYLES =
      Map.ofEntries(
          Map.entry(Role.BASE, Style.of(TextColor.ANSI.WHITE, TextColor.ANSI.BLACK)),
          Map.entry(Role.HEADER, Style.of(TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.BLUE)),
          Map.entry(Role.DIM, Style.of(TextColor.ANSI.BLACK_BRIGHT, TextColor.ANSI.BLACK)),
          Map.entry(Role.CURSOR, Style.of(TextColor.ANSI.BLACK, TextColor.ANSI.CYAN)),
          Map.entry(Role.OVERDUE, Style.of(TextColor.ANSI.RED_BRIGHT, TextColor.ANSI.BLACK, SGR.BOLD)),
          Map.entry(Role.DUE_SOON, Style.of(TextColor.ANSI.YELLOW_BRIGHT, TextColor.ANSI.BLACK)),
          Map.entry(Role.OK, Style.of(TextColor.ANSI.GREEN, TextColor.ANSI.BLACK)),
          Map.entry(Role.STATE_ONLINE, Style.of(TextColor.ANSI.GREEN_BRIGHT, TextColor.ANSI.BLUE)),
          Map.entry(Role.STATE_AWAY, Style.of(TextColor.ANSI.RED_BRIGHT, TextColor.ANSI.BLUE)),
          Map.entry(Role.STATE_BACK_SOON, Style.of(TextColor.ANSI.YELLOW_BRIGHT, TextColor.ANSI.BLUE)),
          Map.entry(Role.BANNER_RING, Style.of(TextColor.ANSI.BLACK, TextColor.ANSI.YELLOW_BRIGHT)),
          Map.entry(Role.BANNER_ALERT, Style.of(TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.RED)),
          Map.entry(Role.STATUS, Style.of(TextColor.ANSI.BLACK, TextColor.ANSI.WHITE)),
          Map.entry(Role.STATUS_ERROR, Style.of(TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.RED)),
          Map.entry(Role.AGENT_BUBBLE, Style.of(TextColor.ANSI.BLACK, TextColor.ANSI.WHITE_BRIGHT)),
          Map.entry(Role.SYSTEM, Style.of(TextColor.ANSI.WHITE, TextColor.ANSI.BLACK, SGR.ITALIC)),
          Map.entry(Role.MENU, Style.of(TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.BLACK_BRIGHT)),
          Map.entry(Role.MENU_SELECTED, Style.of(TextColor.ANSI.BLACK, TextColor.ANSI.CYAN)),
          Map.entry(Role.MARKED, Style.of(TextColor.ANSI.MAGENTA_BRIGHT, TextColor.ANSI.BLACK, SGR.BOLD)),
          Map.entry(Role.UNREAD, Style.of(TextColor.ANSI.CYAN_BRIGHT, TextColor.ANSI.BLACK, SGR.BOLD)),
          Map.entry(Role.INPUT, Style.of(TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.BLACK_BRIGHT)));

  private static final Map<Role, Style> LIGHT_STYLES =
      Map.ofEntries(
          Map.entry(Role.BASE, Style.of(TextColor.ANSI.BLACK, TextColor.ANSI.WHITE_BRIGHT)),
          Map.entry(Role.HEADER, Style.of(TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.BLUE)),
          Map.entry(Role.DIM, Style.of(TextColor.ANSI.BLACK_BRIGHT, TextColor.ANSI.WHITE_BRIGHT)),
          Map.entry(Role.CURSOR, Style.of(TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.BLUE)),
          Map.entry(Role.OVERDUE, Style.of(TextColor.ANSI.RED, TextColor.ANSI.WHITE_BRIGHT, SGR.BOLD)),
          Map.entry(Role.DUE_SOON, Style.of(TextColor.ANSI.YELLOW, TextColor.ANSI.WHITE_BRIGHT, SGR.BOLD)),
          Map.entry(Role.OK, Style.of(TextColor.ANSI.GREEN, TextColor.ANSI.WHITE_BRIGHT)),
          Map.entry(Role.STATE_ONLINE, Style.of(TextColor.ANSI.GREEN_BRIGHT, TextColor.ANSI.BLUE)),
          Map.entry(Role.STATE_AWAY, Style.of(TextColor.ANSI.RED_BRIGHT, TextColor.ANSI.BLUE)),
          Map.entry(Role.STATE_BACK_SOON, Style.of(TextColor.ANSI.YELLOW_BRIGHT, TextColor.ANSI.BLUE)),
          Map.entry(Role.BANNER_RING, Style.of(TextColor.ANSI.BLACK, TextColor.ANSI.YELLOW_BRIGHT)),
          Map.entry(Role.BANNER_ALERT, Style.of(TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.RED)),
          Map.entry(Role.STATUS, Style.of(TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.BLACK_BRIGHT)),
          Map.entry(Role.STATUS_ERROR, Style.of(TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.RED)),
          Map.entry(Role.AGENT_BUBBLE, Style.of(TextColor.ANSI.BLACK, TextColor.ANSI.WHITE)),
          Map.entry(Role.SYSTEM, Style.of(TextColor.ANSI.BLACK_BRIGHT, TextColor.ANSI.WHITE_BRIGHT, SGR.ITALIC)),
          Map.entry(Role.MENU, Style.of(TextColor.ANSI.BLACK, TextColor.ANSI.WHITE)),
          Map.entry(Role.MENU_SELECTED, Style.of(TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.BLUE)),
          Map.entry(Role.MARKED, Style.of(TextColor.ANSI.MAGENTA, TextColor.ANSI.WHITE_BRIGHT, SGR.BOLD)),
          Map.entry(Role.UNREAD, Style.of(TextColor.ANSI.BLUE, TextColor.ANSI.WHITE_BRIGHT, SGR.BOLD)),
          Map.entry(Role.INPUT, Style.of(TextColor.ANSI.BLACK, TextColor.ANSI.WHITE)));

  private static final Map<Role, Style> MONO_STYLES =
      Map.ofEntries(
          Map.entry(Role.BASE, Style.of(DEF, DEF)),
          Map.entry(Role.HEADER, Style.of(DEF, DEF, SGR.REVERSE)),
          Map.entry(Role.DIM, Style.of(DEF, DEF)),
          Map.entry(Role.CURSOR, Style.of(DEF, DEF, SGR.REVERSE)),
          Map.entry(Role.OVERDUE, Style.of(DEF, DEF, SGR.BOLD)),
          Map.entry(Role.DUE_SOON, Style.of(DEF, DEF, SGR.UNDERLINE)),
          Map.entry(Role.OK, Style.of(DEF, DEF)),
          Map.entry(Role.STATE_ONLINE, Style.of(DEF, DEF, SGR.REVERSE)),
          Map.entry(Role.STATE_AWAY, Style.of(DEF, DEF, SGR.REVERSE)),
          Map.entry(Role.STATE_BACK_SOON, Style.of(DEF, DEF, SGR.REVERSE)),
          Map.entry(Role.BANNER_RING, Style.of(DEF, DEF, SGR.REVERSE, SGR.BOLD)),
          Map.entry(Role.BANNER_ALERT, Style.of(DEF, DEF, SGR.REVERSE, SGR.BOLD)),
          Map.entry(Role.STATUS, Style.of(DEF, DEF, SGR.REVERSE)),
          Map.entry(Role.STATUS_ERROR, Style.of(DEF, DEF, SGR.REVERSE, SGR.BOLD)),
          Map.entry(Role.AGENT_BUBBLE, Style.of(DEF, DEF)),
          Map.entry(Role.SYSTEM, Style.of(DEF, DEF)),
          Map.entry(Role.MENU, Style.of(DEF, DEF)),
          Map.entry(Role.MENU_SELECTED, Style.of(DEF, DEF, SGR.REVERSE)),
          Map.entry(Role.MARKED, Style.of(DEF, DEF, SGR.BOLD)),
          Map.entry(Role.UNREAD, Style.of(DEF, DEF, SGR.BOLD)),
          Map.entry(Role.INPUT, Style.of(DEF, DEF, SGR.UNDERLINE)));
}
