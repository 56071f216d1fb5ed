package io.syncsecrets.cli;

import io.syncsecrets.core.ExitStatus;
import io.syncsecrets.core.Mode;
import io.syncsecrets.core.SourceSnapshot;
import io.syncsecrets.core.SourceSpec;
import io.syncsecrets.core.SyncException;
import io.syncsecrets.core.SyncOptions;
import io.syncsecrets.core.SyncReport;
import io.syncsecrets.core.SyncService;
import io.syncsecrets.diff.VariablePolicy;
import io.syncsecrets.history.Actor;
import io.syncsecrets.hooks.HookRunner;
import io.syncsecrets.hooks.Hooks;
import io.syncsecrets.write.AtomicEnvWriter;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code sync-secrets} command: options in, one {@link SyncOptions} per target to the core, reports out. */
@Command(
    name = "sync-secrets",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Sync the allowlisted API credentials from a root-owned source .env into an app's .env.",
      "Only the synced variables are written; local-only variables and every other byte of the"
          + " target stay as they were. A backup is made before any change and the file is replaced"
          + " atomically (mode 0600, owner kept). Values are never printed unless --show-values."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok: in sync, or changes applied",
      "1:failure: nothing was written, or a change was rolled back, or --on-change failed"
          + " (the message names the file and what is wrong; with several targets, the failed ones)",
      "2:usage error",
      "3:drift: --check found pending changes (and no target failed)"
    })
public final class SyncCommand implements Callable<Integer>, VerboseAware {
  static final String DEFAULT_SOURCE = SourceOptions.DEFAULT_SOURCE;
  static final String DEFAULT_TARGET = TargetOptions.DEFAULT_TARGET;
  static final String CREDENTIAL_NAME = SourceOptions.CREDENTIAL_NAME;

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Mixin TargetOptions targets = new TargetOptions();

  @Mixin SourceOptions sources = new SourceOptions();

  @Option(names = "--dry-run", order = 20, description = "Print the plan and write nothing.")
  boolean dryRun;

  @Option(names = "--check", order = 21,
      description = "Like --dry-run, then exit 3 when a change is pending, 0 when in sync.")
  boolean check;

  @Option(names = "--show-values", order = 22,
      description = "With --dry-run or --check only: print old and new values in clear.")
  boolean showValues;

  @Option(names = "--keep-backups", paramLabel = "N", order = 23,
      defaultValue = "" + SyncOptions.DEFAULT_KEEP_BACKUPS,
      description = "After a change, keep only this target's newest N backups (default: ${DEFAULT-VALUE}).")
  int keepBackups = SyncOptions.DEFAULT_KEEP_BACKUPS;

  @Option(names = "--lock-timeout", paramLabel = "SECONDS", order = 24,
      defaultValue = "" + SyncOptions.DEFAULT_LOCK_TIMEOUT_SECONDS,
      description = "How long to wait for another run on the same target (default: ${DEFAULT-VALUE}).")
  long lockTimeoutSeconds = SyncOptions.DEFAULT_LOCK_TIMEOUT_SECONDS;

  @Option(names = "--verify-cmd", paramLabel = "CMD", order = 30,
      description = "After the new file is in place, run CMD with /bin/sh -c ($SYNC_SECRETS_TARGET"
          + " names the target). If it fails or times out, the previous file is put back and the run"
          + " exits 1. Use it to test new credentials before trusting them.")
  String verifyCommand;

  @Option(names = "--on-change", paramLabel = "CMD", order = 31,
      description = "Only when something changed and --verify-cmd (if any) passed, run CMD the same"
          + " way, e.g. to restart the app. Its failure exits 1; the new file stays.")
  String onChangeCommand;

  @Option(names = "--hook-timeout", paramLabel = "SECONDS", order = 32,
      defaultValue = "" + Hooks.DEFAULT_TIMEOUT_SECONDS,
      description = "Kill --verify-cmd or --on-change after this long and count it as failed"
          + " (default: ${DEFAULT-VALUE}).")
  long hookTimeoutSeconds = Hooks.DEFAULT_TIMEOUT_SECONDS;

  @Mixin LoggingOptions logging = new LoggingOptions();

  private final CliContext context;

  public SyncCommand(Map<String, String> env, InputStream stdin, Clock clock, AtomicEnvWriter writer) {
    this(new CliContext(env, stdin, clock, writer, new ConfigDefaults(ConfigDefaults.DEFAULT_FILE)));
  }

