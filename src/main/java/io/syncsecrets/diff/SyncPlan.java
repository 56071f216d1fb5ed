package io.syncsecrets.diff;

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

  public boolean hasChanges() {
    return decisions.stream().anyMatch(KeyDecision::isChange);
  }

  public List<KeyDecision> changes() {
    return decisions.stream().filter(KeyDecision::isChange).toList();
  }

  public long count(KeyStatus status) {
    return decisions.stream().filter(d -> d.status() == status).count();
  }

  /** Value-free warnings, one line each. */
  public List<String> warnings() {
    return decisions.stream().flatMap(d -> d.warning().stream()).toList();
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
