package io.syncsecrets.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Per-key decisions for one target, in the policy's order.
 *
 * @param decisions one decision per synced key
 * @param preservedInSource local-only keys the source has and which are left alone
 */
public record SyncPlan(List<KeyDecision> decisions, List<String> preservedInSource) {

  public SyncPlan {
    decisions = List.copyOf(Objects.requireNonNull(decisions, "decisions"));
    preservedInSource = List.copyOf(Objects.requireNonNull(preservedInSource, "preservedInSource"));
  }

  // Loops, not streams, in this file and along the run's path: the first lambda of a run costs
  // about 10 ms of method-handle set-up, a sixth of a dry run's start-up (docs/PERFORMANCE.md).

  public boolean hasChanges() {
    for (KeyDecision d : decisions) {
      if (d.isChange()) {
        return true;
      }
    }
    return false;
  }

  public List<KeyDecision> changes() {
    List<KeyDecision> changes = new ArrayList<>();
    for (KeyDecision d : decisions) {
      if (d.isChange()) {
        changes.add(d);
      }
    }
    return List.copyOf(changes);
  }

  /** The changed keys with this status ({@link KeyStatus#UPDATE} or {@link KeyStatus#ADD}), in order. */
  public List<String> changedKeys(KeyStatus status) {
    List<String> keys = new ArrayList<>();
    for (KeyDecision d : decisions) {
      if (d.status() == status && d.isChange()) {
        keys.add(d.key());
      }
    }
    return List.copyOf(keys);
  }

  public long count(KeyStatus status) {
    long n = 0;
    for (KeyDecision d : decisions) {
      if (d.status() == status) {
        n++;
      }
    }
    return n;
  }

  /** Value-free warnings, one line each. */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    for (KeyDecision d : decisions) {
      warnings.addAll(d.warnings());
    }
    return List.copyOf(warnings);
  }

  /** One-line summary such as "2 to update, 1 to add, 8 unchanged, 1 missing from source". */
  public String summary(boolean applied) {
    String verbUpdate = applied ? " updated" : " to update";
    String verbAdd = applied ? " added" : " to add";
    StringBuilder s = new StringBuilder()
        .append(count(KeyStatus.UPDATE)).append(verbUpdate).append(", ")
        .append(count(KeyStatus.ADD)).append(verbAdd).append(", ")
        .append(count(KeyStatus.UNCHANGED)).append(" unchanged");
    long missing = count(KeyStatus.MISSING_IN_SOURCE);
    if (missing > 0) {
      s.append(", ").append(missing).append(" missing from source");
    }
    long empty = count(KeyStatus.EMPTY_IN_SOURCE);
    if (empty > 0) {
      s.append(", ").append(empty).append(" empty in source (kept)");
    }
    return s.toString();
  }
}
