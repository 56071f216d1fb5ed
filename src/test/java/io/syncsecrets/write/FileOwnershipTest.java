package io.syncsecrets.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOwnershipTest {
  @TempDir Path dir;

  @Test
  void readsOwnerAndGroup() throws IOException {
    Path f = Files.writeString(dir.resolve("f"), "x");
    PosixFileAttributeView view = Files.getFileAttributeView(f, PosixFileAttributeView.class);

    FileOwnership o = FileOwnership.of(f);

    assertThat(o.owner()).isEqualTo(view.readAttributes().owner());
    assertThat(o.group()).isEqualTo(view.readAttributes().group());
    assertThat(o.toString()).isEqualTo(o.owner().getName() + ":" + o.group().getName());
  }

  @Test
  void appliesAnotherOwnerWhenRunAsRoot() throws IOException {
    assumeTrue("root".equals(System.getProperty("user.name")), "changing owners needs root");
    UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
    Path model = Files.writeString(dir.resolve("model"), "x");
    PosixFileAttributeView modelView = Files.getFileAttributeView(model, PosixFileAttributeView.class);
    modelView.setOwner(users.lookupPrincipalByName("nobody"));
    Path copy = Files.writeString(dir.resolve("copy"), "y");

    FileOwnership.of(model).applyTo(copy);

    assertThat(Files.getOwner(copy).getName()).isEqualTo("nobody");
    assertThat(FileOwnership.of(copy)).isEqualTo(FileOwnership.of(model));
  }
}
