package io.syncsecrets.cli;

import static io.syncsecrets.cli.CliRun.cli;
import static io.syncsecrets.testsupport.EnvFixtures.appEnv;
import static io.syncsecrets.testsupport.EnvFixtures.credentials;
import static io.syncsecrets.testsupport.EnvFixtures.lines;
import static io.syncsecrets.testsupport.EnvFixtures.read;
import static io.syncsecrets.testsupport.EnvFixtures.write;
import static io.syncsecrets.testsupport.RunResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.core.ExitStatus;
import io.syncsecrets.core.Mode;
import io.syncsecrets.core.SecretValue;
import io.syncsecrets.core.SourceSpec;
import io.syncsecrets.core.SyncOptions;
import io.syncsecrets.testsupport.RunResult;
import io.syncsecrets.write.AtomicEnvWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class CliTest {
  private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

  @TempDir Path tmp;
  private Path source;
  private Path target;
  private Path backups;
  private String oldText;

  @BeforeEach
  void setUp() throws IOException {
    oldText = appEnv(credentials("v1"));
    target = write(tmp, ".env", oldText);
    source = write(tmp, "api-secrets.env", lines(credentials("v2")));
    backups = tmp.resolve(".env-backups");
    Files.setLastModifiedTime(target, LONG_AGO);
  }

  private RunResult run(String... args) {
    return cli().run(withPaths(args));
  }

  private String[] withPaths(String... args) {
    return Stream.concat(Stream.of("--source", source.toString(), "--target", target.toString()),
        Stream.of(args)).toArray(String[]::new);
  }

  private void assertTargetUntouched() throws IOException {
    assertThat(read(target)).isEqualTo(oldText);
    assertThat(Files.getLastModifiedTime(target)).isEqualTo(LONG_AGO);
    assertThat(backups).doesNotExist();
  }

  private static SyncOptions parse(CliRun run, String... args) {
    CommandLine cl = run.commandLine();
    cl.parseArgs(args);
    List<SyncOptions> runs = ((SyncCommand) cl.getCommand()).options();
    assertThat(runs).hasSize(1);
    return runs.get(0);
  }

  // ---- exit 0 --------------------------------------------------------------------------------

  @Test
  void syncAppliesChangesBacksUpAndExitsZero() throws IOException {
    RunResult r = run();

    assertThat(r).succeeded().hasEmptyErr()
        .outContains("Applied: 12 updated, 0 added, 0 unchanged",
            "Backup: " + backups.resolve(".env.20260504_030201"));
    assertThat(read(target)).isEqualTo(appEnv(credentials("v2")));
    assertThat(backups.resolve(".env.20260504_030201")).hasContent(oldText);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
  }

  @Test
  void aSecondRunIsInSyncAndWritesNothing() throws IOException {
    assertThat(run()).succeeded();
    Files.setLastModifiedTime(target, LONG_AGO);
    String after = read(target);

    RunResult second = run();

    assertThat(second).succeeded().outContains("In sync").outDoesNotContain("Backup:");
    assertThat(read(target)).isEqualTo(after);
    assertThat(Files.getLastModifiedTime(target)).isEqualTo(LONG_AGO);
    try (Stream<Path> s = Files.list(backups)) {
      assertThat(s.filter(p -> p.getFileName().toString().startsWith(".env.2"))).hasSize(1);
    }
  }

  @Test
  void quietPrintsNothingOnSuccess() throws IOException {
    RunResult r = run("--quiet");

    assertThat(r).succeeded().hasEmptyOut().hasEmptyErr();
    assertThat(read(target)).isEqualTo(appEnv(credentials("v2")));
  }

  @Test
  void backupDirOptionIsUsed() throws IOException {
    Path elsewhere = tmp.resolve("elsewhere/backups");

    assertThat(run("--backup-dir", elsewhere.toString())).succeeded();

    assertThat(elsewhere.resolve(".env.20260504_030201")).hasContent(oldText);
    assertThat(backups).doesNotExist();
  }

  @Test
  void keepBackupsPrunesThisTargetsOldBackups() throws IOException {
    Files.createDirectory(backups);
    Path older = Files.writeString(backups.resolve(".env.20250101_000000"), "older");
    Path foreign = Files.writeString(backups.resolve(".env.bak"), "foreign");

    RunResult r = run("--keep-backups", "1");

    assertThat(r).succeeded().outContains("Removed old backup: .env.20250101_000000");
    assertThat(older).doesNotExist();
    assertThat(foreign).hasContent("foreign");
    assertThat(backups.resolve(".env.20260504_030201")).exists();
  }

  @Test
  void allowEmptySyncsAnEmptyValue() throws IOException {
    write(tmp, "api-secrets.env", lines(credentials("v1")).replace(
        "NINJA_REFRESH_TOKEN=" + credentials("v1").get("NINJA_REFRESH_TOKEN"), "NINJA_REFRESH_TOKEN="));

    RunResult without = run();
    assertThat(without).succeeded().outContains("EMPTY", "NINJA_REFRESH_TOKEN");
    assertTargetUntouched();

    assertThat(run("--allow-empty")).succeeded();
    assertThat(read(target)).contains("\nNINJA_REFRESH_TOKEN=\n");
  }

  @Test
  void aKeyMissingFromTheSourceIsReportedByName() throws IOException {
    write(tmp, "api-secrets.env", lines(credentials("v1")).replaceAll("(?m)^CONNECTWISE_SERVER=.*\n", ""));

    RunResult r = run("--dry-run");

    assertThat(r).succeeded().outContains("MISSING", "CONNECTWISE_SERVER", "1 missing from source");
  }

  // ---- dry run, check, values ----------------------------------------------------------------

  @Test
  void dryRunPrintsAMaskedPlanAndWritesNothing() throws IOException {
    RunResult r = run("--dry-run");

    String secret = credentials("v2").get("NINJA_CLIENT_SECRET");
    assertThat(r).succeeded()
        .outContains("DRY RUN: No changes were made", "UPDATE", "NINJA_CLIENT_SECRET",
            "len " + secret.length(), SecretValue.fingerprint(secret), "Plan: 12 to update")
        .outDoesNotContain(secret);
    assertTargetUntouched();
  }

  @Test
  void checkExitsThreeOnDriftAndWritesNothing() throws IOException {
    RunResult r = run("--check");

    assertThat(r).exitedWith(ExitStatus.DRIFT).hasExitCode(3)
        .outContains("DRY RUN: No changes were made", "DRIFT: 12 change(s) pending");
    assertTargetUntouched();
  }

  @Test
  void checkExitsZeroInSync() throws IOException {
    write(tmp, "api-secrets.env", lines(credentials("v1")));

    RunResult r = run("--check");

    assertThat(r).succeeded().outContains("In sync: 0 to update, 0 to add, 12 unchanged")
        .outDoesNotContain("DRIFT");
    assertTargetUntouched();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--dry-run", "--check"})
  void showValuesPrintsOldAndNewValues(String mode) throws IOException {
    RunResult r = run(mode, "--show-values");

    assertThat(r).outContains("'" + credentials("v1").get("NINJA_CLIENT_SECRET") + "' -> '"
        + credentials("v2").get("NINJA_CLIENT_SECRET") + "'");
    assertThat(r.exitCode()).isEqualTo(mode.equals("--check") ? 3 : 0);
    assertTargetUntouched();
  }

  // ---- exit 2 --------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {
      "--show-values",
      "--quiet --verbose",
      "-q -v",
      "--keep-backups 0",
      "--keep-backups -3",
      "--keep-backups many",
      "--max-source-bytes 0",
      "--lock-timeout -1",
      "--no-such-option",
      "stray-argument",
      "--target"})
  void usageErrorsExitTwoAndWriteNothing(String args) throws IOException {
    RunResult r = run(args.split(" "));

    assertThat(r).exitedWith(ExitStatus.USAGE).hasEmptyOut()
        .errContains("Try 'sync-secrets --help'");
    if (!List.of(args.split(" ")).contains("--verbose") && !List.of(args.split(" ")).contains("-v")) {
      // With --verbose a stack trace may follow; without it the error is one line.
      assertThat(r).hasNoStackTrace().hasOneLineError("sync-secrets: ");
    }
    assertTargetUntouched();
  }

  @Test
  void usageMessagesSayWhatIsWrong() {
    assertThat(run("--show-values")).errContains("--show-values needs --dry-run or --check");
    assertThat(run("--quiet", "--verbose")).errContains("--quiet and --verbose cannot be combined");
    assertThat(run("--keep-backups", "0")).errContains("--keep-backups must be at least 1");
    assertThat(run("--bogus")).errContains("--bogus");
  }

  // ---- exit 1 --------------------------------------------------------------------------------

  @Test
  void aMissingTargetExitsOneWithOneLineAndIsNotCreated() throws IOException {
    Path missing = tmp.resolve("app/.env");

    RunResult r = cli().run("--source", source.toString(), "--target", missing.toString());

    assertThat(r).exitedWith(ExitStatus.FAILURE).hasEmptyOut().hasNoStackTrace()
        .hasOneLineError(missing.toString(), "does not exist");
    assertThat(missing).doesNotExist();
    assertThat(missing.getParent()).doesNotExist();
  }

  @Test
  void aMissingSourceExitsOne() throws IOException {
    Files.delete(source);

    assertThat(run()).exitedWith(ExitStatus.FAILURE).hasNoStackTrace()
        .hasOneLineError(source.toString(), "no such file");
    assertTargetUntouched();
  }

  @Test
  void aSourceWithoutSyncedKeysExitsOne() throws IOException {
    write(tmp, "api-secrets.env", "DB_DSN=postgres://x\nOTHER=1\n");

    assertThat(run()).exitedWith(ExitStatus.FAILURE).hasNoStackTrace()
        .hasOneLineError(source.toString(), "none of the synced variables");
    assertTargetUntouched();
  }

  @Test
  void aMalformedSourceExitsOne() throws IOException {
    write(tmp, "api-secrets.env", "NINJA_CLIENT_ID=\"unterminated\n");

    assertThat(run()).exitedWith(ExitStatus.FAILURE).hasNoStackTrace()
        .hasOneLineError(source + ":1", "unterminated");
    assertTargetUntouched();
  }

  @Test
  void aFailingDiskExitsOneAndLeavesTheTarget() throws IOException {
    AtomicEnvWriter failing = new AtomicEnvWriter(new AtomicEnvWriter.Disk() {
      @Override
      public void force(FileChannel channel) throws IOException {
        throw new IOException("Input/output error");
      }
    });

    RunResult r = cli().writer(failing).run(withPaths());

    assertThat(r).exitedWith(ExitStatus.FAILURE).hasNoStackTrace()
        .hasOneLineError(target.toString(), "Input/output error");
    assertThat(read(target)).isEqualTo(oldText);
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).doesNotContain(".env.tmp")
          .allMatch(n -> !n.endsWith(".tmp"));
    }
  }

  @Test
  void verboseAddsTheStackTrace() {
    RunResult r = cli().run("--source", source.toString(), "--target", tmp.resolve("nope").toString(),
        "--verbose");

    assertThat(r).exitedWith(ExitStatus.FAILURE).errContains("does not exist").hasStackTrace();
  }

  // ---- sources -------------------------------------------------------------------------------

  @Test
  void sourceDashReadsStandardInput() throws IOException {
    RunResult r = cli().stdin(lines(credentials("v3")))
        .run("--source", "-", "--target", target.toString());

    assertThat(r).succeeded().outContains("Source: <stdin>");
    assertThat(read(target)).isEqualTo(appEnv(credentials("v3")));
  }

  @Test
  void anEmptyStandardInputIsRefused() throws IOException {
    RunResult r = cli().stdin("").run("--source", "-", "--target", target.toString());

    assertThat(r).exitedWith(ExitStatus.FAILURE).hasOneLineError("<stdin>", "none of the synced variables");
    assertTargetUntouched();
  }

  @Test
  void defaultSourceIsTheSystemdCredentialWhenItExists() throws IOException {
    Path creds = Files.createDirectory(tmp.resolve("credentials"));
    Path credential = write(creds, "api-secrets.env", lines(credentials("v4")));

    RunResult r = cli().env(Map.of("CREDENTIALS_DIRECTORY", creds.toString()))
        .run("--target", target.toString());

    assertThat(r).succeeded().outContains("Source: " + credential);
    assertThat(read(target)).isEqualTo(appEnv(credentials("v4")));
  }

  @Test
  void defaultSourceFallsBackWhenTheCredentialIsAbsent() {
    Path emptyCreds = tmp.resolve("no-credential-here");

    SyncOptions withDir = parse(cli().env(Map.of("CREDENTIALS_DIRECTORY", emptyCreds.toString())));
    SyncOptions without = parse(cli());

    assertThat(withDir.source()).isEqualTo(SourceSpec.file(Path.of("/opt/shared-secrets/api-secrets.env")));
    assertThat(without.source()).isEqualTo(SourceSpec.file(Path.of("/opt/shared-secrets/api-secrets.env")));
  }

  @Test
  void productionDefaults() {
    SyncOptions o = parse(cli());

    assertThat(o.target()).isEqualTo(Path.of("/opt/es-inventory-hub/.env"));
    assertThat(o.backupDir()).isEqualTo(Path.of("/opt/es-inventory-hub/.env-backups"));
    assertThat(o.keepBackups()).isEqualTo(10);
    assertThat(o.mode()).isEqualTo(Mode.APPLY);
    assertThat(o.allowEmpty()).isFalse();
  }

  @Test
  void optionsMapToTheCoreOptions() {
    SyncOptions o = parse(cli(), "--target", "/x/app.env", "--check", "--allow-empty",
        "--keep-backups", "3", "--source", "-");

    assertThat(o.mode()).isEqualTo(Mode.CHECK);
    assertThat(o.allowEmpty()).isTrue();
    assertThat(o.keepBackups()).isEqualTo(3);
    assertThat(o.source()).isEqualTo(SourceSpec.stdin());
    assertThat(o.backupDir()).isEqualTo(Path.of("/x/.env-backups"));
    assertThat(parse(cli(), "--dry-run").mode()).isEqualTo(Mode.DRY_RUN);
  }

  // ---- help and version ----------------------------------------------------------------------

  @Test
  void helpListsEveryOptionAndTheExitCodes() {
    RunResult r = cli().run("--help");

    assertThat(r).succeeded().hasEmptyErr();
    List<OptionSpec> options = cli().commandLine().getCommandSpec().options();
    assertThat(options).hasSizeGreaterThanOrEqualTo(15);
    for (OptionSpec o : options) {
      assertThat(r).outContains(o.longestName());
    }
    assertThat(r).outContains("--source", "--target", "--backup-dir", "--dry-run", "--check",
        "--show-values", "--keep-backups", "--allow-empty", "--log-file", "--verbose", "--quiet",
        "--version", "--help");
    assertThat(r.out()).containsPattern("Exit codes:\\R")
        .containsPattern("(?m)^\\s*0\\s+ok")
        .containsPattern("(?m)^\\s*1\\s+failure")
        .containsPattern("(?m)^\\s*2\\s+usage error")
        .containsPattern("(?m)^\\s*3\\s+drift");
  }

  @Test
  void versionPrintsTheToolName() {
    RunResult r = cli().run("--version");

    assertThat(r).succeeded().hasEmptyErr();
    assertThat(r.out()).startsWith("sync-secrets ").hasLineCount(1);
  }
}
