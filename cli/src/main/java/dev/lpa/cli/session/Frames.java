package dev.lpa.cli.session;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session's wire: frames of a type byte, a 4-byte big-endian length and the payload. A client
 * sends one {@link #RUN} or {@link #CONTROL}, then stdin as {@link #STDIN} frames ended by
 * {@link #STDIN_END}; the session answers with {@link #STDOUT}/{@link #STDERR} frames and one
 * {@link #EXIT}, or {@link #LOCAL} when the command has to run in the caller's process.
 */
public final class Frames {
  public static final byte RUN = 'R';
  public static final byte CONTROL = 'C';
  public static final byte STDIN = 'I';
  public static final byte STDIN_END = 'i';
  public static final byte STDOUT = 'O';
  public static final byte STDERR = 'E';
  public static final byte EXIT = 'X';
  public static final byte LOCAL = 'L';
  /** The command reads stdin: only then does the client send it, as a local command would read it. */
  public static final byte STDIN_WANTED = 'W';
  /** The session begins the command: from here on, a lost connection must not run it again locally. */
  public static final byte STARTED = 'S';
  /**
   * A console to run in the session on the client's terminal (payload: a {@link Request}); then
   * {@link #RESIZE} and {@link #STDIN} frames from the client, {@link #STDOUT} (the screen's bytes)
   * and one {@link #EXIT} from the session.
   */
  public static final byte ATTACH = 'A';
  /** The client's window size: columns, then rows, 4 bytes each. */
  public static final byte RESIZE = 'Z';

  /** Larger frames are a broken or hostile peer, not a command line. */
  static final int MAX = 16 * 1024 * 1024;

  private Frames() {}

  public record Frame(byte type, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int code() {
      return payload.length == 4 ? ((payload[0] & 0xff) << 24) | ((payload[1] & 0xff) << 16)
          | ((payload[2] & 0xff) << 8) | (payload[3] & 0xff) : 1;
    }
  }

  /** What a client asks the session to run. */
  public record Request(List<String> args, String cwd, Map<String, String> env) {}

  static void write(DataOutputStream out, byte type, byte[] payload, int off, int len) throws IOException {
    synchronized (out) {
      out.writeByte(type);
      out.writeInt(len);
      out.write(payload, off, len);
      out.flush();
    }
  }

  static void write(DataOutputStream out, byte type, byte[] payload) throws IOException {
    write(out, type, payload, 0, payload.length);
  }

  static void writeText(DataOutputStream out, byte type, String text) throws IOException {
    write(out, type, text.getBytes(StandardCharsets.UTF_8));
  }

  static void writeExit(DataOutputStream out, int code) throws IOException {
    write(out, EXIT, new byte[] {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8), (byte) code});
  }

  static void writeSize(DataOutputStream out, int columns, int rows) throws IOException {
    byte[] b = new byte[8];
    for (int i = 0; i < 4; i++) {
      b[i] = (byte) (columns >>> (24 - 8 * i));
      b[4 + i] = (byte) (rows >>> (24 - 8 * i));
    }
    write(out, RESIZE, b);
  }

  /** Columns and rows of a {@link #RESIZE} frame, or null when it is malformed. */
  static int[] size(Frame f) {
    byte[] p = f.payload();
    if (p.length != 8) {
      return null;
    }
    int cols = ((p[0] & 0xff) << 24) | ((p[1] & 0xff) << 16) | ((p[2] & 0xff) << 8) | (p[3] & 0xff);
    int rows = ((p[4] & 0xff) << 24) | ((p[5] & 0xff) << 16) | ((p[6] & 0xff) << 8) | (p[7] & 0xff);
    // a hostile or broken client must not make the console allocate a screen of any size
    return cols < 1 || rows < 1 || cols > 2000 || rows > 1000 ? null : new int[] {cols, rows};
  }

  /** The next frame, or null at a clean end of stream. */
  static Frame read(DataInputStream in) throws IOException {
    int type = in.read();
    if (type < 0) {
      return null;
    }
    int len = in.readInt();
    if (len < 0 || len > MAX) {
      throw new IOException("bad frame length " + len);
    }
    byte[] b = new byte[len];
    in.readFully(b);
    return new Frame((byte) type, b);
  }

  static byte[] encode(Request r) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(r.args().size());
    for (String a : r.args()) {
      string(out, a);
    }
    string(out, r.cwd());
    out.writeInt(r.env().size());
    for (Map.Entry<String, String> e : r.env().entrySet()) {
      string(out, e.getKey());
      string(out, e.getValue());
    }
    return bytes.toByteArray();
  }

  static Request decode(byte[] payload) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
    int n = count(in);
    List<String> args = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      args.add(string(in));
    }
    String cwd = string(in);
    int m = count(in);
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < m; i++) {
      env.put(string(in), string(in));
    }
    return new Request(List.copyOf(args), cwd, env);
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 100_000) {
      throw new IOException("bad count " + n);
    }
    return n;
  }

  // not writeUTF: it stops at 64 KB, and a message text may be longer
  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String string(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX) {
      throw new EOFException("bad string length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** An output stream that sends what is written as frames of one type. */
  static OutputStream framing(DataOutputStream out, byte type) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (len > 0) {
          Frames.write(out, type, b, off, len);
        }
      }
    };
  }

  interface IoAction {
    void run() throws IOException;
  }

  /** A stream that runs {@code first} once, before its first read. */
  static InputStream onFirstRead(InputStream in, IoAction first) {
    return new InputStream() {
      private boolean asked;

      private void ask() throws IOException {
        if (!asked) {
          asked = true;
          first.run();
        }
      }

      @Override
      public int read() throws IOException {
        ask();
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        ask();
        return in.read(b, off, len);
      }

      @Override
      public int available() throws IOException {
        return asked ? in.available() : 0;
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  /** Copies a stream into frames of one type, then the end frame. */
  static void pump(InputStream in, DataOutputStream out, byte type, byte end) throws IOException {
    byte[] buf = new byte[8192];
    for (int n; (n = in.read(buf)) >= 0; ) {
      if (n > 0) {
        write(out, type, buf, 0, n);
      }
    }
    write(out, end, new byte[0]);
  }
}
