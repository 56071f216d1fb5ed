package io.syncsecrets.status;

import io.syncsecrets.diff.SyncPlan;
import io.syncsecrets.history.HistoryEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one target: its last change, whether it drifted from the source, its backups.
 *
 * @param target the target as given
 * @param backupDir its backup directory
 * @param lastChange the newest history entry that changed the target
 * @param unreadableHistoryLines history lines that could not be read
 * @param drift the plan against the source now, when both could be read
 * @param driftProblem why there is no plan (source or target unreadable), when there is none
 * @param backups this target's backups, oldest first
 */
public record TargetStatus(Path target, Path backupDir, Optional<HistoryEntry> lastChange,
    int unreadableHistoryLines, Optional<SyncPlan> drift, Optional<String> driftProblem, List<Path> backups) {
  public TargetStatus {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(backupDir, "backupDir");
    Objects.requireNonNull(lastChange, "lastChange");
    Objects.requireNonNull(drift, "drift");
    Objects.requireNonNull(driftProblem, "driftProblem");
    if (drift.isPresent() == driftProblem.isPresent()) {
      throw new IllegalArgumentException("exactly one of drift and driftProblem");
    }
    backups = List.copyOf(backups);
  }

  public Optional<Path> newestBackup() {
    return backups.isEmpty() ? Optional.empty() : Optional.of(backups.get(backups.size() - 1));
  }

  public Optional<Path> oldestBackup() {
    return backups.isEmpty() ? Optional.empty() : Optional.of(backups.get(0));
  }
}
