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

/** {@code restore}: a backup back in place, the current file backed up first, foreign files refused. */
class RestoreCommandTest {
  @TempDir Path dir;
  Path source;
  Path target;
  Path backups;
  FeatureCli cli;

  @BeforeEach
  void files() throws Exception {
    source = write(dir.resolve("api-secrets.env"), SOURCE);
    target = write(dir.resolve("app/.env"), TARGET);
    backups = dir.resolve("app/.env-backups");
    cli = new FeatureCli(dir);
  }

  private List<Path> backupFiles() throws Exception {
    try (var files = Files.list(backups)) {
      return files.filter(p -> p.getFileName().toString().matches("\\.env\\.\\d{8}_\\d{6}(-\\d+)?")).sorted().toList();
    }
  }

  @Test
  void restoresTheNewestBackupAndBacksUpTheCurrentFileFirst() throws Exception {
    assertThat(cli.run("--source", source.toString(), "--target", target.toString()).code()).isZero();
    String synced = read(target);

    Run run = cli.run("restore", "--target", target.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(read(target)).isEqualTo(TARGET);
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    List<Path> all = backupFiles();
    assertThat(all).hasSize(2);
    assertThat(all.stream().map(p -> {
      try {
        return read(p);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    })).contains(synced);
    assertThat(run.out()).contains("Restored: " + target)
        .contains("updated NINJA_CLIENT_ID, NINJA_CLIENT_SECRET").contains("removed CONNECTWISE_PRIVATE_KEY")
        .doesNotContain(FeatureCli.SECRET);
    assertThat(Files.readAllLines(backups.resolve(".env.history.jsonl")))
        .hasSize(2).last().asString().contains("\"event\":\"restore\"").contains("\"restored_from\":\".env.");
  }

  @Test
  void fromAChosenBackupByNameOrPath() throws Exception {
    cli.run("--source", source.toString(), "--target", target.toString());
    Path first = backupFiles().get(0);
    write(target, "NINJA_CLIENT_ID=hand-edit\n");

    Run byName = cli.run("restore", "--target", target.toString(), "--from", first.getFileName().toString());
    assertThat(byName.code()).as(byName.err()).isZero();
    assertThat(read(target)).isEqualTo(TARGET);

    write(target, "NINJA_CLIENT_ID=hand-edit-2\n");
    Run byPath = cli.run("restore", "--target", target.toString(), "--from", first.toString());
    assertThat(byPath.code()).as(byPath.err()).isZero();
    assertThat(read(target)).isEqualTo(TARGET);
  }

  @Test
  void aFileThatIsNotOneOfTheBackupsIsRefused() throws Exception {
    cli.run("--source", source.toString(), "--target", target.toString());
    String before = read(target);
    Path foreign = write(dir.resolve("elsewhere/.env.20200101_000000"), "NINJA_CLIENT_ID=evil\n");
    Path oddName = write(backups.resolve("notes.txt"), "NINJA_CLIENT_ID=evil\n");

    for (Path from : List.of(foreign, oddName, backups.resolve(".env.history.jsonl"), source)) {
      Run run = cli.run("restore", "--target", target.toString(), "--from", from.toString());
      assertThat(run.code()).as(from.toString()).isEqualTo(1);
      assertThat(run.err()).contains("not one of the backups of " + target).contains("target kept");
      assertThat(read(target)).isEqualTo(before);
    }
    assertThat(backupFiles()).hasSize(1);
  }

  @Test
  void noBackupAtAllExitsOneAndKeepsTheTarget() throws Exception {
    Run run = cli.run("restore", "--target", target.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("no backup of it in").contains("target kept");
    assertThat(read(target)).isEqualTo(TARGET);
  }

  @Test
  void aMissingTargetIsNeverCreated() throws Exception {
    Path missing = dir.resolve("gone/.env");

    Run run = cli.run("restore", "--target", missing.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(missing).doesNotExist();
  }

  @Test
  void restoringTheContentItAlreadyHasWritesNothing() throws Exception {
    cli.run("--source", source.toString(), "--target", target.toString());
    cli.run("restore", "--target", target.toString());
    List<Path> before = backupFiles();

    Run run = cli.run("restore", "--target", target.toString(), "--from", before.get(0).getFileName().toString());

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("nothing written");
    assertThat(backupFiles()).isEqualTo(before);
  }

  @Test
  void fromWithSeveralTargetsIsAUsageError() throws Exception {
    Path b = write(dir.resolve("b/.env"), TARGET);

    Run run = cli.run("restore", "--target", target.toString(), "--target", b.toString(), "--from", "x");

    assertThat(run.code()).isEqualTo(2);
  }

  @Test
  void aSymlinkedTargetStaysALink() throws Exception {
    Path link = dir.resolve("link/.env");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, target);
    cli.run("--source", source.toString(), "--target", link.toString());

    Run run = cli.run("restore", "--target", link.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(read(target)).isEqualTo(TARGET);
  }

  @Test
  void syncOptionsBeforeTheSubcommandNameAreAUsageErrorNotASilentDefault() throws Exception {
    cli.run("--source", source.toString(), "--target", target.toString());
    String before = read(target);

    Run run = cli.run("--target", target.toString(), "restore");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--target before 'restore' would apply to the sync")
        .contains("put it after 'restore'");
    assertThat(read(target)).isEqualTo(before);
    assertThat(backupFiles()).hasSize(1);
  }

  @Test
  void configBeforeTheSubcommandNameIsStillAccepted() throws Exception {
    Path config = write(dir.resolve("sync.properties"), "target=" + target + "\n");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

    Run run = cli.run("--config", config.toString(), "history");

    assertThat(run.code()).as(run.err()).isZero();
  }
}
