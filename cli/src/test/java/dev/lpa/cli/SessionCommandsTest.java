package dev.lpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpa.cli.session.SessionClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionCommandsTest {
  @Test
  void theSpelledOutListIsTheCommandsThatNeedTheConnection() {
    assertThat(Main.SESSION_COMMANDS).isEqualTo(Main.sessionCommandsOfTree());
  }

  @Test
  void onlySettingAStateWaitsForANewSession() {
    assertThat(SessionClient.mustWait(new String[] {"state", "online"})).isTrue();
    assertThat(SessionClient.mustWait(new String[] {"state", "-p", "x", "away"})).isTrue();
    assertThat(SessionClient.mustWait(new String[] {"state", "--profile", "x"})).isFalse();
    assertThat(SessionClient.mustWait(new String[] {"list", "--json"})).isFalse();
  }

  @Test
  void offSwitches() {
    assertThat(SessionClient.enabled(new String[] {"list"}, Map.of())).isTrue();
    assertThat(SessionClient.enabled(new String[] {"list", "--no-session"}, Map.of())).isFalse();
    assertThat(SessionClient.enabled(new String[] {"list"}, Map.of("LPA_SESSION", "off"))).isFalse();
    assertThat(SessionClient.enabled(new String[] {"list"}, Map.of("CI", "true"))).isFalse();
  }
}
