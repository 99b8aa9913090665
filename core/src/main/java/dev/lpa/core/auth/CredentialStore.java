package dev.lpa.core.auth;

import dev.lpa.core.LpaException;
import dev.lpa.core.LpaException.Kind;
import dev.lpa.core.internal.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Profiles side by side: one JSON file per profile under {@code configDir/profiles/}, created
 * with mode 0600 before any secret is written to it, replaced atomically.
 */
public final class CredentialStore {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Path dir;

  public CredentialStore(Path configDir) {
    this.dir = configDir.resolve("profiles");
  }

  public static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.startsWith(".")) {
      throw new LpaException(Kind.INVALID,
          "invalid profile name '" + name + "' (letters, digits, '.', '_', '-')");
    }
  }

  private Path file(String name) {
    checkName(name);
    return dir.resolve(name + ".json");
  }

  public synchronized Optional<StoredProfile> load(String name) {
    Path f = file(name);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    refuseIfExposed(name, f);
    try {
      return Optional.of(Json.MAPPER.readValue(f.toFile(), StoredProfile.class));
    } catch (IOException e) {
      throw new LpaException(Kind.ERROR, "cannot read profile " + name + ": " + e.getMessage(), e);
    }
  }

  public synchronized void save(StoredProfile p) {
    Path f = file(p.name());
    try {
      createPrivateDir(dir);
      // a name of its own: two processes saving the profile at once must not share (and
      // delete) one temporary file
      Path tmp = dir.resolve("." + p.name() + ".json." + java.util.UUID.randomUUID() + ".tmp");
      createPrivateFile(tmp);
      try {
        Files.write(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(p));
        try {
          Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new LpaException(Kind.ERROR, "cannot write profile " + p.name() + ": " + e.getMessage(), e);
    }
  }

  public synchronized void delete(String name) {
    try {
      Files.deleteIfExists(file(name));
    } catch (IOException e) {
      throw new LpaException(Kind.ERROR, "cannot delete profile " + name + ": " + e.getMessage(), e);
    }
  }

  public synchronized List<StoredProfile> all() {
    List<StoredProfile> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        String fn = p.getFileName().toString();
        if (fn.endsWith(".json") && !fn.startsWith(".")) {
          load(fn.substring(0, fn.length() - 5)).ifPresent(out::add);
        }
      }
    } catch (IOException e) {
      throw new LpaException(Kind.ERROR, "cannot list profiles: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * A session token another local user could read is as good as stolen: refuse it, as ssh refuses
   * a private key with group or other access, and say how to fix it.
   */
  private static void refuseIfExposed(String name, Path f) {
    if (!posix(f)) {
      return;
    }
    java.util.Set<java.nio.file.attribute.PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(f);
    } catch (IOException e) {
      throw new LpaException(Kind.ERROR, "cannot read profile " + name + ": " + e.getMessage(), e);
    }
    boolean exposed = perms.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"));
    if (exposed) {
      throw new LpaException(Kind.NOT_LOGGED_IN, "profile " + name + " is not used: " + f
          + " is accessible by others (mode " + PosixFilePermissions.toString(perms) + "); run: chmod 600 " + f);
    }
  }

  static void createPrivateDir(Path d) throws IOException {
    if (Files.isDirectory(d)) {
      return;
    }
    Files.createDirectories(d.getParent() == null ? d : d.getParent());
    try {
      if (posix(d)) {
        Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(d);
      }
    } catch (FileAlreadyExistsException e) {
      // another process made it first: fine
    }
  }

  static void createPrivateFile(Path f) throws IOException {
    if (posix(f.getParent())) {
      Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(f);
    }
  }

  private static boolean posix(Path p) {
    Path probe = p;
    while (probe != null && !Files.exists(probe)) {
      probe = probe.getParent();
    }
    return probe != null && probe.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
