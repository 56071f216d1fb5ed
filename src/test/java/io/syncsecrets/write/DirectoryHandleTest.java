package io.syncsecrets.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryHandleTest {
  @TempDir Path tmp;
  private Path dir;
  private Path elsewhere;

  @BeforeEach
  void setUp() throws IOException {
    dir = Files.createDirectory(tmp.resolve(".env-backups"));
    elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
  }

  private static List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  // What the app's user can do between a check by path and a use by path.
  private Path swapForLinkToElsewhere() throws IOException {
    Path moved = Files.move(dir, tmp.resolve("moved"));
    Files.createSymbolicLink(dir, elsewhere);
    return moved;
  }

  private static void write(FileChannel channel, String text) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  @Test
  void aLinkIsRefusedNamingThePath() throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("link"), elsewhere);

    assertThatThrownBy(() -> DirectoryHandle.open(link)).isInstanceOf(FileSystemException.class)
        .hasMessage(link + ": is a symbolic link; refusing to follow it");
  }

  @Test
  void aFileIsNotADirectoryAndAMissingOneIsNoSuchFile() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");

    assertThatThrownBy(() -> DirectoryHandle.open(file)).hasMessage(file + ": not a directory");
    assertThatThrownBy(() -> DirectoryHandle.open(tmp.resolve("missing")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void everyOperationStaysInTheOpenedDirectoryAfterItsNameIsSwappedForALink() throws IOException {
    Files.writeString(dir.resolve("old"), "old");
    Files.writeString(elsewhere.resolve("old"), "root's file");
    try (DirectoryHandle handle = DirectoryHandle.open(dir)) {
      Path moved = swapForLinkToElsewhere();

      DirectoryHandle.NewFile created = handle.createPrivateFile(".env.", ".partial");
      try (FileChannel channel = created.channel()) {
        write(channel, "secret");
      }
      handle.rename(created.name(), "renamed");
      try (FileChannel channel = handle.openAppend("appended")) {
        write(channel, "line\n");
      }
      handle.force();
      List<String> listed = handle.names();
      byte[] read = handle.read("old");
      handle.deleteFile("old");

      assertThat(names(elsewhere)).containsExactly("old");
      assertThat(elsewhere.resolve("old")).hasContent("root's file");
      assertThat(names(moved)).containsExactly("appended", "renamed");
      assertThat(moved.resolve("renamed")).hasContent("secret");
      assertThat(listed).containsExactlyInAnyOrder("old", "renamed", "appended");
      assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo("old");
    }
  }

  @Test
  void aNewFileIsPrivateAndNamedPrefixDigitsSuffix() throws IOException {
    try (DirectoryHandle handle = DirectoryHandle.open(dir)) {
      DirectoryHandle.NewFile created = handle.createPrivateFile(".env.", ".partial");
      created.channel().close();

      assertThat(created.name()).matches("\\.env\\.\\d+\\.partial");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(created.name()))))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void aLinkInsideIsNeitherReadNorAppendedThrough() throws IOException {
    Path victim = Files.writeString(elsewhere.resolve("victim"), "root's file\n");
    Files.createSymbolicLink(dir.resolve("history"), victim);
    try (DirectoryHandle handle = DirectoryHandle.open(dir)) {
      assertThatThrownBy(() -> handle.read("history"))
          .hasMessage(dir.resolve("history") + ": is a symbolic link; refusing to follow it");
      assertThatThrownBy(() -> handle.openAppend("history"))
          .hasMessage(dir.resolve("history") + ": is a symbolic link; refusing to follow it");
      assertThatThrownBy(() -> handle.openDirectory("history"))
          .hasMessage(dir.resolve("history") + ": is a symbolic link; refusing to follow it");
    }

    assertThat(victim).hasContent("root's file");
  }

  @Test
  void renameReplacesALinkInsteadOfWritingThroughIt() throws IOException {
    Path victim = Files.writeString(elsewhere.resolve("victim"), "root's file\n");
    Files.createSymbolicLink(dir.resolve("name"), victim);
    try (DirectoryHandle handle = DirectoryHandle.open(dir)) {
      DirectoryHandle.NewFile created = handle.createPrivateFile("t", "");
      try (FileChannel channel = created.channel()) {
        write(channel, "new");
      }
      handle.rename(created.name(), "name");
    }

    assertThat(Files.isSymbolicLink(dir.resolve("name"))).isFalse();
    assertThat(dir.resolve("name")).hasContent("new");
    assertThat(victim).hasContent("root's file\n");
  }
}
