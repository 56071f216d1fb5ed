package io.syncsecrets.backup;

import io.syncsecrets.write.AtomicEnvWriter;
import io.syncsecrets.write.DirectoryHandle;
import io.syncsecrets.write.FileOwnership;
import io.syncsecrets.write.NoFollow;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timestamped copies of one target in its backup directory: {@code <name>.YYYYMMDD_HHMMSS[-N]}.
 *
 * <p>Times are UTC so a DST change never reorders or collides names; a counter keeps two runs in
 * one second apart. Only files with exactly this target's backup name are ever listed or deleted.
 *
 * <p>Each operation opens the directory once, without following a link, and works relative to
 * that open directory ({@link DirectoryHandle}): the app's user, who may write the directory
 * holding it, cannot swap it for a link between the check and the use.
 */
public final class BackupManager {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
  private static final int MAX_SAME_SECOND = 1000;

  private final Path dir;
  private final String targetName;
  private final Pattern namePattern;
  private final Clock clock;
  private final DirectoryHandle.Opener opener;

  public BackupManager(Path dir, String targetName, Clock clock) {
    this(dir, targetName, clock, DirectoryHandle::open);
  }

  BackupManager(Path dir, String targetName, Clock clock, DirectoryHandle.Opener opener) {
    this.dir = dir;
    this.targetName = targetName;
    this.namePattern = Pattern.compile(Pattern.quote(targetName) + "\\.(\\d{8}_\\d{6})(?:-(\\d{1,4}))?");
    this.clock = clock;
    this.opener = opener;
  }

  public Path directory() {
    return dir;
  }

