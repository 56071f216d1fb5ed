package io.syncsecrets.core;

import io.syncsecrets.backup.BackupManager;
import io.syncsecrets.diff.DiffEngine;
import io.syncsecrets.diff.KeyDecision;
import io.syncsecrets.diff.KeyStatus;
import io.syncsecrets.diff.SyncPlan;
import io.syncsecrets.env.EnvDocument;
import io.syncsecrets.env.EnvSyntaxException;
import io.syncsecrets.env.UnsafeValueException;
import io.syncsecrets.history.Actor;
import io.syncsecrets.history.HistoryEntry;
import io.syncsecrets.history.HistoryLog;
import io.syncsecrets.logging.LogSetup;
import io.syncsecrets.hooks.HookResult;
import io.syncsecrets.hooks.HookRunner;
import io.syncsecrets.hooks.Hooks;
import io.syncsecrets.write.AtomicEnvWriter;
import io.syncsecrets.write.FileOwnership;
import io.syncsecrets.write.NoFollow;
import io.syncsecrets.write.TargetLock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pipeline for one target: read source, plan, back up, write atomically, verify (rolling
 * back on failure), record the history, prune, then the on-change hook.
 */
public final class SyncService {
  /** Created on first use, so a run that logs nothing never starts logging. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(SyncService.class);
  }

  private final Clock clock;
  private final AtomicEnvWriter writer;
  private final InputStream stdin;
  private final HookRunner hooks;
  private final Actor actor;

  public SyncService(Clock clock, AtomicEnvWriter writer, InputStream stdin) {
    this(clock, writer, stdin, HookRunner.silent(), Actor.detect(System.getenv()));
  }

  /**
   * @param hooks runs {@code --verify-cmd} and {@code --on-change}, passing their output on
   * @param actor who is running, recorded in the history
   */
  public SyncService(Clock clock, AtomicEnvWriter writer, InputStream stdin, HookRunner hooks, Actor actor) {
    this.clock = clock;
    this.writer = writer;
    this.stdin = stdin;
    this.hooks = hooks;
    this.actor = actor;
  }

  /** Reads and parses the source; its values are what the target's readers must end up with. */
  public Map<String, String> readSource(SyncOptions options) {
    return readSnapshot(options).values();
  }

  /** Reads the source once, for any number of targets, with the fingerprint the history records. */
  public SourceSnapshot readSnapshot(SyncOptions options) {
    SourceSpec spec = options.source();
    String label = spec.label();
    byte[] bytes = spec.file().isPresent()
        ? SourceReader.readFile(spec.file().get(), options.maxSourceBytes())
        : SourceReader.readStream(stdin, label, options.maxSourceBytes());
    Map<String, String> values = parse(label, bytes).values();
    boolean anySynced = false;
    for (String key : values.keySet()) {
      anySynced |= options.policy().isSynced(key);
    }
    if (!anySynced) {
      throw SyncException.noSyncedKeys(label);
    }
    return new SourceSnapshot(label, values, SourceSnapshot.fingerprint(bytes));
  }

  /** Syncs one target from already-read source values. */
  public SyncReport sync(SyncOptions options, Map<String, String> source) {
    return sync(options, new SourceSnapshot(options.source().label(), source,
        SourceSnapshot.fingerprintOf(source)));
  }

  /** Plans one target against the source without writing anything, whatever the mode. */
  public SyncPlan plan(SyncOptions options, SourceSnapshot snapshot) {
    Path real = resolveTarget(options.target());
    return new DiffEngine(options.policy(), options.allowEmpty())
        .plan(snapshot.values(), readTarget(real).document());
  }

  /** Syncs one target from a source read once by {@link #readSnapshot}. */
  public SyncReport sync(SyncOptions options, SourceSnapshot snapshot) {
    Map<String, String> source = snapshot.values();
    Path target = options.target();
    Path real = resolveTarget(target);
    DiffEngine diff = new DiffEngine(options.policy(), options.allowEmpty());
    // Only the plan is kept: a large target is read again under the lock, and two parsed copies
    // of it need not be alive at once.
    SyncPlan plan = diff.plan(source, readTarget(real).document());
    logPlan(target, plan);
    if (!options.mode().writes() || !plan.hasChanges()) {
      return new SyncReport(options.source().label(), target, options.mode(), plan,
          Optional.empty(), List.of());
    }
    SyncReport applied = apply(options, snapshot, real, diff);
    return applied.applied() ? onChange(options, applied) : applied;
  }

