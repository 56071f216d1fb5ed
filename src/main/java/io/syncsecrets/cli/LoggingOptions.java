package io.syncsecrets.cli;

import io.syncsecrets.core.SyncException;
import io.syncsecrets.logging.LogSetup;
import io.syncsecrets.logging.Verbosity;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --log-file}, {@code --verbose}, {@code --quiet}: shared by every command. */
final class LoggingOptions {
  @Option(names = "--log-file", paramLabel = "FILE", order = 90,
      description = "Also append log lines to FILE (created 0600).")
  Path logFile;

  @Option(names = {"-v", "--verbose"}, order = 91, description = "Debug logging, and stack traces on errors.")
  boolean verbose;

  @Option(names = {"-q", "--quiet"}, order = 92, description = "Print only warnings and errors.")
  boolean quiet;

  /** The rule these options bring to every command's validation. */
  void validate() {
    if (quiet && verbose) {
      throw SyncException.usage("--quiet and --verbose cannot be combined");
    }
  }

  void configure() {
    try {
      LogSetup.configure(verbose ? Verbosity.VERBOSE : quiet ? Verbosity.QUIET : Verbosity.NORMAL, logFile);
    } catch (UncheckedIOException e) {
      // One line naming the file, exit 1, like every other failure.
      throw SyncException.failure(e.getMessage(), e);
    }
  }
}
