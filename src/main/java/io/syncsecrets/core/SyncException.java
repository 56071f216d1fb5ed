package io.syncsecrets.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The one failure type of the tool: a one-line, value-free message plus the exit status it maps to.
 *
 * <p>Messages name files, lines and keys, never a value; the cause is kept for {@code --verbose}.
 */
public final class SyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitStatus status;

  private SyncException(ExitStatus status, String message, Throwable cause) {
    super(message, cause);
    this.status = Objects.requireNonNull(status);
  }

  public ExitStatus status() {
    return status;
  }

  public static SyncException usage(String message) {
    return new SyncException(ExitStatus.USAGE, message, null);
  }

  public static SyncException failure(String message) {
    return new SyncException(ExitStatus.FAILURE, message, null);
  }

  public static SyncException failure(String message, Throwable cause) {
    return new SyncException(ExitStatus.FAILURE, message, cause);
  }

  public static SyncException sourceUnreadable(String source, IOException cause) {
    return new SyncException(ExitStatus.FAILURE, source + ": cannot read source: " + why(cause), cause);
  }

  public static SyncException sourceTooLarge(String source, long limit) {
    return failure(source + ": source is larger than " + limit
        + " bytes; refusing it (raise --max-source-bytes if this is really the source)");
  }

  public static SyncException noSyncedKeys(String source) {
    return failure(source + ": source has none of the synced variables"
        + " (wrong file, or an emptied one?); nothing written");
  }

  public static SyncException targetMissing(Path target) {
    return failure(target + ": target does not exist; sync-secrets never creates it");
  }

  public static SyncException targetUnreadable(Path target, IOException cause) {
    return new SyncException(ExitStatus.FAILURE, target + ": cannot read target: " + why(cause), cause);
  }

  public static SyncException malformed(String message, Throwable cause) {
    return new SyncException(ExitStatus.FAILURE, message, cause);
  }

  public static SyncException unsafeValue(String target, String message, Throwable cause) {
    return new SyncException(ExitStatus.FAILURE, target + ": " + message + "; nothing written", cause);
  }

  public static SyncException lockTimeout(Path lock, Duration waited) {
    return failure(lock + ": another sync-secrets run holds the lock (waited "
        + waited.toSeconds() + " s); nothing written");
  }

  public static SyncException writeFailed(Path path, IOException cause) {
    return new SyncException(ExitStatus.FAILURE,
        path + ": cannot write: " + why(cause) + "; target left unchanged", cause);
  }

  public static SyncException backupFailed(Path dir, IOException cause) {
    return new SyncException(ExitStatus.FAILURE,
        dir + ": cannot write backup: " + why(cause) + "; target left unchanged", cause);
  }

  public static SyncException verifyFailed(Path target, String why) {
    return failure(target + ": --verify-cmd failed (" + why + "); the change was rolled back"
        + " to the previous file");
  }

  public static SyncException rollbackFailed(Path target, String why, Path backup, IOException cause) {
    return new SyncException(ExitStatus.FAILURE, target + ": --verify-cmd failed (" + why
        + ") and the rollback failed: " + why(cause) + "; the unverified file is in place, the previous"
        + " one is in " + backup, cause);
  }

  public static SyncException noBackup(Path target, Path backupDir) {
    return failure(target + ": no backup of it in " + backupDir + "; target kept");
  }

  public static SyncException notABackup(Path from, Path target, Path backupDir) {
    return failure(from + ": not one of the backups of " + target + " in " + backupDir + "; target kept");
  }

  public static SyncException configUnreadable(Path config, IOException cause) {
    return new SyncException(ExitStatus.USAGE, config + ": cannot read config: " + why(cause), cause);
  }

  public static SyncException configRejected(Path config, String why) {
    return usage(config + ": " + why);
  }

  /** A short reason for an I/O failure; NIO messages carry paths, never file contents. */
  public static String why(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String message = e.getMessage();
    String type = e.getClass().getSimpleName();
    if (message == null || message.isBlank()) {
      return type;
    }
    int colon = message.lastIndexOf(": ");
    String reason = colon >= 0 ? message.substring(colon + 2) : message;
    return reason.replace('\n', ' ').replace('\r', ' ');
  }
}
