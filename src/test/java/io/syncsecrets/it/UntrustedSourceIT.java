package io.syncsecrets.it;

import static io.syncsecrets.it.RunResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.testsupport.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source someone else could have written is warned about; an oversized or odd one is refused. */
class UntrustedSourceIT {
  private static final Map<String, String> OLD = Env.values("old");
  private static final Map<String, String> NEW = Env.values("new");
  private static final List<String> SECRETS = Env.secrets(OLD, NEW);

  @TempDir Path dir;
  private Path source;
  private Path target;

  @BeforeEach
  void files() throws IOException {
    source = Env.writeSource(dir, NEW);
    target = Env.writeTarget(dir, OLD);
  }

  private RunResult dryRun(String... extra) {
    List<String> args = new java.util.ArrayList<>(
        List.of("--source", source.toString(), "--target", target.toString(), "--dry-run"));
    args.addAll(List.of(extra));
    return Jar.run(args.toArray(String[]::new));
  }

  @Test
  void privateRootOrOwnSourceGetsNoWarning() {
    assertThat(dryRun()).exitedWith(0).didNotPrint("writable by").didNotPrint("not by root");
  }

  @Test
  void groupWritableSourceIsWarnedAbout() throws IOException {
    Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-rw----"));
    assertThat(dryRun()).exitedWith(0).printed(source + ": source is writable by its group")
        .leakedNone(SECRETS);
  }

  @Test
  void worldWritableSourceIsWarnedAbout() throws IOException {
    Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw----rw-"));
    assertThat(dryRun()).exitedWith(0).printed(source + ": source is writable by everyone")
        .leakedNone(SECRETS);
  }

  @Test
  void foreignOwnedSourceIsWarnedAbout() throws IOException {
    ExternalTools.requireThat(Fs.isRoot(), "running as root (to chown a file to an unused uid)");
    Fs.chown(source, Fs.APP_UID, Fs.APP_UID);
    assertThat(dryRun()).exitedWith(0)
        .printed(source + ": source is owned by " + Fs.APP_UID + ", not by root or the running user")
        .leakedNone(SECRETS);
  }

  @Test
  void sourceOverTheSizeLimitIsRefusedAndNothingIsWritten() {
    RunResult run = Jar.run("--source", source.toString(), "--target", target.toString(),
        "--max-source-bytes", "64");

    assertThat(run).failedWithOneLine(source.toString()).printed("larger than 64 bytes").leakedNone(SECRETS);
    assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(OLD));
    assertThat(Fs.mtime(target)).isEqualTo(Fs.OLD_MTIME);
    assertThat(dir.resolve(".env-backups")).doesNotExist();
  }

  @Test
  void defaultLimitIsOneMebibyte() throws IOException {
    // 1 MiB + 1 byte of comment after real keys: refused without any flag.
    StringBuilder big = new StringBuilder(Env.source(NEW));
    big.append("#").append("x".repeat(1024 * 1024 - big.length())).append('\n');
    Files.writeString(source, big);
    assertThat(Files.size(source)).isEqualTo(1024 * 1024 + 1);

    assertThat(Jar.run("--source", source.toString(), "--target", target.toString()))
        .failedWithOneLine(source.toString()).printed("larger than 1048576 bytes");
    assertThat(Fs.mtime(target)).isEqualTo(Fs.OLD_MTIME);
  }

  @Test
  void oversizedStandardInputIsRefusedToo() {
    byte[] big = (Env.source(NEW) + "#" + "x".repeat(200) + "\n").getBytes(StandardCharsets.UTF_8);
    RunResult run = Jar.runWithStdin(big, "--source", "-", "--target", target.toString(),
        "--max-source-bytes", "100");
    assertThat(run).failedWithOneLine("<stdin>").printed("larger than 100 bytes");
    assertThat(Fs.mtime(target)).isEqualTo(Fs.OLD_MTIME);
  }

  @Test
  void hugeLimitStillReadsTheSource() {
    assertThat(Jar.run("--source", source.toString(), "--target", target.toString(),
        "--max-source-bytes", String.valueOf(Long.MAX_VALUE))).exitedWith(0).printed("Applied");
    assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(NEW));
  }

  @Test
  void aFifoAsSourceIsRefusedInsteadOfBlocking() throws Exception {
    Path fifo = dir.resolve("fifo.env");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    ExternalTools.requireThat(mkfifo.waitFor() == 0, "mkfifo");

    assertThat(Jar.run("--source", fifo.toString(), "--target", target.toString()))
        .failedWithOneLine(fifo.toString()).printed("not a regular file");
    assertThat(Fs.mtime(target)).isEqualTo(Fs.OLD_MTIME);
  }

  @Test
  void aDirectoryAsSourceIsRefused() {
    assertThat(Jar.run("--source", dir.toString(), "--target", target.toString()))
        .failedWithOneLine(dir.toString());
    assertThat(Fs.mtime(target)).isEqualTo(Fs.OLD_MTIME);
  }
}
