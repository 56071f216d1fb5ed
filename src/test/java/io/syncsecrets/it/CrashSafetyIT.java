package io.syncsecrets.it;

import static io.syncsecrets.it.RunResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at any moment leaves the target as the old file or the new one, mode 0600, and the next
 * run succeeds; what a killed run leaves behind is named as a temp file and removed later.
 */
class CrashSafetyIT {
  private static final int BLIND_KILLS = 12;
  private static final int AIMED_KILLS = 4;
  /** Local-only lines that make the target a few MB, so the write itself takes a while. */
  private static final int FILLER_LINES = 40_000;

  private static final Map<String, String> A = Env.values("a");
  private static final Map<String, String> B = Env.values("b");

  @TempDir Path dir;
  private Path target;
  private Path backups;
  private Path sourceA;
  private Path sourceB;
  private Map<String, byte[]> states;

  @BeforeEach
  void files() throws IOException {
    states = new LinkedHashMap<>();
    states.put("A", Env.targetBytes(A));
    states.put("B", Env.targetBytes(B));
    target = Files.write(dir.resolve(".env"), states.get("A"));
    backups = dir.resolve(".env-backups");
    sourceA = Files.writeString(dir.resolve("a.source.env"), Env.source(A));
    sourceB = Files.writeString(dir.resolve("b.source.env"), Env.source(B));
    if (Fs.isRoot()) {
      Fs.chown(target, Fs.APP_UID, Fs.APP_UID);
    }
  }

