package dev.lpa.core.model;

/** Time to respond: type NORMAL, URGENT, PRIORITIZED or CUSTOM, and the allowed seconds. */
public record Ttr(String type, long seconds) {
  public boolean urgent() {
    return "URGENT".equals(type);
  }
}
