package io.syncsecrets.status;

import io.syncsecrets.backup.BackupManager;
import io.syncsecrets.core.SourceSnapshot;
import io.syncsecrets.core.SyncException;
import io.syncsecrets.core.SyncOptions;
import io.syncsecrets.core.SyncService;
import io.syncsecrets.diff.SyncPlan;
import io.syncsecrets.history.HistoryLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Gathers a target's status; reads only, never writes, never takes the lock. */
public final class StatusService {
  private final SyncService sync;
  private final Clock clock;

  public StatusService(SyncService sync, Clock clock) {
    this.sync = sync;
    this.clock = clock;
  }

  /**
   * @param source the source read once for all targets, or empty when it could not be read
   * @param sourceProblem why it could not be read
   */
  public TargetStatus status(SyncOptions options, Optional<SourceSnapshot> source, String sourceProblem) {
    Path target = options.target();
    String name = target.getFileName().toString();
    HistoryLog.Contents history;
    try {
      history = HistoryLog.forTarget(options.backupDir(), name).read();
    } catch (IOException e) {
      history = new HistoryLog.Contents(List.of(), 0);
    }
    Optional<SyncPlan> plan = Optional.empty();
    Optional<String> problem = Optional.empty();
    if (source.isEmpty()) {
      problem = Optional.of(sourceProblem);
    } else {
      try {
        plan = Optional.of(sync.plan(options, source.get()));
      } catch (SyncException e) {
        problem = Optional.of(e.getMessage());
      }
    }
    List<Path> backups;
    try {
      backups = new BackupManager(options.backupDir(), name, clock).list();
    } catch (IOException e) {
      backups = List.of();
    }
    return new TargetStatus(target, options.backupDir(), history.lastChange(), history.skipped(),
        plan, problem, backups);
  }
}
