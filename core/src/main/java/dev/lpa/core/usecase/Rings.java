package dev.lpa.core.usecase;

import dev.lpa.core.model.Ring;
import dev.lpa.core.workspace.WorkspaceState;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which ring an agent answers next, the one rule the console's accept key and {@code lpa accept
 * --next} share: of the rings still waiting, the one that expires first (a ring with no expiry
 * goes last; ties keep the order the rings arrived in).
 */
public final class Rings {
  private static final Comparator<Ring> BY_EXPIRY =
      Comparator.comparing(Ring::expires, Comparator.nullsLast(Comparator.<Instant>naturalOrder()));

  private Rings() {}

  public static Optional<Ring> next(WorkspaceState state) {
    if (state == null) {
      return Optional.empty();
    }
    // Stream.min keeps the first of equal elements: arrival order breaks ties
    return state.rings().stream().filter(Ring::waiting).min(BY_EXPIRY);
  }

  /** How many rings wait for an answer. */
  public static long waiting(WorkspaceState state) {
    return state == null ? 0 : state.rings().stream().filter(Ring::waiting).count();
  }
}
