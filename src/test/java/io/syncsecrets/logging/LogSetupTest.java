package io.syncsecrets.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.Configurator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** LogSetup.configure in this JVM, with System.err captured. */
class LogSetupTest {
  private static final Logger LOG = LoggerFactory.getLogger("io.syncsecrets.diff.Differ");

  @TempDir Path dir;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream realErr;

  @BeforeEach
  void captureStderr() {
    realErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(realErr);
    MDC.clear();
    LogSetup.configure(Verbosity.NORMAL, null);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static void logAllLevels() {
    LOG.error("e");
    LOG.warn("w");
    LOG.info("i");
    LOG.debug("d");
    LOG.trace("t");
  }

  @Test
  void quietShowsWarningsAndErrorsOnly() {
    LogSetup.configure(Verbosity.QUIET, null);
    logAllLevels();

    assertThat(stderr()).isEqualTo("ERROR e\nWARN  w\n");
  }

  @Test
  void normalAddsInfo() {
    LogSetup.configure(Verbosity.NORMAL, null);
    logAllLevels();

    assertThat(stderr()).isEqualTo("ERROR e\nWARN  w\nINFO  i\n");
  }

  @Test
  void verboseAddsDebug() {
    LogSetup.configure(Verbosity.VERBOSE, null);
    logAllLevels();

    assertThat(stderr()).isEqualTo("ERROR e\nWARN  w\nINFO  i\nDEBUG d\n");
  }

  @Test
  void configuringAgainReplacesInsteadOfDuplicating() {
    LogSetup.configure(Verbosity.VERBOSE, null);
    LogSetup.configure(Verbosity.NORMAL, null);
    LOG.info("once");

    assertThat(stderr()).isEqualTo("INFO  once\n");
  }

  @Test
  void neitherMdcNorLoggerNameReachesTheOutput() throws IOException {
    Path file = dir.resolve("sync.log");
    LogSetup.configure(Verbosity.VERBOSE, file);
    MDC.put("token", "s3cr3t-value");
    LOG.info("updated {} ({} chars)", "NINJA_CLIENT_SECRET", 40);

    assertThat(stderr()).isEqualTo("INFO  updated NINJA_CLIENT_SECRET (40 chars)\n");
    assertThat(stderr() + Files.readString(file)).doesNotContain("s3cr3t").doesNotContain("Differ");
  }

  @Test
  void logFileIsCreatedOwnerOnlyWithTimestampedLinesEvenWhenQuiet() throws IOException {
    Path file = dir.resolve("sync.log");
    LogSetup.configure(Verbosity.QUIET, file);
    logAllLevels();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.readAllLines(file))
        .hasSize(3)
        .allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z (ERROR|WARN |INFO ) [ewi]"));
    assertThat(stderr()).isEqualTo("ERROR e\nWARN  w\n");
  }

  @Test
  void logFileIsAppendedTo() throws IOException {
    Path file = dir.resolve("sync.log");
    Files.writeString(file, "earlier run\n");
    LogSetup.configure(Verbosity.NORMAL, file);
    LOG.info("later run");
    LogSetup.configure(Verbosity.NORMAL, file);
    LOG.info("third run");

    assertThat(Files.readAllLines(file))
        .first()
        .isEqualTo("earlier run");
    assertThat(Files.readString(file)).containsSubsequence("later run", "third run");
  }

  @Test
  void unopenableLogFileIsOneLineNamingIt() {
    Path file = dir.resolve("missing-dir/sync.log");

    assertThatThrownBy(() -> LogSetup.configure(Verbosity.NORMAL, file))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage(file + ": cannot open log file: no such directory");
  }

  @Test
  void writersWithoutAJournalWriteLinesUnchanged() {
    LogSetup.stderr().println("Unknown option: '--bogus'");

    assertThat(stderr()).isEqualTo("Unknown option: '--bogus'\n");
  }

  @Test
  void theInCodeConfiguratorIsRegisteredForLogback() {
    assertThat(ServiceLoader.load(Configurator.class).stream().map(p -> p.type().getName()))
        .containsExactly(LogbackConfigurator.class.getName());
  }
}
