package dev.lpa.core.model;

import java.util.Map;

/**
 * What is known about a consumer. All strings are untrusted: pass them through
 * {@code dev.lpa.core.text.SafeText} before display.
 *
 * @param source e.g. "SMS" (phone number, no avatar) or a social/web source with an avatar
 * @param extra further profile fields (SDEs) as label to value, in display order
 */
public record ConsumerProfile(
    String id,
    String firstName,
    String lastName,
    String phone,
    String email,
    String avatarUrl,
    String source,
    Map<String, String> extra) {

  /** Name if known, else phone number, else the id: what the list shows. */
  public String displayName() {
    String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
    if (!name.isEmpty()) {
      return name;
    }
    if (phone != null && !phone.isBlank()) {
      return phone;
    }
    return id;
  }
}
