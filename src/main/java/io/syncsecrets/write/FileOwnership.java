package io.syncsecrets.write;

import java.io.IOException;
import java.nio.file.FileSystemException;
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

  /**
   * Gives {@code file} this owner and group where they differ.
   *
   * <p>As root both must succeed. As any other user the owner cannot be given away, so a different
   * owner is refused rather than silently changed; the group is kept where the user may set it and
   * otherwise left as created (the file is 0600, so its group grants nothing, and under systemd's
   * PrivateUsers= a foreign group shows as an unmapped "nogroup" that nobody can set).
   */
  public void applyTo(Path file) throws IOException {
    applyTo(Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS));
  }

  /** Like {@link #applyTo(Path)}, through a view: one relative to an open directory, say. */
  public void applyTo(PosixFileAttributeView view) throws IOException {
    PosixFileAttributes attrs = view.readAttributes();
    boolean root = RunningUser.isRoot();
    if (!attrs.owner().equals(owner)) {
      if (!root) {
        throw new IOException("the target belongs to " + owner.getName() + " and only root can"
            + " give a new file to another user; run as " + owner.getName() + " or as root");
      }
      view.setOwner(owner);
    }
    if (!attrs.group().equals(group)) {
      try {
        view.setGroup(group);
      } catch (FileSystemException e) {
        if (root) {
          throw e;
        }
      }
    }
  }

  /** Whether this process runs as root, read once. */
  private static final class RunningUser {
    private static final boolean ROOT = readRoot();

    static boolean isRoot() {
      return ROOT;
    }

    private static boolean readRoot() {
      try {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
      } catch (IOException | UnsupportedOperationException e) {
        return "root".equals(System.getProperty("user.name"));
      }
    }
  }

  @Override
  public String toString() {
    return owner.getName() + ":" + group.getName();
  }
}
