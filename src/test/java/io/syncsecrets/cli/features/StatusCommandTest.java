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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status}: last change, drift now, backups, timer; writes nothing. */
class StatusCommandTest {
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

  @Test
  void beforeAnySyncItShowsDriftAndNoHistory() throws Exception {
    Run run = cli.run("status", "--source", source.toString(), "--target", target.toString());

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("Target: " + target).contains("Last change: none recorded")
        .contains("Drift: DRIFTED: 2 to update, 1 to add")
        .contains("NINJA_CLIENT_ID, NINJA_CLIENT_SECRET, CONNECTWISE_PRIVATE_KEY")
        .contains("Backups: 0 in ");
    assertThat(read(target)).isEqualTo(TARGET);
    assertThat(dir.resolve("app/.env-backups")).doesNotExist();
  }

  @Test
  void afterSyncsItShowsTheLastChangeAndTheBackups() throws Exception {
    cli.run("--source", source.toString(), "--target", target.toString());
    write(target, TARGET.replace("client-old", "client-older"));
    cli.run("--source", source.toString(), "--target", target.toString());

    Run run = cli.run("status", "--source", source.toString(), "--target", target.toString());

    assertThat(run.out()).contains("Drift: in sync")
        .containsPattern("Last change: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC sync by ")
        .contains("updated NINJA_CLIENT_ID, NINJA_CLIENT_SECRET; added CONNECTWISE_PRIVATE_KEY (backup .env.")
        .containsPattern("Backups: 2 in .*, newest \\.env\\.\\d{8}_\\d{6}(-1)?, oldest \\.env\\.\\d{8}_\\d{6}")
        .doesNotContain(FeatureCli.SECRET);
  }

  @Test
  void itShowsThePlansWarningsWithoutValues() throws Exception {
    // Line 5 is NINJA_BASE_URL: unchanged, so a sync would keep a line sh does not read.
    write(target, TARGET.replace("NINJA_BASE_URL=https://app.ninjarmm.com",
        "NINJA_BASE_URL = https://app.ninjarmm.com"));
    write(source, SOURCE.replace("NINJA_REFRESH_TOKEN=refresh-new\n", ""));

    Run run = cli.run("status", "--source", source.toString(), "--target", target.toString());

    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("  Warning: NINJA_BASE_URL: line 5 has a blank around '='")
        .contains("  Warning: NINJA_REFRESH_TOKEN is not in the source; the target keeps its value")
        .doesNotContain("ninjarmm").doesNotContain(FeatureCli.SECRET);
  }

  @Test
  void anUnreadableSourceIsReportedAndTheRestStillShown() throws Exception {
    Run run = cli.run("status", "--source", dir.resolve("missing.env").toString(), "--target", target.toString());

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("Drift: unknown (").contains("missing.env: cannot read source")
        .contains("Backups: 0");
  }

  @Test
  void noSystemctlMeansNoTimerLine() {
    Run run = cli.run("status", "--source", source.toString(), "--target", target.toString());

    assertThat(run.out()).doesNotContain("Timer:");
  }

  @Test
  void theTimerLineComesFromSystemctlWhenItIsThere() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path args = dir.resolve("args");
    Path systemctl = write(bin.resolve("systemctl"), String.join("\n",
        "#!/bin/sh",
        "echo \"$@\" > " + args,
        "echo 'NEXT                        LEFT     LAST  PASSED  UNIT                ACTIVATES'",
        "echo 'Tue 2026-01-06 03:00:00 UTC 5h left  -     -       sync-secrets.timer  sync-secrets.service'",
        "echo",
        "echo '1 timers listed.'",
        ""));
    Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwx------"));
    FeatureCli withPath = new FeatureCli(dir, Map.of("PATH", bin.toString()));

    Run run = withPath.run("status", "--source", source.toString(), "--target", target.toString());

    assertThat(read(args).strip()).isEqualTo("list-timers sync-secrets.timer --no-pager");
    assertThat(run.out()).contains("Timer: Tue 2026-01-06 03:00:00 UTC 5h left  -  -  sync-secrets.timer");
  }

  @Test
  void aHangingSystemctlDoesNotHangStatus() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path systemctl = write(bin.resolve("systemctl"), "#!/bin/sh\nexec sleep 60\n");
    Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwx------"));
    long start = System.nanoTime();

    Run run = new FeatureCli(dir, Map.of("PATH", bin.toString()))
        .run("status", "--source", source.toString(), "--target", target.toString());

    assertThat(System.nanoTime() - start).isLessThan(20_000_000_000L);
    assertThat(run.out()).contains("Timer: systemctl did not answer");
  }

  @Test
  void severalTargetsEachGetABlock() throws Exception {
    Path b = write(dir.resolve("b/.env"), TARGET);

    Run run = cli.run("status", "--source", source.toString(), "--target", target.toString(),
        "--target", b.toString());

    assertThat(run.out()).contains("Target: " + target).contains("Target: " + b);
  }
}
