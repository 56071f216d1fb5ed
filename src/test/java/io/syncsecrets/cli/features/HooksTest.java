package io.syncsecrets.cli.features;

import static io.syncsecrets.cli.features.FeatureCli.SOURCE;
import static io.syncsecrets.cli.features.FeatureCli.TARGET;
import static io.syncsecrets.cli.features.FeatureCli.read;
import static io.syncsecrets.cli.features.FeatureCli.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.cli.features.FeatureCli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --verify-cmd (rollback on failure) and --on-change, end to end with small /bin/sh commands. */
class HooksTest {
  @TempDir Path dir;
  Path source;
  Path target;
  Path history;
  FeatureCli cli;

  @BeforeEach
  void files() throws Exception {
    source = write(dir.resolve("api-secrets.env"), SOURCE);
    target = write(dir.resolve("app/.env"), TARGET);
    history = dir.resolve("app/.env-backups/.env.history.jsonl");
    cli = new FeatureCli(dir);
  }

  private Run sync(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("--source", source.toString(), "--target", target.toString()));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void verifySeesTheNewFileThroughTheTargetVariable() throws Exception {
    Path seen = dir.resolve("seen");

    Run run = sync("--verify-cmd", "grep -c NINJA_CLIENT_ID=client-new \"$SYNC_SECRETS_TARGET\" > " + seen);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(read(seen).strip()).isEqualTo("1");
    assertThat(read(target)).contains("NINJA_CLIENT_ID=client-new");
    assertThat(run.out()).contains("Verified: --verify-cmd passed");
  }

  @Test
  void aFailingVerifyRollsBackAndExitsOne() throws Exception {
    Run run = sync("--verify-cmd", "echo token endpoint said 401; exit 7");

    assertThat(run.code()).isEqualTo(1);
    assertThat(read(target)).isEqualTo(TARGET);
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(run.err()).contains("--verify-cmd failed (exit 7); the change was rolled back")
        .contains("--verify-cmd: token endpoint said 401");
    assertThat(Files.readAllLines(history)).singleElement().asString().contains("\"event\":\"rollback\"");
  }

  @Test
  void aVerifyThatHangsIsKilledAndRolledBack() throws Exception {
    long start = System.nanoTime();

    Run run = sync("--verify-cmd", "sleep 30", "--hook-timeout", "1");

    assertThat(System.nanoTime() - start).isLessThan(15_000_000_000L);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("timed out after 1 s");
    assertThat(read(target)).isEqualTo(TARGET);
  }

  @Test
  void onChangeRunsAfterAVerifiedChangeOnly() throws Exception {
    Path marker = dir.resolve("restarted");
    String onChange = "echo restarted >> " + marker;

    assertThat(sync("--verify-cmd", "true", "--on-change", onChange).code()).isZero();
    assertThat(read(marker)).isEqualTo("restarted\n");

    assertThat(sync("--on-change", onChange).code()).isZero(); // in sync now: nothing changed
    assertThat(read(marker)).isEqualTo("restarted\n");
  }

  @Test
  void onChangeDoesNotRunWhenVerifyFails() throws Exception {
    Path marker = dir.resolve("restarted");

    assertThat(sync("--verify-cmd", "false", "--on-change", "touch " + marker).code()).isEqualTo(1);

    assertThat(marker).doesNotExist();
  }

  @Test
  void aFailingOnChangeExitsOneAndTheNewFileStays() throws Exception {
    Run run = sync("--on-change", "echo restart failed >&2; exit 3");

    assertThat(run.code()).isEqualTo(1);
    assertThat(read(target)).contains("NINJA_CLIENT_ID=client-new");
    assertThat(run.err()).contains("--on-change failed (exit 3); the new file stays")
        .contains("--on-change: restart failed");
    assertThat(Files.readAllLines(history)).singleElement().asString().contains("\"event\":\"sync\"");
  }

  @Test
  void hooksDoNotRunOnADryRunOrCheck() throws Exception {
    Path marker = dir.resolve("ran");

    assertThat(sync("--check", "--verify-cmd", "touch " + marker, "--on-change", "touch " + marker).code())
        .isEqualTo(3);

    assertThat(marker).doesNotExist();
  }

  @Test
  void hooksGetNoStandardInput() throws Exception {
    Path got = dir.resolve("stdin");

    assertThat(sync("--verify-cmd", "cat > " + got).code()).isZero();

    assertThat(Files.size(got)).isZero();
  }

  @Test
  void theToolNeverPrintsValuesAroundHooks() {
    Run run = sync("--verify-cmd", "exit 1", "-v");

    assertThat(run.all()).doesNotContain(FeatureCli.SECRET);
  }

  @Test
  void hookTimeoutMustBePositive() {
    assertThat(sync("--hook-timeout", "0").code()).isEqualTo(2);
  }

  @Test
  void theRollbackKeepsTheBackupOfThePreviousFile() throws Exception {
    sync("--verify-cmd", "false");

    try (var files = Files.list(dir.resolve("app/.env-backups"))) {
      List<Path> backups = files.filter(p -> p.getFileName().toString().matches("\\.env\\.\\d{8}_\\d{6}")).toList();
      assertThat(backups).hasSize(1);
      assertThat(read(backups.get(0))).isEqualTo(TARGET);
    }
  }
}
