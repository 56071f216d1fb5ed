package io.syncsecrets.write;

import io.syncsecrets.core.SyncException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    Path temp;
    // By path: only whoever may write the target directory's own parent (root, for
    // /opt/es-inventory-hub) could swap that directory, unlike the backup directory inside it.
    try (DirectoryHandle handle = DirectoryHandle.openFollowing(dir)) {
      temp = dir.resolve(writeTemp(disk, handle, "." + file.getFileName() + ".", ".tmp", content, ownership));
    }
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
   * Writes {@code content} to a new private file in the open directory {@code dir} (named prefix +
   * digits + suffix), complete and forced to disk before anyone renames it into place: created
   * 0600 relative to the open directory, never through a link, given {@code ownership} before the
   * first byte, stale leftovers of killed runs removed first. Returns the file's name; the file is
   * deleted again if writing fails.
   */
  public static String writePrivateTemp(DirectoryHandle dir, String prefix, String suffix, byte[] content,
      FileOwnership ownership) throws IOException {
    return writeTemp(REAL_DISK, dir, prefix, suffix, content, ownership);
  }

  private static String writeTemp(Disk disk, DirectoryHandle dir, String prefix, String suffix,
      byte[] content, FileOwnership ownership) throws IOException {
    removeStale(dir, prefix, suffix, STALE_AFTER);
    DirectoryHandle.NewFile temp = dir.createPrivateFile(prefix, suffix);
    try (FileChannel channel = temp.channel()) {
      // Java cannot fchown a channel: owner and mode are set by name, relative to the open
      // directory and without following a link. The bytes go through the channel that created the
      // file, so they can only ever land in it.
      PosixFileAttributeView view = dir.posixView(temp.name());
      ownership.applyTo(view);
      disk.write(channel, ByteBuffer.wrap(content));
      disk.force(channel);
      // Created 0600 minus the umask; set it exactly so umask can't loosen or tighten what the
      // app needs.
      view.setPermissions(FileOwnership.PRIVATE_FILE);
      return temp.name();
    } catch (IOException | RuntimeException e) {
      dir.deleteFileIfExists(temp.name());
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
    try (DirectoryHandle handle = DirectoryHandle.openFollowing(dir)) {
      return removeStale(handle, prefix, suffix, age);
    } catch (IOException e) {
      Log.LOG.debug("{}: could not list for stale temp files", dir, e);
      return List.of();
    }
  }

  /** Like {@link #removeStale(Path, String, String, Duration)}, in an open directory. */
  public static List<Path> removeStale(DirectoryHandle dir, String prefix, String suffix, Duration age) {
    Pattern name = Pattern.compile(Pattern.quote(prefix) + "\\d+" + Pattern.quote(suffix));
    Instant cutoff = Instant.now().minus(age);
    List<Path> removed = new ArrayList<>();
    List<String> names;
    try {
      names = dir.names();
    } catch (IOException e) {
      Log.LOG.debug("{}: could not list for stale temp files", dir.path(), e);
      return removed;
    }
    for (String entry : names) {
      if (!name.matcher(entry).matches()) {
        continue;
      }
      try {
        Optional<BasicFileAttributes> attrs = dir.attributes(entry);
        if (attrs.isPresent() && attrs.get().isRegularFile()
            && attrs.get().lastModifiedTime().toInstant().isBefore(cutoff)) {
          dir.deleteFile(entry);
          removed.add(dir.resolve(entry));
          Log.LOG.info("{}: removed temp file left by an interrupted run", dir.resolve(entry));
        }
      } catch (IOException e) {
        Log.LOG.debug("{}: could not remove stale temp file", dir.resolve(entry), e);
      }
    }
    return removed;
  }
}
