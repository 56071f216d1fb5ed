package io.syncsecrets.it;

import static io.syncsecrets.it.RunResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2's contract, checked on the built jar: exit codes, modes, backups, no-op runs. */
class CliContractIT {
  private static final Map<String, String> OLD = Env.values("old");
  private static final Map<String, String> NEW = Env.values("new");
  private static final List<String> SECRETS = Env.secrets(OLD, NEW);

  @TempDir Path dir;
  private Path source;
  private Path target;
  private Path backups;

  @BeforeEach
  void files() throws IOException {
    source = Env.writeSource(dir, NEW);
    target = Env.writeTarget(dir, OLD);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
    backups = dir.resolve(".env-backups");
  }

  private RunResult sync(String... extra) {
    String[] args = new String[extra.length + 4];
    args[0] = "--source";
    args[1] = source.toString();
    args[2] = "--target";
    args[3] = target.toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    return Jar.run(args);
  }

  @Test
  void aQuietRealSyncPrintsNothingAtAll() {
    // Logging starts lazily here (the sync logs at info): nothing of the logging libraries' own
    // start-up may reach the output.
    RunResult run = sync("--quiet");

    assertThat(run).exitedWith(0);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).isEmpty();
    assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(NEW));
  }

  @Test
  void syncWritesNewValuesAtomicallyWithA0600TargetAndAnExactBackup() {
    RunResult run = sync();

    assertThat(run).exitedWith(0).printed("Applied: 12 updated, 0 added, 0 unchanged").leakedNone(SECRETS);
    assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(NEW));
    assertThat(Fs.mode(target)).isEqualTo("rw-------");
    assertThat(Fs.mode(backups)).isEqualTo("rwx------");
    List<Path> made = Fs.backups(backups, ".env");
    assertThat(made).hasSize(1);
    assertThat(Fs.bytes(made.get(0))).isEqualTo(Env.targetBytes(OLD));
    assertThat(Fs.mode(made.get(0))).isEqualTo("rw-------");
    assertThat(run).printed("Backup: " + made.get(0));
    assertThat(Fs.temps(dir)).isEmpty();
    assertThat(Fs.temps(backups)).isEmpty();
  }

  @Test
  void secondRunIsANoOpWithoutBackupOrMtimeChange() throws IOException {
    assertThat(sync()).exitedWith(0);
    Files.setLastModifiedTime(target, Fs.OLD_MTIME);
    List<Path> before = Fs.backups(backups, ".env");

    RunResult again = sync();

    assertThat(again).exitedWith(0).printed("In sync").printed("nothing written").leakedNone(SECRETS);
    assertThat(Fs.mtime(target)).isEqualTo(Fs.OLD_MTIME);
    assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(NEW));
    assertThat(Fs.backups(backups, ".env")).isEqualTo(before);
  }

  @Test
  void dryRunWritesNothingAndSaysSo() {
    RunResult run = sync("--dry-run");

    assertThat(run).exitedWith(0).printed("DRY RUN: No changes were made").printed("NINJA_CLIENT_SECRET")
        .leakedNone(SECRETS);
    assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(OLD));
    assertThat(Fs.mtime(target)).isEqualTo(Fs.OLD_MTIME);
    assertThat(Fs.mode(target)).isEqualTo("rw-r-----");
    assertThat(backups).doesNotExist();
    assertThat(Fs.temps(dir)).isEmpty();
  }

  @Test
  void checkExits3OnDriftThen0WhenInSyncAndNeverWrites() {
    RunResult drift = sync("--check");
    assertThat(drift).exitedWith(3).printed("DRIFT: 12 change(s) pending").leakedNone(SECRETS);
    assertThat(Fs.mtime(target)).isEqualTo(Fs.OLD_MTIME);
    assertThat(backups).doesNotExist();

    assertThat(sync()).exitedWith(0);
    assertThat(sync("--check")).exitedWith(0).printed("In sync").leakedNone(SECRETS);
  }

  @Test
  void aLineOnlyPythonReadsIsFixedWhenRewrittenAndNamedInAWarningWhenNot() throws Exception {
    // An NBSP before the name: python-dotenv strips it, sh runs the line as a command and systemd
    // drops the invalid name. NINJA_CLIENT_ID changes, so its line gets a plain space;
    // NINJA_BASE_URL does not, so its line stays and every run says so, by file and line.
    String text = Env.target(OLD)
        .replace("NINJA_CLIENT_ID=", "\u00a0NINJA_CLIENT_ID=")
        .replace("NINJA_BASE_URL=", "export\u00a0NINJA_BASE_URL=");
    Files.writeString(target, text);
    Map<String, String> wanted = new LinkedHashMap<>(OLD);
    wanted.put("NINJA_CLIENT_ID", NEW.get("NINJA_CLIENT_ID"));
    Env.writeSource(dir, wanted);
    long line = text.substring(0, text.indexOf("export\u00a0NINJA_BASE_URL=")).chars()
        .filter(c -> c == '\n').count() + 1;
    String warning = target + ": NINJA_BASE_URL: line " + line + " has a non-ASCII blank";

    assertThat(sync("--check")).exitedWith(3).printed("DRIFT: 1 change(s) pending")
        .printedOnStderr(warning).leakedNone(SECRETS);
    assertThat(sync()).exitedWith(0).printed("Applied: 1 updated").printedOnStderr(warning)
        .leakedNone(SECRETS);

    assertThat(Files.readString(target)).isEqualTo(text.replace(
        "\u00a0NINJA_CLIENT_ID=" + OLD.get("NINJA_CLIENT_ID"), " NINJA_CLIENT_ID=" + NEW.get("NINJA_CLIENT_ID")));
    Process sh = new ProcessBuilder("/bin/sh", "-c", "set -a; . ./.env >/dev/null 2>&1; printf %s \"$NINJA_CLIENT_ID\"")
        .directory(dir.toFile()).start();
    assertThat(new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo(NEW.get("NINJA_CLIENT_ID"));
    // Not drift: no sync would rewrite an unchanged line, so --check would fail forever.
    assertThat(sync("--check")).exitedWith(0).printed("In sync").printedOnStderr(warning)
        .leakedNone(SECRETS);
  }

  @Test
  void anUnchangedLineShReadsOtherwiseIsNamedOnEveryRunButIsNotDrift() throws Exception {
    // "KEY = value": python-dotenv reads the value, sh runs "KEY" as a command. The value is the
    // source's, so nothing is rewritten: a warning by file and line, no drift, no value shown.
    String text = Env.target(NEW).replace("NINJA_CLIENT_SECRET=", "NINJA_CLIENT_SECRET = ");
    Files.writeString(target, text);
    Env.writeSource(dir, NEW);
    long line = text.substring(0, text.indexOf("NINJA_CLIENT_SECRET = ")).chars()
        .filter(c -> c == '\n').count() + 1;
    String warning = target + ": NINJA_CLIENT_SECRET: line " + line + " has a blank around '='";

    assertThat(sync("--dry-run")).exitedWith(0).printedOnStderr(warning).leakedNone(SECRETS);
    assertThat(sync("--check")).exitedWith(0).printed("In sync").printedOnStderr(warning)
        .leakedNone(SECRETS);
    assertThat(sync()).exitedWith(0).printedOnStderr(warning).leakedNone(SECRETS);
    assertThat(Files.readString(target)).isEqualTo(text);
  }

  @Test
  void showValuesPrintsValuesOnlyWhenAsked() {
    // The positive control for every leak check: the secrets are really in these files.
    assertThat(sync("--dry-run", "--show-values")).exitedWith(0)
        .printed(NEW.get("NINJA_CLIENT_SECRET")).printed(OLD.get("NINJA_CLIENT_SECRET"));
  }

  @Test
  void usageErrorsExit2AndWriteNothing() {
    assertThat(sync("--show-values")).exitedWith(2).printedOnStderr("--show-values").leakedNone(SECRETS);
    assertThat(sync("--no-such-option")).exitedWith(2).printedOnStderr("--help").leakedNone(SECRETS);
    assertThat(sync("--keep-backups", "0")).exitedWith(2).leakedNone(SECRETS);
    assertThat(Fs.mtime(target)).isEqualTo(Fs.OLD_MTIME);
    assertThat(backups).doesNotExist();
  }

  @Test
  void helpListsTheExitCodes() {
    RunResult help = Jar.run("--help");
    assertThat(help).exitedWith(0).printed("Exit codes:").printed("--check found pending changes");
  }

  @Test
  void missingSourceExits1NamingItAndWritesNothing() {
    Path missing = dir.resolve("nope.env");
    RunResult run = Jar.run("--source", missing.toString(), "--target", target.toString());
    assertThat(run).failedWithOneLine(missing.toString()).leakedNone(SECRETS);
    assertThat(Fs.mtime(target)).isEqualTo(Fs.OLD_MTIME);
    assertThat(backups).doesNotExist();
  }

  @Test
  void missingTargetExits1AndIsNeverCreated() {
    Path missing = dir.resolve("other/.env");
    RunResult run = Jar.run("--source", source.toString(), "--target", missing.toString());
    assertThat(run).failedWithOneLine(missing.toString()).printed("does not exist").leakedNone(SECRETS);
    assertThat(missing).doesNotExist();
    assertThat(dir.resolve("other")).doesNotExist();
  }

  @Test
  void sourceWithoutSyncedKeysExits1() throws IOException {
    Files.writeString(source, "SECRET_KEY=" + Env.SOURCE_LOCAL_SECRET + "\nUNRELATED=1\n");
    assertThat(sync()).failedWithOneLine(source.toString()).printed("none of the synced variables")
        .leakedNone(SECRETS);
    assertThat(Fs.mtime(target)).isEqualTo(Fs.OLD_MTIME);
    assertThat(backups).doesNotExist();
  }

  @Test
  void malformedSourceExits1NamingFileAndLineButNotTheText() throws IOException {
    String secretLine = "NINJA_CLIENT_SECRET " + NEW.get("NINJA_CLIENT_SECRET");
    Files.writeString(source, Env.source(NEW) + secretLine + "\n");
    RunResult run = sync();
    assertThat(run).failedWithOneLine(source.toString() + ":16").leakedNone(SECRETS);
    assertThat(Fs.mtime(target)).isEqualTo(Fs.OLD_MTIME);
    assertThat(backups).doesNotExist();
  }

  @Test
  void stdinSourceSyncsLikeAFile() {
    RunResult run = Jar.runWithStdin(Env.source(NEW).getBytes(StandardCharsets.UTF_8),
        "--source", "-", "--target", target.toString());
    assertThat(run).exitedWith(0).printed("Applied").leakedNone(SECRETS);
    assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(NEW));
  }

  @Test
  void theLogFileRecordsTheFailureThatEndedTheRunOnce() throws IOException {
    Path log = dir.resolve("sync.log");
    Path missing = dir.resolve("missing.env");

    RunResult run = Jar.run("--source", source.toString(), "--target", missing.toString(),
        "--log-file", log.toString());

    assertThat(run).failedWithOneLine(missing.toString());
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).contains("ERROR", missing.toString(), "target does not exist");
    assertThat(Fs.mode(log)).isEqualTo("rw-------");
  }

  @Test
  void helpSpelledWithAValueStillListsTheSubcommands() {
    for (String help : List.of("--help", "--help=true", "-h")) {
      RunResult run = Jar.run(help);

      assertThat(run).exitedWith(0);
      assertThat(run.stdout()).as(help).contains("restore", "history", "status", "Exit codes");
    }
  }
}
