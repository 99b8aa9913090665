package dev.lpa.cli.session;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who is at the other end of a session's socket. The socket file is 0600 in a 0700 directory, so
 * only its owner can connect; the kernel's peer credentials check it once more (root, a
 * directory whose mode someone changed), because a command run there acts as the agent.
 */
public final class PeerCheck {
  private final UserPrincipal me;

  public PeerCheck(UserPrincipal me) {
    this.me = me;
  }

  /** The user this process runs as. */
  public static PeerCheck currentUser() throws IOException {
    return new PeerCheck(Files.getOwner(Path.of("/proc/self")));
  }

  /** The peer's user when it is allowed in; throws when it is another user or unknown. */
  public UserPrincipal check(SocketChannel peer) throws IOException {
    UnixDomainPrincipal p = peer.getOption(ExtendedSocketOptions.SO_PEERCRED);
    if (!allowed(p == null ? null : p.user())) {
      throw new IOException("refused a connection from another user (" + (p == null ? "unknown" : p.user().getName()) + ")");
    }
    return p.user();
  }

  /** Only the same user: same name (the principals of one uid compare equal by name on Unix). */
  public boolean allowed(UserPrincipal peer) {
    return peer != null && (peer.equals(me) || peer.getName().equals(me.getName()));
  }

  static int myUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | RuntimeException e) {
      return (int) new com.sun.security.auth.module.UnixSystem().getUid();
    }
  }
}
