package dev.lpa.core.model;

/** Participant roles in a conversation. */
public enum Role {
  CONSUMER, ASSIGNED_AGENT, AGENT, MANAGER, READER, CONTROLLER;

  public static Role parse(String s) {
    try {
      return valueOf(s);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
