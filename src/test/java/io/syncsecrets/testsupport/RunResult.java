package io.syncsecrets.testsupport;

import java.util.Objects;

/**
 * What one run of the CLI produced, in-process or as a process: exit code and both streams.
 *
 * @param exitCode the exit code
 * @param out everything written to standard output
 * @param err everything written to standard error
 */
public record RunResult(int exitCode, String out, String err) {
  public RunResult {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }

  /** Both streams, for checks that must hold for every byte the run printed. */
  public String allOutput() {
    return out + err;
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err + "-----------";
  }
}
