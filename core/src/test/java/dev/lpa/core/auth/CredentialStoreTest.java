package dev.lpa.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpa.core.LpaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialStoreTest {
  @TempDir Path tmp;

  private static StoredProfile profile() {
    return new StoredProfile("default", "90233546", "localhost", null, false, "agent1", "1001", "pid",
        "Agent 1", false, "PASSWORD", "secret-bearer", "csrf", null, null, 0, null, null, null, 0);
  }

  @Test
  void savesOwnerOnlyAndLoadsBack() throws Exception {
    CredentialStore store = new CredentialStore(tmp);
    store.save(profile());
    Path f = tmp.resolve("profiles/default.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
    assertThat(store.load("default")).get().extracting(StoredProfile::bearer).isEqualTo("secret-bearer");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r-----", "rw----r--", "rw-r--r--", "rw------x", "rw--w----"})
  void aFileOthersCanAccessIsRefusedWithTheChmodToRun(String mode) throws Exception {
    CredentialStore store = new CredentialStore(tmp);
    store.save(profile());
    Path f = tmp.resolve("profiles/default.json");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    assertThatThrownBy(() -> store.load("default"))
        .isInstanceOfSatisfying(LpaException.class, e -> {
          assertThat(e.kind()).isEqualTo(LpaException.Kind.NOT_LOGGED_IN);
          assertThat(e.getMessage()).contains("chmod 600 " + f).doesNotContain("secret-bearer");
        });
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    assertThat(store.load("default")).isPresent();
  }
}
