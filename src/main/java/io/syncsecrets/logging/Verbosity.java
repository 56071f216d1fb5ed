package io.syncsecrets.logging;

/** How much the console shows: QUIET warnings and errors, NORMAL adds info, VERBOSE adds debug. */
public enum Verbosity {
  QUIET,
  NORMAL,
  VERBOSE
}
