package io.syncsecrets.cli;

import io.syncsecrets.core.SyncException;
import io.syncsecrets.core.SyncOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code --target} (repeatable) and {@code --backup-dir}, shared by every command. */
final class TargetOptions {
  static final String DEFAULT_TARGET = "/opt/es-inventory-hub/.env";

  @Option(names = "--target", paramLabel = "PATH", split = ",", order = 2,
      description = "The .env file to update (default: " + DEFAULT_TARGET + "). Repeat it (or"
          + " separate with commas) for several targets; each has its own lock, backups and history,"
          + " and one failing does not stop the others. A symlink stays a link; the file it points"
          + " to is updated.")
  List<Path> targets;

  @Option(names = "--backup-dir", paramLabel = "DIR", order = 3,
      description = "Where backups and the history go (default: .env-backups/ beside each"
          + " target); the lock stays beside the target's real file.")
  Path backupDir;

  /**
   * One target and the directory for its backups and history.
   *
   * @param target the .env file
   * @param backupDir its backup directory
   */
  record Resolved(Path target, Path backupDir) {
    Resolved {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(backupDir, "backupDir");
    }
  }

  /** The targets in the order given; the rules that involve several targets are checked here. */
  List<Resolved> resolve() {
    List<Path> given = targets == null || targets.isEmpty() ? List.of(Path.of(DEFAULT_TARGET)) : targets;
    Set<Path> seen = new LinkedHashSet<>();
    Map<String, Path> byName = new HashMap<>();
    List<Resolved> out = new ArrayList<>();
    for (Path t : given) {
      if (t.getFileName() == null) {
        throw SyncException.usage("--target " + t + " does not name a file");
      }
      if (!seen.add(t.toAbsolutePath().normalize())) {
        throw SyncException.usage("--target " + t + " is given more than once");
      }
      if (backupDir != null) {
        // Backups and history are named after the target's file name.
        Path other = byName.putIfAbsent(t.getFileName().toString(), t);
        if (other != null) {
          throw SyncException.usage("--target " + other + " and --target " + t + " have the same file"
              + " name and would share backups and history in --backup-dir " + backupDir
              + "; leave --backup-dir out so each gets .env-backups/ beside it");
        }
      }
      out.add(new Resolved(t, backupDir != null ? backupDir : SyncOptions.defaultBackupDir(t)));
    }
    return out;
  }
}
