package io.syncsecrets.cli;

/** A command that knows whether {@code --verbose} was given, for the error handler's stack traces. */
interface VerboseAware {
  boolean verbose();
}
