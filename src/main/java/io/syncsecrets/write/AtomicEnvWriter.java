package io.syncsecrets.write;

import io.syncsecrets.core.SyncException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file so that readers and crashes only ever see the old bytes or the new bytes.
 *
 * <p>Temp file in the same directory, created 0600 (never visible with wider permissions), owner
 * and group set before it becomes visible, written and forced to disk, renamed atomically over the
 * target, then the directory is forced so the rename itself survives a power cut.
 */
public final class AtomicEnvWriter {
  /** Created on first use, so a run that logs nothing never starts logging. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(AtomicEnvWriter.class);
  }

  /**
   * A temp file this old is left over from a killed run, not one in flight: writes happen under the
   * target's lock and take milliseconds, and the margin covers runs that lock another way.
   */
  public static final Duration STALE_AFTER = Duration.ofMinutes(1);

  /** Seam for tests that inject faults (a full disk, a failing fsync) into the write. */
  public interface Disk {
    /** Writes all of {@code content} to {@code channel}. */
    default void write(FileChannel channel, ByteBuffer content) throws IOException {
      while (content.hasRemaining()) {
        channel.write(content);
      }
    }

    /** Flushes data and metadata of {@code channel} to the device. */
    default void force(FileChannel channel) throws IOException {
      channel.force(true);
    }

    /** Makes the rename durable: flushes the directory's entries to the device. */
    default void forceDirectory(Path dir) throws IOException {
      AtomicEnvWriter.forceDirectory(dir);
    }

    /** Renames {@code from} over {@code to} atomically. */
    default void rename(Path from, Path to) throws IOException {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static final Disk REAL_DISK = new Disk() {};

  private final Disk disk;

  public AtomicEnvWriter() {
    this(REAL_DISK);
  }

  public AtomicEnvWriter(Disk disk) {
    this.disk = disk;
  }

  /**
   * Atomically replaces {@code file} (a real file, not a symlink) with {@code content}, mode 0600,
   * owned by {@code ownership}. On any failure the temp file is removed and the file is untouched.
   */
  public void replace(Path file, byte[] content, FileOwnership ownership) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = writeTemp(disk, dir, "." + file.getFileName() + ".", ".tmp", content, ownership);
    boolean renamed = false;
    try {
      try {
        disk.rename(temp, file);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("atomic rename not supported in " + dir, e);
      }
      renamed = true;
      try {
        disk.forceDirectory(dir);
      } catch (IOException e) {
        // The new file is in place and complete (it was forced before the rename); only the
        // rename's durability across a power cut is in doubt. Failing here would report an
        // unchanged target, skip verification and history, and lie about what is on disk.
        Log.LOG.warn("{}: replaced, but the directory could not be flushed to disk ({}); a power"
            + " cut now could bring back the previous file", file, SyncException.why(e));
      }
    } finally {
      if (!renamed) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Writes {@code content} to a new private file in {@code dir} (named prefix + digits + suffix),
   * complete and forced to disk before anyone renames or links it into place: created 0600, given
   * {@code ownership} before the first byte, stale leftovers of killed runs removed first. The
   * file is deleted again if writing fails.
   */
  public static Path writePrivateTemp(Path dir, String prefix, String suffix, byte[] content,
      FileOwnership ownership) throws IOException {
    return writeTemp(REAL_DISK, dir, prefix, suffix, content, ownership);
  }

  private static Path writeTemp(Disk disk, Path dir, String prefix, String suffix, byte[] content,
      FileOwnership ownership) throws IOException {
    removeStale(dir, prefix, suffix, STALE_AFTER);
    Path temp = Files.createTempFile(dir, prefix, suffix,
        PosixFilePermissions.asFileAttribute(FileOwnership.PRIVATE_FILE));
    try {
      ownership.applyTo(temp);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        disk.write(channel, ByteBuffer.wrap(content));
        disk.force(channel);
      }
      // createTempFile's mode is already 0600 minus umask; set it exactly so umask can't loosen
      // or tighten what the app needs.
      Files.setPosixFilePermissions(temp, FileOwnership.PRIVATE_FILE);
      return temp;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /** Makes a directory's entries (a rename, a new file) durable. */
  public static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Deletes regular files in {@code dir} named {@code prefix<digits>suffix} (how
   * {@link Files#createTempFile} names them) whose mtime is older than {@code age}: what a SIGKILL
   * between creating and renaming a temp file leaves behind. Nothing else is ever touched, and a
   * failure to delete is only logged: the write that follows does not depend on it.
   */
  public static List<Path> removeStale(Path dir, String prefix, String suffix, Duration age) {
    Pattern name = Pattern.compile(Pattern.quote(prefix) + "\\d+" + Pattern.quote(suffix));
    Instant cutoff = Instant.now().minus(age);
    List<Path> removed = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (!name.matcher(entry.getFileName().toString()).matches()) {
          continue;
        }
        try {
          BasicFileAttributes attrs =
              Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (attrs.isRegularFile() && attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
            Files.delete(entry);
            removed.add(entry);
            Log.LOG.info("{}: removed temp file left by an interrupted run", entry);
          }
        } catch (IOException e) {
          Log.LOG.debug("{}: could not remove stale temp file", entry, e);
        }
      }
    } catch (IOException e) {
      Log.LOG.debug("{}: could not list for stale temp files", dir, e);
    }
    return removed;
  }
}
