package dev.lpa.cli.session;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One exchange with a stand-in session, run by {@code dev.lpa.cli.StartupTraining} while the
 * launcher records its start-up cache: the classes a command sent to a session loads (Unix sockets, the frames,
 * the JDK's random source behind them) then come from the archive, not from the jar.
 */
public final class Training {
  private Training() {}

  public static void exchange() {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("lpa-cds");
      Path socket = dir.resolve("s.sock");
      SessionPaths paths = SessionPaths.of(Map.of("XDG_RUNTIME_DIR", dir.toString()), dir, "default");
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread answer = new Thread(() -> {
          try (SocketChannel ch = server.accept()) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(SocketStreams.in(ch)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(SocketStreams.out(ch)));
            Frames.decode(Frames.read(in).payload());
            Frames.write(out, Frames.STARTED, new byte[0]);
            Frames.writeText(out, Frames.STDOUT, "ok\n");
            Frames.writeExit(out, 0);
          } catch (IOException e) {
            // training only
          }
        });
        answer.start();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
          ch.connect(UnixDomainSocketAddress.of(socket));
          SessionClient.run(ch, new String[] {"list"}, Map.of("LPA_TTY", "0,0,0"), new ByteArrayInputStream(new byte[0]),
              OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        }
        answer.join(5000);
      }
      SessionClient.connect(paths);
    } catch (IOException | RuntimeException e) {
      // a smaller archive, nothing worse
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (dir != null) {
        try (var files = Files.list(dir)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Files.deleteIfExists(f);
          }
          Files.deleteIfExists(dir);
        } catch (IOException e) {
          // a temporary folder left behind
        }
      }
    }
  }
}
