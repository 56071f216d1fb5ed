package io.syncsecrets.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncsecrets.write.DirectoryHandle;
import io.syncsecrets.write.FileOwnership;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryLogTest {
  @TempDir Path dir;

  private static HistoryEntry entry(int n) {
    return new HistoryEntry(Instant.ofEpochSecond(1_700_000_000L + n), HistoryEntry.Event.SYNC, "/a/.env",
        new Actor("rene", Optional.empty(), "h"), Optional.empty(), Optional.of("abc"),
        List.of("K" + n), List.of(), List.of(), Optional.of(".env.x"), Optional.empty());
  }

  @Test
  void appendsOneLineEachOldestFirstInAPrivateFile() throws Exception {
    HistoryLog log = HistoryLog.forTarget(dir, ".env");
    FileOwnership me = FileOwnership.of(dir);

    log.append(entry(1), me);
    log.append(entry(2), me);

    assertThat(log.file()).isEqualTo(dir.resolve(".env.history.jsonl"));
    assertThat(Files.getPosixFilePermissions(log.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(log.read().entries()).containsExactly(entry(1), entry(2));
    assertThat(log.lines()).hasSize(2);
  }

  @Test
  void aTornLineIsSkippedAndCounted() throws Exception {
    HistoryLog log = HistoryLog.forTarget(dir, ".env");
    log.append(entry(1), FileOwnership.of(dir));
    Files.writeString(log.file(), "{\"time\":\"20", StandardOpenOption.APPEND);

    HistoryLog.Contents contents = log.read();

    assertThat(contents.entries()).containsExactly(entry(1));
    assertThat(contents.skipped()).isEqualTo(1);
  }

  @Test
  void noFileMeansNoHistory() throws Exception {
    assertThat(HistoryLog.forTarget(dir, ".env").read().entries()).isEmpty();
  }

  @Test
  void linesWithControlCharactersAreNeverHandedOutRawOrEscaped() throws Exception {
    HistoryLog log = HistoryLog.forTarget(dir, ".env");
    log.append(entry(1), FileOwnership.of(dir));
    String planted = entry(2).toJson().replace("\"rene\"", "\"\\u001b]0;pwned\\u0007\"");
    String raw = entry(3).toJson().replace("\"rene\"", "\"\u001b[2J\"");
    Files.writeString(log.file(), planted + "\n" + raw + "\n", StandardOpenOption.APPEND);

    HistoryLog.Contents contents = log.read();

    assertThat(planted).contains("\\u001b");
    assertThat(log.lines()).hasSize(1).noneMatch(l -> l.contains("u001b") || l.contains("\u001b"));
    assertThat(contents.entries()).containsExactly(entry(1));
    assertThat(contents.skipped()).isEqualTo(2);
  }

  // The app's user swaps the backup directory for a link right after a root run opened it.
  private HistoryLog swappedRightAfterTheCheck(Path backups, Path moved, Path elsewhere) {
    return new HistoryLog(backups.resolve(".env" + HistoryLog.SUFFIX), d -> {
      DirectoryHandle handle = DirectoryHandle.open(d);
      Files.move(backups, moved);
      Files.createSymbolicLink(backups, elsewhere);
      return handle;
    });
  }

  @Test
  void anAppendNeverGoesThroughADirectorySwappedForALinkAfterTheCheck() throws Exception {
    Path backups = Files.createDirectory(dir.resolve(".env-backups"));
    Path elsewhere = Files.createDirectory(dir.resolve("root-only"));
    Path theirs = Files.writeString(elsewhere.resolve(".env" + HistoryLog.SUFFIX), "root's line\n");
    Path moved = dir.resolve("moved");

    swappedRightAfterTheCheck(backups, moved, elsewhere).append(entry(1), FileOwnership.of(dir));

    assertThat(theirs).hasContent("root's line");
    try (var entries = Files.list(elsewhere)) {
      assertThat(entries).containsExactly(theirs);
    }
    assertThat(HistoryLog.forTarget(moved, ".env").read().entries()).containsExactly(entry(1));
  }

  @Test
  void aReadNeverGoesThroughADirectorySwappedForALinkAfterTheCheck() throws Exception {
    Path backups = Files.createDirectory(dir.resolve(".env-backups"));
    Path elsewhere = Files.createDirectory(dir.resolve("root-only"));
    HistoryLog.forTarget(elsewhere, ".env").append(entry(9), FileOwnership.of(dir));

    assertThat(swappedRightAfterTheCheck(backups, dir.resolve("moved"), elsewhere).read().entries()).isEmpty();
  }

  @Test
  void aHistoryFileThatIsALinkIsNeitherReadNorAppendedThrough() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim"), entry(9).toJson() + "\n");
    HistoryLog log = HistoryLog.forTarget(dir, ".env");
    Files.createSymbolicLink(log.file(), victim);

    assertThatThrownBy(log::read).hasMessage(log.file() + ": is a symbolic link; refusing to follow it");
    assertThatThrownBy(() -> log.append(entry(1), FileOwnership.of(dir)))
        .hasMessage(log.file() + ": is a symbolic link; refusing to follow it");
    assertThat(victim).hasContent(entry(9).toJson());
  }
}
