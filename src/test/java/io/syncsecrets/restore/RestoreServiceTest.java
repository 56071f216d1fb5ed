package io.syncsecrets.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncsecrets.backup.BackupManager;
import io.syncsecrets.core.ExitStatus;
import io.syncsecrets.core.SyncException;
import io.syncsecrets.history.Actor;
import io.syncsecrets.write.AtomicEnvWriter;
import io.syncsecrets.write.FileOwnership;
import io.syncsecrets.write.TargetLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreServiceTest {
  @TempDir Path dir;
  Path target;
  Path backups;
  final Clock clock = Clock.fixed(Instant.parse("2026-03-29T01:30:00Z"), ZoneOffset.UTC);
  RestoreService service;

  @BeforeEach
  void files() throws Exception {
    target = Files.writeString(dir.resolve(".env"), "A=now\n");
    backups = dir.resolve(".env-backups");
    service = new RestoreService(clock, new AtomicEnvWriter(), new Actor("rene", Optional.empty(), "h"));
  }

  private Path backupOf(String content) throws Exception {
    return new BackupManager(backups, ".env", clock).backup(content.getBytes(), FileOwnership.of(target));
  }

  @Test
  void restoresTheNewestByDefault() throws Exception {
    backupOf("A=first\n");
    Path newest = backupOf("A=second\nB=x\n");

    RestoreReport report = service.restore(new RestoreOptions(target, backups, Optional.empty(), Duration.ZERO));

    assertThat(report.restoredFrom()).isEqualTo(newest);
    assertThat(Files.readString(target)).isEqualTo("A=second\nB=x\n");
    assertThat(report.updated()).containsExactly("A");
    assertThat(report.added()).containsExactly("B");
    assertThat(Files.readString(report.backup().orElseThrow())).isEqualTo("A=now\n");
  }

  @Test
  void waitsForTheLockAndKeepsTheTargetWhenItCannotHaveIt() throws Exception {
    backupOf("A=old\n");
    try (TargetLock held = TargetLock.acquire(TargetLock.fileFor(target), Duration.ZERO, FileOwnership.of(target))) {
      assertThatThrownBy(() -> service.restore(
          new RestoreOptions(target, backups, Optional.empty(), Duration.ofMillis(200))))
          .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.status()).isEqualTo(ExitStatus.FAILURE))
          .hasMessageContaining("holds the lock");
    }
    assertThat(Files.readString(target)).isEqualTo("A=now\n");
  }

  @Test
  void anotherTargetsBackupInTheSameDirIsForeign() throws Exception {
    backupOf("A=old\n");
    Path other = new BackupManager(backups, "app.env", clock).backup("A=evil\n".getBytes(), FileOwnership.of(target));

    assertThatThrownBy(() -> service.restore(
        new RestoreOptions(target, backups, Optional.of(other), Duration.ZERO)))
        .hasMessageContaining("not one of the backups of " + target);
    assertThat(Files.readString(target)).isEqualTo("A=now\n");
  }
}