  /**
   * Creates the backup directory 0700 with the target's owner, if it does not exist yet.
   *
   * <p>The directory is made under a temp name, given its mode and owner, then renamed into place,
   * so a run killed half-way never leaves a root-owned backup directory that the target's owner
   * (the timer's user) can no longer write.
   */
  public void ensureDirectory(FileOwnership ownership) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    Path parentPath = abs.getParent();
    if (parentPath == null) {
      return; // the root directory exists
    }
    // The usual case, by path as before: an existing real directory needs nothing more, and its
    // parent may be one the user can enter but not list. Every use of it opens it without
    // following a link (DirectoryHandle.open), so a swap after this check gains nothing.
    if (NoFollow.isRealDirectory(dir)) {
      return;
    }
    String name = abs.getFileName().toString();
    // Missing parents of a --backup-dir, and the temp directory below, are made by path: Java has
    // no mkdirat. Everything after the mkdir goes through the parent's open handle, so a swapped
    // path can at most leave an empty directory elsewhere, and this run then fails.
    Files.createDirectories(parentPath);
    try (DirectoryHandle parent = DirectoryHandle.openFollowing(parentPath)) {
      if (isRealDirectory(parent, name)) {
        return;
      }
      String tempPrefix = "." + name + ".";
      removeStaleTempDirs(parent, tempPrefix);
      String temp = Files.createTempDirectory(parentPath, tempPrefix,
          PosixFilePermissions.asFileAttribute(FileOwnership.PRIVATE_DIR)).getFileName().toString();
      try {
        PosixFileAttributeView view = parent.posixView(temp);
        view.setPermissions(FileOwnership.PRIVATE_DIR);
        ownership.applyTo(view);
        // renameat(2): fails on a link or a non-empty directory of that name, so a directory a
        // concurrent run made first (and may already use) wins. It would replace an empty one:
        // runs on one target make it under the target's lock, and backup() checks afterwards
        // that the directory it wrote in is still the one at this name.
        parent.rename(temp, name);
        parent.force();
      } catch (IOException e) {
        // EEXIST or ENOTEMPTY: a concurrent run made it first, which is fine.
        if (!isRealDirectory(parent, name)) {
          throw e;
        }
      } finally {
        try {
          parent.deleteDirectory(temp);
        } catch (NoSuchFileException e) {
          // renamed into place
        }
      }
    }
  }

  // Refuses a link: a run would otherwise take it for the backup directory.
  private boolean isRealDirectory(DirectoryHandle parent, String name) throws IOException {
    Optional<BasicFileAttributes> attrs = parent.attributes(name);
    if (attrs.isPresent() && attrs.get().isSymbolicLink()) {
      throw new FileSystemException(dir.toString(), null, "is a symbolic link; refusing to follow it");
    }
    return attrs.isPresent() && attrs.get().isDirectory();
  }

  // An empty temp directory older than a minute is what a killed ensureDirectory leaves behind.
  private static void removeStaleTempDirs(DirectoryHandle parent, String prefix) throws IOException {
    Pattern name = Pattern.compile(Pattern.quote(prefix) + "\\d+");
    Instant cutoff = Instant.now().minus(AtomicEnvWriter.STALE_AFTER);
    for (String entry : parent.names()) {
      if (!name.matcher(entry).matches()) {
        continue;
      }
      Optional<BasicFileAttributes> attrs = parent.attributes(entry);
      if (attrs.isPresent() && attrs.get().isDirectory()
          && attrs.get().lastModifiedTime().toInstant().isBefore(cutoff)) {
        try {
          parent.deleteDirectory(entry); // only succeeds when empty: never removes anything it did not make
        } catch (IOException e) {
          // not empty or not ours to delete: leave it
        }
      }
    }
  }

  /**
   * Writes {@code content} as a new backup, complete and durable before it gets its name, so a
   * crash never leaves a half backup under a backup name. Returns the backup's path.
   */
  public Path backup(byte[] content, FileOwnership ownership) throws IOException {
    ensureDirectory(ownership);
    try (DirectoryHandle d = opener.open(dir)) {
      String temp = AtomicEnvWriter.writePrivateTemp(d, "." + targetName + ".", ".partial", content, ownership);
      try {
        String name = claim(d, temp);
        d.force();
        requireStillAt(d);
        return dir.resolve(name);
      } finally {
        d.deleteFileIfExists(temp);
      }
    }
  }

  /**
   * Renames the complete temp file to the first free backup name of this second. Java has neither
   * linkat(2) nor renameat2(RENAME_NOREPLACE), so the name is checked free and then taken by
   * renameat(2): backups are made under the target's lock, so no other run takes a name in
   * between; only the directory's owner could, and can delete backups anyway. Either way the file
   * stays in the open directory and a link at that name is replaced, never followed.
   */
  private String claim(DirectoryHandle d, String temp) throws IOException {
    String stamp = STAMP.format(clock.instant());
    for (int n = 0; n < MAX_SAME_SECOND; n++) {
      String candidate = targetName + "." + stamp + (n == 0 ? "" : "-" + n);
      if (d.attributes(candidate).isEmpty()) {
        d.rename(temp, candidate);
        return candidate;
      }
      // taken by an earlier backup in the same second: try the next counter
    }
    throw new IOException("more than " + MAX_SAME_SECOND + " backups in one second in " + dir);
  }

  // The backup went into the directory opened above; if the name now leads elsewhere (replaced
  // mid-run, by its owner or by a concurrent first run), the path reported would be wrong.
  private void requireStillAt(DirectoryHandle d) throws IOException {
    // By path, not through the parent opened for reading: the user may enter it but not list it.
    BasicFileAttributes now;
    try {
      now = Files.readAttributes(dir.toAbsolutePath().normalize(), BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      now = null;
    }
    if (now == null || !now.isDirectory() || !d.fileKey().equals(now.fileKey())) {
      throw new FileSystemException(dir.toString(), null,
          "was replaced while the backup was written; run again");
    }
  }

  /** This target's backups, oldest first. Files that are not its backups are never included. */
  public List<Path> list() throws IOException {
    Optional<DirectoryHandle> opened = openIfExists();
    if (opened.isEmpty()) {
      return List.of();
    }
    try (DirectoryHandle d = opened.get()) {
      return list(d).stream().map(dir::resolve).toList();
    }
  }

  private List<String> list(DirectoryHandle d) throws IOException {
    List<Backup> found = new ArrayList<>();
    for (String entry : d.names()) {
      Matcher m = namePattern.matcher(entry);
      if (m.matches()) {
        Optional<BasicFileAttributes> attrs = d.attributes(entry);
        if (attrs.isPresent() && attrs.get().isRegularFile()) {
          int counter = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
          found.add(new Backup(entry, m.group(1), counter));
        }
      }
    }
    found.sort(Comparator.comparing(Backup::stamp).thenComparingInt(Backup::counter));
    return found.stream().map(Backup::name).toList();
  }

  private Optional<DirectoryHandle> openIfExists() throws IOException {
    try {
      return Optional.of(opener.open(dir));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  public Optional<Path> newest() throws IOException {
    List<Path> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** True when {@code file} is named like one of this target's backups. */
  public boolean isBackupName(Path file) {
    return namePattern.matcher(file.getFileName().toString()).matches();
  }

  /**
   * The bytes of the backup named {@code backup}'s file name, read in the backup directory opened
   * afresh, never through a link: a name that is not one of this target's backups is refused.
   */
  public byte[] read(Path backup) throws IOException {
    if (!isBackupName(backup)) {
      throw new IllegalArgumentException("not a backup name");
    }
    try (DirectoryHandle d = opener.open(dir)) {
      return d.read(backup.getFileName().toString());
    }
  }

  /** Deletes this target's oldest backups beyond {@code keep}; returns what was deleted. */
  public List<Path> prune(int keep) throws IOException {
    if (keep < 0) {
      throw new IllegalArgumentException("keep must be >= 0");
    }
    Optional<DirectoryHandle> opened = openIfExists();
    if (opened.isEmpty()) {
      return List.of();
    }
    try (DirectoryHandle d = opened.get()) {
      List<String> all = list(d);
      List<Path> deleted = new ArrayList<>();
      for (String name : all.subList(0, Math.max(0, all.size() - keep))) {
        if (d.deleteFileIfExists(name)) {
          deleted.add(dir.resolve(name));
        }
      }
      return List.copyOf(deleted);
    }
  }

  private record Backup(String name, String stamp, int counter) {}
}
