package io.syncsecrets.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncsecrets.diff.VariablePolicy;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyncOptionsTest {
  private static SyncOptions with(int keep, long max, Duration lock) {
    return new SyncOptions(SourceSpec.stdin(), Path.of("/t/.env"), Path.of("/t/b"), Mode.APPLY,
        VariablePolicy.defaults(), false, keep, max, lock);
  }

  @Test
  void defaultBackupDirIsBesideTheTarget() {
    assertThat(SyncOptions.defaultBackupDir(Path.of("/opt/app/.env"))).isEqualTo(Path.of("/opt/app/.env-backups"));
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> with(0, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> with(1, 0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> with(1, 1, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThat(with(1, 1, Duration.ZERO).keepBackups()).isEqualTo(1);
  }

  @Test
  void onlyApplyWrites() {
    assertThat(Mode.APPLY.writes()).isTrue();
    assertThat(Mode.DRY_RUN.writes()).isFalse();
    assertThat(Mode.CHECK.writes()).isFalse();
  }

  @Test
  void sourceSpecLabels() {
    assertThat(SourceSpec.stdin().label()).isEqualTo("<stdin>");
    assertThat(SourceSpec.file(Path.of("/s/a.env")).label()).isEqualTo("/s/a.env");
  }
}
