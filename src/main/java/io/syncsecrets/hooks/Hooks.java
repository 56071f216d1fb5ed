package io.syncsecrets.hooks;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's commands around a change: one that must pass for the change to stay, and one that
 * runs after a verified change (e.g. restarting the app).
 *
 * <p>Commands are never echoed in messages: an operator may have put a credential in one.
 *
 * @param verifyCommand run after the new file is in place; failure rolls the change back
 * @param onChangeCommand run only when something changed and verification passed
 * @param timeout how long either command may run before it is killed and counted as failed
 */
public record Hooks(Optional<String> verifyCommand, Optional<String> onChangeCommand, Duration timeout) {
  public static final int DEFAULT_TIMEOUT_SECONDS = 60;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);

  public Hooks {
    Objects.requireNonNull(verifyCommand, "verifyCommand");
    Objects.requireNonNull(onChangeCommand, "onChangeCommand");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--hook-timeout must be positive");
    }
    if (verifyCommand.isPresent() && verifyCommand.get().isBlank()) {
      throw new IllegalArgumentException("--verify-cmd must not be empty");
    }
    if (onChangeCommand.isPresent() && onChangeCommand.get().isBlank()) {
      throw new IllegalArgumentException("--on-change must not be empty");
    }
  }

  /** No commands. */
  public static Hooks none() {
    return new Hooks(Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT);
  }

  @Override
  public String toString() {
    return "Hooks[verify=" + (verifyCommand.isPresent() ? "set" : "none")
        + ", onChange=" + (onChangeCommand.isPresent() ? "set" : "none")
        + ", timeout=" + timeout.toSeconds() + "s]";
  }
}
