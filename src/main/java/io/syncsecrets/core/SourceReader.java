package io.syncsecrets.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the source with a size limit and warns when its owner or mode makes it untrustworthy. */
final class SourceReader {
  /** Created on first use, so a run that logs nothing never starts logging. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(SourceReader.class);
  }

  private SourceReader() {}

  static byte[] readFile(Path file, long limit) {
    try {
      PosixFileAttributes attrs = Files.readAttributes(file, PosixFileAttributes.class);
      if (!attrs.isRegularFile()) {
        throw SyncException.failure(file + ": source is not a regular file");
      }
      warnIfUntrusted(file, attrs);
      try (InputStream in = Files.newInputStream(file)) {
        return readLimited(in, file.toString(), limit);
      }
    } catch (IOException e) {
      throw SyncException.sourceUnreadable(file.toString(), e);
    }
  }

  static byte[] readStream(InputStream in, String label, long limit) {
    try {
      return readLimited(in, label, limit);
    } catch (IOException e) {
      throw SyncException.sourceUnreadable(label, e);
    }
  }

  private static byte[] readLimited(InputStream in, String label, long limit) throws IOException {
    // One byte past the limit proves "too large" without trusting st_size (a pipe has none).
    // Capped before adding 1 so --max-source-bytes Long.MAX_VALUE cannot overflow to a 0-byte read.
    long cap = Math.min(limit, Integer.MAX_VALUE - 9L) + 1;
    byte[] bytes = in.readNBytes((int) cap);
    if (bytes.length > limit) {
      throw SyncException.sourceTooLarge(label, limit);
    }
    return bytes;
  }

  private static void warnIfUntrusted(Path file, PosixFileAttributes attrs) throws IOException {
    Set<PosixFilePermission> mode = attrs.permissions();
    if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
      Log.LOG.warn("{}: source is writable by {}; anyone who can write it controls the credentials",
          file, mode.contains(PosixFilePermission.OTHERS_WRITE) ? "everyone" : "its group");
    }
    String owner = attrs.owner().getName();
    int uid = (Integer) Files.getAttribute(file, "unix:uid");
    String me = System.getProperty("user.name");
    if (uid != 0 && !owner.equals(me)) {
      Log.LOG.warn("{}: source is owned by {}, not by root or the running user", file, owner);
    }
  }
}
