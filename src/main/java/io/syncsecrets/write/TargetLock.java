package io.syncsecrets.write;

import io.syncsecrets.core.SyncException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * An exclusive lock that serializes runs on one target, held by an open lock file.
 *
 * <p>The kernel drops the lock when the process dies, so a killed run never blocks the next one.
 */
public final class TargetLock implements AutoCloseable {
  private static final long POLL_MILLIS = 100;

  private final FileChannel channel;
  private final FileLock lock;

  private TargetLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * The lock file of a target: beside the real file, so every run on that file takes the same lock
   * whatever path or {@code --backup-dir} it was given (a symlink and its real path, two backup
   * directories). Its directory is writable wherever the target can be replaced.
   */
  public static Path fileFor(Path realTarget) {
    return realTarget.resolveSibling(realTarget.getFileName() + ".sync-secrets.lock");
  }

  /** Waits up to {@code timeout} for the lock on {@code lockFile}, creating it 0600 if needed. */
  public static TargetLock acquire(Path lockFile, Duration timeout, FileOwnership ownership)
      throws IOException {
    createOwned(lockFile, ownership);
    FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null; // held by this JVM (another thread): wait like for another process
        }
        if (lock != null) {
          return new TargetLock(channel, lock);
        }
        if (System.nanoTime() >= deadline) {
          throw SyncException.lockTimeout(lockFile, timeout);
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel.close();
      throw SyncException.failure(lockFile + ": interrupted while waiting for the lock");
    } catch (RuntimeException | IOException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  /**
   * Makes the lock file appear already owned by the target's owner: created under a temp name,
   * chowned, then hard-linked into place. A run killed between create and chown would otherwise
   * leave a root-owned 0600 lock file that the timer's user can never open again.
   */
  private static void createOwned(Path lockFile, FileOwnership ownership) throws IOException {
    if (Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path dir = lockFile.toAbsolutePath().getParent();
    String prefix = "." + lockFile.getFileName() + ".";
    AtomicEnvWriter.removeStale(dir, prefix, ".tmp", AtomicEnvWriter.STALE_AFTER);
    Path temp = Files.createTempFile(dir, prefix, ".tmp",
        PosixFilePermissions.asFileAttribute(FileOwnership.PRIVATE_FILE));
    try {
      ownership.applyTo(temp);
      Files.createLink(lockFile, temp);
    } catch (FileAlreadyExistsException e) {
      // a concurrent run made it first: use theirs
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
