package io.syncsecrets.core;

import io.syncsecrets.backup.BackupManager;
import io.syncsecrets.diff.DiffEngine;
import io.syncsecrets.diff.KeyDecision;
import io.syncsecrets.diff.SyncPlan;
import io.syncsecrets.env.EnvDocument;
import io.syncsecrets.env.EnvSyntaxException;
import io.syncsecrets.env.UnsafeValueException;
import io.syncsecrets.write.AtomicEnvWriter;
import io.syncsecrets.write.FileOwnership;
import io.syncsecrets.write.TargetLock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the pipeline for one target: read source, plan, back up, write atomically, prune. */
public final class SyncService {
  private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

  private final Clock clock;
  private final AtomicEnvWriter writer;
  private final InputStream stdin;

  public SyncService(Clock clock, AtomicEnvWriter writer, InputStream stdin) {
    this.clock = clock;
    this.writer = writer;
    this.stdin = stdin;
  }

  /** Reads and parses the source; its values are what the target's readers must end up with. */
  public Map<String, String> readSource(SyncOptions options) {
    SourceSpec spec = options.source();
    String label = spec.label();
    byte[] bytes = spec.file().isPresent()
        ? SourceReader.readFile(spec.file().get(), options.maxSourceBytes())
        : SourceReader.readStream(stdin, label, options.maxSourceBytes());
    Map<String, String> values = parse(label, bytes).values();
    if (values.keySet().stream().noneMatch(options.policy()::isSynced)) {
      throw SyncException.noSyncedKeys(label);
    }
    return values;
  }

  /** Syncs one target from already-read source values. */
  public SyncReport sync(SyncOptions options, Map<String, String> source) {
    Path target = options.target();
    Path real = resolveTarget(target);
    DiffEngine diff = new DiffEngine(options.policy(), options.allowEmpty());
    Target before = readTarget(real);
    SyncPlan plan = diff.plan(source, before.document());
    logPlan(target, plan);
    if (!options.mode().writes() || !plan.hasChanges()) {
      return new SyncReport(options.source().label(), target, options.mode(), plan,
          Optional.empty(), List.of());
    }
    return apply(options, source, real, diff);
  }

  private SyncReport apply(SyncOptions options, Map<String, String> source, Path real, DiffEngine diff) {
    Path target = options.target();
    BackupManager backups = new BackupManager(options.backupDir(), target.getFileName().toString(), clock);
    try {
      FileOwnership ownership = FileOwnership.of(real);
      backups.ensureDirectory(ownership);
      Path lockFile = options.backupDir().resolve(target.getFileName() + ".lock");
      try (TargetLock lock = TargetLock.acquire(lockFile, options.lockTimeout(), ownership)) {
        // Another run may have changed the target while we waited: plan again on the fresh state.
        Target fresh = readTarget(real);
        SyncPlan plan = diff.plan(source, fresh.document());
        if (!plan.hasChanges()) {
          LOG.info("{}: already in sync after waiting for the lock; nothing written", target);
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
        LOG.info("{}: {}; backup {}", target, plan.summary(true), backup);
        List<Path> pruned = prune(backups, options.keepBackups());
        return new SyncReport(options.source().label(), target, options.mode(), plan,
            Optional.of(backup), pruned);
      }
    } catch (IOException e) {
      throw SyncException.writeFailed(options.backupDir(), e);
    }
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
        LOG.info("removed {} old backup(s) beyond --keep-backups {}", pruned.size(), keep);
      }
      return pruned;
    } catch (IOException e) {
      // The change is in place and backed up; failing retention is worth a warning, not a failure.
      LOG.warn("{}: could not remove old backups: {}", backups.directory(), SyncException.why(e));
      return List.of();
    }
  }

  private static Path resolveTarget(Path target) {
    try {
      Path real = target.toRealPath();
      if (!Files.isRegularFile(real)) {
        throw SyncException.failure(target + ": target is not a regular file");
      }
      return real;
    } catch (NoSuchFileException e) {
      throw SyncException.targetMissing(target);
    } catch (IOException e) {
      throw SyncException.targetUnreadable(target, e);
    }
  }

  private static Target readTarget(Path real) {
    try {
      byte[] bytes = Files.readAllBytes(real);
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
      LOG.warn("{}: {}", target, warning);
    }
    for (String key : plan.preservedInSource()) {
      LOG.debug("{}: {} is local-only; the source's value is ignored", target, key);
    }
    for (KeyDecision d : plan.decisions()) {
      LOG.debug("{}: {} {}", target, d.key(), d.status());
    }
  }

  private record Target(byte[] bytes, EnvDocument document) {}
}