  private static byte[] big(Map<String, String> synced) {
    StringBuilder s = new StringBuilder(Env.target(synced));
    for (int i = 0; i < FILLER_LINES; i++) {
      s.append("LOCAL_FILLER_").append(i).append("=").append("f".repeat(40)).append('\n');
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void killAtAnyMomentLeavesOldOrNewFileAndTheNextRunSucceeds() throws Exception {
    // A target of a few MB, so the write itself takes long enough to be hit.
    states.put("A", big(A));
    states.put("B", big(B));
    Files.write(target, states.get("A"));
    // How long an undisturbed run takes here, so the blind kills spread over its whole life.
    long t0 = System.nanoTime();
    assertThat(sync(sourceB)).exitedWith(0).printed("Applied");
    long fullRunMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertThat(Env.stateOf(Fs.bytes(target), states)).isEqualTo("B");

    int completed = 0;
    for (int i = 0; i < BLIND_KILLS; i++) {
      long delay = fullRunMillis * 6 / 5 * i / BLIND_KILLS;
      completed += killedRunChanged(p -> sleepUpTo(p, delay), "at " + delay + " ms");
    }
    // Aimed kills: the moment the temp file beside the target, or the backup's .partial, appears.
    for (int i = 0; i < AIMED_KILLS; i++) {
      int extraMillis = i * 3;
      completed += killedRunChanged(p -> awaitTemp(p, dir, "..env.", ".tmp", extraMillis),
          "while writing the temp file, +" + extraMillis + " ms");
      completed += killedRunChanged(p -> awaitTemp(p, backups, "..env.", ".partial", extraMillis),
          "while writing the backup, +" + extraMillis + " ms");
    }
    // And some aimed kills really hit a write in flight: they left a temp file, named as one.
    assertThat(Fs.temps(dir).size() + Fs.temps(backups).size()).as("temp files left by aimed kills")
        .isPositive();
    // Both outcomes happened: kills landed before and after the rename, not all on one side.
    assertThat(completed).as("killed runs that still got to the rename").isBetween(1, BLIND_KILLS - 1);

    String last = Env.stateOf(Fs.bytes(target), states);
    Path other = last.equals("A") ? sourceB : sourceA;
    assertThat(sync(other)).exitedWith(0).printed("Applied");
    assertThat(Env.stateOf(Fs.bytes(target), states)).isEqualTo(last.equals("A") ? "B" : "A");
    assertThat(Fs.mode(target)).isEqualTo("rw-------");
    assertThat(sync(other)).exitedWith(0).printed("In sync");
  }

  private interface KillPoint {
    void await(Process p) throws Exception;
  }

  /** Starts a run towards the other state, SIGKILLs it at {@code when}, checks; 1 if it changed. */
  private int killedRunChanged(KillPoint when, String label) throws Exception {
    String before = Env.stateOf(Fs.bytes(target), states);
    Path source = before.equals("A") ? sourceB : sourceA;
    Process p = Jar.start(Jar.command("--source", source.toString(), "--target", target.toString()),
        dir.resolve("out"), dir.resolve("err"), null);
    try {
      when.await(p);
    } finally {
      p.destroyForcibly(); // SIGKILL on Linux; a no-op when it already exited
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    String after = Env.stateOf(Fs.bytes(target), states);
    assertThat(after).as("target after a kill %s", label).isIn("A", "B");
    assertThat(Fs.mode(target)).as("mode after a kill %s", label).isEqualTo("rw-------");
    if (Fs.isRoot()) {
      assertThat(Fs.uid(target)).as("owner after a kill %s", label).isEqualTo(Fs.APP_UID);
      assertThat(Fs.gid(target)).isEqualTo(Fs.APP_UID);
    }
    for (Path b : Fs.backups(backups, ".env")) {
      assertThat(Env.stateOf(Fs.bytes(b), states)).as("backup %s after a kill %s", b, label).isIn("A", "B");
    }
    assertOnlyTempLeftovers();
    return after.equals(before) ? 0 : 1;
  }

  private static void sleepUpTo(Process p, long millis) throws InterruptedException {
    p.waitFor(millis, TimeUnit.MILLISECONDS);
  }

  /** Returns {@code extraMillis} after a new temp file shows up in {@code where}, or when p exits. */
  private static void awaitTemp(Process p, Path where, String prefix, String suffix, int extraMillis)
      throws Exception {
    java.util.Set<String> old = new java.util.HashSet<>(names(where));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (p.isAlive() && System.nanoTime() < deadline) {
      for (String n : names(where)) {
        if (n.startsWith(prefix) && n.endsWith(suffix) && !old.contains(n)) {
          if (extraMillis > 0) {
            Thread.sleep(extraMillis);
          }
          return;
        }
      }
      Thread.onSpinWait();
    }
  }

  private static List<String> names(Path where) {
    try {
      return Fs.list(where).stream().map(x -> x.getFileName().toString()).toList();
    } catch (java.io.UncheckedIOException e) {
      return List.of(); // listed while the directory was being renamed into place
    }
  }

  @Test
  void nextWritingRunRemovesStaleTempFilesAndNothingElse() throws Exception {
    FileTime twoMinutesAgo = FileTime.from(Instant.now().minus(Duration.ofMinutes(2)));
    Files.createDirectory(backups);
    Path staleTmp = stale(dir.resolve("..env.8512093746.tmp"), twoMinutesAgo);
    Path freshTmp = Files.writeString(dir.resolve("..env.1234567.tmp"), "in flight");
    Path stalePartial = stale(backups.resolve("..env.99887766.partial"), twoMinutesAgo);
    Path staleLockTmp = stale(dir.resolve("..env.sync-secrets.lock.4455.tmp"), twoMinutesAgo);
    Path staleBackupDirTmp = Files.createDirectory(dir.resolve("..env-backups.777"));
    Files.setLastModifiedTime(staleBackupDirTmp, twoMinutesAgo);
    // Temp names are "." + file name + "." + digits + suffix, so for ".env" they start with "..env.".
    // Look-alikes that are not this tool's temp files of this target: never touched.
    Path otherTarget = stale(dir.resolve("..other.env.123.tmp"), twoMinutesAgo);
    Path notDigits = stale(dir.resolve("..env.abc.tmp"), twoMinutesAgo);
    Path userFile = stale(backups.resolve("notes.partial"), twoMinutesAgo);
    Path staleBackup = stale(backups.resolve(".env.20200101_000000"), twoMinutesAgo);

    assertThat(sync(sourceB)).exitedWith(0).printed("Applied");

    assertThat(staleTmp).doesNotExist();
    assertThat(stalePartial).doesNotExist();
    assertThat(freshTmp).exists();
    assertThat(List.of(otherTarget, notDigits, userFile, staleBackup)).allMatch(Files::exists);
    // The lock file did not exist yet: creating it removed its stale temp too.
    assertThat(staleLockTmp).doesNotExist();
    // The backup dir existed, so ensureDirectory had nothing to make: its stale temp dir stays for now.
    assertThat(staleBackupDirTmp).exists();
  }

  @Test
  void staleTempBackupDirIsRemovedWhenTheBackupDirIsMade() throws Exception {
    FileTime twoMinutesAgo = FileTime.from(Instant.now().minus(Duration.ofMinutes(2)));
    Path staleEmpty = Files.createDirectory(dir.resolve("..env-backups.777"));
    Files.setLastModifiedTime(staleEmpty, twoMinutesAgo);
    Path staleFull = Files.createDirectory(dir.resolve("..env-backups.778"));
    Files.writeString(staleFull.resolve("keep"), "x");
    Files.setLastModifiedTime(staleFull, twoMinutesAgo);

    assertThat(sync(sourceB)).exitedWith(0);

    assertThat(staleEmpty).doesNotExist();
    assertThat(staleFull.resolve("keep")).exists(); // only empty directories are ever removed
    assertThat(Fs.mode(backups)).isEqualTo("rwx------");
  }

  private static Path stale(Path p, FileTime mtime) throws IOException {
    Files.writeString(p, "left by a killed run");
    Files.setLastModifiedTime(p, mtime);
    return p;
  }

  private RunResult sync(Path source) {
    return Jar.run("--source", source.toString(), "--target", target.toString());
  }

  /** Besides the real files, only names a temp file of this tool has. */
  private void assertOnlyTempLeftovers() {
    for (Path p : Fs.list(dir)) {
      String n = p.getFileName().toString();
      assertThat(n).as("entry in the target dir").matches(
          "\\.env|\\.env-backups|a\\.source\\.env|b\\.source\\.env|out|err|\\.\\.env\\.\\d+\\.tmp|\\.\\.env-backups\\.\\d+"
              + "|\\.env\\.sync-secrets\\.lock|\\.\\.env\\.sync-secrets\\.lock\\.\\d+\\.tmp");
    }
    for (Path p : Fs.list(backups)) {
      String n = p.getFileName().toString();
      assertThat(n).as("entry in the backup dir").matches(
          "\\.env\\.\\d{8}_\\d{6}(-\\d+)?|\\.env\\.history\\.jsonl|\\.\\.env\\.\\d+\\.partial");
    }
  }
}
