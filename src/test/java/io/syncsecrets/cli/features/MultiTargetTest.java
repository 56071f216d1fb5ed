package io.syncsecrets.cli.features;

import static io.syncsecrets.cli.features.FeatureCli.SOURCE;
import static io.syncsecrets.cli.features.FeatureCli.TARGET;
import static io.syncsecrets.cli.features.FeatureCli.read;
import static io.syncsecrets.cli.features.FeatureCli.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.cli.features.FeatureCli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several --target: each its own lock, backups and history; one failing does not stop the others. */
class MultiTargetTest {
  @TempDir Path dir;
  Path source;
  Path a;
  Path b;
  FeatureCli cli;

  @BeforeEach
  void files() throws Exception {
    source = write(dir.resolve("api-secrets.env"), SOURCE);
    a = write(dir.resolve("a/.env"), TARGET);
    b = write(dir.resolve("b/.env"), TARGET);
    cli = new FeatureCli(dir);
  }

  @Test
  void everyTargetIsSyncedWithItsOwnBackupsAndHistory() throws Exception {
    Run run = cli.run("--source", source.toString(), "--target", a.toString(), "--target", b.toString());

    assertThat(run.code()).as(run.err()).isZero();
    for (Path t : new Path[] {a, b}) {
      assertThat(read(t)).contains("NINJA_CLIENT_ID=client-new");
      Path backups = t.resolveSibling(".env-backups");
      assertThat(t.resolveSibling(".env.sync-secrets.lock")).exists();
      assertThat(backups.resolve(".env.history.jsonl")).exists();
      try (var files = Files.list(backups)) {
        assertThat(files.filter(p -> p.getFileName().toString().matches("\\.env\\.\\d{8}_\\d{6}"))).hasSize(1);
      }
    }
    assertThat(run.out()).contains("Target: " + a).contains("Target: " + b);
  }

  @Test
  void commaSeparatedTargetsWorkToo() throws Exception {
    Run run = cli.run("--source", source.toString(), "--target", a + "," + b, "--check");

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.out()).contains("Target: " + a).contains("Target: " + b);
  }

  @Test
  void oneFailingTargetDoesNotStopTheOthers() throws Exception {
    Path missing = dir.resolve("gone/.env");

    Run run = cli.run("--source", source.toString(), "--target", missing.toString(), "--target", a.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(read(a)).contains("NINJA_CLIENT_ID=client-new");
    assertThat(run.err()).contains(missing + ": target does not exist")
        .contains("failed for 1 of 2 targets: " + missing);
    assertThat(run.err()).doesNotContain(a.toString());
  }

  @Test
  void checkExitsThreeWhenAnyTargetDrifted() throws Exception {
    assertThat(cli.run("--source", source.toString(), "--target", a.toString()).code()).isZero();

    Run run = cli.run("--source", source.toString(), "--target", a.toString(), "--target", b.toString(), "--check");

    assertThat(run.code()).isEqualTo(3);
    assertThat(read(b)).isEqualTo(TARGET);
  }

  @Test
  void checkExitsZeroWhenAllAreInSync() throws Exception {
    assertThat(cli.run("--source", source.toString(), "--target", a.toString(), "--target", b.toString()).code())
        .isZero();

    assertThat(cli.run("--source", source.toString(), "--target", a.toString(), "--target", b.toString(),
        "--check").code()).isZero();
  }

  @Test
  void checkWithAFailedTargetExitsOneNotThree() {
    Run run = cli.run("--source", source.toString(), "--target", a.toString(),
        "--target", dir.resolve("gone/.env").toString(), "--check");

    assertThat(run.code()).isEqualTo(1);
  }

  @Test
  void sameFileNameInOneExplicitBackupDirIsAUsageError() throws Exception {
    Run run = cli.run("--source", source.toString(), "--target", a.toString(), "--target", b.toString(),
        "--backup-dir", dir.resolve("backups").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("same file name");
    assertThat(read(a)).isEqualTo(TARGET);
    assertThat(dir.resolve("backups")).doesNotExist();
  }

  @Test
  void differentFileNamesMayShareAnExplicitBackupDir() throws Exception {
    Path c = write(dir.resolve("c/app.env"), TARGET);
    Path backups = dir.resolve("backups");

    Run run = cli.run("--source", source.toString(), "--target", a.toString(), "--target", c.toString(),
        "--backup-dir", backups.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(backups.resolve(".env.history.jsonl")).exists();
    assertThat(backups.resolve("app.env.history.jsonl")).exists();
  }

  @Test
  void theSameTargetTwiceIsAUsageError() {
    Run run = cli.run("--source", source.toString(), "--target", a.toString(), "--target", a.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("given more than once");
  }

  @Test
  void aSecretNeverAppearsInAnyOutput() {
    Run run = cli.run("--source", source.toString(), "--target", a.toString(), "--target", b.toString(), "-v");

    assertThat(run.all()).doesNotContain(FeatureCli.SECRET);
  }
}
