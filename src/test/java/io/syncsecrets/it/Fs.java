package io.syncsecrets.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** File facts the process tests assert on: modes, numeric owners, backups, leftovers. */
final class Fs {
  /** An mtime far in the past, so "unchanged" cannot pass by landing in the same clock tick. */
  static final FileTime OLD_MTIME = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
  /** A uid and gid that no account uses: a file chowned to it shows ownership was carried over. */
  static final int APP_UID = 4242;

  private Fs() {}

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  static String mode(Path p) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int uid(Path p) {
    return intAttr(p, "unix:uid");
  }

  static int gid(Path p) {
    return intAttr(p, "unix:gid");
  }

  private static int intAttr(Path p, String name) {
    try {
      return (Integer) Files.getAttribute(p, name, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void chown(Path p, int uid, int gid) throws IOException {
    Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
  }

  static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FileTime mtime(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code name}'s backups in {@code dir}, oldest first (names sort by UTC stamp, then counter). */
  static List<Path> backups(Path dir, String name) {
    Pattern pattern = Pattern.compile(Pattern.quote(name) + "\\.\\d{8}_\\d{6}(-\\d{1,4})?");
    List<Path> found = new ArrayList<>();
    for (Path p : list(dir)) {
      if (pattern.matcher(p.getFileName().toString()).matches()) {
        found.add(p);
      }
    }
    found.sort((a, b) -> compareBackupNames(a.getFileName().toString(), b.getFileName().toString()));
    return found;
  }

  private static int compareBackupNames(String a, String b) {
    String[] pa = a.split("-(?=\\d+$)");
    String[] pb = b.split("-(?=\\d+$)");
    int c = pa[0].compareTo(pb[0]);
    if (c != 0) {
      return c;
    }
    return Integer.compare(pa.length > 1 ? Integer.parseInt(pa[1]) : 0,
        pb.length > 1 ? Integer.parseInt(pb[1]) : 0);
  }

  /** The entries of {@code dir}, or none when it does not exist. */
  static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(found::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** Names in {@code dir} that look like a temp file of this tool: {@code .<name>.<digits>.tmp}. */
  static List<String> temps(Path dir) {
    return list(dir).stream().map(p -> p.getFileName().toString())
        .filter(n -> n.matches("\\..+\\.\\d+\\.(tmp|partial)")).toList();
  }
}
