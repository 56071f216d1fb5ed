package io.syncsecrets.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncsecrets.write.DirectoryHandle;
import io.syncsecrets.write.FileOwnership;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupManagerTest {
  private static final Instant T0 = Instant.parse("2026-03-14T15:09:26Z");

  @TempDir Path tmp;
  private Path dir;
  private FileOwnership ownership;

  @BeforeEach
  void setUp() throws IOException {
    dir = tmp.resolve(".env-backups");
    Path target = Files.writeString(tmp.resolve(".env"), "A=1\n");
    ownership = FileOwnership.of(target);
  }

  private BackupManager at(Instant instant) {
    return new BackupManager(dir, ".env", Clock.fixed(instant, ZoneOffset.UTC));
  }

  private static String name(Path p) {
    return p.getFileName().toString();
  }

  @Test
  void backupHoldsTheExactBytesUnderATimestampedName() throws IOException {
    byte[] content = "# héllo\nA=1\r\nB=\"two\"\nno final newline".getBytes(StandardCharsets.UTF_8);

    Path backup = at(T0).backup(content, ownership);

    assertThat(backup.getParent()).isEqualTo(dir);
    assertThat(name(backup)).isEqualTo(".env.20260314_150926");
    assertThat(Files.readAllBytes(backup)).isEqualTo(content);
  }

  @Test
  void backupFileIs0600AndANewDirectoryIs0700() throws IOException {
    Path backup = at(T0).backup("A=1\n".getBytes(StandardCharsets.UTF_8), ownership);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
  }

  @Test
  void ensureDirectoryCreatesMissingParents() throws IOException {
    dir = tmp.resolve("a/b/backups");

    at(T0).ensureDirectory(ownership);

    assertThat(dir).isDirectory();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
  }

  @Test
  void namesAreUtcWhateverTheClockZone() throws IOException {
    // 15:09:26 UTC is 11:09:26 in New York (EDT on 2026-03-14); the name must say 15.
    BackupManager m = new BackupManager(dir, ".env", Clock.fixed(T0, ZoneId.of("America/New_York")));

    assertThat(name(m.backup(new byte[] {1}, ownership))).isEqualTo(".env.20260314_150926");
  }

  @Test
  void namesStayInOrderAcrossTheAutumnDstChange() throws IOException {
    // 2026-11-01 in New York: 01:30 EDT (05:30Z) comes before 01:10 EST (06:10Z). Local stamps would
    // sort the later backup first; UTC stamps keep the real order.
    ZoneId ny = ZoneId.of("America/New_York");
    Instant first = Instant.parse("2026-11-01T05:30:00Z");
    Instant second = Instant.parse("2026-11-01T06:10:00Z");
    Path a = new BackupManager(dir, ".env", Clock.fixed(first, ny)).backup(new byte[] {1}, ownership);
    Path b = new BackupManager(dir, ".env", Clock.fixed(second, ny)).backup(new byte[] {2}, ownership);

    assertThat(at(T0).list()).containsExactly(a, b);
    assertThat(name(a)).isEqualTo(".env.20261101_053000");
    assertThat(name(b)).isEqualTo(".env.20261101_061000");
  }

  @Test
  void twoBackupsInTheSameSecondGetDistinctNamesAndKeepBothContents() throws IOException {
    BackupManager m = at(T0);

    Path first = m.backup("first\n".getBytes(StandardCharsets.UTF_8), ownership);
    Path second = m.backup("second\n".getBytes(StandardCharsets.UTF_8), ownership);
    Path third = m.backup("third\n".getBytes(StandardCharsets.UTF_8), ownership);

    assertThat(List.of(name(first), name(second), name(third)))
        .containsExactly(".env.20260314_150926", ".env.20260314_150926-1", ".env.20260314_150926-2");
    assertThat(Files.readString(first)).isEqualTo("first\n");
    assertThat(Files.readString(second)).isEqualTo("second\n");
    assertThat(m.list()).containsExactly(first, second, third);
    assertThat(m.newest()).contains(third);
  }

  @Test
  void leavesNoPartialFileBehind() throws IOException {
    at(T0).backup("A=1\n".getBytes(StandardCharsets.UTF_8), ownership);

    try (var entries = Files.list(dir)) {
      assertThat(entries.map(BackupManagerTest::name)).containsExactly(".env.20260314_150926");
    }
  }

  @Test
  void listSortsBySecondThenCounterNotByString() throws IOException {
    BackupManager m = at(T0);
    for (int i = 0; i < 11; i++) {
      m.backup(new byte[] {(byte) i}, ownership);
    }

    // "-10" sorts before "-2" as a string; as backups it is the newest.
    assertThat(m.list()).last().extracting(BackupManagerTest::name).isEqualTo(".env.20260314_150926-10");
    assertThat(Files.readAllBytes(m.newest().orElseThrow())).containsExactly(10);
  }

  @Test
  void listIsEmptyWithoutADirectory() throws IOException {
    assertThat(at(T0).list()).isEmpty();
    assertThat(at(T0).newest()).isEmpty();
    assertThat(dir).doesNotExist();
  }

  @Test
  void pruneDeletesOnlyThisTargetsOldestBackupsBeyondKeep() throws IOException {
    Path b1 = at(Instant.parse("2026-01-01T00:00:00Z")).backup(new byte[] {1}, ownership);
    Path b2 = at(Instant.parse("2026-01-02T00:00:00Z")).backup(new byte[] {2}, ownership);
    Path b3 = at(Instant.parse("2026-01-03T00:00:00Z")).backup(new byte[] {3}, ownership);
    Path b4 = at(Instant.parse("2026-01-03T00:00:00Z")).backup(new byte[] {4}, ownership);
    List<Path> foreign = List.of(
        dir.resolve(".env.bak"),
        dir.resolve("other.env.20250101_000000"),
        dir.resolve("README"),
        dir.resolve(".env.2025"),
        dir.resolve(".env.20250101_000000.old"),
        dir.resolve(".env.20250101_000000-x"),
        dir.resolve("x.env.20250101_000000"),
        dir.resolve(".env.lock"));
    for (Path f : foreign) {
      Files.writeString(f, "not a backup");
    }
    Files.createDirectory(dir.resolve(".env.20240101_000000")); // a directory with a backup's name

    List<Path> pruned = at(T0).prune(2);

    assertThat(pruned).containsExactly(b1, b2);
    assertThat(b1).doesNotExist();
    assertThat(b2).doesNotExist();
    assertThat(b3).exists();
    assertThat(b4).exists();
    for (Path f : foreign) {
      assertThat(f).hasContent("not a backup");
    }
    assertThat(dir.resolve(".env.20240101_000000")).isDirectory();
  }

  @Test
  void pruneIgnoresBackupsOfATargetWhoseNameIsAPrefix() throws IOException {
    Path theirs = new BackupManager(dir, ".env.local", Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"),
        ZoneOffset.UTC)).backup(new byte[] {9}, ownership);
    Path mine = at(T0).backup(new byte[] {1}, ownership);

    assertThat(at(T0).prune(1)).isEmpty();
    assertThat(theirs).exists();
    assertThat(mine).exists();
    assertThat(at(T0).isBackupName(theirs)).isFalse();
    assertThat(at(T0).isBackupName(mine)).isTrue();
  }

  @Test
  void pruneKeepsEverythingWithinTheLimit() throws IOException {
    Path b1 = at(T0).backup(new byte[] {1}, ownership);

    assertThat(at(T0).prune(10)).isEmpty();
    assertThat(b1).exists();
  }

  @Test
  void pruneNeverFollowsASymlinkNamedLikeABackup() throws IOException {
    Path outside = Files.writeString(tmp.resolve("precious"), "keep me");
    Files.createDirectories(dir);
    Files.createSymbolicLink(dir.resolve(".env.20200101_000000"), outside);
    at(T0).backup(new byte[] {1}, ownership);

    at(T0).prune(0);

    assertThat(outside).hasContent("keep me");
    assertThat(dir.resolve(".env.20200101_000000")).isSymbolicLink();
  }

  // The race: the app's user, who may write the directory holding .env-backups, swaps it for a
  // link right after a root run has checked it. The seam runs the swap between the open (the
  // check) and the first use.
  private BackupManager swappedRightAfterTheCheck(Path moved, Path elsewhere) {
    return new BackupManager(dir, ".env", Clock.fixed(T0, ZoneOffset.UTC), d -> {
      DirectoryHandle handle = DirectoryHandle.open(d);
      Files.move(dir, moved);
      Files.createSymbolicLink(dir, elsewhere);
      return handle;
    });
  }

  private static List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(BackupManagerTest::name).sorted().toList();
    }
  }

  @Test
  void aBackupNeverGoesThroughADirectorySwappedForALinkAfterTheCheck() throws IOException {
    at(T0).ensureDirectory(ownership);
    Path elsewhere = Files.createDirectory(tmp.resolve("root-only"));
    Path moved = tmp.resolve("moved");
    byte[] secret = "API_KEY=s3cr3t\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> swappedRightAfterTheCheck(moved, elsewhere).backup(secret, ownership))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(dir + ": was replaced while the backup was written; run again");

    assertThat(names(elsewhere)).isEmpty();
    // The backup is complete, in the directory that was checked, wherever that is now.
    assertThat(names(moved)).containsExactly(".env.20260314_150926");
    assertThat(Files.readAllBytes(moved.resolve(".env.20260314_150926"))).isEqualTo(secret);
  }

  @Test
  void pruneNeverDeletesWhereASwappedInLinkPoints() throws IOException {
    Path b1 = at(Instant.parse("2026-01-01T00:00:00Z")).backup(new byte[] {1}, ownership);
    at(Instant.parse("2026-01-02T00:00:00Z")).backup(new byte[] {2}, ownership);
    Path elsewhere = Files.createDirectory(tmp.resolve("root-only"));
    Path theirs = Files.writeString(elsewhere.resolve(".env.20200101_000000"), "not a backup of ours");
    Path moved = tmp.resolve("moved");

    List<Path> pruned = swappedRightAfterTheCheck(moved, elsewhere).prune(1);

    assertThat(theirs).hasContent("not a backup of ours");
    assertThat(pruned).containsExactly(b1);
    assertThat(names(moved)).containsExactly(".env.20260102_000000");
  }

  @Test
  void listAndReadNeverSeeWhereASwappedInLinkPoints() throws IOException {
    at(T0).backup(new byte[] {1}, ownership);
    Path elsewhere = Files.createDirectory(tmp.resolve("root-only"));
    Files.writeString(elsewhere.resolve(".env.20200101_000000"), "root's secret");

    assertThat(swappedRightAfterTheCheck(tmp.resolve("moved"), elsewhere).list())
        .extracting(BackupManagerTest::name).containsExactly(".env.20260314_150926");
    Files.delete(dir);
    Files.move(tmp.resolve("moved"), dir);
    assertThatThrownBy(() -> swappedRightAfterTheCheck(tmp.resolve("moved2"), elsewhere)
        .read(dir.resolve(".env.20200101_000000")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aBackupDirectoryThatIsALinkIsRefusedNamingIt() throws IOException {
    Path elsewhere = Files.createDirectory(tmp.resolve("root-only"));
    Files.createSymbolicLink(dir, elsewhere);

    assertThatThrownBy(() -> at(T0).backup(new byte[] {1}, ownership))
        .hasMessage(dir + ": is a symbolic link; refusing to follow it");
    assertThatThrownBy(() -> at(T0).list())
        .hasMessage(dir + ": is a symbolic link; refusing to follow it");
    assertThat(names(elsewhere)).isEmpty();
  }
}