  SyncCommand(CliContext context) {
    this.context = context;
    this.config = new ConfigOption(context.config());
  }

  @Override
  public Integer call() {
    return run(spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /**
   * Runs the sync with the options as parsed, by picocli or by {@link QuickParser}. A failure of the
   * whole run is thrown, for {@link Cli#reportFailure} to print.
   */
  int run(PrintWriter out, PrintWriter err) {
    List<SyncOptions> runs = options();
    logging.configure();
    HookRunner hooks = new HookRunner(new HookOutput(err));
    SyncService service = new SyncService(context.clock(), context.writer(), context.stdin(), hooks,
        Actor.detect(context.env()));
    // One read for every target: standard input can only be read once, and all get the same values.
    SourceSnapshot source = service.readSnapshot(runs.get(0));
    ReportPrinter printer = new ReportPrinter(out, showValues, logging.verbose, logging.quiet);
    List<Path> failed = new ArrayList<>();
    boolean drift = false;
    for (SyncOptions run : runs) {
      try {
        SyncReport report = service.sync(run, source);
        printer.print(report);
        out.flush();
        if (report.onChangeFailed()) {
          err.println("sync-secrets: " + run.target() + ": --on-change failed ("
              + report.onChange().get().describe() + "); the new file stays");
          failed.add(run.target());
        } else if (report.status() == ExitStatus.DRIFT) {
          drift = true;
        }
      } catch (SyncException e) {
        if (runs.size() == 1) {
          throw e; // one target: exactly the single-target contract (message, code, --verbose trace)
        }
        err.println("sync-secrets: " + e.getMessage());
        if (logging.verbose) {
          e.printStackTrace(err);
        }
        failed.add(run.target());
      }
      err.flush();
    }
    if (!failed.isEmpty()) {
      if (runs.size() > 1) {
        err.println("sync-secrets: failed for " + failed.size() + " of " + runs.size() + " targets: "
            + String.join(", ", failed.stream().map(Path::toString).toList()));
        err.flush();
      }
      return ExitStatus.FAILURE.code();
    }
    return (drift ? ExitStatus.DRIFT : ExitStatus.OK).code();
  }

  /** A hook's output lines to stderr, as they come (a class, not a lambda: see SyncPlan). */
  private static final class HookOutput implements Consumer<String> {
    private final PrintWriter err;

    HookOutput(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void accept(String line) {
      err.println(line);
      err.flush();
    }
  }

  @Override
  public boolean verbose() {
    return logging.verbose;
  }

  /** All cross-option rules in one place; every violation is a usage error. One options record per target. */
  List<SyncOptions> options() {
    logging.validate();
    if (showValues && !(dryRun || check)) {
      throw SyncException.usage("--show-values needs --dry-run or --check: a real sync never prints values");
    }
    if (keepBackups < 1) {
      throw SyncException.usage("--keep-backups must be at least 1 (the backup of this run is kept)");
    }
    if (sources.maxSourceBytes < 1) {
      throw SyncException.usage("--max-source-bytes must be positive");
    }
    if (lockTimeoutSeconds < 0) {
      throw SyncException.usage("--lock-timeout must not be negative");
    }
    if (hookTimeoutSeconds < 1) {
      throw SyncException.usage("--hook-timeout must be at least 1 second");
    }
    if (verifyCommand != null && verifyCommand.isBlank()) {
      throw SyncException.usage("--verify-cmd must not be empty");
    }
    if (onChangeCommand != null && onChangeCommand.isBlank()) {
      throw SyncException.usage("--on-change must not be empty");
    }
    VariablePolicy policy = sources.policy();
    SourceSpec source = sources.spec(context.env());
    Mode mode = check ? Mode.CHECK : dryRun ? Mode.DRY_RUN : Mode.APPLY;
    Hooks hooks = new Hooks(Optional.ofNullable(verifyCommand), Optional.ofNullable(onChangeCommand),
        Duration.ofSeconds(hookTimeoutSeconds));
    List<SyncOptions> runs = new ArrayList<>();
    for (TargetOptions.Resolved t : targets.resolve()) {
      runs.add(new SyncOptions(source, t.target(), t.backupDir(), mode, policy, sources.allowEmpty,
          keepBackups, sources.maxSourceBytes, Duration.ofSeconds(lockTimeoutSeconds), hooks));
    }
    return runs;
  }
}
