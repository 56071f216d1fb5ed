package io.syncsecrets.backup;

import io.syncsecrets.write.AtomicEnvWriter;
import io.syncsecrets.write.FileOwnership;
import io.syncsecrets.write.NoFollow;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 */
public final class BackupManager {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
  private static final int MAX_SAME_SECOND = 1000;

  private final Path dir;
  private final String targetName;
  private final Pattern namePattern;
  private final Clock clock;

  public BackupManager(Path dir, String targetName, Clock clock) {
    this.dir = dir;
    this.targetName = targetName;
    this.namePattern = Pattern.compile(Pattern.quote(targetName) + "\\.(\\d{8}_\\d{6})(?:-(\\d{1,4}))?");
    this.clock = clock;
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
    if (NoFollow.isRealDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    String tempPrefix = "." + dir.getFileName() + ".";
    removeStaleTempDirs(parent, tempPrefix);
    Path temp = Files.createTempDirectory(parent, tempPrefix,
        PosixFilePermissions.asFileAttribute(FileOwnership.PRIVATE_DIR));
    try {
      Files.setPosixFilePermissions(temp, FileOwnership.PRIVATE_DIR);
      ownership.applyTo(temp);
      // Without REPLACE_EXISTING: a directory a concurrent run made first (and may already use) wins.
      Files.move(temp, dir.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE);
      AtomicEnvWriter.forceDirectory(parent);
    } catch (IOException e) {
      // EEXIST or ENOTEMPTY: a concurrent run made it first, which is fine.
      if (!NoFollow.isRealDirectory(dir)) {
        throw e;
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  // An empty temp directory older than a minute is what a killed ensureDirectory leaves behind.
  private static void removeStaleTempDirs(Path parent, String prefix) throws IOException {
    Pattern name = Pattern.compile(Pattern.quote(prefix) + "\\d+");
    Instant cutoff = Instant.now().minus(AtomicEnvWriter.STALE_AFTER);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
      for (Path entry : entries) {
        if (name.matcher(entry.getFileName().toString()).matches()
            && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
            && Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
          try {
            Files.delete(entry); // only succeeds when empty: never removes anything it did not make
          } catch (IOException e) {
            // not empty or not ours to delete: leave it
          }
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
    Path temp = AtomicEnvWriter.writePrivateTemp(dir, "." + targetName + ".", ".partial", content, ownership);
    try {
      Path name = link(temp);
      AtomicEnvWriter.forceDirectory(dir);
      return name;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  // A hard link claims a name atomically and fails if it is taken: no check-then-act race.
  private Path link(Path temp) throws IOException {
    String stamp = STAMP.format(clock.instant());
    for (int n = 0; n < MAX_SAME_SECOND; n++) {
      Path candidate = dir.resolve(targetName + "." + stamp + (n == 0 ? "" : "-" + n));
      try {
        Files.createLink(candidate, temp);
        return candidate;
      } catch (FileAlreadyExistsException e) {
        // taken by an earlier backup in the same second: try the next counter
      }
    }
    throw new IOException("more than " + MAX_SAME_SECOND + " backups in one second in " + dir);
  }

  /** This target's backups, oldest first. Files that are not its backups are never included. */
  public List<Path> list() throws IOException {
    if (!NoFollow.isRealDirectory(dir)) {
      return List.of();
    }
    List<Backup> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        Matcher m = namePattern.matcher(entry.getFileName().toString());
        if (m.matches() && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          int counter = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
          found.add(new Backup(entry, m.group(1), counter));
        }
      }
    }
    found.sort(Comparator.comparing(Backup::stamp).thenComparingInt(Backup::counter));
    return found.stream().map(Backup::path).toList();
  }

  public Optional<Path> newest() throws IOException {
    List<Path> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** True when {@code file} is named like one of this target's backups. */
  public boolean isBackupName(Path file) {
    return namePattern.matcher(file.getFileName().toString()).matches();
  }

  /** Deletes this target's oldest backups beyond {@code keep}; returns what was deleted. */
  public List<Path> prune(int keep) throws IOException {
    if (keep < 0) {
      throw new IllegalArgumentException("keep must be >= 0");
    }
    List<Path> all = list();
    List<Path> doomed = all.subList(0, Math.max(0, all.size() - keep));
    for (Path p : doomed) {
      Files.deleteIfExists(p);
    }
    return List.copyOf(doomed);
  }

  private record Backup(Path path, String stamp, int counter) {}
}
