package io.syncsecrets.diff;

import io.syncsecrets.core.SecretValue;
import io.syncsecrets.env.MisreadLine;
import java.util.ArrayList;
import java.util.List;
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
 * @param misreadLines the target's lines assigning the key that sh or systemd reads differently
 *     from python-dotenv, with what is wrong (see {@code EnvDocument.misreadLines})
 */
public record KeyDecision(
    String key, KeyStatus status, Optional<SecretValue> current, Optional<SecretValue> desired,
    int assignments, List<MisreadLine> misreadLines) {

  /**
   * Kept lines named one by one for a key; the rest are counted in one more warning, so a target
   * with thousands of such lines (which its owner may write) cannot flood the output and the log.
   */
  static final int MISREAD_LINES_SHOWN = 5;

  public KeyDecision {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(desired, "desired");
    misreadLines = List.copyOf(misreadLines);
    if (status.isChange() && desired.isEmpty()) {
      throw new IllegalArgumentException(key + ": a change needs a source value");
    }
    if (status == KeyStatus.UPDATE && current.isEmpty()) {
      throw new IllegalArgumentException(key + ": an update needs a target value");
    }
  }

  /** A decision for a target whose assignments of the key all read alike in every reader. */
  public KeyDecision(
      String key, KeyStatus status, Optional<SecretValue> current, Optional<SecretValue> desired,
      int assignments) {
    this(key, status, current, desired, assignments, List.of());
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

  /** The one-line warnings for this key, none when it needs none. Never contain a value. */
  public List<String> warnings() {
    Optional<String> about = statusWarning();
    // An update rewrites every assignment in a form all readers read alike; otherwise the line
    // stays as it is, and so does what sh or systemd makes of it.
    boolean kept = status != KeyStatus.UPDATE && !misreadLines.isEmpty();
    if (about.isEmpty() && !kept) {
      return List.of();
    }
    List<String> warnings = new ArrayList<>(1 + misreadLines.size());
    if (about.isPresent()) {
      warnings.add(about.get());
    }
    if (kept) {
      int shown = Math.min(misreadLines.size(), MISREAD_LINES_SHOWN);
      for (int i = 0; i < shown; i++) {
        MisreadLine misread = misreadLines.get(i);
        warnings.add(key + ": line " + misread.line() + " " + misread.problem().text()
            + " (a sync rewrites the line only when the value changes)");
      }
      if (misreadLines.size() > shown) {
        warnings.add(key + ": " + (misreadLines.size() - shown) + " more lines from line "
            + misreadLines.get(shown).line() + " on are read differently by sh or systemd than by"
            + " python-dotenv; fix the lines named above and run again to see them"
            + " (a sync rewrites the line only when the value changes)");
      }
    }
    return List.copyOf(warnings);
  }

  private Optional<String> statusWarning() {
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
