package dev.lpa.cli.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a profile's session keeps its things. The socket lives in the user's runtime directory
 * ({@code $XDG_RUNTIME_DIR/lpa}, else {@code /tmp/lpa-UID}), named after the profile and the data
 * directory, so two data directories (tests, LPA_DATA_DIR) never share a session; the lock, the
 * log and the last notification live in the data directory beside the store they belong to.
 */
public record SessionPaths(Path runtimeDir, Path socket, Path lock, Path log, Path focus, String profile) {
  static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

  public static SessionPaths of(Map<String, String> env, Path dataDir, String profile) {
    Path runtime = runtimeDir(env);
    Path data = dataDir.toAbsolutePath().normalize();
    String tag = hash(data.toString());
    // String.concat, not +: the first indy string concatenation of a process costs a short
    // command 40 ms of method-handle set-up, and this runs before every command a session serves
    String session = "session-".concat(profile);
    return new SessionPaths(runtime, runtime.resolve(profile.concat("-").concat(tag).concat(".sock")),
        data.resolve(session.concat(".lock")), data.resolve(session.concat(".log")),
        data.resolve(session.concat(".focus")), profile);
  }

  /** The profile a command line names: --profile/-p, else LPA_PROFILE, else default. */
  public static String profileOf(List<String> args, Map<String, String> env) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals("--profile") || a.equals("-p")) && i + 1 < args.size()) {
        return args.get(i + 1);
      }
      if (a.startsWith("--profile=")) {
        return a.substring("--profile=".length());
      }
      if (a.startsWith("-p") && a.length() > 2 && !a.startsWith("--")) {
        return a.substring(2);
      }
      if (a.equals("--")) {
        break;
      }
    }
    String p = env.get("LPA_PROFILE");
    return p == null || p.isBlank() ? "default" : p;
  }

  static Path runtimeDir(Map<String, String> env) {
    String xdg = env.get("XDG_RUNTIME_DIR");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "lpa");
    }
    return Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "lpa-".concat(Integer.toString(PeerCheck.myUid())));
  }

  /**
   * Creates the runtime directory 0700 and refuses one that another user owns or others can
   * enter: in /tmp anybody could have made it first to read our socket.
   */
  void prepareRuntimeDir() throws IOException {
    try {
      Files.createDirectories(runtimeDir.getParent());
      Files.createDirectory(runtimeDir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
    } catch (FileAlreadyExistsException e) {
      // checked below
    }
    Files.setPosixFilePermissions(runtimeDir, OWNER_ONLY_DIR);
    Object owner = Files.getAttribute(runtimeDir, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    if (!(owner instanceof Integer uid) || uid != PeerCheck.myUid()) {
      throw new IOException(runtimeDir + " belongs to another user; set XDG_RUNTIME_DIR");
    }
  }

  /** A file readable by its owner only, created so before anything is written to it. */
  static void ownerOnlyFile(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    if (!Files.exists(file)) {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
      } catch (FileAlreadyExistsException e) {
        // another process made it: fix its mode below
      }
    }
    Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
  }

  /** The conversation of the last notification, once: the console that reads it focuses it. */
  public String takeFocus() {
    try {
      String id = Files.readString(focus, StandardCharsets.UTF_8).trim();
      Files.deleteIfExists(focus);
      return id.isEmpty() ? null : id;
    } catch (IOException e) {
      return null;
    }
  }

  void writeFocus(String conversationId) throws IOException {
    ownerOnlyFile(focus);
    Files.writeString(focus, conversationId + "\n", StandardCharsets.UTF_8);
  }

  // String.hashCode is fixed by the language spec, so every process names the same socket; not a
  // digest: MessageDigest loads the whole security provider stack, a fifth of a short command's start
  private static String hash(String s) {
    String h = Integer.toHexString(s.hashCode());
    return "00000000".substring(h.length()).concat(h);
  }
}
