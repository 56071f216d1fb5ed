package io.syncsecrets.diff;

import io.syncsecrets.core.SecretValue;
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
 * @param foreignBlankLines the target's lines assigning the key that sh and systemd do not read,
 *     because a non-ASCII blank comes before the name (see {@code EnvDocument.linesWithForeignBlanks})
 */
public record KeyDecision(
    String key, KeyStatus status, Optional<SecretValue> current, Optional<SecretValue> desired,
    int assignments, List<Integer> foreignBlankLines) {

  public KeyDecision {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(desired, "desired");
    foreignBlankLines = List.copyOf(foreignBlankLines);
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
    // An update rewrites every assignment with ASCII blanks; otherwise the line stays as it is.
    boolean kept = status != KeyStatus.UPDATE && !foreignBlankLines.isEmpty();
    if (about.isEmpty() && !kept) {
      return List.of();
    }
    List<String> warnings = new ArrayList<>(1 + foreignBlankLines.size());
    if (about.isPresent()) {
      warnings.add(about.get());
    }
    if (kept) {
      for (int line : foreignBlankLines) {
        warnings.add(key + ": line " + line + " has a non-ASCII blank (such as a no-break space)"
            + " before the name, which sh and systemd do not read as a blank, so only python-dotenv"
            + " reads that line; replace it with a space (a sync rewrites the line only when the"
            + " value changes)");
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
