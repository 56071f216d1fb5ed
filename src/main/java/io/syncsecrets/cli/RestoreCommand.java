package io.syncsecrets.cli;

import io.syncsecrets.core.ExitStatus;
import io.syncsecrets.core.SyncException;
import io.syncsecrets.core.SyncOptions;
import io.syncsecrets.history.Actor;
import io.syncsecrets.restore.RestoreOptions;
import io.syncsecrets.restore.RestoreReport;
import io.syncsecrets.restore.RestoreService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sync-secrets restore}: put a backup back, with the sync's safety rules. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Put a backup of the target back (default: the newest).",
      "The current file is backed up first; the backup is put in place atomically under the"
          + " target's lock (mode 0600, owner kept) and recorded in the history. Old backups are"
          + " not pruned."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok: restored, or the target already had that content",
      "1:failure: no backup, not one of this target's backups, or a write failed; target kept",
      "2:usage error"
    })
final class RestoreCommand implements Callable<Integer>, VerboseAware {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Mixin TargetOptions targets = new TargetOptions();

  @Option(names = "--from", paramLabel = "FILE", order = 20,
      description = "The backup to restore: a file name in the backup dir, or its path. It must be"
          + " one of this target's backups (default: the newest).")
  Path from;

  @Option(names = "--lock-timeout", paramLabel = "SECONDS", order = 24,
      defaultValue = "" + SyncOptions.DEFAULT_LOCK_TIMEOUT_SECONDS,
      description = "How long to wait for another run on the same target (default: ${DEFAULT-VALUE}).")
  long lockTimeoutSeconds;

  @Mixin LoggingOptions logging = new LoggingOptions();

  private final CliContext context;

  RestoreCommand(CliContext context) {
    this.context = context;
    this.config = new ConfigOption(context.config());
  }

  @Override
  public Integer call() {
    List<RestoreOptions> runs = options();
    logging.configure();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RestoreService service = new RestoreService(context.clock(), context.writer(), Actor.detect(context.env()));
    List<Path> failed = new ArrayList<>();
    for (RestoreOptions run : runs) {
      try {
        print(out, service.restore(run));
      } catch (SyncException e) {
        if (runs.size() == 1) {
          throw e;
        }
        err.println("sync-secrets: " + e.getMessage());
        failed.add(run.target());
      }
      out.flush();
      err.flush();
    }
    if (!failed.isEmpty()) {
      err.println("sync-secrets: restore failed for " + failed.size() + " of " + runs.size()
          + " targets: " + String.join(", ", failed.stream().map(Path::toString).toList()));
      err.flush();
      return ExitStatus.FAILURE.code();
    }
    return ExitStatus.OK.code();
  }

  private void print(PrintWriter out, RestoreReport report) {
    if (!report.written()) {
      out.println(report.target() + ": already has the content of " + report.restoredFrom().getFileName()
          + "; nothing written");
      return;
    }
    if (logging.quiet) {
      return;
    }
    out.println("Restored: " + report.target() + " from " + report.restoredFrom().getFileName());
    out.println("Backup of the replaced file: " + report.backup().get());
    out.println("Keys changed: " + HistoryCommand.keys(report.updated(), report.added(), report.removed()));
  }

  @Override
  public boolean verbose() {
    return logging.verbose;
  }

  /** All cross-option rules in one place. */
  List<RestoreOptions> options() {
    logging.validate();
    if (lockTimeoutSeconds < 0) {
      throw SyncException.usage("--lock-timeout must not be negative");
    }
    List<TargetOptions.Resolved> resolved = targets.resolve();
    if (from != null && resolved.size() > 1) {
      throw SyncException.usage("--from names one backup; give exactly one --target with it");
    }
    return resolved.stream()
        .map(t -> new RestoreOptions(t.target(), t.backupDir(), Optional.ofNullable(from),
            Duration.ofSeconds(lockTimeoutSeconds)))
        .toList();
  }
}
