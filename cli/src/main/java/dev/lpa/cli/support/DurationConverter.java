package dev.lpa.cli.support;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people type them: 30s, 15m, 2h, 90d, or ISO-8601. */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String s) {
    String t = s.trim().toLowerCase();
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase());
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      Duration d = switch (t.charAt(t.length() - 1)) {
        case 'd' -> Duration.ofDays(n);
        case 'h' -> Duration.ofHours(n);
        case 'm' -> Duration.ofMinutes(n);
        case 's' -> Duration.ofSeconds(n);
        default -> null;
      };
      if (d != null && !d.isNegative()) {
        return d;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw new TypeConversionException("'" + s + "' is not a duration (like 30s, 15m, 2h, 90d)");
  }
}
