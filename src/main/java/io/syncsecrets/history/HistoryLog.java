package io.syncsecrets.history;

import io.syncsecrets.core.SyncException;
import io.syncsecrets.write.DirectoryHandle;
import io.syncsecrets.write.FileOwnership;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A target's change history: {@code <backup-dir>/<target name>.history.jsonl}, one JSON line per
 * change, oldest first, mode 0600 with the target's owner.
 *
 * <p>The name never matches the backup pattern, so retention can never delete it.
 */
public final class HistoryLog {
  /** Suffix after the target's file name. */
  public static final String SUFFIX = ".history.jsonl";

  private final Path file;
  private final DirectoryHandle.Opener opener;

  public HistoryLog(Path file) {
    this(file, DirectoryHandle::open);
  }

  HistoryLog(Path file, DirectoryHandle.Opener opener) {
    this.file = file;
    this.opener = opener;
  }

  /** The history of the target named {@code targetName} whose backups live in {@code backupDir}. */
  public static HistoryLog forTarget(Path backupDir, String targetName) {
    return new HistoryLog(backupDir.resolve(targetName + SUFFIX));
  }

  public Path file() {
    return file;
  }

  /**
   * Appends like {@link #append}, but a failure is a warning: the change it records is already in
   * place and backed up, so a history that cannot be written must not fail the run.
   */
  public void appendOrWarn(HistoryEntry entry, FileOwnership ownership) {
    try {
      append(entry, ownership);
    } catch (IOException e) {
      Log.LOG.warn("{}: could not append to the history: {}", file, SyncException.why(e));
    }
  }

  // Loggers start logback; a run that records nothing should not pay for it.
  private static final class Log {
    static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HistoryLog.class);
  }

  /**
   * Appends one line in a single write (O_APPEND), then forces it to disk. A new file is created
   * 0600 and given {@code ownership}.
   *
   * <p>The backup directory is opened once, without following a link, and the file is opened
   * relative to it, also without following a link: the directory and the file both belong to the
   * app's user, who could otherwise swap either for a link to a root-owned file or directory.
   */
  public void append(HistoryEntry entry, FileOwnership ownership) throws IOException {
    byte[] line = (entry.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
    String name = file.getFileName().toString();
    try (DirectoryHandle dir = opener.open(directory())) {
      boolean created = dir.attributes(name).isEmpty();
      try (FileChannel channel = dir.openAppend(name)) {
        if (created) {
          PosixFileAttributeView view = dir.posixView(name);
          view.setPermissions(FileOwnership.PRIVATE_FILE);
          ownership.applyTo(view);
        }
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
    }
  }

  private Path directory() {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? file.toAbsolutePath() : parent;
  }

  /**
   * The raw lines, oldest first; empty when there is no history yet. Lines carrying control
   * characters, raw or JSON-escaped, are left out: the file lies in the app user's directory, and
   * an escape sequence printed on root's terminal could rewrite what the operator sees. The tool's
   * own lines never have any.
   */
  public List<String> lines() throws IOException {
    return clean(allLines());
  }

  private static List<String> clean(List<String> lines) {
    return lines.stream().filter(l -> !CONTROL.matcher(l).find()).toList();
  }

  private List<String> allLines() throws IOException {
    byte[] bytes;
    // Like append: the open directory, and no link followed, so root never reads through one.
    try (DirectoryHandle dir = opener.open(directory())) {
      bytes = dir.read(file.getFileName().toString());
    } catch (NoSuchFileException e) {
      return List.of();
    }
    // Strict, as Files.readAllLines was: a file that is not UTF-8 is an error, not replaced text.
    String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    return text.lines().filter(l -> !l.isBlank()).toList();
  }

  private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile(
      "[\\x00-\\x1f\\x7f-\\x9f]|\\\\u00[01][0-9a-fA-F]|\\\\u00[89][0-9a-fA-F]|\\\\u007[fF]|\\\\[bfnrt]");

  /** Parsed entries, oldest first, and how many lines could not be read. */
  public Contents read() throws IOException {
    List<HistoryEntry> entries = new ArrayList<>();
    List<String> all = allLines(); // read once: two reads could see two different files
    List<String> clean = clean(all);
    int skipped = all.size() - clean.size();
    for (String line : clean) {
      try {
        entries.add(HistoryEntry.fromJson(line));
      } catch (IllegalArgumentException e) {
        skipped++;
      }
    }
    return new Contents(entries, skipped);
  }

  /**
   * What a history file holds.
   *
   * @param entries readable entries, oldest first
   * @param skipped lines that were not history entries (a torn write, a hand edit)
   */
  public record Contents(List<HistoryEntry> entries, int skipped) {
    public Contents {
      entries = List.copyOf(entries);
      if (skipped < 0) {
        throw new IllegalArgumentException("skipped must be >= 0");
      }
    }

    /** The newest entry that left the target changed (a sync or a restore). */
    public java.util.Optional<HistoryEntry> lastChange() {
      for (int i = entries.size() - 1; i >= 0; i--) {
        if (entries.get(i).changedTarget()) {
          return java.util.Optional.of(entries.get(i));
        }
      }
      return java.util.Optional.empty();
    }
  }
}
