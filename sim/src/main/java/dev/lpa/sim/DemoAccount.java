package dev.lpa.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The simulator's demo account. Seeded identically at every start so that other modules' tests
 * can rely on these constants (ids, logins, passwords, skills, groups).
 */
public final class DemoAccount {
  private DemoAccount() {}

  public static final String ACCOUNT_ID = "90233546";

  /**
   * The Conversational Cloud application installed on the demo account for lpa's SSO: its
   * installation id ({@code client_id}), secret and the redirect URI declared at installation.
   */
  public static final String OAUTH_CLIENT_ID = "4b0f6a0e-7c1d-4e55-9a77-lpa-sim-app";
  public static final String OAUTH_CLIENT_SECRET = "sim-app-secret-5f2c9d";
  public static final String OAUTH_REDIRECT_URI = "http://127.0.0.1:7823/callback";

  /** Skill ids. {@link #SKILL_GENERAL} is the default skill that {@code -1} requests go to. */
  public static final long SKILL_UNASSIGNED = -1;
  public static final long SKILL_GENERAL = 1001;
  public static final long SKILL_SALES = 1002;
  public static final long SKILL_BILLING = 1003;
  public static final long SKILL_TECH = 1004;
  public static final long SKILL_VIP = 1005;
  public static final long DEFAULT_SKILL = SKILL_GENERAL;

  public static final long GROUP_MAIN = -1;
  public static final long GROUP_TEAM_A = 2001;
  public static final long GROUP_TEAM_B = 2002;

  public static final long PROFILE_AGENT = 3001;
  public static final long PROFILE_MANAGER = 3002;

  /** SLA seconds per decisions.md #7. */
  public static final int TTR_NORMAL_SECONDS = 3600;
  public static final int TTR_URGENT_SECONDS = 600;
  public static final int TTR_PRIORITIZED_SECONDS = 1800;

  public enum Role { AGENT, MANAGER }

  /** One login of the account. {@code legacyId()} is the {@code acct.userId} form used on the socket. */
  public record User(
      Role role,
      String login,
      String password,
      String userId,
      String pid,
      String fullName,
      String nickname,
      String email,
      String pictureUrl,
      long memberOf,
      List<Long> managerOf,
      List<Long> skillIds,
      int maxSlots) {
    public String legacyId() {
      return ACCOUNT_ID + "." + userId;
    }

    public boolean isManager() {
      return role == Role.MANAGER;
    }
  }

  public record Skill(long id, String name, String description, boolean canTransfer,
      List<Long> transferList, int slaDefault, int slaUrgent, int slaFirstTime) {}

  public record Group(long id, String name, Long parentGroupId) {}

  public record Profile(long id, String name, int roleTypeId, String roleTypeName) {}

  public record Category(long id, String name) {}

  /** Predefined content; {@code lang} is the language of its one {@code data} entry. */
  public record Canned(long id, String title, String text, List<Long> categoryIds,
      List<Long> skillIds, char hotkeyLetter, char hotkeyDigit, String lang) {
    Canned(long id, String title, String text, List<Long> categoryIds, List<Long> skillIds, char hotkeyLetter,
        char hotkeyDigit) {
      this(id, title, text, categoryIds, skillIds, hotkeyLetter, hotkeyDigit, "en-US");
    }
  }

  /** A demo consumer. SMS-like consumers have a phone number and no avatar; social ones an avatar. */
  public record Consumer(String consumerId, String firstName, String lastName, String phone,
      String email, String avatarUrl, String source) {
    public String displayName() {
      return firstName + " " + lastName;
    }
  }

  /** One row of {@link #users()}: what {@code lpa sim --print-accounts} prints. */
  public record Login(String role, String account, String login, String password) {}

  public static final String AGENT1 = "agent1";
  public static final String MANAGER1 = "manager1";

