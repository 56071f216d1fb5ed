package io.syncsecrets.it;

import static io.syncsecrets.it.RunResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.syncsecrets.testsupport.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timer's case: the tool runs as an ordinary user (here uid 4242 via setpriv), who can neither
 * give a file away nor always keep a group it is not in. It must refuse the first and sync anyway
 * in the second (the file is 0600, so its group grants nothing).
 */
class NonRootOwnershipIT {
  private static final int OTHER_UID = 4243;
  private static final Map<String, String> OLD = Env.values("old");
  private static final Map<String, String> NEW = Env.values("new");

  @TempDir Path dir;
  private Path app;
  private Path source;
  private Path target;

  @BeforeEach
  void files() throws IOException {
    assumeTrue(Fs.isRoot(), "needs root to run the jar as another user");
    Path setpriv = ExternalTools.require("setpriv");
    assertThat(setpriv).isNotNull();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    app = Files.createDirectory(dir.resolve("app"));
    Fs.chown(app, Fs.APP_UID, Fs.APP_UID);
    source = Files.writeString(dir.resolve("api-secrets.env"), Env.source(NEW));
    Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-r--r--"));
    target = Files.write(app.resolve(".env"), Env.targetBytes(OLD));
  }

  private RunResult runAsAppUser(String... args) throws IOException {
    // A copy the other user can read: CI's checkout may sit under a directory only root can enter.
    Path jar = dir.resolve("sync-secrets.jar");
    if (!Files.exists(jar)) {
      Files.copy(Jar.path(), jar);
      Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    }
    List<String> cmd = new ArrayList<>(List.of("setpriv",
        "--reuid=" + Fs.APP_UID, "--regid=" + Fs.APP_UID, "--clear-groups", "--",
        Jar.java(), "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    return Jar.run(null, cmd);
  }

  @Test
  void aGroupTheUserIsNotInDoesNotStopTheSync() throws IOException {
    Fs.chown(target, Fs.APP_UID, OTHER_UID);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));

    RunResult run = runAsAppUser("--source", source.toString(), "--target", target.toString());

    assertThat(run).exitedWith(0).printed("Applied");
    assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(NEW));
    assertThat(Fs.uid(target)).isEqualTo(Fs.APP_UID);
    assertThat(Fs.mode(target)).isEqualTo("rw-------");
  }

  @Test
  void aTargetOwnedBySomeoneElseIsNotSilentlyTakenOver() throws IOException {
    // Writable for the app user through "other" bits, but owned by someone else.
    Fs.chown(target, OTHER_UID, OTHER_UID);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));

    RunResult run = runAsAppUser("--source", source.toString(), "--target", target.toString());

    assertThat(run).failedWithOneLine(target.toString()).printed("only root can give");
    assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(OLD));
    assertThat(Fs.uid(target)).isEqualTo(OTHER_UID);
    assertThat(Fs.list(app)).extracting(p -> p.getFileName().toString())
        .doesNotContain("..env.tmp");
  }

  @Test
  void aBackupDirectoryWhoseParentTheUserCanEnterButNotListStillWorks() throws IOException {
    // The --backup-dir's parent is root's and rwx--x--x: the app user may pass through it, as the
    // path-based code did, but cannot open it for reading (opendir needs r).
    Fs.chown(target, Fs.APP_UID, Fs.APP_UID);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
    Path backups = Files.createDirectory(dir.resolve("backups"));
    Fs.chown(backups, Fs.APP_UID, Fs.APP_UID);
    Files.setPosixFilePermissions(backups, PosixFilePermissions.fromString("rwx------"));

    RunResult run = runAsAppUser("--source", source.toString(), "--target", target.toString(),
        "--backup-dir", backups.toString());

    assertThat(run).exitedWith(0).printed("Applied");
    assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(NEW));
    assertThat(Fs.backups(backups, ".env")).hasSize(1);
    assertThat(Files.exists(backups.resolve(".env.history.jsonl"))).isTrue();

    RunResult history = runAsAppUser("history", "--target", target.toString(),
        "--backup-dir", backups.toString());
    assertThat(history).exitedWith(0);
  }
}
