package io.syncsecrets.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoFollowTest {
  @TempDir Path dir;

  @Test
  void readsARegularFile() throws IOException {
    Path file = Files.writeString(dir.resolve(".env"), "A=1\n");

    assertThat(NoFollow.read(file)).isEqualTo("A=1\n".getBytes());
  }

  @Test
  void refusesToReadThroughASymlink() throws IOException {
    Path secret = Files.writeString(dir.resolve("shadow"), "root-only\n");
    Path link = Files.createSymbolicLink(dir.resolve(".env.20260101_000000"), secret);

    assertThatThrownBy(() -> NoFollow.read(link))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("symbolic link")
        .hasMessageNotContaining("root-only");
  }

  @Test
  void aSymlinkedDirectoryIsRefusedAndAMissingOneIsNotThere() throws IOException {
    Path real = Files.createDirectory(dir.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(dir.resolve(".env-backups"), real);

    assertThatThrownBy(() -> NoFollow.isRealDirectory(link)).hasMessageContaining("symbolic link");
    assertThat(NoFollow.isRealDirectory(real)).isTrue();
    assertThat(NoFollow.isRealDirectory(dir.resolve("missing"))).isFalse();
  }
}