  private SyncReport apply(SyncOptions options, SourceSnapshot snapshot, Path real, DiffEngine diff) {
    Map<String, String> source = snapshot.values();
    Path target = options.target();
    BackupManager backups = new BackupManager(options.backupDir(), target.getFileName().toString(), clock);
    try {
      FileOwnership ownership = FileOwnership.of(real);
      Path lockFile = TargetLock.fileFor(real);
      try (TargetLock lock = lock(lockFile, options, ownership)) {
        // Under the lock: two runs making the directory at once could replace each other's
        // still-empty one (rename(2) does), after one of them has opened it.
        backups.ensureDirectory(ownership);
        // Another run may have changed the target while we waited: plan again on the fresh state.
        Target fresh = readTarget(real);
        SyncPlan plan = diff.plan(source, fresh.document());
        if (!plan.hasChanges()) {
          Log.LOG.info("{}: already in sync after waiting for the lock; nothing written", target);
          return new SyncReport(options.source().label(), target, options.mode(), plan,
              Optional.empty(), List.of());
        }
        byte[] updated = render(target, fresh.document(), plan);
        Path backup = backup(backups, fresh.bytes(), ownership);
        try {
          writer.replace(real, updated, FileOwnership.of(real));
        } catch (IOException e) {
          throw SyncException.writeFailed(target, e);
        }
        Optional<HookResult> verified = verify(options, real, fresh.bytes(), ownership, backup, snapshot, plan);
        Log.LOG.info("{}: {}; backup {}", target, plan.summary(true), backup);
        record(options, ownership, entry(options, HistoryEntry.Event.SYNC, snapshot, plan, backup));
        List<Path> pruned = prune(backups, options.keepBackups());
        return new SyncReport(options.source().label(), target, options.mode(), plan,
            Optional.of(backup), pruned, verified, Optional.empty());
      }
    } catch (IOException e) {
      throw SyncException.writeFailed(options.backupDir(), e);
    }
  }

  // A lock that cannot be created names the lock file, not the backup directory.
  private static TargetLock lock(Path lockFile, SyncOptions options, FileOwnership ownership) {
    try {
      return TargetLock.acquire(lockFile, options.lockTimeout(), ownership);
    } catch (IOException e) {
      throw SyncException.writeFailed(lockFile, e);
    }
  }

