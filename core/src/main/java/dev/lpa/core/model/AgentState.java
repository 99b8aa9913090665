package dev.lpa.core.model;

/** The agent's availability. Wire values: ONLINE, OCCUPIED (shown as "back soon"), AWAY, OFFLINE. */
public enum AgentState {
  ONLINE("ONLINE", "online"),
  BACK_SOON("OCCUPIED", "back-soon"),
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

  /** Lenient: accepts wire values (incl. BACK_SOON) and CLI words, any case. */
  public static AgentState parse(String s) {
    if (s == null) {
      throw new IllegalArgumentException("no agent state");
    }
    String u = s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    for (AgentState a : values()) {
      if (a.wire.equals(u) || a.name().equals(u)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown agent state '" + s + "' (online, back-soon, away)");
  }
}
