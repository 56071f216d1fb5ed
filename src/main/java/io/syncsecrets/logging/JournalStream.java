package io.syncsecrets.logging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Tells whether a standard descriptor is the journal stream systemd named in {@code $JOURNAL_STREAM}.
 *
 * <p>systemd sets {@code JOURNAL_STREAM=dev:ino} for a service whose stdout or stderr is connected
 * to journald. The variable is inherited by children whose output goes elsewhere (a pipe, a file), so
 * it only counts when it names the very file the descriptor points to; that is how sd-daemon(3)
 * says to use it.
 */
final class JournalStream {
  static final int STDOUT = 1;
  static final int STDERR = 2;

  private JournalStream() {}

  /** True when descriptor {@code fd} of this process is the stream named by {@code $JOURNAL_STREAM}. */
  static boolean isJournal(int fd) {
    return matches(System.getenv("JOURNAL_STREAM"), Path.of("/proc/self/fd/" + fd));
  }

  /**
   * True when {@code journalStream} ("dev:ino", both decimal) names the file {@code descriptor}
   * resolves to. Reading {@code /proc/self/fd/N} with stat semantics follows the magic link to the
   * socket or pipe inode itself, which is what systemd put in the variable.
   */
  static boolean matches(String journalStream, Path descriptor) {
    if (journalStream == null || journalStream.isEmpty()) {
      return false;
    }
    int colon = journalStream.indexOf(':');
    if (colon <= 0 || colon == journalStream.length() - 1) {
      return false;
    }
    long dev;
    long ino;
    try {
      dev = Long.parseUnsignedLong(journalStream.substring(0, colon));
      ino = Long.parseUnsignedLong(journalStream.substring(colon + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    try {
      Map<String, Object> attrs = Files.readAttributes(descriptor, "unix:dev,ino");
      return ((Long) attrs.get("dev")) == dev && ((Long) attrs.get("ino")) == ino;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // No /proc, no unix attribute view, or the descriptor is closed: not the journal.
      return false;
    }
  }
}
