package io.syncsecrets.hooks;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How one hook command ended.
 *
 * @param name the option that named the command, e.g. {@code --verify-cmd}
 * @param outcome passed, failed, timed out, stopped with the run, or could not start
 * @param exitCode the command's exit status when it ran to the end
 * @param timeout the limit it ran under
 */
public record HookResult(String name, Outcome outcome, OptionalInt exitCode, Duration timeout) {

  /** The ways a hook can end. */
  public enum Outcome { PASSED, FAILED, TIMED_OUT, STOPPED, NOT_STARTED }

  public HookResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(exitCode, "exitCode");
    Objects.requireNonNull(timeout, "timeout");
  }

  public boolean passed() {
    return outcome == Outcome.PASSED;
  }

  /** A short, value-free reason such as {@code exit 7} or {@code timed out after 60 s}. */
  public String describe() {
    return switch (outcome) {
      case PASSED -> "passed";
      case FAILED -> "exit " + exitCode.orElse(-1);
      case TIMED_OUT -> "timed out after " + timeout.toSeconds() + " s; killed";
      case STOPPED -> "the run was stopped; killed";
      case NOT_STARTED -> "could not start /bin/sh";
    };
  }
}
