package dev.lpa.sim;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** File helpers of the simulator's data folder. */
final class SimFiles {
  private SimFiles() {}

  /** Mode 0600 where the file system knows POSIX permissions. */
  static void restrictToOwner(Path file) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
