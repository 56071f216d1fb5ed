package io.syncsecrets.it;

import static io.syncsecrets.it.RunResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.cli.Cli;
import io.syncsecrets.testsupport.ExternalTools;
import io.syncsecrets.write.AtomicEnvWriter;
import io.syncsecrets.write.AtomicEnvWriter.Disk;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk or a read-only directory: a clear error, exit 1, the target intact, no temp left.
 *
 * <p>Faults are injected through the writer's {@link Disk} seam in-process; the read-only
 * directory uses {@code chattr +i} (root ignores mode bits) and a real full disk a tiny tmpfs,
 * each only where the machine allows it.
 */
class DiskFaultsIT {
  private static final Map<String, String> OLD = Env.values("old");
  private static final Map<String, String> NEW = Env.values("new");
  private static final List<String> SECRETS = Env.secrets(OLD, NEW);

  @TempDir Path dir;
  private Path source;
  private Path target;

  @BeforeEach
  void files() throws IOException {
    source = Env.writeSource(dir, NEW);
    target = Env.writeTarget(Files.createDirectory(dir.resolve("app")), OLD);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
    if (Fs.isRoot()) {
      Fs.chown(target, Fs.APP_UID, Fs.APP_UID);
    }
  }

  /** The whole CLI in-process with {@code disk} under the writer. */
  private RunResult runInProcess(Disk disk, String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(List.of("--source", source.toString(), "--target", target.toString()));
    args.addAll(List.of(extra));
    int code = Cli.run(Map.of(), new ByteArrayInputStream(new byte[0]), Clock.systemUTC(), new AtomicEnvWriter(disk),
        Path.of("/nonexistent/sync-secrets.properties"), new PrintWriter(out, true), new PrintWriter(err, true),
        args.toArray(String[]::new));
    return new RunResult(code, out.toString(), err.toString());
  }

  private static IOException enospc(String what) {
    return new FileSystemException(what, null, "No space left on device");
  }

