package io.syncsecrets.write;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A directory opened once, whose files are then created, read, renamed, listed and deleted by name
 * relative to the open directory, never by its path again.
 *
 * <p>The backup directory lies in the app user's directory. Checked by path and then used by path,
 * it could be swapped for a symbolic link in between, and a root run would write backups, append
 * history or prune wherever the link points. Opened here with {@code O_NOFOLLOW} relative to its
 * parent, the check and the use are one {@code open(2)}: every later operation is an
 * {@code openat}/{@code renameat}/{@code unlinkat} on that descriptor, which a swap of the name
 * cannot redirect. Names inside are never followed either.
 */
public final class DirectoryHandle implements AutoCloseable {
  /** How a directory is opened; a seam for tests that change the file system right after. */
  @FunctionalInterface
  public interface Opener {
    DirectoryHandle open(Path dir) throws IOException;
  }

  private static final int CREATE_ATTEMPTS = 100;
  private static final Path SELF = Path.of(".");

  private final Path path;
  private final SecureDirectoryStream<Path> stream;

  private DirectoryHandle(Path path, SecureDirectoryStream<Path> stream) {
    this.path = path;
    this.stream = stream;
  }

  /**
   * Opens {@code dir} without following a link in its last component: its parent is opened by
   * path, {@code dir} relative to it with {@code O_NOFOLLOW}. Throws {@link NoSuchFileException}
   * when it does not exist, and names {@code dir} when it is a link or not a directory.
   */
  public static DirectoryHandle open(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    Path name = abs.getFileName();
    if (name == null) {
      return openFollowing(abs);
    }
    DirectoryHandle parent;
    try {
      parent = openFollowing(abs.getParent());
    } catch (AccessDeniedException e) {
      // A parent the user may enter but not list (opendir needs r, a path only x).
      return openChecked(abs, dir);
    }
    try (parent) {
      return parent.openDirectory(name.toString(), dir);
    }
  }