  /**
   * Runs {@code --verify-cmd} with the new file in place; on failure puts the previous bytes back
   * (atomically, owner kept, 0600), records the rollback and fails the run.
   */
  private Optional<HookResult> verify(SyncOptions options, Path real, byte[] previous,
      FileOwnership ownership, Path backup, SourceSnapshot snapshot, SyncPlan plan) {
    Hooks h = options.hooks();
    if (h.verifyCommand().isEmpty()) {
      return Optional.empty();
    }
    Path target = options.target();
    // Stopped while verifying (SIGTERM from systemd or kill, Ctrl-C): kill the command, so it
    // counts as failed, and hold the JVM until the rollback below is done; the unverified file
    // must not outlive the run.
    CountDownLatch settled = new CountDownLatch(1);
    Thread guard = new Thread(() -> {
      hooks.killActive();
      try {
        settled.await(SHUTDOWN_ROLLBACK_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "verify-guard");
    Runtime.getRuntime().addShutdownHook(guard);
    try {
      HookResult result = hooks.run("--verify-cmd", h.verifyCommand().get(), target, h.timeout());
      if (result.passed()) {
        Log.LOG.info("{}: --verify-cmd passed", target);
        return Optional.of(result);
      }
      try {
        writer.replace(real, previous, ownership);
      } catch (IOException e) {
        throw SyncException.rollbackFailed(target, result.describe(), backup, e);
      }
      Log.LOG.warn("{}: --verify-cmd failed ({}); rolled back to the previous file", target, result.describe());
      record(options, ownership, entry(options, HistoryEntry.Event.ROLLBACK, snapshot, plan, backup));
      throw SyncException.verifyFailed(target, result.describe());
    } finally {
      settled.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(guard);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the guard is running and has just been released
      }
    }
  }

  private static final long SHUTDOWN_ROLLBACK_SECONDS = 20;

  /** Runs {@code --on-change} after a verified change; its failure fails the run, the change stays. */
  private SyncReport onChange(SyncOptions options, SyncReport applied) {
    Hooks h = options.hooks();
    if (h.onChangeCommand().isEmpty()) {
      return applied;
    }
    HookResult result = hooks.run("--on-change", h.onChangeCommand().get(), options.target(), h.timeout());
    if (!result.passed()) {
      Log.LOG.error("{}: --on-change failed ({}); the new file stays", options.target(), result.describe());
    }
    return new SyncReport(applied.source(), applied.target(), applied.mode(), applied.plan(),
        applied.backup(), applied.pruned(), applied.verify(), Optional.of(result));
  }

  private HistoryEntry entry(SyncOptions options, HistoryEntry.Event event, SourceSnapshot snapshot,
      SyncPlan plan, Path backup) {
    return new HistoryEntry(clock.instant(), event, options.target().toString(), actor,
        Optional.of(snapshot.label()), Optional.of(snapshot.fingerprint()),
        plan.changedKeys(KeyStatus.UPDATE), plan.changedKeys(KeyStatus.ADD),
        List.of(), Optional.of(backup.getFileName().toString()), Optional.empty());
  }

  private static void record(SyncOptions options, FileOwnership ownership, HistoryEntry entry) {
    HistoryLog.forTarget(options.backupDir(), options.target().getFileName().toString())
        .appendOrWarn(entry, ownership);
  }

  /** Applies the plan to the document and proves every reader-visible value comes out right. */
  static byte[] render(Path target, EnvDocument document, SyncPlan plan) {
    EnvDocument updated = document;
    Map<String, String> expected = new LinkedHashMap<>(document.values());
    for (KeyDecision change : plan.changes()) {
      String value = change.desired().orElseThrow().reveal();
      try {
        updated = updated.withValue(change.key(), value);
      } catch (UnsafeValueException e) {
        throw SyncException.unsafeValue(target.toString(), e.getMessage(), e);
      }
      expected.put(change.key(), value);
    }
    byte[] bytes = updated.render();
    EnvDocument reread = parse(target.toString(), bytes);
    if (!reread.values().equals(expected)) {
      // Names only: which keys came back different or appeared from nowhere.
      List<String> wrong = expected.keySet().stream()
          .filter(k -> !expected.get(k).equals(reread.values().get(k))).toList();
      List<String> extra = reread.values().keySet().stream().filter(k -> !expected.containsKey(k)).toList();
      throw SyncException.failure(target + ": the rewritten file would not read back exactly"
          + " (keys " + wrong + ", unexpected " + extra + "); nothing written");
    }
    return bytes;
  }

  private static Path backup(BackupManager backups, byte[] bytes, FileOwnership ownership) {
    try {
      return backups.backup(bytes, ownership);
    } catch (IOException e) {
      throw SyncException.backupFailed(backups.directory(), e);
    }
  }

  private static List<Path> prune(BackupManager backups, int keep) {
    try {
      List<Path> pruned = backups.prune(keep);
      if (!pruned.isEmpty()) {
        Log.LOG.info("removed {} old backup(s) beyond --keep-backups {}", pruned.size(), keep);
      }
      return pruned;
    } catch (IOException e) {
      // The change is in place and backed up; failing retention is worth a warning, not a failure.
      Log.LOG.warn("{}: could not remove old backups: {}", backups.directory(), SyncException.why(e));
      return List.of();
    }
  }

  /** The real file behind {@code target}, which must exist and be a regular file. */
  public static Path resolveTarget(Path target) {
    try {
      Path real = target.toRealPath();
      if (!Files.isRegularFile(real)) {
        throw SyncException.failure(target + ": target is not a regular file");
      }
      if (Files.isSymbolicLink(target)) {
        requireTrustedLink(target, real);
      }
      return real;
    } catch (NoSuchFileException e) {
      throw SyncException.targetMissing(target);
    } catch (IOException e) {
      throw SyncException.targetUnreadable(target, e);
    }
  }

  /**
   * Follows a symlinked target only when the link belongs to root or to the owner of the file it
   * points to (the kernel's protected_symlinks rule): otherwise the app's user could point .env at
   * /etc/shadow and have a sudo run replace it.
   */
  private static void requireTrustedLink(Path link, Path real) throws IOException {
    int linkUid = (Integer) Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int fileUid = (Integer) Files.getAttribute(real, "unix:uid");
    if (linkUid != 0 && linkUid != fileUid) {
      throw SyncException.failure(link + ": target is a symlink owned by uid " + linkUid
          + " to a file owned by uid " + fileUid + "; refusing to follow it");
    }
  }

  private static Target readTarget(Path real) {
    try {
      byte[] bytes = NoFollow.read(real);
      return new Target(bytes, parse(real.toString(), bytes));
    } catch (NoSuchFileException e) {
      throw SyncException.targetMissing(real);
    } catch (IOException e) {
      throw SyncException.targetUnreadable(real, e);
    }
  }

  private static EnvDocument parse(String label, byte[] bytes) {
    try {
      return EnvDocument.parse(label, bytes);
    } catch (EnvSyntaxException e) {
      throw SyncException.malformed(e.getMessage(), e);
    }
  }

  private static void logPlan(Path target, SyncPlan plan) {
    for (String warning : plan.warnings()) {
      Log.LOG.warn("{}: {}", target, warning);
    }
    if (!LogSetup.debugEnabled()) {
      return;
    }
    for (String key : plan.preservedInSource()) {
      Log.LOG.debug("{}: {} is local-only; the source's value is ignored", target, key);
    }
    for (KeyDecision d : plan.decisions()) {
      Log.LOG.debug("{}: {} {}", target, d.key(), d.status());
    }
  }

  private record Target(byte[] bytes, EnvDocument document) {}
}