  public static final List<Skill> SKILLS = List.of(
      new Skill(SKILL_GENERAL, "General", "Default skill for unrouted requests", true,
          List.of(SKILL_SALES, SKILL_BILLING, SKILL_TECH), TTR_NORMAL_SECONDS, TTR_URGENT_SECONDS,
          TTR_PRIORITIZED_SECONDS),
      new Skill(SKILL_SALES, "Sales", "New orders and upgrades", true,
          List.of(SKILL_BILLING, SKILL_VIP, SKILL_GENERAL), TTR_NORMAL_SECONDS, TTR_URGENT_SECONDS,
          TTR_PRIORITIZED_SECONDS),
      new Skill(SKILL_BILLING, "Billing", "Invoices, refunds and payments", true,
          List.of(SKILL_SALES, SKILL_GENERAL), TTR_NORMAL_SECONDS, TTR_URGENT_SECONDS,
          TTR_PRIORITIZED_SECONDS),
      new Skill(SKILL_TECH, "Tech Support", "Troubleshooting", true,
          List.of(SKILL_GENERAL, SKILL_VIP), TTR_NORMAL_SECONDS, TTR_URGENT_SECONDS,
          TTR_PRIORITIZED_SECONDS),
      new Skill(SKILL_VIP, "VIP", "Premium customers", false, List.of(),
          TTR_NORMAL_SECONDS, TTR_URGENT_SECONDS, TTR_PRIORITIZED_SECONDS));

  public static final List<Group> GROUPS = List.of(
      new Group(GROUP_MAIN, "Main Group", null),
      new Group(GROUP_TEAM_A, "Team Atlas", GROUP_MAIN),
      new Group(GROUP_TEAM_B, "Team Borealis", GROUP_MAIN));

  public static final List<Profile> PROFILES = List.of(
      new Profile(PROFILE_AGENT, "Agent", 2, "Agent"),
      new Profile(PROFILE_MANAGER, "Agent Manager", 3, "Agent Manager"));

  public static final List<User> USERS = List.of(
      agent(1, "Maya Lindqvist", "Maya", List.of(SKILL_GENERAL, SKILL_SALES, SKILL_BILLING), 4, GROUP_TEAM_A),
      agent(2, "Tomasz Nowak", "Tom", List.of(SKILL_GENERAL, SKILL_SALES), 3, GROUP_TEAM_A),
      agent(3, "Aisha Rahman", "Aisha", List.of(SKILL_GENERAL, SKILL_TECH), 3, GROUP_TEAM_A),
      agent(4, "Diego Fernández", "Diego", List.of(SKILL_BILLING, SKILL_TECH), 2, GROUP_TEAM_B),
      agent(5, "Priya Natarajan", "Priya", List.of(SKILL_TECH, SKILL_VIP), 2, GROUP_TEAM_B),
      agent(6, "Jonas Becker", "Jonas", List.of(SKILL_VIP, SKILL_SALES), 1, GROUP_TEAM_B),
      manager(1, "Helen Okafor", "Helen", GROUP_TEAM_A),
      manager(2, "Marcus Reed", "Marcus", GROUP_TEAM_B));

  public static final List<Category> CATEGORIES = List.of(
      new Category(4001, "Greetings"), new Category(4002, "Billing"), new Category(4003, "Closing"));

  /** Predefined content. Placeholders use brace tokens, e.g. {@code {agent nickname}}. */
  public static final List<Canned> CANNED = List.of(
      new Canned(5001, "Hello", "Hi, I'm {agent nickname}. How can I help you today?",
          List.of(4001L), List.of(SKILL_GENERAL, SKILL_SALES, SKILL_BILLING, SKILL_TECH, SKILL_VIP), 'g', '1'),
      new Canned(5002, "Welcome to skill", "Welcome to {skill name}! Give me a moment to read your message.",
          List.of(4001L), List.of(SKILL_GENERAL, SKILL_SALES, SKILL_TECH), 'g', '2'),
      new Canned(5003, "Invoice copy", "I have sent a copy of your invoice to {consumer email}.",
          List.of(4002L), List.of(SKILL_BILLING), 'b', '1'),
      new Canned(5004, "Refund timing", "Refunds reach your account within 5 business days.",
          List.of(4002L), List.of(SKILL_BILLING, SKILL_VIP), 'b', '2', "en-GB"),
      new Canned(5005, "Anything else", "Is there anything else I can help you with?",
          List.of(4003L, 4001L), List.of(SKILL_GENERAL, SKILL_SALES, SKILL_BILLING, SKILL_TECH, SKILL_VIP), 'c', '1'),
      new Canned(5006, "Goodbye", "Thanks for contacting us, {agent name}. Have a great day!",
          List.of(4003L), List.of(SKILL_GENERAL, SKILL_SALES, SKILL_BILLING, SKILL_TECH, SKILL_VIP), 'c', '2'));

