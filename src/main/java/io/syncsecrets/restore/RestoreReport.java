package io.syncsecrets.restore;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a restore did.
 *
 * @param target the target as given
 * @param restoredFrom the backup that was put back
 * @param backup the backup of the file the restore replaced; empty when nothing was written
 * @param updated keys whose value the restore changed
 * @param added keys the restore brought back
 * @param removed keys the restore took away
 */
public record RestoreReport(Path target, Path restoredFrom, Optional<Path> backup,
    List<String> updated, List<String> added, List<String> removed) {
  public RestoreReport {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(restoredFrom, "restoredFrom");
    Objects.requireNonNull(backup, "backup");
    updated = List.copyOf(updated);
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }

  /** False when the target already had the backup's exact bytes. */
  public boolean written() {
    return backup.isPresent();
  }
}
