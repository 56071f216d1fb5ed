package io.syncsecrets.core;

import io.syncsecrets.diff.SyncPlan;
import io.syncsecrets.hooks.HookResult;
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
 * @param verify how {@code --verify-cmd} ended, when it ran (and passed: a failure rolls back)
 * @param onChange how {@code --on-change} ended, when it ran
 */
public record SyncReport(
    String source, Path target, Mode mode, SyncPlan plan, Optional<Path> backup, List<Path> pruned,
    Optional<HookResult> verify, Optional<HookResult> onChange) {

  public SyncReport {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(backup, "backup");
    pruned = List.copyOf(pruned);
    Objects.requireNonNull(verify, "verify");
    Objects.requireNonNull(onChange, "onChange");
  }

  /** A report of a run without hooks. */
  public SyncReport(
      String source, Path target, Mode mode, SyncPlan plan, Optional<Path> backup, List<Path> pruned) {
    this(source, target, mode, plan, backup, pruned, Optional.empty(), Optional.empty());
  }

  /** True when {@code --on-change} ran and failed: the change stays, the run still fails. */
  public boolean onChangeFailed() {
    return onChange.isPresent() && !onChange.get().passed();
  }

  /** True when this run changed the target. */
  public boolean applied() {
    return mode.writes() && plan.hasChanges();
  }

  /** The exit status this outcome means. */
  public ExitStatus status() {
    if (onChangeFailed()) {
      return ExitStatus.FAILURE;
    }
    return mode == Mode.CHECK && plan.hasChanges() ? ExitStatus.DRIFT : ExitStatus.OK;
  }
}