  public static final List<Consumer> CONSUMERS = List.of(
      new Consumer("c0a8f2e4-1b7d-4c2a-9e51-6d0f3a7b8c11", "Olivia", "Martin", "+15550100101",
          "olivia.martin@example.com", null, "SMS"),
      new Consumer("c0a8f2e4-1b7d-4c2a-9e51-6d0f3a7b8c12", "Kenji", "Watanabe", null,
          "kenji.w@example.com", "https://avatars.example.com/kenji.png", "FACEBOOK"),
      new Consumer("c0a8f2e4-1b7d-4c2a-9e51-6d0f3a7b8c13", "Fatima", "Zahra", "+15550100103",
          null, null, "SMS"),
      new Consumer("c0a8f2e4-1b7d-4c2a-9e51-6d0f3a7b8c14", "Lucas", "Moreau", null,
          "lucas.moreau@example.com", "https://avatars.example.com/lucas.png", "APP"),
      new Consumer("c0a8f2e4-1b7d-4c2a-9e51-6d0f3a7b8c15", "Sofia", "Rossi", "+15550100105",
          "sofia.rossi@example.com", null, "SMS"),
      new Consumer("c0a8f2e4-1b7d-4c2a-9e51-6d0f3a7b8c16", "Noah", "Thompson", null,
          null, "https://avatars.example.com/noah.png", "FACEBOOK"));

  private static User agent(int n, String fullName, String nick, List<Long> skills, int slots, long group) {
    return new User(Role.AGENT, "agent" + n, "agent" + n + "-pass", String.valueOf(1000 + n),
        String.format("a9e1c3d0-0000-4000-8000-00000000%04d", n), fullName, nick,
        "agent" + n + "@demo.example.com", "https://avatars.example.com/agent" + n + ".png",
        group, List.of(), skills, slots);
  }

  private static User manager(int n, String fullName, String nick, long group) {
    return new User(Role.MANAGER, "manager" + n, "manager" + n + "-pass", String.valueOf(2000 + n),
        String.format("b7f2d4e1-0000-4000-8000-00000000%04d", n), fullName, nick,
        "manager" + n + "@demo.example.com", "https://avatars.example.com/manager" + n + ".png",
        GROUP_MAIN, List.of(group), List.of(SKILL_GENERAL), 2);
  }

  /** role/account/login/password rows for every demo user. */
  public static List<Login> users() {
    List<Login> out = new ArrayList<>();
    for (User u : USERS) {
      out.add(new Login(u.role().name().toLowerCase(java.util.Locale.ROOT), ACCOUNT_ID, u.login(), u.password()));
    }
    return out;
  }

  public static Optional<User> user(String login) {
    return USERS.stream().filter(u -> u.login().equals(login)).findFirst();
  }

  public static Optional<User> userById(String userId) {
    return USERS.stream().filter(u -> u.userId().equals(userId)).findFirst();
  }

  /** Accepts {@code acct.userId}, a bare user id or a PID. */
  public static Optional<User> userByAnyId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String bare = id.startsWith(ACCOUNT_ID + ".") ? id.substring(ACCOUNT_ID.length() + 1) : id;
    return USERS.stream().filter(u -> u.userId().equals(bare) || u.pid().equals(id)).findFirst();
  }

  public static Optional<Skill> skill(long id) {
    return SKILLS.stream().filter(s -> s.id() == id).findFirst();
  }

  public static Optional<Consumer> consumer(String id) {
    return CONSUMERS.stream().filter(c -> c.consumerId().equals(id)).findFirst();
  }

  /** The agents in the groups a manager manages. */
  public static List<User> teamOf(User manager) {
    return USERS.stream().filter(u -> u.role() == Role.AGENT && manager.managerOf().contains(u.memberOf())).toList();
  }

}
