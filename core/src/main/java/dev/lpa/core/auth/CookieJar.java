package dev.lpa.core.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Login Service cookies of one profile, kept as the value of a {@code Cookie} header in the
 * profile file (0600). LivePerson answers a refresh with a new session cookie: merging every
 * {@code Set-Cookie} into the stored value keeps the next refresh and the logout working.
 */
final class CookieJar {
  private CookieJar() {}

  /**
   * {@code current} with the name=value pairs of {@code setCookies} put in (same name: replaced)
   * and the ones a {@code Max-Age=0} or an empty value deletes taken out; null when none is left.
   */
  static String merge(String current, List<String> setCookies) {
    Map<String, String> jar = new LinkedHashMap<>();
    if (current != null) {
      for (String pair : current.split(";")) {
        put(jar, pair.trim());
      }
    }
    for (String sc : setCookies) {
      String[] parts = sc.split(";");
      String pair = parts[0].trim();
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      boolean gone = value.isEmpty();
      for (int i = 1; i < parts.length; i++) {
        String attr = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (attr.startsWith("max-age=") && attr.substring(8).matches("-?0+|-\\d+")) {
          gone = true;
        }
      }
      if (gone) {
        jar.remove(name);
      } else {
        jar.put(name, value);
      }
    }
    if (jar.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    jar.forEach((k, v) -> out.append(out.length() == 0 ? "" : "; ").append(k).append('=').append(v));
    return out.toString();
  }

  private static void put(Map<String, String> jar, String pair) {
    int eq = pair.indexOf('=');
    if (eq > 0) {
      jar.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
  }
}
