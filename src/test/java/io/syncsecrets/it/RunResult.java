package io.syncsecrets.it;

/**
 * What one run of the jar printed and how it exited.
 *
 * @param exitCode the process's exit status
 * @param stdout everything written to standard output
 * @param stderr everything written to standard error
 */
record RunResult(int exitCode, String stdout, String stderr) {
  /** Both streams, for searches that do not care where a line went. */
  String output() {
    return stdout + "\n" + stderr;
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
  }
}
