package io.syncsecrets.diff;

import io.syncsecrets.core.SecretValue;
import java.util.Objects;
import java.util.Optional;

/**
 * The decision for one synced key; its {@code toString()} shows only masked values.
 *
 * @param key the variable name
 * @param status what happens to it
 * @param current the target's value as its readers see it, if the target has the key
 * @param desired the source's value, if the source has the key
 * @param assignments how many assignments of the key the target has (more than one is a duplicate)
 */
public record KeyDecision(
    String key, KeyStatus status, Optional<SecretValue> current, Optional<SecretValue> desired,
    int assignments) {

  public KeyDecision {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(desired, "desired");
    if (status.isChange() && desired.isEmpty()) {
      throw new IllegalArgumentException(key + ": a change needs a source value");
    }
    if (status == KeyStatus.UPDATE && current.isEmpty()) {
      throw new IllegalArgumentException(key + ": an update needs a target value");
    }
  }

  public boolean isChange() {
    return status.isChange();
  }

  public boolean isUpdate() {
    return status == KeyStatus.UPDATE;
  }

  public boolean isAdd() {
    return status == KeyStatus.ADD;
  }

  public boolean isDuplicated() {
    return assignments > 1;
  }

  /** The one-line warning for this key, or empty when it needs none. Never contains a value. */
  public Optional<String> warning() {
    return switch (status) {
      case MISSING_IN_SOURCE -> Optional.of(key + " is not in the source; the target keeps "
          + (current.isPresent() ? "its value" : "not having it"));
      case EMPTY_IN_SOURCE -> Optional.of(key + " is empty in the source; the target keeps "
          + (current.isPresent() ? "its value" : "not having it")
          + " (use --allow-empty to sync an empty value)");
      case UPDATE -> isDuplicated()
          ? Optional.of(key + " is assigned " + assignments + " times in the target; every assignment"
              + " gets the new value")
          : Optional.empty();
      default -> Optional.empty();
    };
  }
}
