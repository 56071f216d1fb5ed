package io.syncsecrets.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;

/**
 * Writes each event as one self-contained line in one of three styles.
 *
 * <p>A hand-written appender instead of logback's PatternLayout keeps start-up lean (no pattern
 * parser, no converter classes) and makes it obvious what reaches the output: the level and the
 * formatted message, never the MDC, the logger name or anything else an event may carry.
 */
final class LineAppender extends AppenderBase<ILoggingEvent> {
  /** How a line is laid out. */
  enum Style {
    /** sd-daemon priority prefix, no timestamp: journald adds its own. */
    JOURNAL,
    /** {@code WARN  message}, for a person at a terminal. */
    TERMINAL,
    /** ISO-8601 UTC timestamp, level, message: for the log file. */
    FILE
  }

  private final Style style;
  private final Level threshold;
  private final boolean withStackTraces;
  /** The log file, or null for System.err (looked up per event so System.setErr is honoured). */
  private final Writer writer;

  private LineAppender(Style style, Level threshold, boolean withStackTraces, Writer writer) {
    this.style = style;
    this.threshold = threshold;
    this.withStackTraces = withStackTraces;
    this.writer = writer;
  }

  /** An appender on System.err. */
  static LineAppender console(Style style, Level threshold, boolean withStackTraces) {
    return new LineAppender(style, threshold, withStackTraces, null);
  }

  /** An appender on an open file; it owns the writer and closes it when stopped. */
  static LineAppender file(Writer writer, Level threshold, boolean withStackTraces) {
    return new LineAppender(Style.FILE, threshold, withStackTraces, writer);
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(threshold)) {
      return;
    }
    String text = format(event);
    if (writer != null) {
      try {
        writer.write(text);
        writer.flush();
      } catch (IOException e) {
        addError("cannot write the log file", e);
      }
    } else {
      PrintStream out = System.err;
      out.print(text);
      out.flush();
    }
  }

  String format(ILoggingEvent event) {
    StringBuilder body = new StringBuilder(event.getFormattedMessage());
    IThrowableProxy thrown = event.getThrowableProxy();
    if (withStackTraces && thrown != null) {
      appendThrowable(body, thrown, "");
    }
    String lead = lead(event);
    StringBuilder line = new StringBuilder(body.length() + 40);
    int start = 0;
    // Every physical line carries the lead, so a journal entry never loses its priority.
    while (true) {
      int nl = body.indexOf("\n", start);
      line.append(lead);
      if (nl < 0) {
        line.append(body, start, body.length()).append('\n');
        return line.toString();
      }
      line.append(body, start, nl + 1);
      start = nl + 1;
    }
  }

  private String lead(ILoggingEvent event) {
    Level level = event.getLevel();
    switch (style) {
      case JOURNAL:
        return priority(level);
      case FILE:
        return Instant.ofEpochMilli(event.getTimeStamp()) + " " + name(level) + " ";
      default:
        return name(level) + " ";
    }
  }

  static String priority(Level level) {
    if (level.isGreaterOrEqual(Level.ERROR)) {
      return "<3>";
    } else if (level.isGreaterOrEqual(Level.WARN)) {
      return "<4>";
    } else if (level.isGreaterOrEqual(Level.INFO)) {
      return "<6>";
    }
    return "<7>";
  }

  private static String name(Level level) {
    String s = level.toString();
    return s.length() >= 5 ? s : (s + "     ").substring(0, 5);
  }

  private static void appendThrowable(StringBuilder out, IThrowableProxy t, String caption) {
    out.append('\n').append(caption).append(t.getClassName());
    if (t.getMessage() != null) {
      out.append(": ").append(t.getMessage());
    }
    for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
      out.append("\n\tat ").append(frame.getStackTraceElement());
    }
    if (t.getCause() != null && t.getCause() != t) {
      appendThrowable(out, t.getCause(), "Caused by: ");
    }
  }

  @Override
  public void stop() {
    super.stop();
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
