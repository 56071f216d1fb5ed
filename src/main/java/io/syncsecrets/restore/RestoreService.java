package io.syncsecrets.restore;

import io.syncsecrets.backup.BackupManager;
import io.syncsecrets.core.SyncException;
import io.syncsecrets.core.SyncService;
import io.syncsecrets.env.EnvDocument;
import io.syncsecrets.env.EnvSyntaxException;
import io.syncsecrets.history.Actor;
import io.syncsecrets.history.HistoryEntry;
import io.syncsecrets.history.HistoryLog;
import io.syncsecrets.write.AtomicEnvWriter;
import io.syncsecrets.write.FileOwnership;
import io.syncsecrets.write.NoFollow;
import io.syncsecrets.write.TargetLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one of a target's backups back, with the sync's safety rules: under the target's lock, the
 * current file backed up first, replaced atomically, mode 0600, owner kept, recorded in the history.
 *
 * <p>Only a file that is one of this target's backups, in its backup directory, is ever restored.
 * Retention does not run: a restore should never delete the backups an operator is choosing from.
 */
public final class RestoreService {
  /** Created on first use, so a run that logs nothing never starts logging. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(RestoreService.class);
  }

  private final Clock clock;
  private final AtomicEnvWriter writer;
  private final Actor actor;

  public RestoreService(Clock clock, AtomicEnvWriter writer, Actor actor) {
    this.clock = clock;
    this.writer = writer;
    this.actor = actor;
  }

  public RestoreReport restore(RestoreOptions options) {
    Path target = options.target();
    Path real = SyncService.resolveTarget(target);
    String name = target.getFileName().toString();
    BackupManager backups = new BackupManager(options.backupDir(), name, clock);
    try {
      if (!NoFollow.isRealDirectory(options.backupDir())) {
        throw SyncException.noBackup(target, options.backupDir());
      }
      FileOwnership ownership = FileOwnership.of(real);
      Path lockFile = TargetLock.fileFor(real);
      try (TargetLock lock = TargetLock.acquire(lockFile, options.lockTimeout(), ownership)) {
        Path chosen = choose(options, backups);
        byte[] restored = read(backups, chosen);
        byte[] current = NoFollow.read(real);
        Changes changes = Changes.between(current, restored);
        if (Arrays.equals(current, restored)) {
          Log.LOG.info("{}: already has the content of {}; nothing written", target, chosen.getFileName());
          return new RestoreReport(target, chosen, Optional.empty(), List.of(), List.of(), List.of());
        }
        Path backup;
        try {
          backup = backups.backup(current, ownership);
        } catch (IOException e) {
          throw SyncException.backupFailed(options.backupDir(), e);
        }
        try {
          writer.replace(real, restored, ownership);
        } catch (IOException e) {
          throw SyncException.writeFailed(target, e);
        }
        Log.LOG.info("{}: restored {}; the replaced file is in {}", target, chosen.getFileName(), backup);
        HistoryEntry entry = new HistoryEntry(clock.instant(), HistoryEntry.Event.RESTORE, target.toString(),
            actor, Optional.empty(), Optional.empty(), changes.updated(), changes.added(), changes.removed(),
            Optional.of(backup.getFileName().toString()), Optional.of(chosen.getFileName().toString()));
        HistoryLog.forTarget(options.backupDir(), name).appendOrWarn(entry, ownership);
        return new RestoreReport(target, chosen, Optional.of(backup),
            changes.updated(), changes.added(), changes.removed());
      }
    } catch (IOException e) {
      throw SyncException.targetUnreadable(target, e);
    }
  }

  /** The requested backup, checked to be one of this target's; or the newest. */
  private static Path choose(RestoreOptions options, BackupManager backups) throws IOException {
    List<Path> all = backups.list();
    if (options.from().isEmpty()) {
      if (all.isEmpty()) {
        throw SyncException.noBackup(options.target(), options.backupDir());
      }
      return all.get(all.size() - 1);
    }
    Path from = options.from().get();
    // A bare name means a file in the backup directory; a path must point into it.
    Path candidate = from.getParent() == null ? options.backupDir().resolve(from) : from;
    Path dir = options.backupDir().toRealPath();
    for (Path backup : all) {
      if (Files.exists(candidate) && Files.isSameFile(candidate, backup)
          && candidate.toAbsolutePath().normalize().getParent() != null
          && Files.isSameFile(candidate.toAbsolutePath().normalize().getParent(), dir)
          && backups.isBackupName(candidate)) {
        return backup;
      }
    }
    throw SyncException.notABackup(from, options.target(), options.backupDir());
  }

  // Through the backup directory opened afresh, never by the path: the checks in choose() are by
  // path, and the app's user could swap the directory after them.
  private static byte[] read(BackupManager backups, Path backup) {
    try {
      return backups.read(backup);
    } catch (IOException e) {
      throw SyncException.failure(backup + ": cannot read backup: " + SyncException.why(e)
          + "; target kept", e);
    }
  }

  /** Key names whose values differ between two files; names only, never values. */
  private record Changes(List<String> updated, List<String> added, List<String> removed) {
    static Changes between(byte[] before, byte[] after) {
      Map<String, String> a;
      Map<String, String> b;
      try {
        a = EnvDocument.parse("current", before).values();
        b = EnvDocument.parse("backup", after).values();
      } catch (EnvSyntaxException | RuntimeException e) {
        return new Changes(List.of(), List.of(), List.of()); // restored anyway: bytes are bytes
      }
      return new Changes(
          b.keySet().stream().filter(k -> a.containsKey(k) && !a.get(k).equals(b.get(k))).toList(),
          b.keySet().stream().filter(k -> !a.containsKey(k)).toList(),
          a.keySet().stream().filter(k -> !b.containsKey(k)).toList());
    }
  }
}
