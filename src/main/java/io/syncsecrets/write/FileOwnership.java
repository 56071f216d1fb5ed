package io.syncsecrets.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * The owner and group of a file, carried over to the files that replace or back it up.
 *
 * <p>Run as root (operators use sudo) the new target would otherwise belong to root and the app
 * could no longer read it; run as the owner, applying it is a no-op.
 *
 * @param owner the file's owner
 * @param group the file's group
 */
public record FileOwnership(UserPrincipal owner, GroupPrincipal group) {

  /** Mode of every file this tool writes: owner read/write only. */
  public static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

  /** Mode of the backup directory: owner only. */
  public static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

  /** Reads the owner and group of {@code file} (following a symlink to the real file). */
  public static FileOwnership of(Path file) throws IOException {
    PosixFileAttributes attrs = Files.readAttributes(file, PosixFileAttributes.class);
    return new FileOwnership(attrs.owner(), attrs.group());
  }

  /** Gives {@code file} this owner and group where they differ (which needs root). */
  public void applyTo(Path file) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    PosixFileAttributes attrs = view.readAttributes();
    if (!attrs.owner().equals(owner)) {
      view.setOwner(owner);
    }
    if (!attrs.group().equals(group)) {
      view.setGroup(group);
    }
  }

  @Override
  public String toString() {
    return owner.getName() + ":" + group.getName();
  }
}
