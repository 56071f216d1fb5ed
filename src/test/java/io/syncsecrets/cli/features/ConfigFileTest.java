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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --config and the default config file, through picocli's default-value provider; the variable lists. */
class ConfigFileTest {
  @TempDir Path dir;
  Path source;
  Path target;
  FeatureCli cli;

  @BeforeEach
  void files() throws Exception {
    source = write(dir.resolve("api-secrets.env"), SOURCE);
    target = write(dir.resolve("app/.env"), TARGET);
    cli = new FeatureCli(dir);
  }

  private Path config(String content) throws Exception {
    return write(dir.resolve("sync-secrets.properties"), content);
  }

  @Test
  void settingsComeFromTheConfigFile() throws Exception {
    Path cfg = config("source=" + source + "\ntarget=" + target + "\ndry-run=true\n");

    Run run = cli.run("--config", cfg.toString());

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("Target: " + target).contains("DRY RUN: No changes were made");
    assertThat(read(target)).isEqualTo(TARGET);
  }

  @Test
  void theCommandLineBeatsTheFile() throws Exception {
    Path elsewhere = write(dir.resolve("other/.env"), TARGET);
    Path cfg = config("source=" + source + "\ntarget=" + elsewhere + "\nkeep-backups=1\n");

    Run run = cli.run("--config", cfg.toString(), "--target", target.toString(), "--check");

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.out()).contains("Target: " + target).doesNotContain(elsewhere.toString());
  }

  @Test
  void keepBackupsFromTheFileIsApplied() throws Exception {
    Path cfg = config("source=" + source + "\ntarget=" + target + "\nkeep-backups=1\n");
    write(target, TARGET);
    assertThat(cli.run("--config", cfg.toString()).code()).isZero();
    write(target, TARGET); // drift again
    assertThat(cli.run("--config", cfg.toString()).code()).isZero();

    try (var backups = Files.list(dir.resolve("app/.env-backups"))) {
      assertThat(backups.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\.env\\.\\d{8}_\\d{6}(-\\d+)?")))
          .hasSize(1);
    }
  }

  @Test
  void theDefaultFileIsUsedWhenItExists() throws Exception {
    Path cfg = config("source=" + source + "\ntarget=" + target + "\ncheck=true\n");

    Run run = cli.runWithDefaultConfig(cfg);

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.out()).contains("Target: " + target);
  }

  @Test
  void configAfterTheSubcommandIsHonoured() throws Exception {
    Path cfg = config("target=" + target + "\n");

    Run run = cli.run("history", "--config", cfg.toString());

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains(dir.resolve("app/.env-backups/.env.history.jsonl").toString());
  }

  @Test
  void commandQualifiedKeysApplyToThatCommandOnly() throws Exception {
    Path cfg = config("source=" + source + "\ntarget=" + dir.resolve("nope/.env")
        + "\nsync-secrets.history.target=" + target + "\n");

    assertThat(cli.run("history", "--config", cfg.toString()).out()).contains(target.toString());
    assertThat(cli.run("--config", cfg.toString()).err()).contains("target does not exist");
  }

  @Test
  void anUnknownKeyIsAUsageError() throws Exception {
    Path cfg = config("target=" + target + "\nkeep-backup=5\n");

    Run run = cli.run("--config", cfg.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains(cfg.toString()).contains("unknown setting keep-backup");
    assertThat(read(target)).isEqualTo(TARGET);
  }

  @Test
  void aDotEnvGivenAsConfigIsRefusedWithoutQuotingItsLines() throws Exception {
    // Properties reads each continuation line of a quoted multi-line value as a key of its own.
    Path cfg = config("CONNECTWISE_PRIVATE_KEY=\"-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n"
        + "-----END KEY-----\"\nNINJA_CLIENT_ID=client-id-7f3a\n");

    Run run = cli.run("--config", cfg.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("looks like a .env file").contains("--source")
        .doesNotContain("MIIEvQIBADANBgkqhkiG9w0B", "client-id-7f3a", "BEGIN", "CONNECTWISE_PRIVATE_KEY");
    assertThat(read(target)).isEqualTo(TARGET);
  }

  @Test
  void unknownKeysThatAreNotOptionShapedAreCountedNotQuoted() throws Exception {
    Path cfg = config("target=" + target + "\nkeep-backup=3\nxK9/q+Zr==\n");

    Run run = cli.run("--config", cfg.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("unknown settings keep-backup, and 1 more not shown")
        .doesNotContain("xK9/q+Zr");
  }

  @Test
  void aMissingConfigIsAUsageError() {
    Run run = cli.run("--config", dir.resolve("missing.properties").toString(), "--target", target.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("missing.properties: cannot read config: no such file");
  }

  @Test
  void aConfigOthersCanWriteIsRefused() throws Exception {
    Path cfg = config("target=" + target + "\non-change=touch " + dir.resolve("pwned") + "\n");
    Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("rw-rw-rw-"));

    Run run = cli.run("--config", cfg.toString(), "--source", source.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("writable by group or others");
    assertThat(dir.resolve("pwned")).doesNotExist();
    assertThat(read(target)).isEqualTo(TARGET);
  }

  @Test
  void aBadValueInTheFileIsAUsageError() throws Exception {
    Path cfg = config("target=" + target + "\nkeep-backups=many\n");

    assertThat(cli.run("--config", cfg.toString()).code()).isEqualTo(2);
  }

  @Test
  void customVariableListsChooseWhatIsSynced() throws Exception {
    Run run = cli.run("--source", source.toString(), "--target", target.toString(),
        "--sync-variables", "NINJA_CLIENT_ID, UNRELATED", "--preserve-variables", "DB_DSN");

    assertThat(run.code()).as(run.err()).isZero();
    String after = read(target);
    assertThat(after).contains("NINJA_CLIENT_ID=client-new").contains("UNRELATED=ignored")
        .contains("NINJA_CLIENT_SECRET=old-secret-value").doesNotContain("must-not-be-copied");
  }

  @Test
  void variableListsComeFromTheConfigToo() throws Exception {
    Path cfg = config("sync-variables=NINJA_CLIENT_ID\n");

    Run run = cli.run("--config", cfg.toString(), "--source", source.toString(),
        "--target", target.toString(), "--check");

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.out()).contains("NINJA_CLIENT_ID").doesNotContain("NINJA_CLIENT_SECRET");
  }

  @Test
  void aKeyInBothListsIsAUsageError() {
    Run run = cli.run("--source", source.toString(), "--target", target.toString(),
        "--sync-variables", "NINJA_CLIENT_ID,DB_DSN", "--preserve-variables", "DB_DSN");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("both synced and preserved: DB_DSN");
  }

  @Test
  void aBadKeyNameIsAUsageError() throws Exception {
    Run run = cli.run("--source", source.toString(), "--target", target.toString(),
        "--sync-variables", "NINJA_CLIENT_ID,1BAD-NAME");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("not a valid variable name: '1BAD-NAME'");
    assertThat(read(target)).isEqualTo(TARGET);
  }

  @Test
  void aKeyInTheDefaultPreserveListCannotBeSynced() {
    Run run = cli.run("--source", source.toString(), "--target", target.toString(),
        "--sync-variables", "SECRET_KEY");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("SECRET_KEY");
  }
}
