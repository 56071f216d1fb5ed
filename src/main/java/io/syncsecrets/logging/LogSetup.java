package io.syncsecrets.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Objects;

/**
 * Sets up logging and the standard output writers for a terminal, the systemd journal or a file.
 *
 * <p>When a descriptor is the journal stream ({@code $JOURNAL_STREAM} names it), every line starts
 * with its sd-daemon priority ({@code <3>} error, {@code <4>} warning, {@code <6>} info,
 * {@code <7>} debug) and has no timestamp, so {@code journalctl -u sync-secrets -p warning} works.
 * Elsewhere lines read {@code WARN  message}. Only the level and the formatted message are ever
 * written: no logger names, no MDC.
 */
public final class LogSetup {
  private LogSetup() {}

  /*
   * logback starts on the first logger use, which most runs never make (a dry run with nothing to
   * warn about logs nothing). configure() only records its settings until then, and
   * LogbackConfigurator applies them when logback starts; once it has, configure() applies at once.
   */
  private static Verbosity pendingVerbosity = Verbosity.NORMAL;
  private static Writer pendingFile;
  private static LoggerContext started;
  private static boolean fileConfigured;

  /** Logger whose lines reach only the log file: the final error, already printed on stderr. */
  private static final String FILE_ONLY = "io.syncsecrets.logfile";

  /**
   * Configures the root logger: console to stderr (journal prefixes when stderr is the journal
   * stream), plus an optional log file (created 0600, appended, timestamped lines). Calling it again
   * replaces the earlier set-up.
   *
   * <p>The log file receives info and above (debug too under VERBOSE) even when QUIET silences the
   * console, so the file stays a complete record. Stack traces appear only under VERBOSE.
   *
   * @throws UncheckedIOException when the log file cannot be opened; its message is one line,
   *     {@code <file>: cannot open log file: <reason>}
   */
  public static synchronized void configure(Verbosity verbosity, Path logFileOrNull) {
    Objects.requireNonNull(verbosity, "verbosity");
    // Open the file first: a failure leaves the previous configuration untouched.
    Writer file = logFileOrNull == null ? null : openLogFile(logFileOrNull);
    fileConfigured = file != null;
    if (started == null) {
      closeQuietly(pendingFile);
      pendingVerbosity = verbosity;
      pendingFile = file;
      return;
    }
    apply(started, verbosity, file);
  }

  /**
   * Whether debug lines are wanted, without starting logback: callers guard loops of debug calls
   * with it so that a run that logs nothing never initializes logging.
   */
  public static synchronized boolean debugEnabled() {
    if (started == null) {
      return pendingVerbosity == Verbosity.VERBOSE;
    }
    return started.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).isDebugEnabled();
  }

  /**
   * Appends a run's final error line to the log file, if there is one. The CLI prints that line
   * on stderr itself, so it goes to the file only; without a log file, logging is not started.
   */
  public static void recordFailure(String line) {
    synchronized (LogSetup.class) {
      if (!fileConfigured) {
        return;
      }
    }
    org.slf4j.LoggerFactory.getLogger(FILE_ONLY).error(line);
  }

  /** Called by {@link LogbackConfigurator} when logback starts: applies what configure recorded. */
  static synchronized void onLogbackStart(LoggerContext context) {
    started = context;
    Writer file = pendingFile;
    pendingFile = null;
    apply(context, pendingVerbosity, file);
  }

  private static void closeQuietly(Writer writer) {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        // nothing was written to it
      }
    }
  }

  private static void apply(LoggerContext context, Verbosity verbosity, Writer file) {
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    Level consoleLevel = consoleLevel(verbosity);
    boolean stackTraces = verbosity == Verbosity.VERBOSE;
    attach(context, root, console(consoleLevel, stackTraces));
    Level rootLevel = consoleLevel;
    Logger fileOnly = context.getLogger(FILE_ONLY);
    fileOnly.detachAndStopAllAppenders();
    fileOnly.setAdditive(false);
    fileOnly.setLevel(file == null ? Level.OFF : Level.ERROR);
    if (file != null) {
      Level fileLevel = verbosity == Verbosity.VERBOSE ? Level.DEBUG : Level.INFO;
      LineAppender toFile = LineAppender.file(file, fileLevel, stackTraces);
      attach(context, root, toFile);
      fileOnly.addAppender(toFile);
      if (!rootLevel.isGreaterOrEqual(fileLevel)) {
        fileLevel = rootLevel;
      }
      rootLevel = fileLevel;
    }
    root.setLevel(rootLevel);
  }

  /** PrintWriter on System.out; lines get {@code <6>} when stdout is the journal stream. Autoflush. */
  public static PrintWriter stdout() {
    return writer(System.out, JournalStream.STDOUT, "<6>");
  }

  /** PrintWriter on System.err; lines get {@code <3>} when stderr is the journal stream. Autoflush. */
  public static PrintWriter stderr() {
    return writer(System.err, JournalStream.STDERR, "<3>");
  }


  static Level consoleLevel(Verbosity verbosity) {
    switch (verbosity) {
      case QUIET:
        return Level.WARN;
      case VERBOSE:
        return Level.DEBUG;
      default:
        return Level.INFO;
    }
  }

  private static LineAppender console(Level threshold, boolean stackTraces) {
    LineAppender.Style style =
        JournalStream.isJournal(JournalStream.STDERR)
            ? LineAppender.Style.JOURNAL
            : LineAppender.Style.TERMINAL;
    return LineAppender.console(style, threshold, stackTraces);
  }

  private static void attach(LoggerContext context, Logger root, LineAppender appender) {
    appender.setContext(context);
    appender.setName(appender.getClass().getSimpleName());
    appender.start();
    root.addAppender(appender);
  }

  private static PrintWriter writer(PrintStream stream, int fd, String priority) {
    String prefix = JournalStream.isJournal(fd) ? priority : "";
    return new PrintWriter(new PrefixingWriter(stream, prefix), true);
  }

  private static Writer openLogFile(Path file) {
    try {
      return new BufferedWriter(
          new OutputStreamWriter(
              Channels.newOutputStream(
                  Files.newByteChannel(
                      file,
                      EnumSet.of(
                          StandardOpenOption.CREATE,
                          StandardOpenOption.APPEND,
                          StandardOpenOption.WRITE),
                      PosixFilePermissions.asFileAttribute(
                          PosixFilePermissions.fromString("rw-------")))),
              StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot open log file: " + reason(e), e);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such directory";
    }
    if (e instanceof java.nio.file.FileSystemException) {
      String reason = ((java.nio.file.FileSystemException) e).getReason();
      if (reason != null) {
        return reason;
      }
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
