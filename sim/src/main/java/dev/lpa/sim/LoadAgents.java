package dev.lpa.sim;

import java.util.List;
import java.util.Optional;

/**
 * Extra agents for load tests, present only when {@link SimConfig#loadAgents()} is above zero:
 * logins {@code load1} .. {@code loadN}, password {@code <login>-pass}, user ids from 100001, the
 * General skill and {@link #SLOTS} slots each. They belong to the account's main group, which no
 * demo manager manages, so they change nothing the demo users see.
 */
final class LoadAgents {
  static final String LOGIN_PREFIX = "load";
  static final int SLOTS = 50;
  private static final int FIRST_USER_ID = 100_000;
  private static final String PID_PREFIX = "c4d5e6f7-0000-4000-8000-";

  private LoadAgents() {}

  static DemoAccount.User agent(int n) {
    String login = LOGIN_PREFIX + n;
    return new DemoAccount.User(DemoAccount.Role.AGENT, login, login + "-pass", String.valueOf(FIRST_USER_ID + n),
        PID_PREFIX + String.format("%012d", n), "Load Agent " + n, "Load" + n, login + "@load.example.com",
        null, DemoAccount.GROUP_MAIN, List.of(), List.of(DemoAccount.SKILL_GENERAL), SLOTS);
  }

  static Optional<DemoAccount.User> byLogin(String login, int count) {
    if (login == null || !login.startsWith(LOGIN_PREFIX)) {
      return Optional.empty();
    }
    return number(login.substring(LOGIN_PREFIX.length()), count).map(LoadAgents::agent);
  }

  /** Accepts {@code acct.userId}, a bare user id or a PID, like {@link DemoAccount#userByAnyId}. */
  static Optional<DemoAccount.User> byAnyId(String id, int count) {
    if (id == null || count <= 0) {
      return Optional.empty();
    }
    if (id.startsWith(PID_PREFIX)) {
      return number(id.substring(PID_PREFIX.length()), count).map(LoadAgents::agent);
    }
    String bare = id.startsWith(DemoAccount.ACCOUNT_ID + ".") ? id.substring(DemoAccount.ACCOUNT_ID.length() + 1) : id;
    try {
      return number(String.valueOf(Long.parseLong(bare) - FIRST_USER_ID), count).map(LoadAgents::agent);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Integer> number(String digits, int count) {
    if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    long n = Long.parseLong(digits);
    return n >= 1 && n <= count ? Optional.of((int) n) : Optional.empty();
  }
}
