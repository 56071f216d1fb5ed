package io.syncsecrets.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncsecrets.core.ExitStatus;
import io.syncsecrets.core.SyncException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetLockTest {
  @TempDir Path dir;

  @Test
  void aHeldLockTimesOutASecondRunAndIsFreeAfterClose() throws IOException {
    Path lockFile = dir.resolve(".env.lock");
    FileOwnership ownership = FileOwnership.of(dir);

    try (TargetLock held = TargetLock.acquire(lockFile, Duration.ZERO, ownership)) {
      assertThatThrownBy(() -> TargetLock.acquire(lockFile, Duration.ZERO, ownership))
          .isInstanceOfSatisfying(SyncException.class, e -> {
            assertThat(e.status()).isEqualTo(ExitStatus.FAILURE);
            assertThat(e.getMessage()).contains(lockFile.toString(), "lock");
          });
    }
    try (TargetLock again = TargetLock.acquire(lockFile, Duration.ZERO, ownership)) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void createsTheLockFile0600() throws IOException {
    Path lockFile = dir.resolve(".env.lock");

    try (TargetLock lock = TargetLock.acquire(lockFile, Duration.ZERO, FileOwnership.of(dir))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lockFile))).isEqualTo("rw-------");
    }
  }
}