  private void assertTargetIntact() {
    assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(OLD));
    assertThat(Fs.mtime(target)).isEqualTo(Fs.OLD_MTIME);
    assertThat(Fs.mode(target)).isEqualTo("rw-------");
    assertThat(Fs.temps(target.getParent())).as("temp files beside the target").isEmpty();
    assertThat(Fs.temps(target.resolveSibling(".env-backups"))).as("temp files in the backup dir").isEmpty();
  }

  @Test
  void fullDiskHalfWayThroughTheWrite() {
    Disk halfThenFull = new Disk() {
      @Override
      public void write(FileChannel channel, ByteBuffer content) throws IOException {
        ByteBuffer half = content.duplicate();
        half.limit(content.position() + content.remaining() / 2);
        while (half.hasRemaining()) {
          channel.write(half);
        }
        throw enospc("write");
      }
    };
    RunResult run = runInProcess(halfThenFull);

    assertThat(run).failedWithOneLine(target.toString()).printed("No space left on device")
        .printed("target left unchanged").leakedNone(SECRETS);
    assertTargetIntact();
  }

  @Test
  void fullDiskOnFsync() {
    Disk failingForce = new Disk() {
      @Override
      public void force(FileChannel channel) throws IOException {
        throw enospc("fsync");
      }
    };
    assertThat(runInProcess(failingForce)).failedWithOneLine(target.toString())
        .printed("No space left on device").leakedNone(SECRETS);
    assertTargetIntact();
  }

  @Test
  void failedRenameLeavesNoTemp() {
    Disk failingRename = new Disk() {
      @Override
      public void rename(Path from, Path to) throws IOException {
        throw new FileSystemException(from.toString(), to.toString(), "Read-only file system");
      }
    };
    assertThat(runInProcess(failingRename)).failedWithOneLine(target.toString())
        .printed("Read-only file system").leakedNone(SECRETS);
    assertTargetIntact();
  }

  @Test
  void tempFileIsPrivateAndOwnedBeforeTheFirstByteIsWritten() {
    List<String> seen = new ArrayList<>();
    Disk inspecting = new Disk() {
      @Override
      public void write(FileChannel channel, ByteBuffer content) throws IOException {
        seen.add(describeTemps());
        Disk.super.write(channel, content);
      }

      @Override
      public void rename(Path from, Path to) throws IOException {
        seen.add(describe(from));
        Disk.super.rename(from, to);
      }
    };
    assertThat(runInProcess(inspecting)).exitedWith(0);

    int owner = Fs.isRoot() ? Fs.APP_UID : Fs.uid(target);
    String expected = "rw------- " + owner + ":" + owner + " in " + target.getParent();
    assertThat(seen).containsExactly(expected + " size 0", expected + " size " + Env.targetBytes(NEW).length);
  }

  private String describeTemps() throws IOException {
    List<Path> temps = Fs.list(target.getParent()).stream()
        .filter(p -> p.getFileName().toString().matches("\\.\\.env\\.\\d+\\.tmp")).toList();
    assertThat(temps).as("exactly one temp file beside the target").hasSize(1);
    return describe(temps.get(0));
  }

  private static String describe(Path temp) throws IOException {
    return Fs.mode(temp) + " " + Fs.uid(temp) + ":" + Fs.gid(temp) + " in " + temp.getParent()
        + " size " + Files.size(temp);
  }

  @Test
  void immutableTargetDirectoryFailsCleanly() throws Exception {
    ExternalTools.requireThat(Fs.isRoot(), "running as root (chattr)");
    Path chattr = ExternalTools.require("chattr");
    Path backups = Files.createDirectory(dir.resolve("backups"));
    Path app = target.getParent();
    assertThat(new ProcessBuilder(chattr.toString(), "+i", app.toString()).start().waitFor())
        .as("chattr +i (needs CAP_LINUX_IMMUTABLE and ext4/xfs/btrfs)").isZero();
    RunResult run;
    try {
      run = Jar.run("--source", source.toString(), "--target", target.toString(),
          "--backup-dir", backups.toString());
    } finally {
      new ProcessBuilder(chattr.toString(), "-i", app.toString()).start().waitFor();
    }
    assertThat(run).failedWithOneLine(target.toString()).printed("Operation not permitted")
        .leakedNone(SECRETS);
    assertTargetIntact();
  }

  @Test
  void immutableBackupDirectoryFailsBeforeTouchingTheTarget() throws Exception {
    ExternalTools.requireThat(Fs.isRoot(), "running as root (chattr)");
    Path chattr = ExternalTools.require("chattr");
    Path backups = Files.createDirectory(dir.resolve("backups"));
    assertThat(new ProcessBuilder(chattr.toString(), "+i", backups.toString()).start().waitFor()).isZero();
    RunResult run;
    try {
      run = Jar.run("--source", source.toString(), "--target", target.toString(),
          "--backup-dir", backups.toString());
    } finally {
      new ProcessBuilder(chattr.toString(), "-i", backups.toString()).start().waitFor();
    }
    assertThat(run).failedWithOneLine(backups.toString()).leakedNone(SECRETS);
    assertTargetIntact();
    assertThat(Fs.list(backups)).isEmpty();
  }

  @Test
  void realFullFilesystemFailsCleanly() throws Exception {
    Path mnt = Files.createDirectory(dir.resolve("tiny"));
    boolean mounted = Fs.isRoot() && new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs",
        mnt.toString()).redirectErrorStream(true).start().waitFor() == 0;
    org.junit.jupiter.api.Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs CAP_SYS_ADMIN)");
    try {
      Path small = Files.write(mnt.resolve(".env"), Env.targetBytes(OLD));
      Files.setPosixFilePermissions(small, PosixFilePermissions.fromString("rw-------"));
      // Fill what is left, so the temp file's first block already fails.
      try (FileChannel fill = FileChannel.open(mnt.resolve("filler"),
          java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
        ByteBuffer block = ByteBuffer.allocate(4096);
        while (true) {
          block.clear();
          fill.write(block);
        }
      } catch (IOException full) {
        // the filesystem is full now
      }
      Path backups = Files.createDirectory(dir.resolve("backups"));

      RunResult run = Jar.run("--source", source.toString(), "--target", small.toString(),
          "--backup-dir", backups.toString());

      assertThat(run).failedWithOneLine(small.toString()).printed("No space left on device")
          .leakedNone(SECRETS);
      assertThat(Fs.bytes(small)).isEqualTo(Env.targetBytes(OLD));
      assertThat(Fs.temps(mnt)).isEmpty();
    } finally {
      new ProcessBuilder("umount", "-l", mnt.toString()).start().waitFor();
    }
  }
}
