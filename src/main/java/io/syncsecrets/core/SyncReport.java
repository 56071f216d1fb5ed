package io.syncsecrets.core;

import io.syncsecrets.diff.SyncPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run found and did, for the CLI to print.
 *
 * @param source the source's label
 * @param target the target as given
 * @param mode the run's mode
 * @param plan the per-key decisions
 * @param backup the backup written before the change, if any
 * @param pruned old backups deleted after the change
 */
public record SyncReport(
    String source, Path target, Mode mode, SyncPlan plan, Optional<Path> backup, List<Path> pruned) {

  public SyncReport {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(backup, "backup");
    pruned = List.copyOf(pruned);
  }

  /** True when this run changed the target. */
  public boolean applied() {
    return mode.writes() && plan.hasChanges();
  }

  /** The exit status this outcome means. */
  public ExitStatus status() {
    return mode == Mode.CHECK && plan.hasChanges() ? ExitStatus.DRIFT : ExitStatus.OK;
  }
}
