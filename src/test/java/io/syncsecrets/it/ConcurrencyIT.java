package io.syncsecrets.it;

import static io.syncsecrets.it.RunResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs on one target serialize on the lock file: no lost update, no half backup, bounded wait. */
class ConcurrencyIT {
  private static final int RUNS = 4;
  private static final Map<String, String> OLD = Env.values("old");
  private static final Map<String, String> NEW = Env.values("new");
  private static final Pattern BACKUP_LINE = Pattern.compile("(?m)^Backup: (.+)$");

  @TempDir Path dir;
  private Path target;
  private Path backups;
  private Path lockFile;

  @BeforeEach
  void files() throws IOException {
    target = Files.write(dir.resolve(".env"), Env.targetBytes(OLD));
    backups = dir.resolve(".env-backups");
    lockFile = dir.resolve(".env.sync-secrets.lock");
  }

  /** One run of the jar started in the background, with its own source and output files. */
  private record Started(Process process, Map<String, String> values, Path out, Path err) {
    RunResult await() throws Exception {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("run finished").isTrue();
      return new RunResult(process.exitValue(), Files.readString(out), Files.readString(err));
    }
  }

  private Started start(String tag, Map<String, String> values, String... extra) throws IOException {
    Path source = Files.writeString(dir.resolve(tag + ".source.env"), Env.source(values));
    List<String> args = new ArrayList<>(List.of("--source", source.toString(), "--target", target.toString()));
    args.addAll(List.of(extra));
    Path out = dir.resolve(tag + ".out");
    Path err = dir.resolve(tag + ".err");
    return new Started(Jar.start(Jar.command(args.toArray(String[]::new)), out, err, null), values, out, err);
  }

  @RepeatedTest(3)
  void parallelRunsWithDifferentSourcesSerializeWithoutLostUpdates() throws Exception {
    // No backup dir yet: the runs also race to create it.
    List<Started> started = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      started.add(start("run" + i, Env.values("run" + i)));
    }
    record Done(Started run, RunResult result, Path backup) {}
    List<Done> done = new ArrayList<>();
    for (Started s : started) {
      RunResult r = s.await();
      // The contract allows a run to give up on the lock; with the 30 s default none should.
      assertThat(r).exitedWith(0).printed("Applied").leakedNone(Env.secrets(OLD, s.values()));
      Matcher m = BACKUP_LINE.matcher(r.stdout());
      assertThat(m.find()).as("backup line in %s", r).isTrue();
      done.add(new Done(s, r, Path.of(m.group(1).trim())));
    }

