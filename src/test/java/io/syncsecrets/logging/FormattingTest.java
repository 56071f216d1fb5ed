package io.syncsecrets.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Line layout of the appender styles and the prefixing writer. */
class FormattingTest {
  private static LoggingEvent event(Level level, String message, Throwable t) {
    LoggerContext context = new LoggerContext();
    LoggingEvent e =
        new LoggingEvent("fqcn", context.getLogger("io.syncsecrets.Stage"), level, message, t, null);
    e.setTimeStamp(1_767_582_001_234L); // 2026-01-05T03:00:01.234Z
    return e;
  }

  @ParameterizedTest
  @CsvSource({"ERROR, <3>", "WARN, <4>", "INFO, <6>", "DEBUG, <7>", "TRACE, <7>"})
  void journalPrioritiesFollowSdDaemon(String level, String prefix) {
    LineAppender a = LineAppender.console(LineAppender.Style.JOURNAL, Level.TRACE, false);

    assertThat(a.format(event(Level.toLevel(level), "m", null))).isEqualTo(prefix + "m\n");
  }

  @Test
  void everyLineOfAMultiLineMessageKeepsItsPriority() {
    LineAppender a = LineAppender.console(LineAppender.Style.JOURNAL, Level.TRACE, false);

    assertThat(a.format(event(Level.WARN, "first\nsecond\nthird", null)))
        .isEqualTo("<4>first\n<4>second\n<4>third\n");
  }

  @Test
  void terminalLinesAreLevelAndMessageOnly() {
    LineAppender a = LineAppender.console(LineAppender.Style.TERMINAL, Level.TRACE, false);

    assertThat(a.format(event(Level.WARN, "NINJA_CLIENT_ID missing", null)))
        .isEqualTo("WARN  NINJA_CLIENT_ID missing\n");
    assertThat(a.format(event(Level.ERROR, "x", null))).isEqualTo("ERROR x\n");
    assertThat(a.format(event(Level.INFO, "x", null))).isEqualTo("INFO  x\n");
  }

  @Test
  void fileLinesCarryAnIsoUtcTimestamp() {
    LineAppender a = LineAppender.file(new java.io.StringWriter(), Level.TRACE, false);

    assertThat(a.format(event(Level.INFO, "synced", null)))
        .isEqualTo("2026-01-05T03:00:01.234Z INFO  synced\n");
  }

  @Test
  void stackTracesOnlyWhenAskedFor() {
    Exception boom = new IllegalStateException("boom", new java.io.IOException("disk"));
    LineAppender plain = LineAppender.console(LineAppender.Style.JOURNAL, Level.TRACE, false);
    LineAppender verbose = LineAppender.console(LineAppender.Style.JOURNAL, Level.TRACE, true);

    assertThat(plain.format(event(Level.ERROR, "failed", boom))).isEqualTo("<3>failed\n");
    assertThat(verbose.format(event(Level.ERROR, "failed", boom)))
        .startsWith("<3>failed\n<3>java.lang.IllegalStateException: boom\n<3>\tat ")
        .contains("\n<3>Caused by: java.io.IOException: disk\n");
  }

  @Test
  void prefixingWriterPrefixesLinesAcrossPartialWrites() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintWriter w =
        new PrintWriter(
            new PrefixingWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8), "<6>"), true);

    w.print("Usage: sync");
    w.print("-secrets [OPTIONS]\n\nOptions:");
    w.println();
    w.printf("  --dry-run%n");

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("<6>Usage: sync-secrets [OPTIONS]\n<6>\n<6>Options:\n<6>  --dry-run\n");
  }

  @Test
  void withoutThePrefixTheWriterPassesTextThrough() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintWriter w =
        new PrintWriter(new PrefixingWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8), ""), true);

    w.println("a\nb");

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("a\nb\n");
  }
}
