package io.syncsecrets.it;

import static io.syncsecrets.it.RunResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A symlinked target: the link stays a link, the file it points to is replaced atomically, and the
 * backups go beside the link, under the link's name, as {@code --backup-dir} defaults to; the lock goes
 * beside the real file.
 */
class SymlinkIT {
  private static final Map<String, String> OLD = Env.values("old");
  private static final Map<String, String> NEW = Env.values("new");

  @TempDir Path dir;
  private Path source;
  private Path app;
  private Path real;
  private Path link;

  @BeforeEach
  void files() throws IOException {
    source = Files.writeString(dir.resolve("api-secrets.env"), Env.source(NEW));
    app = Files.createDirectory(dir.resolve("app"));
    Path shared = Files.createDirectory(dir.resolve("shared"));
    real = Files.write(shared.resolve("inventory.env"), Env.targetBytes(OLD));
    link = Files.createSymbolicLink(app.resolve(".env"), Path.of("../shared/inventory.env"));
    if (Fs.isRoot()) {
      Fs.chown(real, Fs.APP_UID, Fs.APP_UID);
    }
  }

  @Test
  void linkStaysALinkAndThePointedToFileIsUpdated() throws IOException {
    RunResult run = Jar.run("--source", source.toString(), "--target", link.toString());

    assertThat(run).exitedWith(0).printed("Applied");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("../shared/inventory.env"));
    assertThat(Fs.bytes(real)).isEqualTo(Env.targetBytes(NEW));
    assertThat(Fs.mode(real)).isEqualTo("rw-------");
    if (Fs.isRoot()) {
      assertThat(Fs.uid(real)).isEqualTo(Fs.APP_UID);
    }
    // The temp file lived beside the real file (same filesystem, so the rename is atomic) and is gone.
    // ... and the lock is beside the real file, so runs through the link and through the real
    // path take the same one.
    assertThat(Fs.list(real.getParent()))
        .containsExactlyInAnyOrder(real, real.resolveSibling("inventory.env.sync-secrets.lock"));
    // Backups beside the link, named after the link.
    List<Path> made = Fs.backups(app.resolve(".env-backups"), ".env");
    assertThat(made).hasSize(1);
    assertThat(Fs.bytes(made.get(0))).isEqualTo(Env.targetBytes(OLD));
    assertThat(Fs.list(app)).extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder(".env", ".env-backups");
  }

  @Test
  void secondRunThroughTheLinkIsANoOp() throws IOException {
    assertThat(Jar.run("--source", source.toString(), "--target", link.toString())).exitedWith(0);
    Files.setLastModifiedTime(real, Fs.OLD_MTIME);

    assertThat(Jar.run("--source", source.toString(), "--target", link.toString()))
        .exitedWith(0).printed("In sync");

    assertThat(Fs.mtime(real)).isEqualTo(Fs.OLD_MTIME);
    assertThat(Fs.backups(app.resolve(".env-backups"), ".env")).hasSize(1);
  }

  @Test
  void danglingLinkFailsAndCreatesNothing() throws IOException {
    Files.delete(real);
    RunResult run = Jar.run("--source", source.toString(), "--target", link.toString());

    assertThat(run).failedWithOneLine(link.toString()).printed("does not exist");
    assertThat(real).doesNotExist();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(app.resolve(".env-backups")).doesNotExist();
  }

  @Test
  void aLinkOwnedBySomeoneElseThanTheFilesOwnerIsNotFollowed() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Fs.isRoot(), "needs root to chown a link");
    // The app's user plants a link to a root-owned file and waits for a sudo run.
    Path victim = Files.write(dir.resolve("shadow"), Env.targetBytes(OLD));
    Fs.chown(victim, 0, 0);
    Files.delete(link);
    Files.createSymbolicLink(link, victim);
    Fs.chown(link, Fs.APP_UID, Fs.APP_UID);

    RunResult run = Jar.run("--source", source.toString(), "--target", link.toString());

    assertThat(run).failedWithOneLine(link.toString()).printed("refusing to follow it");
    assertThat(Fs.bytes(victim)).isEqualTo(Env.targetBytes(OLD));
    assertThat(Fs.uid(victim)).isZero();
    assertThat(app.resolve(".env-backups")).doesNotExist();
  }

  @Test
  void aLinkOwnedByTheFilesOwnerIsFollowed() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Fs.isRoot(), "needs root to chown a link");
    Fs.chown(link, Fs.APP_UID, Fs.APP_UID);

    RunResult run = Jar.run("--source", source.toString(), "--target", link.toString());

    assertThat(run).exitedWith(0).printed("Applied");
    assertThat(Fs.bytes(real)).isEqualTo(Env.targetBytes(NEW));
    assertThat(Fs.uid(real)).isEqualTo(Fs.APP_UID);
  }

  @Test
  void aHistoryFileLinkedElsewhereIsNeverAppendedThrough() throws IOException {
    Path victim = Files.writeString(dir.resolve("victim"), "root's file\n");
    Path plainTarget = Files.write(app.resolve("plain.env"), Env.targetBytes(OLD));
    Path backups = Files.createDirectory(app.resolve("plain-backups"));
    Files.createSymbolicLink(backups.resolve("plain.env.history.jsonl"), victim);

    RunResult run = Jar.run("--source", source.toString(), "--target", plainTarget.toString(),
        "--backup-dir", backups.toString());

    // The change itself is made and backed up; only the history line is refused, with a warning.
    assertThat(run).exitedWith(0).printed("symbolic link");
    assertThat(Fs.bytes(plainTarget)).isEqualTo(Env.targetBytes(NEW));
    assertThat(Files.readString(victim)).isEqualTo("root's file\n");
  }

  @Test
  void aBackupDirectoryThatIsASymlinkIsRefusedBeforeAnyChange() throws IOException {
    Path elsewhere = Files.createDirectory(dir.resolve("root-only"));
    Path plainTarget = Files.write(app.resolve("plain.env"), Env.targetBytes(OLD));
    Path backups = Files.createSymbolicLink(app.resolve("plain-backups"), elsewhere);

    RunResult run = Jar.run("--source", source.toString(), "--target", plainTarget.toString(),
        "--backup-dir", backups.toString());

    assertThat(run).failedWithOneLine(backups.toString()).printed("symbolic link");
    assertThat(Fs.bytes(plainTarget)).isEqualTo(Env.targetBytes(OLD));
    assertThat(Fs.list(elsewhere)).isEmpty();
  }
}
