package io.syncsecrets.logging;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Placeholder until the journal-aware logging lands. */
public final class LogSetup {
  private LogSetup() {}

  public static void configure(Verbosity verbosity, Path logFileOrNull) {}

  public static PrintWriter stdout() {
    return new PrintWriter(System.out, true);
  }

  public static PrintWriter stderr() {
    return new PrintWriter(System.err, true);
  }
}
