package dev.lpa.core.sla;

import dev.lpa.core.model.Conversation;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The list rules of the spec: conversations awaiting the agent by effective due time (overdue
 * first, since their due time is earliest), then those pending the consumer by the agent's last
 * change (most recent first), then closed ones by closing time (most recent first).
 * Unassigned-skill conversations are not listed. All against a given instant, never the wall
 * clock.
 */
public final class Sla {
  /** "Soon to be overdue": due within five minutes. */
  public static final Duration DUE_SOON = Duration.ofMinutes(5);

  /** How many distinct consumer colours the faces cycle through. */
  public static final int COLOR_KEYS = 8;

  private Sla() {}

  public static Urgency urgency(Conversation c, Instant now) {
    if (!c.open()) {
      return Urgency.CLOSED;
    }
    Instant due = c.effectiveTtr();
    if (due == null) {
      return Urgency.PENDING_CONSUMER;
    }
    if (now.isAfter(due)) {
      return Urgency.OVERDUE;
    }
    if (!due.isAfter(now.plus(DUE_SOON))) {
      return Urgency.DUE_SOON;
    }
    return Urgency.PENDING_AGENT;
  }

  /** Time left until due (negative when overdue), null when nothing waits for the agent. */
  public static Duration dueIn(Conversation c, Instant now) {
    if (!c.open() || c.effectiveTtr() == null) {
      return null;
    }
    return Duration.between(now, c.effectiveTtr());
  }

  private static int group(Conversation c) {
    if (!c.open()) {
      return 2;
    }
    return c.effectiveTtr() == null ? 1 : 0;
  }

  private static final Comparator<Instant> NEWEST_FIRST =
      Comparator.nullsLast(Comparator.<Instant>reverseOrder());
  private static final Comparator<Instant> EARLIEST_FIRST =
      Comparator.nullsLast(Comparator.<Instant>naturalOrder());

  /** The list order. Ties are broken by id so the order is total and stable. */
  public static final Comparator<Conversation> ORDER = (a, b) -> {
    int ga = group(a);
    int gb = group(b);
    if (ga != gb) {
      return Integer.compare(ga, gb);
    }
    int r = switch (ga) {
      case 0 -> EARLIEST_FIRST.compare(a.effectiveTtr(), b.effectiveTtr());
      case 1 -> NEWEST_FIRST.compare(lastChange(a), lastChange(b));
      default -> NEWEST_FIRST.compare(a.ended(), b.ended());
    };
    return r != 0 ? r : a.id().compareTo(b.id());
  };

  private static Instant lastChange(Conversation c) {
    return c.lastAgentActivity() != null ? c.lastAgentActivity() : c.started();
  }

  /**
   * A collection that already iterates in {@link #ORDER} (the workspace state's conversations
   * are kept in it): {@link #listOrder} filters it without sorting.
   */
  public interface InOrder {}

  /**
   * What a list shows: without unassigned-skill conversations, closed ones only when they ended
   * within {@code closedWindow} before {@code now} (null = none), in {@link #ORDER}.
   */
  public static List<Conversation> listOrder(Collection<Conversation> all, Instant now, Duration closedWindow) {
    return firstRows(all, now, closedWindow, Integer.MAX_VALUE);
  }

  /**
   * The first {@code n} rows of {@link #listOrder}. Over a collection in order this costs the rows
   * it looks at, not the whole account: the walk stops after n rows or at the first closed
   * conversation older than the window (closed ones come last, newest first).
   */
  public static List<Conversation> firstRows(Collection<Conversation> all, Instant now, Duration closedWindow,
      int n) {
    Instant oldest = closedWindow == null ? null : now.minus(closedWindow);
    if (!(all instanceof InOrder)) {
      return all.stream().filter(c -> listed(c, oldest, closedWindow)).sorted(ORDER).limit(n).toList();
    }
    List<Conversation> out = new java.util.ArrayList<>();
    for (Conversation c : all) {
      if (out.size() >= n) {
        break;
      }
      if (!c.open() && (closedWindow == null || c.ended() == null || c.ended().isBefore(oldest))) {
        break;
      }
      if (!c.unassignedSkill()) {
        out.add(c);
      }
    }
    return java.util.Collections.unmodifiableList(out);
  }

  private static boolean listed(Conversation c, Instant oldest, Duration closedWindow) {
    return !c.unassignedSkill() && (c.open() || (closedWindow != null && c.ended() != null
        && !c.ended().isBefore(oldest)));
  }

  /**
   * A stable colour index in [0, COLOR_KEYS) per consumer: the same consumer gets the same colour
   * in every run and every face.
   */
  public static int colorKey(String consumerId) {
    // FNV-1a: stable across JVMs, unlike String.hashCode's spread on short ids
    int h = 0x811c9dc5;
    for (byte b : Objects.requireNonNullElse(consumerId, "").getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x01000193;
    }
    return Math.floorMod(h, COLOR_KEYS);
  }

  /** Compact due-in text for lists: "12m", "1h05m", "-3m" when overdue, "" when none. */
  public static String formatDueIn(Duration d) {
    if (d == null) {
      return "";
    }
    long secs = d.getSeconds();
    String sign = secs < 0 ? "-" : "";
    secs = Math.abs(secs);
    long h = secs / 3600;
    long m = (secs % 3600) / 60;
    long s = secs % 60;
    if (h >= 24) {
      return sign + (h / 24) + "d" + (h % 24) + "h";
    }
    if (h > 0) {
      // ROOT: the default locale may print digits in another script (ar-EG gives Arabic-Indic digits)
      return sign + h + "h" + String.format(java.util.Locale.ROOT, "%02dm", m);
    }
    if (m > 0) {
      return sign + m + "m";
    }
    return sign + s + "s";
  }
}
