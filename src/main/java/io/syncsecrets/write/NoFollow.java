package io.syncsecrets.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * File access that never follows a symbolic link in the last path component.
 *
 * <p>The target's directory and the backup directory belong to the app's user. A root run
 * (operators use sudo) that followed a link planted there would read a root-only file into a backup
 * that user owns, or append to and create files wherever the link points. Opening with
 * {@code O_NOFOLLOW} makes a swapped-in link fail instead.
 */
public final class NoFollow {
  private NoFollow() {}

  /** All bytes of a regular file that is not a symlink. */
  public static byte[] read(Path file) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attrs.isRegularFile()) {
      throw new FileSystemException(file.toString(), null,
          attrs.isSymbolicLink() ? "is a symbolic link; refusing to follow it" : "not a regular file");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      return readAll(channel, file);
    }
  }

  /** All bytes of an open file; {@code file} names it in errors. */
  static byte[] readAll(FileChannel channel, Path file) throws IOException {
    long size = channel.size();
    if (size > Integer.MAX_VALUE - 8) {
      throw new FileSystemException(file.toString(), null, "too large");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // read until full or end of file
    }
    if (buffer.hasRemaining()) {
      byte[] shorter = new byte[buffer.position()];
      System.arraycopy(buffer.array(), 0, shorter, 0, shorter.length);
      return shorter;
    }
    return buffer.array();
  }

  /** Refuses a directory that is a symbolic link; true when it exists as a real directory. */
  public static boolean isRealDirectory(Path dir) throws IOException {
    if (Files.isSymbolicLink(dir)) {
      throw new FileSystemException(dir.toString(), null, "is a symbolic link; refusing to follow it");
    }
    return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
  }
}
