package io.syncsecrets.diff;

import io.syncsecrets.core.SecretValue;
import io.syncsecrets.env.EnvDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Compares the source's values with the target document under a {@link VariablePolicy}. */
public final class DiffEngine {
  private final VariablePolicy policy;
  private final boolean allowEmpty;

  public DiffEngine(VariablePolicy policy, boolean allowEmpty) {
    this.policy = policy;
    this.allowEmpty = allowEmpty;
  }

  /** Decides, for every synced key, what the target needs. Reads only; changes nothing. */
  public SyncPlan plan(Map<String, String> source, EnvDocument target) {
    Map<String, String> current = target.values();
    List<KeyDecision> decisions = new ArrayList<>(policy.sync().size());
    for (String key : policy.sync()) {
      Optional<SecretValue> have = secret(current.get(key));
      Optional<SecretValue> want = secret(source.get(key));
      decisions.add(new KeyDecision(key, decide(have, want), have, want, target.assignmentCount(key),
          target.misreadLines(key)));
    }
    // In the policy's order, not the map's: the report must read the same on every run.
    List<String> preserved = new ArrayList<>();
    for (String key : policy.preserve()) {
      if (source.containsKey(key)) {
        preserved.add(key);
      }
    }
    return new SyncPlan(decisions, preserved);
  }

  // No Optional.map here: see SyncPlan on lambdas at start-up.
  private static Optional<SecretValue> secret(String valueOrNull) {
    return valueOrNull == null ? Optional.empty() : Optional.of(SecretValue.of(valueOrNull));
  }

  private KeyStatus decide(Optional<SecretValue> have, Optional<SecretValue> want) {
    if (want.isEmpty()) {
      return KeyStatus.MISSING_IN_SOURCE;
    }
    if (have.isPresent() && have.get().equals(want.get())) {
      return KeyStatus.UNCHANGED;
    }
    if (want.get().isEmpty() && !allowEmpty) {
      return KeyStatus.EMPTY_IN_SOURCE;
    }
    return have.isPresent() ? KeyStatus.UPDATE : KeyStatus.ADD;
  }
}
