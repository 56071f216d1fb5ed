package io.syncsecrets.restore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One restore: which target, where its backups are, which backup (default: the newest).
 *
 * @param target the .env file to put a backup back into (may be a symlink)
 * @param backupDir the target's backup directory
 * @param from the backup to restore, as a path or a bare file name in {@code backupDir}
 * @param lockTimeout how long to wait for a concurrent run
 */
public record RestoreOptions(Path target, Path backupDir, Optional<Path> from, Duration lockTimeout) {
  public RestoreOptions {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(backupDir, "backupDir");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(lockTimeout, "lockTimeout");
    if (lockTimeout.isNegative()) {
      throw new IllegalArgumentException("--lock-timeout must not be negative");
    }
  }
}
