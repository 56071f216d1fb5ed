package io.syncsecrets.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicEnvWriterTest {
  private static final String OLD = "A=old\nB=2\n";
  private static final byte[] NEW = "A=new\nB=2\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private Path target;

  @BeforeEach
  void setUp() throws IOException {
    target = Files.writeString(dir.resolve(".env"), OLD);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
  }

  private List<String> dirEntries() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private void replace(AtomicEnvWriter writer) throws IOException {
    writer.replace(target, NEW, FileOwnership.of(target));
  }

  @Test
  void replacesTheContent() throws IOException {
    replace(new AtomicEnvWriter());

    assertThat(Files.readAllBytes(target)).isEqualTo(NEW);
    assertThat(dirEntries()).containsExactly(".env");
  }

  @Test
  void aDirectoryFlushFailingAfterTheRenameDoesNotClaimTheTargetIsUnchanged() throws IOException {
    AtomicEnvWriter writer = new AtomicEnvWriter(new AtomicEnvWriter.Disk() {
      @Override
      public void forceDirectory(Path d) throws IOException {
        throw new IOException(d + ": Input/output error");
      }
    });

    replace(writer); // returns: the new file is in place, only its durability is in doubt

    assertThat(Files.readAllBytes(target)).isEqualTo(NEW);
    assertThat(dirEntries()).containsExactly(".env");
  }

  @Test
  void theNewFileIs0600EvenWhenTheOldOneWas0644() throws IOException {
    replace(new AtomicEnvWriter());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
  }

  @Test
  void replacesTheFileRatherThanRewritingIt() throws IOException {
    // A reader holding the old file keeps the old bytes: proof of rename, not truncate-and-write.
    Object before = Files.getAttribute(target, "unix:ino");

    replace(new AtomicEnvWriter());

    assertThat(Files.getAttribute(target, "unix:ino")).isNotEqualTo(before);
  }

  @Test
  void keepsTheOwner() throws IOException {
    FileOwnership owner = FileOwnership.of(target);

    replace(new AtomicEnvWriter());

    assertThat(FileOwnership.of(target)).isEqualTo(owner);
  }

  @Test
  void aFailingWriteLeavesNoTempAndTheTargetIntact() throws IOException {
    AtomicEnvWriter writer = new AtomicEnvWriter(new AtomicEnvWriter.Disk() {
      @Override
      public void write(FileChannel channel, ByteBuffer content) throws IOException {
        channel.write(ByteBuffer.wrap(NEW, 0, 3)); // half written, then the disk is full
        throw new IOException("No space left on device");
      }
    });

    assertThatThrownBy(() -> replace(writer)).isInstanceOf(IOException.class)
        .hasMessageContaining("No space left on device");
    assertThat(target).hasContent(OLD);
    assertThat(dirEntries()).containsExactly(".env");
  }

  @Test
  void aFailingFsyncLeavesNoTempAndTheTargetIntact() throws IOException {
    AtomicEnvWriter writer = new AtomicEnvWriter(new AtomicEnvWriter.Disk() {
      @Override
      public void force(FileChannel channel) throws IOException {
        throw new IOException("Input/output error");
      }
    });

    assertThatThrownBy(() -> replace(writer)).isInstanceOf(IOException.class);
    assertThat(target).hasContent(OLD);
    assertThat(dirEntries()).containsExactly(".env");
  }

  @Test
  void aFailingRenameLeavesNoTempAndTheTargetIntact() throws IOException {
    AtomicEnvWriter writer = new AtomicEnvWriter(new AtomicEnvWriter.Disk() {
      @Override
      public void rename(Path from, Path to) throws IOException {
        throw new java.nio.file.AtomicMoveNotSupportedException(from.toString(), to.toString(), "cross-device");
      }
    });

    assertThatThrownBy(() -> replace(writer)).isInstanceOf(IOException.class)
        .hasMessageContaining("atomic rename not supported");
    assertThat(target).hasContent(OLD);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
    assertThat(dirEntries()).containsExactly(".env");
  }

  @Test
  void theTempFileIsInTheTargetsDirectoryAnd0600BeforeTheRename() throws IOException {
    Path[] seen = new Path[1];
    String[] mode = new String[1];
    AtomicEnvWriter writer = new AtomicEnvWriter(new AtomicEnvWriter.Disk() {
      @Override
      public void rename(Path from, Path to) throws IOException {
        seen[0] = from;
        mode[0] = PosixFilePermissions.toString(Files.getPosixFilePermissions(from));
        assertThat(from).hasBinaryContent(NEW);
        AtomicEnvWriter.Disk.super.rename(from, to);
      }
    });

    replace(writer);

    assertThat(seen[0].getParent()).isEqualTo(dir.toAbsolutePath());
    assertThat(mode[0]).isEqualTo("rw-------");
    assertThat(target).hasBinaryContent(NEW);
  }
}