  /**
   * Opens {@code abs} by path, then checks that what was opened is the real directory at that
   * name: no link before, and the same device and inode as the name itself (not followed) after.
   * A link swapped in or out in between is refused; only the very directory at the name passes.
   */
  private static DirectoryHandle openChecked(Path abs, Path label) throws IOException {
    BasicFileAttributes before = Files.readAttributes(abs, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!before.isDirectory()) {
      throw notUsable(label, before, "not a directory");
    }
    DirectoryHandle opened = openFollowing(abs);
    try {
      BasicFileAttributes after = Files.readAttributes(abs, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      Object key = opened.fileKey();
      if (!after.isDirectory() || key == null || !key.equals(before.fileKey()) || !key.equals(after.fileKey())) {
        throw new FileSystemException(label.toString(), null, "was replaced while being opened; run again");
      }
      return new DirectoryHandle(label, opened.stream);
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  /**
   * Opens {@code dir} by path, following links: for a directory whose path the app's user cannot
   * change (the target's directory; the backup directory's parent in the default layout).
   */
  public static DirectoryHandle openFollowing(Path dir) throws IOException {
    DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
    if (stream instanceof SecureDirectoryStream<Path> secure) {
      return new DirectoryHandle(dir, secure);
    }
    stream.close();
    throw new UnsupportedOperationException("no SecureDirectoryStream on this platform");
  }

  /** The directory named {@code name} in this one, opened without following a link. */
  public DirectoryHandle openDirectory(String name) throws IOException {
    return openDirectory(name, resolve(name));
  }

  private DirectoryHandle openDirectory(String name, Path label) throws IOException {
    BasicFileAttributes attrs = attributes(name).orElseThrow(() -> new NoSuchFileException(label.toString()));
    if (!attrs.isDirectory()) {
      throw notUsable(label, attrs, "not a directory");
    }
    SecureDirectoryStream<Path> child;
    try {
      child = stream.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw refused(name, label, e);
    }
    return new DirectoryHandle(label, child);
  }

  /** The path this directory was opened as; for messages and reports, never to open anything. */
  public Path path() {
    return path;
  }

  /** {@code name} in this directory, as a path for messages and reports. */
  public Path resolve(String name) {
    return path.resolve(name);
  }

  /** Identity of the open directory (device and inode), whatever its path says now. */
  public Object fileKey() throws IOException {
    return stream.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
  }

  /** Attributes of {@code name} itself (a link is not followed); empty when it does not exist. */
  public Optional<BasicFileAttributes> attributes(String name) throws IOException {
    try {
      return Optional.of(stream.getFileAttributeView(Path.of(name), BasicFileAttributeView.class,
          LinkOption.NOFOLLOW_LINKS).readAttributes());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** The names in this directory, read afresh on each call. */
  public List<String> names() throws IOException {
    // A directory stream iterates once; "." opened relative to the handle is the same directory.
    List<String> names = new ArrayList<>();
    try (SecureDirectoryStream<Path> entries = stream.newDirectoryStream(SELF, LinkOption.NOFOLLOW_LINKS)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    }
    return names;
  }

  /** A new file and the channel it was created with. */
  public record NewFile(String name, FileChannel channel) {}

  /**
   * Creates a new file named {@code prefix<digits>suffix}, mode 0600 from the start (minus the
   * umask), never through a link or over an existing name, open for writing.
   */
  public NewFile createPrivateFile(String prefix, String suffix) throws IOException {
    for (int attempt = 1; ; attempt++) {
      String name = prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + suffix;
      try {
        return new NewFile(name, channel(name, Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)));
      } catch (FileAlreadyExistsException e) {
        if (attempt == CREATE_ATTEMPTS) {
          throw e;
        }
        // taken: draw another name
      }
    }
  }

  /** {@code name} opened for appending, created 0600 (minus the umask) if missing. */
  public FileChannel openAppend(String name) throws IOException {
    return channel(name, Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
  }

  /** All bytes of {@code name}, which must be a regular file, not a link. */
  public byte[] read(String name) throws IOException {
    Path label = resolve(name);
    BasicFileAttributes attrs = attributes(name).orElseThrow(() -> new NoSuchFileException(label.toString()));
    if (!attrs.isRegularFile()) {
      throw notUsable(label, attrs, "not a regular file");
    }
    try (FileChannel channel = channel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      return NoFollow.readAll(channel, label);
    }
  }

  /** Owner, group and mode of {@code name} itself; a link is refused, not followed. */
  public PosixFileAttributeView posixView(String name) {
    return stream.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
  }

  /** Renames {@code from} to {@code to} in this directory atomically, replacing a file there. */
  public void rename(String from, String to) throws IOException {
    stream.move(Path.of(from), stream, Path.of(to));
  }

  /** Deletes the file (or link) {@code name}; never a directory. */
  public void deleteFile(String name) throws IOException {
    stream.deleteFile(Path.of(name));
  }

  /** Deletes the file (or link) {@code name} if there is one; true when it did. */
  public boolean deleteFileIfExists(String name) throws IOException {
    try {
      stream.deleteFile(Path.of(name));
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Deletes the empty directory {@code name}. */
  public void deleteDirectory(String name) throws IOException {
    stream.deleteDirectory(Path.of(name));
  }

  /** Flushes this directory's entries (a new name, a rename) to the device. */
  public void force() throws IOException {
    try (FileChannel self = channel(".", Set.of(StandardOpenOption.READ))) {
      self.force(true);
    }
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }

  private FileChannel channel(String name, Set<OpenOption> options) throws IOException {
    SeekableByteChannel channel;
    try {
      channel = stream.newByteChannel(Path.of(name), options,
          PosixFilePermissions.asFileAttribute(FileOwnership.PRIVATE_FILE));
    } catch (FileAlreadyExistsException | NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw refused(name, resolve(name), e);
    }
    if (channel instanceof FileChannel file) {
      return file;
    }
    channel.close();
    throw new UnsupportedOperationException("no FileChannel from SecureDirectoryStream on this platform");
  }

  // O_NOFOLLOW fails with ELOOP, which NIO words as "too many levels of symbolic links": name the
  // real reason, as the path-based checks do.
  private IOException refused(String name, Path label, IOException e) throws IOException {
    Optional<BasicFileAttributes> attrs = attributes(name);
    if (attrs.isPresent() && attrs.get().isSymbolicLink()) {
      FileSystemException link =
          new FileSystemException(label.toString(), null, "is a symbolic link; refusing to follow it");
      link.initCause(e);
      return link;
    }
    return e;
  }

  private static FileSystemException notUsable(Path label, BasicFileAttributes attrs, String otherwise) {
    return new FileSystemException(label.toString(), null,
        attrs.isSymbolicLink() ? "is a symbolic link; refusing to follow it" : otherwise);
  }
}
