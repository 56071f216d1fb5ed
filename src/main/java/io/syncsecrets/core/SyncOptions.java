package io.syncsecrets.core;

import io.syncsecrets.diff.VariablePolicy;
import io.syncsecrets.hooks.Hooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything one run needs, decided by the CLI and handed to the core as one immutable value.
 *
 * @param source where the source comes from
 * @param target the .env file to update (may be a symlink; the file it points to is updated)
 * @param backupDir directory for this target's backups and history
 * @param mode apply, dry run or check
 * @param policy which keys are synced and which are local-only
 * @param allowEmpty whether an empty source value is synced
 * @param keepBackups how many backups of this target to keep after a change
 * @param maxSourceBytes refuse a larger source
 * @param lockTimeout how long to wait for a concurrent run
 * @param hooks the operator's verify and on-change commands
 */
public record SyncOptions(
    SourceSpec source, Path target, Path backupDir, Mode mode, VariablePolicy policy,
    boolean allowEmpty, int keepBackups, long maxSourceBytes, Duration lockTimeout, Hooks hooks) {

  public static final int DEFAULT_KEEP_BACKUPS = 10;
  public static final long DEFAULT_MAX_SOURCE_BYTES = 1024 * 1024;
  public static final int DEFAULT_LOCK_TIMEOUT_SECONDS = 30;
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(DEFAULT_LOCK_TIMEOUT_SECONDS);

  public SyncOptions {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(backupDir, "backupDir");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(lockTimeout, "lockTimeout");
    Objects.requireNonNull(hooks, "hooks");
    if (keepBackups < 1) {
      throw new IllegalArgumentException("--keep-backups must be at least 1");
    }
    if (maxSourceBytes < 1) {
      throw new IllegalArgumentException("--max-source-bytes must be positive");
    }
    if (lockTimeout.isNegative()) {
      throw new IllegalArgumentException("--lock-timeout must not be negative");
    }
  }

  /** Options without hooks (the contract of issue 2). */
  public SyncOptions(
      SourceSpec source, Path target, Path backupDir, Mode mode, VariablePolicy policy,
      boolean allowEmpty, int keepBackups, long maxSourceBytes, Duration lockTimeout) {
    this(source, target, backupDir, mode, policy, allowEmpty, keepBackups, maxSourceBytes, lockTimeout,
        Hooks.none());
  }

  /** The default backup directory: {@code .env-backups/} beside the target. */
  public static Path defaultBackupDir(Path target) {
    Path parent = target.toAbsolutePath().getParent();
    return parent.resolve(".env-backups");
  }
}
