package dev.lpa.core.model;

/**
 * The agent's availability, as {@code routing/setAgentState.json} names it: ONLINE, BACK_SOON,
 * AWAY, OFFLINE. LivePerson's Node SDK also sends OCCUPIED ("routing tasks for incoming transfers
 * only"), which lpa never sends; when another application set it, it reads as back soon, the
 * closest of the four states lpa shows.
 */
public enum AgentState {
  ONLINE("ONLINE", "online"),
  BACK_SOON("BACK_SOON", "back-soon"),
  AWAY("AWAY", "away"),
  OFFLINE("OFFLINE", "offline");

  private final String wire;
  private final String cliName;

  AgentState(String wire, String cliName) {
    this.wire = wire;
    this.cliName = cliName;
  }

  public String wire() {
    return wire;
  }

  /** The word users type: online, back-soon, away. */
  public String cliName() {
    return cliName;
  }

  /** Lenient: accepts wire values (incl. the SDK's OCCUPIED) and CLI words, any case. */
  public static AgentState parse(String s) {
    if (s == null) {
      throw new IllegalArgumentException("no agent state");
    }
    String u = s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    if (u.equals("OCCUPIED")) {
      return BACK_SOON;
    }
    for (AgentState a : values()) {
      if (a.wire.equals(u) || a.name().equals(u)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown agent state '" + s + "' (online, back-soon, away)");
  }
}
