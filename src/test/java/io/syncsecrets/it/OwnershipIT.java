package io.syncsecrets.it;

import static io.syncsecrets.it.RunResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

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
 * Run as root (sudo) on a target owned by the app's user: everything written keeps that owner.
 *
 * <p>CI runs as root, so these tests are required there; elsewhere they skip.
 */
class OwnershipIT {
  private static final Map<String, String> OLD = Env.values("old");
  private static final Map<String, String> NEW = Env.values("new");
  private static final int APP = Fs.APP_UID;

  @TempDir Path dir;
  private Path source;
  private Path target;

  @BeforeEach
  void files() throws IOException {
    ExternalTools.requireThat(Fs.isRoot(), "running as root (to chown a file to an unused uid)");
    source = Files.writeString(dir.resolve("api-secrets.env"), Env.source(NEW));
    Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-------"));
    Path app = Files.createDirectory(dir.resolve("app"));
    target = Files.write(app.resolve(".env"), Env.targetBytes(OLD));
    Fs.chown(target, APP, APP);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
  }

  @Test
  void rootRunKeepsTheTargetsOwnerOnTargetBackupsBackupDirAndLock() {
    RunResult run = Jar.run("--source", source.toString(), "--target", target.toString());

    assertThat(run).exitedWith(0).printed("Applied");
    Path backups = target.resolveSibling(".env-backups");
    assertOwnedPrivate(target, "rw-------");
    assertOwnedPrivate(backups, "rwx------");
    List<Path> made = Fs.backups(backups, ".env");
    assertThat(made).hasSize(1);
    assertOwnedPrivate(made.get(0), "rw-------");
    assertThat(Fs.bytes(made.get(0))).isEqualTo(Env.targetBytes(OLD));
    assertOwnedPrivate(target.resolveSibling(".env.sync-secrets.lock"), "rw-------");
    assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(NEW));
    // the temp names the backup dir and lock were built under are gone
    assertThat(Fs.list(target.getParent())).extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder(".env", ".env-backups", ".env.sync-secrets.lock");
    // The history line of this change is the app user's too, so the timer can append to it.
    assertOwnedPrivate(backups.resolve(".env.history.jsonl"), "rw-------");
    assertThat(Fs.list(backups)).extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder(made.get(0).getFileName().toString(), ".env.history.jsonl");
  }

  @Test
  void ownerKeptUnderAPermissiveUmask() {
    // umask 000 would make anything not created with an explicit mode world-readable.
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "umask 000; exec \"$@\"", "sh"));
    cmd.addAll(Jar.command("--source", source.toString(), "--target", target.toString()));

    assertThat(Jar.run(null, cmd)).exitedWith(0);

    Path backups = target.resolveSibling(".env-backups");
    assertOwnedPrivate(target, "rw-------");
    assertOwnedPrivate(backups, "rwx------");
    assertOwnedPrivate(Fs.backups(backups, ".env").get(0), "rw-------");
    assertOwnedPrivate(target.resolveSibling(".env.sync-secrets.lock"), "rw-------");
  }

  @Test
  void anExistingBackupDirIsUsedAsItIs() throws IOException {
    // An operator-made --backup-dir owned by root is never handed to the app's user.
    Path own = Files.createDirectory(dir.resolve("root-backups"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

    assertThat(Jar.run("--source", source.toString(), "--target", target.toString(),
        "--backup-dir", own.toString())).exitedWith(0);

    assertThat(Fs.uid(own)).isZero();
    assertOwnedPrivate(target, "rw-------");
    assertOwnedPrivate(Fs.backups(own, ".env").get(0), "rw-------");
  }

  private static void assertOwnedPrivate(Path p, String mode) {
    assertThat(Fs.uid(p)).as("uid of %s", p).isEqualTo(APP);
    assertThat(Fs.gid(p)).as("gid of %s", p).isEqualTo(APP);
    assertThat(Fs.mode(p)).as("mode of %s", p).isEqualTo(mode);
  }
}
