package dev.lpa.cli.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;

class PeerCheckTest {
  @Test
  void onlyTheSameUserIsAllowed() throws Exception {
    PeerCheck check = PeerCheck.currentUser();
    UserPrincipal me = java.nio.file.Files.getOwner(java.nio.file.Path.of("/proc/self"));
    UserPrincipal other = () -> "mallory";
    assertThat(check.allowed(me)).isTrue();
    assertThat(check.allowed(other)).isFalse();
    assertThat(check.allowed(null)).isFalse();
    assertThat(new PeerCheck(other).allowed(me)).isFalse();
  }
}
