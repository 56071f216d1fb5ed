package io.syncsecrets.core;

import static io.syncsecrets.testsupport.EnvFixtures.appEnv;
import static io.syncsecrets.testsupport.EnvFixtures.credentials;
import static io.syncsecrets.testsupport.EnvFixtures.lines;
import static io.syncsecrets.testsupport.EnvFixtures.localOnly;
import static io.syncsecrets.testsupport.EnvFixtures.merge;
import static io.syncsecrets.testsupport.EnvFixtures.read;
import static io.syncsecrets.testsupport.EnvFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.syncsecrets.diff.KeyStatus;
import io.syncsecrets.diff.VariablePolicy;
import io.syncsecrets.testsupport.EnvFixtures;
import io.syncsecrets.write.AtomicEnvWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SyncServiceTest {
  private static final Instant NOW = Instant.parse("2026-05-04T03:02:01Z");
  private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

  @TempDir Path tmp;
  private Path target;
  private Path backups;
  private Path sourceFile;

  @BeforeEach
  void setUp() {
    target = tmp.resolve(".env");
    backups = tmp.resolve(".env-backups");
    sourceFile = tmp.resolve("api-secrets.env");
  }

  private SyncOptions options(Mode mode, boolean allowEmpty, int keep) {
    return new SyncOptions(SourceSpec.file(sourceFile), target, backups, mode, VariablePolicy.defaults(),
        allowEmpty, keep, SyncOptions.DEFAULT_MAX_SOURCE_BYTES, Duration.ZERO);
  }

  private SyncOptions options(Mode mode) {
    return options(mode, false, 10);
  }

  private static SyncService service(AtomicEnvWriter writer, InputStream stdin) {
    return new SyncService(Clock.fixed(NOW, ZoneOffset.UTC), writer, stdin);
  }

  private static SyncService service() {
    return service(new AtomicEnvWriter(), InputStream.nullInputStream());
  }

  /** Reads the source file and syncs, as the CLI does. */
  private SyncReport run(SyncOptions options) {
    SyncService s = service();
    return s.sync(options, s.readSource(options));
  }

  private List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  // ---- behaviour -------------------------------------------------------------------------------

  @Test
  void updatesChangedValuesInPlaceAndKeepsEverythingElse() throws IOException {
    Map<String, String> v1 = credentials("v1");
    Map<String, String> v2 = credentials("v2");
    write(tmp, ".env", appEnv(v1));
    write(tmp, "api-secrets.env", lines(v2));

    SyncReport report = run(options(Mode.APPLY));

    assertThat(read(target)).isEqualTo(appEnv(v2));
    assertThat(report.applied()).isTrue();
    assertThat(report.status()).isEqualTo(ExitStatus.OK);
    assertThat(report.plan().count(KeyStatus.UPDATE)).isEqualTo(12);
  }

  @Test
  void appendsAMissingKeyAfterAddingTheFinalNewline() throws IOException {
    Map<String, String> have = credentials("v1");
    have.remove("CONNECTWISE_PRIVATE_KEY");
    String withoutFinalNewline = lines(have).stripTrailing();
    write(tmp, ".env", withoutFinalNewline);
    write(tmp, "api-secrets.env", lines(credentials("v1")));

    SyncReport report = run(options(Mode.APPLY));

    assertThat(read(target)).isEqualTo(withoutFinalNewline + "\nCONNECTWISE_PRIVATE_KEY="
        + credentials("v1").get("CONNECTWISE_PRIVATE_KEY") + "\n");
    assertThat(report.plan().changes()).singleElement()
        .satisfies(d -> assertThat(d.isAdd()).isTrue());
  }

  @Test
  void appendsToATargetEndingInANewline() throws IOException {
    write(tmp, ".env", "# app\nFLASK_ENV=production\n");
    write(tmp, "api-secrets.env", "NINJA_CLIENT_ID=abc-123-client\n");

    run(options(Mode.APPLY));

    assertThat(read(target)).isEqualTo("# app\nFLASK_ENV=production\nNINJA_CLIENT_ID=abc-123-client\n");
  }

  @Test
  void aKeyMissingFromTheSourceKeepsItsTargetValueAndIsWarnedAbout() throws IOException {
    Map<String, String> source = credentials("v2");
    source.remove("NINJA_REFRESH_TOKEN");
    write(tmp, ".env", lines(credentials("v1")));
    write(tmp, "api-secrets.env", lines(source));

    SyncReport report = run(options(Mode.APPLY));

    assertThat(EnvFixtures.read(target))
        .contains("NINJA_REFRESH_TOKEN=" + credentials("v1").get("NINJA_REFRESH_TOKEN") + "\n")
        .contains("NINJA_CLIENT_ID=" + credentials("v2").get("NINJA_CLIENT_ID") + "\n");
    assertThat(report.plan().warnings()).singleElement().asString().contains("NINJA_REFRESH_TOKEN");
  }

  @Test
  void aBareExportOfASyncedKeyInTheTargetIsKeptAndTheValueAddedAfterIt() throws IOException {
    write(tmp, ".env", "export NINJA_CLIENT_ID  # the shell script needs it\nFLASK_ENV=production\n");
    write(tmp, "api-secrets.env", "NINJA_CLIENT_ID=abc-123-client\n");

    SyncReport report = run(options(Mode.APPLY));

    assertThat(read(target)).isEqualTo("export NINJA_CLIENT_ID  # the shell script needs it\n"
        + "FLASK_ENV=production\nNINJA_CLIENT_ID=abc-123-client\n");
    assertThat(report.plan().changes()).singleElement()
        .satisfies(d -> assertThat(d.isAdd()).isTrue());
  }

  @Test
  void aBareExportInTheSourceHasNoValueAndIsNotSynced() throws IOException {
    Map<String, String> source = credentials("v2");
    source.remove("NINJA_REFRESH_TOKEN");
    write(tmp, ".env", lines(credentials("v1")));
    write(tmp, "api-secrets.env", lines(source) + "export NINJA_REFRESH_TOKEN\n");

    SyncReport report = run(options(Mode.APPLY));

    assertThat(read(target))
        .contains("NINJA_REFRESH_TOKEN=" + credentials("v1").get("NINJA_REFRESH_TOKEN") + "\n");
    assertThat(report.plan().decisions())
        .filteredOn(d -> d.key().equals("NINJA_REFRESH_TOKEN")).singleElement()
        .satisfies(d -> assertThat(d.status()).isEqualTo(KeyStatus.MISSING_IN_SOURCE));
  }

  @Test
  void localOnlyKeysAreNeverWrittenEvenWhenTheSourceHasThem() throws IOException {
    // The target has some local-only keys (with its own values) and lacks others.
    String targetText = "SECRET_KEY=app-secret-key\nDB_DSN=app-dsn\n" + lines(credentials("v1"));
    write(tmp, ".env", targetText);
    write(tmp, "api-secrets.env", lines(merge(localOnly("leaked"), credentials("v2"))));

    SyncReport report = run(options(Mode.APPLY));

    String after = read(target);
    assertThat(after).startsWith("SECRET_KEY=app-secret-key\nDB_DSN=app-dsn\n");
    for (String key : VariablePolicy.DEFAULT_PRESERVE) {
      assertThat(after).doesNotContain(localOnly("leaked").get(key));
    }
    assertThat(after).doesNotContain("DATABASE_URL", "FLASK_ENV", "LOG_LEVEL", "LOG_FILE",
        "THREATLOCKER_BASE_URL");
    assertThat(report.plan().preservedInSource()).hasSize(7);
  }

  @Test
  void otherSourceKeysAreIgnored() throws IOException {
    write(tmp, ".env", lines(credentials("v1")));
    write(tmp, "api-secrets.env", lines(credentials("v1")) + "AWS_SECRET_ACCESS_KEY=aws-xyz-987\nSMTP_PASSWORD=smtp-pw-654\n");

    SyncReport report = run(options(Mode.APPLY));

    assertThat(read(target)).isEqualTo(lines(credentials("v1")));
    assertThat(report.applied()).isFalse();
  }

  @Test
  void anEmptySourceValueIsNotSyncedWithoutAllowEmpty() throws IOException {
    Map<String, String> source = credentials("v1");
    source.put("THREATLOCKER_API_KEY", "");
    write(tmp, ".env", lines(credentials("v1")));
    write(tmp, "api-secrets.env", lines(source));

    SyncReport report = run(options(Mode.APPLY));

    assertThat(read(target)).isEqualTo(lines(credentials("v1")));
    assertThat(backups).doesNotExist();
    assertThat(report.plan().warnings()).singleElement().asString().contains("THREATLOCKER_API_KEY");
  }

  @Test
  void anEmptySourceValueIsSyncedWithAllowEmpty() throws IOException {
    Map<String, String> source = credentials("v1");
    source.put("THREATLOCKER_API_KEY", "");
    write(tmp, ".env", lines(credentials("v1")));
    write(tmp, "api-secrets.env", lines(source));

    run(options(Mode.APPLY, true, 10));

    assertThat(read(target)).isEqualTo(lines(source)).contains("\nTHREATLOCKER_API_KEY=\n");
  }

  @Test
  void inSyncWritesNothingAndCreatesNoBackupDirectory() throws IOException {
    write(tmp, ".env", appEnv(credentials("v1")));
    write(tmp, "api-secrets.env", lines(credentials("v1")));
    Files.setLastModifiedTime(target, LONG_AGO);
    byte[] before = Files.readAllBytes(target);
    Object inode = Files.getAttribute(target, "unix:ino");

    SyncReport report = run(options(Mode.APPLY));

    assertThat(Files.readAllBytes(target)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(target)).isEqualTo(LONG_AGO);
    assertThat(Files.getAttribute(target, "unix:ino")).isEqualTo(inode);
    assertThat(backups).doesNotExist();
    assertThat(report.applied()).isFalse();
    assertThat(report.backup()).isEmpty();
    assertThat(report.status()).isEqualTo(ExitStatus.OK);
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"DRY_RUN", "CHECK"})
  void dryRunAndCheckWriteNothingEvenWithChanges(Mode mode) throws IOException {
    write(tmp, ".env", appEnv(credentials("v1")));
    write(tmp, "api-secrets.env", lines(credentials("v2")));
    Files.setLastModifiedTime(target, LONG_AGO);
    byte[] before = Files.readAllBytes(target);

    SyncReport report = run(options(mode));

    assertThat(Files.readAllBytes(target)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(target)).isEqualTo(LONG_AGO);
    assertThat(backups).doesNotExist();
    assertThat(entries(tmp)).containsExactly(".env", "api-secrets.env");
    assertThat(report.applied()).isFalse();
    assertThat(report.plan().hasChanges()).isTrue();
    assertThat(report.status()).isEqualTo(mode == Mode.CHECK ? ExitStatus.DRIFT : ExitStatus.OK);
  }

  @Test
  void checkInSyncIsOk() throws IOException {
    write(tmp, ".env", lines(credentials("v1")));
    write(tmp, "api-secrets.env", lines(credentials("v1")));

    assertThat(run(options(Mode.CHECK)).status()).isEqualTo(ExitStatus.OK);
  }

  @Test
  void backsUpTheExactPreviousBytesPrivately() throws IOException {
    String old = "# odd but valid\n\n" + lines(credentials("v1")) + "\n\n# trailing comment";
    write(tmp, ".env", old);
    write(tmp, "api-secrets.env", lines(credentials("v2")));

    SyncReport report = run(options(Mode.APPLY));

    Path backup = backups.resolve(".env.20260504_030201");
    assertThat(report.backup()).contains(backup);
    assertThat(backup).hasBinaryContent(old.getBytes(StandardCharsets.UTF_8));
    assertThat(mode(backup)).isEqualTo("rw-------");
    assertThat(mode(backups)).isEqualTo("rwx------");
  }

  @Test
  void theNewTargetIs0600EvenWhenTheOldWas0644() throws IOException {
    write(tmp, ".env", lines(credentials("v1")));
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    write(tmp, "api-secrets.env", lines(credentials("v2")));

    run(options(Mode.APPLY));

    assertThat(mode(target)).isEqualTo("rw-------");
  }

  @Test
  void aSecondRunIsANoOp() throws IOException {
    write(tmp, ".env", appEnv(credentials("v1")));
    write(tmp, "api-secrets.env", lines(credentials("v2")));
    run(options(Mode.APPLY));
    byte[] afterFirst = Files.readAllBytes(target);
    Files.setLastModifiedTime(target, LONG_AGO);
    List<String> backupsAfterFirst = entries(backups);

    SyncReport second = run(options(Mode.APPLY));

    assertThat(second.applied()).isFalse();
    assertThat(Files.readAllBytes(target)).isEqualTo(afterFirst);
    assertThat(Files.getLastModifiedTime(target)).isEqualTo(LONG_AGO);
    assertThat(entries(backups)).isEqualTo(backupsAfterFirst);
  }

  @Test
  void twoChangesInTheSameSecondKeepBothBackups() throws IOException {
    write(tmp, ".env", lines(credentials("v1")));
    write(tmp, "api-secrets.env", lines(credentials("v2")));
    run(options(Mode.APPLY));
    write(tmp, "api-secrets.env", lines(credentials("v3")));

    run(options(Mode.APPLY));

    assertThat(backups.resolve(".env.20260504_030201")).hasContent(lines(credentials("v1")));
    assertThat(backups.resolve(".env.20260504_030201-1")).hasContent(lines(credentials("v2")));
    assertThat(read(target)).isEqualTo(lines(credentials("v3")));
  }

  @Test
  void retentionDeletesOnlyThisTargetsOldestBackups() throws IOException {
    Files.createDirectory(backups, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    List<Path> old = new ArrayList<>();
    for (String stamp : List.of("20260101_000000", "20260102_000000", "20260103_000000")) {
      old.add(Files.writeString(backups.resolve(".env." + stamp), "old " + stamp));
    }
    List<Path> foreign = List.of(backups.resolve(".env.bak"), backups.resolve("other.env.20260101_000000"),
        backups.resolve("README"), backups.resolve("notes.txt"));
    for (Path f : foreign) {
      Files.writeString(f, "foreign");
    }
    write(tmp, ".env", lines(credentials("v1")));
    write(tmp, "api-secrets.env", lines(credentials("v2")));

    SyncReport report = run(options(Mode.APPLY, false, 2));

    assertThat(report.pruned()).containsExactly(old.get(0), old.get(1));
    assertThat(old.get(0)).doesNotExist();
    assertThat(old.get(1)).doesNotExist();
    assertThat(old.get(2)).exists();
    assertThat(backups.resolve(".env.20260504_030201")).hasContent(lines(credentials("v1")));
    for (Path f : foreign) {
      assertThat(f).hasContent("foreign");
    }
  }

  @Test
  void aSymlinkedTargetStaysALinkAndItsFileIsUpdated() throws IOException {
    Path real = write(tmp, "real.env", lines(credentials("v1")));
    Files.createSymbolicLink(target, real.getFileName());
    write(tmp, "api-secrets.env", lines(credentials("v2")));

    run(options(Mode.APPLY));

    assertThat(target).isSymbolicLink();
    assertThat(read(real)).isEqualTo(lines(credentials("v2")));
    assertThat(backups.resolve(".env.20260504_030201")).hasContent(lines(credentials("v1")));
  }

  @Test
  void keepsTheTargetsOwnerForTargetAndBackupWhenRunAsRoot() throws IOException {
    assumeTrue("root".equals(System.getProperty("user.name")), "changing owners needs root");
    write(tmp, ".env", lines(credentials("v1")));
    Files.setOwner(target, tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    write(tmp, "api-secrets.env", lines(credentials("v2")));

    SyncReport report = run(options(Mode.APPLY));

    assertThat(Files.getOwner(target).getName()).isEqualTo("nobody");
    assertThat(Files.getOwner(report.backup().orElseThrow()).getName()).isEqualTo("nobody");
    assertThat(Files.getOwner(backups).getName()).isEqualTo("nobody");
  }

  @Test
  void readsTheSourceFromStandardInput() throws IOException {
    write(tmp, ".env", lines(credentials("v1")));
    SyncOptions opts = new SyncOptions(SourceSpec.stdin(), target, backups, Mode.APPLY,
        VariablePolicy.defaults(), false, 10, SyncOptions.DEFAULT_MAX_SOURCE_BYTES, Duration.ZERO);
    SyncService s = service(new AtomicEnvWriter(),
        new ByteArrayInputStream(lines(credentials("v2")).getBytes(StandardCharsets.UTF_8)));

    SyncReport report = s.sync(opts, s.readSource(opts));

    assertThat(report.source()).isEqualTo("<stdin>");
    assertThat(read(target)).isEqualTo(lines(credentials("v2")));
  }

  @Test
  void aFailingDiskLeavesTheTargetIntactAndNoTempFile() throws IOException {
    write(tmp, ".env", lines(credentials("v1")));
    write(tmp, "api-secrets.env", lines(credentials("v2")));
    AtomicEnvWriter full = new AtomicEnvWriter(new AtomicEnvWriter.Disk() {
      @Override
      public void write(FileChannel channel, ByteBuffer content) throws IOException {
        throw new IOException("No space left on device");
      }
    });
    SyncService s = service(full, InputStream.nullInputStream());
    Map<String, String> source = s.readSource(options(Mode.APPLY));

    assertThatThrownBy(() -> s.sync(options(Mode.APPLY), source))
        .isInstanceOfSatisfying(SyncException.class, e -> {
          assertThat(e.status()).isEqualTo(ExitStatus.FAILURE);
          assertThat(e.getMessage()).contains(target.toString(), "No space left on device")
              .doesNotContain("\n");
          assertNoValueIn(e.getMessage());
        });
    assertThat(read(target)).isEqualTo(lines(credentials("v1")));
    assertThat(entries(tmp)).containsExactly(".env", ".env-backups", ".env.sync-secrets.lock", "api-secrets.env");
  }

  // ---- failures ------------------------------------------------------------------------------

  /** Runs and expects a one-line, value-free failure naming {@code file}; returns the message. */
  private String failure(SyncOptions options, Path file) {
    SyncException e = org.junit.jupiter.api.Assertions.assertThrows(SyncException.class, () -> run(options));
    assertThat(e.status()).isEqualTo(ExitStatus.FAILURE);
    assertThat(e.getMessage()).contains(file.toString()).doesNotContain("\n").doesNotContain("\r");
    assertNoValueIn(e.getMessage());
    return e.getMessage();
  }

  private static void assertNoValueIn(String text) {
    for (String v : EnvFixtures.allValues(credentials("v1"), credentials("v2"), localOnly("leaked"))) {
      assertThat(text).doesNotContain(v);
    }
  }

  private void assertUntouched(String targetText) throws IOException {
    assertThat(read(target)).isEqualTo(targetText);
    assertThat(backups).doesNotExist();
  }

  @Test
  void aMissingSourceFails() throws IOException {
    write(tmp, ".env", lines(credentials("v1")));

    assertThat(failure(options(Mode.APPLY), sourceFile)).contains("no such file");
    assertUntouched(lines(credentials("v1")));
  }

  @Test
  void anUnreadableSourceFails() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")), "root reads a 0000 file anyway");
    write(tmp, ".env", lines(credentials("v1")));
    write(tmp, "api-secrets.env", lines(credentials("v2")));
    Files.setPosixFilePermissions(sourceFile, PosixFilePermissions.fromString("---------"));

    assertThat(failure(options(Mode.APPLY), sourceFile)).contains("permission denied");
    assertUntouched(lines(credentials("v1")));
  }

  @Test
  void aSourceThatIsADirectoryFails() throws IOException {
    write(tmp, ".env", lines(credentials("v1")));
    Files.createDirectory(sourceFile);

    assertThat(failure(options(Mode.APPLY), sourceFile)).contains("not a regular file");
    assertUntouched(lines(credentials("v1")));
  }

  @Test
  void aSourceWithoutAnySyncedKeyFails() throws IOException {
    write(tmp, ".env", lines(credentials("v1")));
    write(tmp, "api-secrets.env", lines(localOnly("leaked")) + "UNRELATED=something-else-42\n");

    assertThat(failure(options(Mode.APPLY), sourceFile)).contains("none of the synced variables");
    assertUntouched(lines(credentials("v1")));
  }

  @Test
  void anEmptiedSourceFails() throws IOException {
    write(tmp, ".env", lines(credentials("v1")));
    write(tmp, "api-secrets.env", "");

    failure(options(Mode.APPLY), sourceFile);
    assertUntouched(lines(credentials("v1")));
  }

  @Test
  void aMissingTargetFailsAndIsNeverCreated() throws IOException {
    write(tmp, "api-secrets.env", lines(credentials("v2")));

    assertThat(failure(options(Mode.APPLY), target)).contains("does not exist");
    assertThat(target).doesNotExist();
    assertThat(backups).doesNotExist();
  }

  @Test
  void aDanglingSymlinkTargetFailsAndIsNeverCreated() throws IOException {
    write(tmp, "api-secrets.env", lines(credentials("v2")));
    Files.createSymbolicLink(target, tmp.resolve("gone.env"));

    failure(options(Mode.APPLY), target);
    assertThat(tmp.resolve("gone.env")).doesNotExist();
  }

  @Test
  void aMalformedSourceFailsNamingFileAndLineWithoutTheValue() throws IOException {
    write(tmp, ".env", lines(credentials("v1")));
    Map<String, String> bad = new LinkedHashMap<>(credentials("v2"));
    bad.put("NINJA_CLIENT_SECRET", "\"" + credentials("v2").get("NINJA_CLIENT_SECRET"));
    write(tmp, "api-secrets.env", lines(bad));

    String message = failure(options(Mode.APPLY), sourceFile);

    assertThat(message).contains(sourceFile + ":3").contains("unterminated");
    assertUntouched(lines(credentials("v1")));
  }

  @Test
  void aMalformedTargetFailsAndIsLeftAlone() throws IOException {
    String broken = lines(credentials("v1")) + "NINJA_CLIENT_SECRET=\"" + credentials("v1").get("NINJA_CLIENT_SECRET") + "\n";
    write(tmp, ".env", broken);
    write(tmp, "api-secrets.env", lines(credentials("v2")));

    assertThat(failure(options(Mode.APPLY), target)).contains(":13");
    assertUntouched(broken);
  }

  @Test
  void aBareExportAfterTheAssignmentFailsNamingItsLine() throws IOException {
    // python-dotenv would read NINJA_CLIENT_ID with no value there, sh with the value.
    String hiding = lines(credentials("v1")) + "export NINJA_CLIENT_ID\n";
    write(tmp, ".env", hiding);
    write(tmp, "api-secrets.env", lines(credentials("v2")));

    assertThat(failure(options(Mode.APPLY), target))
        .contains(":13: export NINJA_CLIENT_ID after its assignment");
    assertUntouched(hiding);
  }

  @Test
  void aTooLargeSourceFails() throws IOException {
    write(tmp, ".env", lines(credentials("v1")));
    write(tmp, "api-secrets.env", lines(credentials("v2")));
    SyncOptions small = new SyncOptions(SourceSpec.file(sourceFile), target, backups, Mode.APPLY,
        VariablePolicy.defaults(), false, 10, 100, Duration.ZERO);

    assertThat(failure(small, sourceFile)).contains("larger than 100 bytes");
    assertUntouched(lines(credentials("v1")));
  }

  @Test
  void aSourceAtExactlyTheLimitIsAccepted() throws IOException {
    write(tmp, ".env", lines(credentials("v1")));
    String text = lines(credentials("v2"));
    write(tmp, "api-secrets.env", text);
    SyncOptions exact = new SyncOptions(SourceSpec.file(sourceFile), target, backups, Mode.APPLY,
        VariablePolicy.defaults(), false, 10, text.getBytes(StandardCharsets.UTF_8).length, Duration.ZERO);

    assertThat(run(exact).applied()).isTrue();
  }
}
