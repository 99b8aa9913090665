package dev.lpa.cli.session;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code lpa tui} while the profile's session runs: the console runs inside the session, on the
 * session's workspace (state loaded, one connection), and this process is only its terminal, as
 * with {@code tmux attach}: the tty goes into raw mode, keys and window sizes travel to the
 * session, the screen's bytes come back. Quitting, or this process dying, ends the console and
 * leaves the session and the agent's presence as they were.
 */
public final class SessionAttach {
  private SessionAttach() {}

  /** The caller's terminal. */
  public interface Tty {
    /** Raw mode, no echo: every key goes to the console, Ctrl-C included. */
    void raw() throws IOException;

    /** Back to how it was before {@link #raw}. */
    void restore();

    /** Columns and rows now. */
    int[] size();

    /** Calls {@code changed} whenever the window changes size. */
    void onResize(Runnable changed);
  }

  /**
   * Attaches to the running session. Returns the console's exit code, or -1 when no session
   * answers or it cannot hold a console (the caller then runs one of its own).
   */
  public static int attach(SessionPaths paths, String[] args, Map<String, String> env, Tty tty, InputStream stdin,
      OutputStream out, OutputStream err) {
    SocketChannel ch = SessionClient.connect(paths);
    if (ch == null) {
      return -1;
    }
    try (ch) {
      DataOutputStream to = new DataOutputStream(new BufferedOutputStream(SocketStreams.out(ch)));
      DataInputStream from = new DataInputStream(new BufferedInputStream(SocketStreams.in(ch), 64 * 1024));
      Map<String, String> sent = new TreeMap<>();
      for (Map.Entry<String, String> e : env.entrySet()) {
        if (SessionClient.forwarded(e.getKey()) || e.getKey().equals("COLORTERM") || e.getKey().equals("LANG")
            || e.getKey().startsWith("LC_")) {
          sent.put(e.getKey(), e.getValue());
        }
      }
      Frames.write(to, Frames.ATTACH, Frames.encode(new Frames.Request(List.of(args),
          Path.of("").toAbsolutePath().toString(), sent)));
      int[] size = tty.size();
      Frames.writeSize(to, size[0], size[1]);
      Frames.Frame f = Frames.read(from);
      if (f == null || f.type() == Frames.LOCAL) {
        return -1;
      }
      if (f.type() != Frames.STARTED) {
        // the session's one line (another console is attached) and its exit code
        return relayUntilExit(f, from, out, err);
      }
      return attached(tty, to, from, stdin, out, err);
    } catch (IOException e) {
      return -1;
    }
  }

  private static int relayUntilExit(Frames.Frame f, DataInputStream from, OutputStream out, OutputStream err)
      throws IOException {
    while (f != null) {
      switch (f.type()) {
        case Frames.STDOUT -> out.write(f.payload());
        case Frames.STDERR -> err.write(f.payload());
        case Frames.EXIT -> {
          out.flush();
          err.flush();
          return f.code();
        }
        default -> {
          return 1;
        }
      }
      f = Frames.read(from);
    }
    return 1;
  }

  private static int attached(Tty tty, DataOutputStream to, DataInputStream from, InputStream stdin,
      OutputStream out, OutputStream err) throws IOException {
    // from here on the console may have drawn: a failure is this console's end, never a second one
    tty.raw();
    Thread restore = new Thread(tty::restore, "lpa-tty-restore");
    Runtime.getRuntime().addShutdownHook(restore);
    boolean clean = false;
    try {
      tty.onResize(() -> {
        try {
          int[] s = tty.size();
          Frames.writeSize(to, s[0], s[1]);
        } catch (IOException e) {
          // the console has ended
        }
      });
      Thread keys = new Thread(() -> {
        try {
          byte[] buf = new byte[4096];
          for (int n; (n = stdin.read(buf)) >= 0; ) {
            if (n > 0) {
              Frames.write(to, Frames.STDIN, buf, 0, n);
            }
          }
          Frames.write(to, Frames.STDIN_END, new byte[0]);
        } catch (IOException e) {
          // the console has ended
        }
      }, "lpa-attach-keys");
      keys.setDaemon(true);
      keys.start();
      while (true) {
        Frames.Frame f = Frames.read(from);
        if (f == null) {
          break;
        }
        if (f.type() == Frames.STDOUT) {
          out.write(f.payload());
          // a frame is what the console flushed: one screen update
          out.flush();
        } else if (f.type() == Frames.EXIT) {
          clean = true;
          return f.code();
        }
      }
      return 1;
    } catch (IOException e) {
      return 1;
    } finally {
      if (!clean) {
        // the session went away mid-console: leave the alternate screen it was drawing on
        try {
          out.write("\033[0m\033[?25h\033[?1049l".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException e) {
          // the terminal is gone too
        }
      }
      tty.restore();
      try {
        Runtime.getRuntime().removeShutdownHook(restore);
      } catch (IllegalStateException e) {
        // shutting down: the hook restores the terminal
      }
      if (!clean) {
        try {
          err.write("lpa: the console ended without its session's word; see: lpa session log\n"
              .getBytes(StandardCharsets.UTF_8));
          err.flush();
        } catch (IOException e) {
          // the terminal is gone
        }
      }
    }
  }

  /** The process's controlling terminal, driven with stty as Lanterna does; SIGWINCH for sizes. */
  public static Tty controllingTty() {
    return new Tty() {
      private String saved;

      @Override
      public void raw() throws IOException {
        saved = stty("-g").trim();
        stty("raw", "-echo");
      }

      @Override
      public void restore() {
        if (saved != null) {
          try {
            stty(saved);
          } catch (IOException e) {
            // nothing more to do: `reset` in the shell fixes it
          }
        }
      }

      @Override
      public int[] size() {
        try {
          String[] rc = stty("size").trim().split("\\s+");
          return new int[] {Integer.parseInt(rc[1]), Integer.parseInt(rc[0])};
        } catch (IOException | RuntimeException e) {
          return new int[] {80, 24};
        }
      }

      @Override
      public void onResize(Runnable changed) {
        // sun.misc.Signal through reflection: javac warns on the type itself, and warnings fail the build
        try {
          Class<?> signal = Class.forName("sun.misc.Signal");
          Class<?> handler = Class.forName("sun.misc.SignalHandler");
          Object h = java.lang.reflect.Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
              (proxy, method, margs) -> {
                switch (method.getName()) {
                  case "handle" -> changed.run();
                  case "hashCode" -> {
                    return System.identityHashCode(proxy);
                  }
                  case "equals" -> {
                    return proxy == margs[0];
                  }
                  default -> {
                    // toString and the rest: nothing to say
                  }
                }
                return null;
              });
          signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance("WINCH"), h);
        } catch (ReflectiveOperationException | RuntimeException e) {
          // no SIGWINCH here: the size stays as it was at attach
        }
      }
    };
  }

  private static String stty(String... args) throws IOException {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "stty";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).redirectInput(new File("/dev/tty"))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException("stty " + String.join(" ", args) + " failed");
      }
      return text;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