    // Backups sort in the order the runs held the lock; each holds exactly what the previous run wrote.
    List<Path> all = Fs.backups(backups, ".env");
    assertThat(all).hasSize(RUNS);
    done.sort(Comparator.comparing(d -> all.indexOf(d.backup())));
    assertThat(done).extracting(Done::backup).containsExactlyElementsOf(all);
    // Compared by name of the state, so a failure reads "run2 but was run0" instead of two byte dumps.
    Map<String, byte[]> states = new java.util.LinkedHashMap<>();
    states.put("original", Env.targetBytes(OLD));
    done.forEach(d -> states.put(d.run().out().getFileName().toString(), Env.targetBytes(d.run().values())));
    String expectedBefore = "original";
    for (Done d : done) {
      assertThat(Env.stateOf(Fs.bytes(d.backup()), states)).as("backup %s", d.backup())
          .isEqualTo(expectedBefore);
      assertThat(Fs.mode(d.backup())).isEqualTo("rw-------");
      expectedBefore = d.run().out().getFileName().toString();
    }
    assertThat(Env.stateOf(Fs.bytes(target), states)).as("final target = the last run's result")
        .isEqualTo(expectedBefore);
    assertThat(Fs.mode(target)).isEqualTo("rw-------");
    assertThat(Fs.temps(dir)).isEmpty();
    assertThat(Fs.temps(backups)).isEmpty();
    assertThat(Fs.list(dir).stream().map(p -> p.getFileName().toString()))
        .as("no stray temp backup dirs").noneMatch(n -> n.startsWith("..env-backups."));
  }

  @Test
  void aHeldLockTimesOutWithExit1NamingTheLockAndTargetUntouched() throws Exception {
    Files.createDirectory(backups);
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      long t0 = System.nanoTime();
      RunResult run = start("timeout", NEW, "--lock-timeout", "1").await();
      long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

      assertThat(run).failedWithOneLine(lockFile.toString()).printed("another sync-secrets run holds the lock")
          .leakedNone(Env.secrets(OLD, NEW));
      assertThat(waitedMillis).isGreaterThanOrEqualTo(1000);
      assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(OLD));
      assertThat(Fs.backups(backups, ".env")).isEmpty();
      assertThat(Fs.temps(dir)).isEmpty();
      assertThat(held.isValid()).isTrue();
    }
    // Released: the next run goes through.
    assertThat(start("after", NEW).await()).exitedWith(0).printed("Applied");
    assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(NEW));
  }

  @Test
  void runsWithAnotherBackupDirOrThroughASymlinkTakeTheSameLock() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("link.env"), target.getFileName());
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      RunResult otherDir = start("other-dir", NEW, "--lock-timeout", "1",
          "--backup-dir", dir.resolve("elsewhere").toString()).await();
      Path source = Files.writeString(dir.resolve("via-link.source.env"), Env.source(NEW));
      RunResult viaLink = Jar.run("--source", source.toString(), "--target", link.toString(),
          "--lock-timeout", "1");

      for (RunResult run : List.of(otherDir, viaLink)) {
        assertThat(run).failedWithOneLine(lockFile.toString()).printed("another sync-secrets run holds the lock");
      }
      assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(OLD));
    }
  }

  @Test
  void aWaitingRunProceedsOnceTheLockIsReleased() throws Exception {
    Files.createDirectory(backups);
    Started waiting;
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      waiting = start("waiting", NEW);
      awaitLockFileOpenedBy(waiting.process());
      Thread.sleep(500);
      assertThat(waiting.process().isAlive()).as("still waiting for the lock").isTrue();
      assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(OLD));
    }
    assertThat(waiting.await()).exitedWith(0).printed("Applied");
    assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(NEW));
    assertThat(Fs.bytes(Fs.backups(backups, ".env").get(0))).isEqualTo(Env.targetBytes(OLD));
  }

  @Test
  void aWaitingRunPlansAgainOnTheStateItFindsAfterTheLock() throws Exception {
    Files.createDirectory(backups);
    Started waiting;
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      waiting = start("waiting", NEW);
      awaitLockFileOpenedBy(waiting.process()); // it has planned 12 updates and now waits
      // Meanwhile "another run" brings the target in sync (and adds a line the waiting run never saw).
      Files.write(target, (Env.target(NEW) + "ADDED_BY_OTHER_RUN=1\n").getBytes(StandardCharsets.UTF_8));
    }
    RunResult run = waiting.await();

    assertThat(run).exitedWith(0).printed("In sync").didNotPrint("Applied");
    assertThat(Fs.bytes(target)).isEqualTo((Env.target(NEW) + "ADDED_BY_OTHER_RUN=1\n").getBytes(StandardCharsets.UTF_8));
    assertThat(Fs.backups(backups, ".env")).as("nothing to back up: nothing written").isEmpty();
  }

  /** Waits until {@code p} has the lock file open: it has planned and is now polling for the lock. */
  private void awaitLockFileOpenedBy(Process p) throws Exception {
    Path fds = Path.of("/proc", String.valueOf(p.pid()), "fd");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("run exited before taking the lock").isTrue();
      if (opens(fds, lockFile)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("run never opened " + lockFile);
  }

  private static boolean opens(Path fds, Path file) {
    try (Stream<Path> entries = Files.list(fds)) {
      return entries.map(fd -> {
        try {
          return Optional.of(Files.readSymbolicLink(fd));
        } catch (IOException e) {
          return Optional.<Path>empty(); // fd closed meanwhile
        }
      }).flatMap(Optional::stream).anyMatch(file.toAbsolutePath()::equals);
    } catch (IOException e) {
      return false;
    }
  }
}
