package io.syncsecrets.cli;

import io.syncsecrets.core.Mode;
import io.syncsecrets.core.SourceSpec;
import io.syncsecrets.core.SyncException;
import io.syncsecrets.core.SyncOptions;
import io.syncsecrets.core.SyncReport;
import io.syncsecrets.core.SyncService;
import io.syncsecrets.diff.VariablePolicy;
import io.syncsecrets.logging.LogSetup;
import io.syncsecrets.logging.Verbosity;
import io.syncsecrets.write.AtomicEnvWriter;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code sync-secrets} command: options in, one {@link SyncOptions} to the core, report out. */
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
      "1:failure: nothing was written (the message names the file and what is wrong)",
      "2:usage error",
      "3:drift: --check found pending changes"
    })
public final class SyncCommand implements Callable<Integer> {
  static final String DEFAULT_SOURCE = "/opt/shared-secrets/api-secrets.env";
  static final String DEFAULT_TARGET = "/opt/es-inventory-hub/.env";
  static final String CREDENTIAL_NAME = "api-secrets.env";

  @Spec CommandSpec spec;

  @Option(names = "--source", paramLabel = "PATH",
      description = "Source of truth, or - for standard input. Default: $CREDENTIALS_DIRECTORY/"
          + CREDENTIAL_NAME + " when that file exists (systemd LoadCredential=), else "
          + DEFAULT_SOURCE + ".")
  String source;

  @Option(names = "--target", paramLabel = "PATH",
      description = "The .env file to update (default: " + DEFAULT_TARGET + ")."
          + " A symlink stays a link; the file it points to is updated.")
  Path target;

  @Option(names = "--backup-dir", paramLabel = "DIR",
      description = "Where backups go (default: .env-backups/ beside the target).")
  Path backupDir;

  @Option(names = "--dry-run", description = "Print the plan and write nothing.")
  boolean dryRun;

  @Option(names = "--check",
      description = "Like --dry-run, then exit 3 when a change is pending, 0 when in sync.")
  boolean check;

  @Option(names = "--show-values",
      description = "With --dry-run or --check only: print old and new values in clear.")
  boolean showValues;

  @Option(names = "--keep-backups", paramLabel = "N", defaultValue = "10",
      description = "After a change, keep only this target's newest N backups (default: ${DEFAULT-VALUE}).")
  int keepBackups;

  @Option(names = "--allow-empty",
      description = "Sync a variable whose source value is empty (otherwise the target keeps its value).")
  boolean allowEmpty;

  @Option(names = "--max-source-bytes", paramLabel = "BYTES", defaultValue = "1048576",
      description = "Refuse a source larger than this (default: ${DEFAULT-VALUE}).")
  long maxSourceBytes;

  @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "How long to wait for another run on the same target (default: ${DEFAULT-VALUE}).")
  long lockTimeoutSeconds;

  @Option(names = "--log-file", paramLabel = "FILE",
      description = "Also append log lines to FILE (created 0600).")
  Path logFile;

  @Option(names = {"-v", "--verbose"}, description = "Debug logging, and stack traces on errors.")
  boolean verbose;

  @Option(names = {"-q", "--quiet"}, description = "Print only warnings and errors.")
  boolean quiet;

  private final Map<String, String> env;
  private final InputStream stdin;
  private final Clock clock;
  private final AtomicEnvWriter writer;

  public SyncCommand(Map<String, String> env, InputStream stdin, Clock clock, AtomicEnvWriter writer) {
    this.env = env;
    this.stdin = stdin;
    this.clock = clock;
    this.writer = writer;
  }

  @Override
  public Integer call() {
    SyncOptions options = options();
    try {
      LogSetup.configure(verbosity(), logFile);
    } catch (UncheckedIOException e) {
      throw SyncException.failure(e.getMessage(), e);
    }
    SyncService service = new SyncService(clock, writer, stdin);
    SyncReport report = service.sync(options, service.readSource(options));
    PrintWriter out = spec.commandLine().getOut();
    new ReportPrinter(out, showValues, verbose, quiet).print(report);
    out.flush();
    return report.status().code();
  }

  boolean verbose() {
    return verbose;
  }

  /** All cross-option rules in one place; every violation is a usage error. */
  SyncOptions options() {
    if (showValues && !(dryRun || check)) {
      throw SyncException.usage("--show-values needs --dry-run or --check: a real sync never prints values");
    }
    if (quiet && verbose) {
      throw SyncException.usage("--quiet and --verbose cannot be combined");
    }
    if (keepBackups < 1) {
      throw SyncException.usage("--keep-backups must be at least 1 (the backup of this run is kept)");
    }
    if (maxSourceBytes < 1) {
      throw SyncException.usage("--max-source-bytes must be positive");
    }
    if (lockTimeoutSeconds < 0) {
      throw SyncException.usage("--lock-timeout must not be negative");
    }
    Path t = target != null ? target : Path.of(DEFAULT_TARGET);
    Path b = backupDir != null ? backupDir : SyncOptions.defaultBackupDir(t);
    Mode mode = check ? Mode.CHECK : dryRun ? Mode.DRY_RUN : Mode.APPLY;
    return new SyncOptions(sourceSpec(), t, b, mode, VariablePolicy.defaults(), allowEmpty,
        keepBackups, maxSourceBytes, Duration.ofSeconds(lockTimeoutSeconds));
  }

  private SourceSpec sourceSpec() {
    if ("-".equals(source)) {
      return SourceSpec.stdin();
    }
    if (source != null) {
      return SourceSpec.file(Path.of(source));
    }
    String credentials = env.get("CREDENTIALS_DIRECTORY");
    if (credentials != null && !credentials.isEmpty()) {
      Path credential = Path.of(credentials, CREDENTIAL_NAME);
      if (Files.isRegularFile(credential)) {
        return SourceSpec.file(credential);
      }
    }
    return SourceSpec.file(Path.of(DEFAULT_SOURCE));
  }

  private Verbosity verbosity() {
    return verbose ? Verbosity.VERBOSE : quiet ? Verbosity.QUIET : Verbosity.NORMAL;
  }

}
