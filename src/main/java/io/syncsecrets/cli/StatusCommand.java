package io.syncsecrets.cli;

import io.syncsecrets.core.ExitStatus;
import io.syncsecrets.core.Mode;
import io.syncsecrets.core.SourceSnapshot;
import io.syncsecrets.core.SourceSpec;
import io.syncsecrets.core.SyncException;
import io.syncsecrets.core.SyncOptions;
import io.syncsecrets.core.SyncService;
import io.syncsecrets.diff.KeyDecision;
import io.syncsecrets.diff.SyncPlan;
import io.syncsecrets.diff.VariablePolicy;
import io.syncsecrets.history.Actor;
import io.syncsecrets.history.HistoryEntry;
import io.syncsecrets.hooks.HookRunner;
import io.syncsecrets.status.StatusService;
import io.syncsecrets.status.TargetStatus;
import io.syncsecrets.status.TimerProbe;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sync-secrets status}: last change, drift now, backups, the timer's next run. Writes nothing. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Show, for each target: the last applied change (from the history), whether it has drifted"
          + " from the source now (when the source can be read), and the backups kept; then the"
          + " timer's next run when systemctl is there. Writes nothing; values are never printed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok: status shown (also when drifted or the source is unreadable)",
      "1:failure: --log-file cannot be opened", "2:usage error"})
final class StatusCommand implements Callable<Integer>, VerboseAware {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Mixin TargetOptions targets = new TargetOptions();

  @Mixin SourceOptions sources = new SourceOptions();

  @Mixin LoggingOptions logging = new LoggingOptions();

  private final CliContext context;

  StatusCommand(CliContext context) {
    this.context = context;
    this.config = new ConfigOption(context.config());
  }

  @Override
  public Integer call() {
    List<SyncOptions> runs = options();
    logging.configure();
    PrintWriter out = spec.commandLine().getOut();
    SyncService sync = new SyncService(context.clock(), context.writer(), context.stdin(),
        HookRunner.silent(), Actor.detect(context.env()));
    Optional<SourceSnapshot> source = Optional.empty();
    String sourceProblem = "";
    try {
      source = Optional.of(sync.readSnapshot(runs.get(0)));
    } catch (SyncException e) {
      sourceProblem = e.getMessage();
    }
    StatusService service = new StatusService(sync, context.clock());
    for (SyncOptions run : runs) {
      print(out, service.status(run, source, sourceProblem));
      out.flush();
    }
    new TimerProbe(context.env()).nextRun().ifPresent(t -> out.println("Timer: " + t));
    out.flush();
    return ExitStatus.OK.code();
  }

  private static void print(PrintWriter out, TargetStatus s) {
    out.println("Target: " + s.target());
    out.println("  Last change: " + s.lastChange().map(StatusCommand::describe).orElse("none recorded"));
    if (s.unreadableHistoryLines() > 0) {
      out.println("  History: " + s.unreadableHistoryLines() + " unreadable line(s) skipped");
    }
    out.println("  Drift: " + s.drift().map(StatusCommand::drift)
        .orElseGet(() -> "unknown (" + s.driftProblem().orElse("") + ")"));
    // The plan's own warnings, as a dry run logs them: keys the source lacks, lines sh or systemd
    // read differently from the app. A status run logs nothing, so they are part of its report.
    for (String warning : s.drift().map(SyncPlan::warnings).orElse(List.of())) {
      out.println("  Warning: " + warning);
    }
    out.println("  Backups: " + s.backups().size() + " in " + s.backupDir()
        + s.newestBackup().map(n -> ", newest " + n.getFileName()).orElse("")
        + s.oldestBackup().map(o -> ", oldest " + o.getFileName()).orElse(""));
  }

  private static String describe(HistoryEntry e) {
    return HistoryCommand.TIME.format(e.time()) + " UTC " + e.event().label() + " by " + e.actor().describe()
        + " on " + e.actor().host() + ": " + HistoryCommand.keys(e.updated(), e.added(), e.removed())
        + e.backup().map(b -> " (backup " + b + ")").orElse("");
  }

  private static String drift(SyncPlan plan) {
    if (!plan.hasChanges()) {
      return "in sync (" + plan.summary(false) + ")";
    }
    return "DRIFTED: " + plan.summary(false) + " ("
        + String.join(", ", plan.changes().stream().map(KeyDecision::key).toList()) + ")";
  }

  @Override
  public boolean verbose() {
    return logging.verbose;
  }

  /** All cross-option rules in one place. */
  List<SyncOptions> options() {
    logging.validate();
    if (sources.maxSourceBytes < 1) {
      throw SyncException.usage("--max-source-bytes must be positive");
    }
    VariablePolicy policy = sources.policy();
    SourceSpec source = sources.spec(context.env());
    return targets.resolve().stream()
        .map(t -> new SyncOptions(source, t.target(), t.backupDir(), Mode.DRY_RUN, policy,
            sources.allowEmpty, SyncOptions.DEFAULT_KEEP_BACKUPS, sources.maxSourceBytes,
            SyncOptions.DEFAULT_LOCK_TIMEOUT))
        .toList();
  }
}
