package dev.lpa.core.auth;

/** A stored profile (no secrets): what `lpa whoami` and profile pickers show. */
public record ProfileInfo(String name, String accountId, String loginName, String csdsDomain, boolean loggedIn) {}
