package io.syncsecrets.diff;

import io.syncsecrets.env.EnvDocument;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which variables are synced from the source and which are local-only and never written.
 *
 * @param sync keys copied from the source, in report order
 * @param preserve keys never written even when the source has them
 */
public record VariablePolicy(Set<String> sync, Set<String> preserve) {

  public static final List<String> DEFAULT_SYNC = List.of(
      "NINJA_BASE_URL", "NINJA_CLIENT_ID", "NINJA_CLIENT_SECRET", "NINJA_REFRESH_TOKEN",
      "THREATLOCKER_API_BASE_URL", "THREATLOCKER_API_KEY", "THREATLOCKER_ORGANIZATION_ID",
      "CONNECTWISE_SERVER", "CONNECTWISE_COMPANY_ID", "CONNECTWISE_CLIENT_ID",
      "CONNECTWISE_PUBLIC_KEY", "CONNECTWISE_PRIVATE_KEY");

  public static final List<String> DEFAULT_PRESERVE = List.of(
      "DB_DSN", "DATABASE_URL", "FLASK_ENV", "SECRET_KEY", "LOG_LEVEL", "LOG_FILE",
      "THREATLOCKER_BASE_URL");

  public VariablePolicy {
    sync = orderedCopy(sync);
    preserve = orderedCopy(preserve);
    if (sync.isEmpty()) {
      throw new IllegalArgumentException("the list of synced variables is empty");
    }
    for (String key : sync) {
      requireKeyName(key);
    }
    for (String key : preserve) {
      requireKeyName(key);
    }
    List<String> both = new ArrayList<>(sync);
    both.retainAll(preserve);
    if (!both.isEmpty()) {
      throw new IllegalArgumentException(
          "variables cannot be both synced and preserved: " + String.join(", ", both));
    }
  }

  /** The 12 credentials and the 7 local-only variables of es-inventory-hub. */
  public static VariablePolicy defaults() {
    return new VariablePolicy(new LinkedHashSet<>(DEFAULT_SYNC), new LinkedHashSet<>(DEFAULT_PRESERVE));
  }

  public static VariablePolicy of(Collection<String> sync, Collection<String> preserve) {
    return new VariablePolicy(new LinkedHashSet<>(sync), new LinkedHashSet<>(preserve));
  }

  public boolean isSynced(String key) {
    return sync.contains(key);
  }

  public boolean isPreserved(String key) {
    return preserve.contains(key);
  }

  /** Throws when {@code key} is not a portable environment variable name. */
  public static void requireKeyName(String key) {
    if (key == null || !EnvDocument.isPortableKey(key)) {
      throw new IllegalArgumentException(
          "not a valid variable name: '" + key + "' (expected [A-Za-z_][A-Za-z0-9_]*)");
    }
  }

  private static Set<String> orderedCopy(Collection<String> keys) {
    // Set.copyOf loses order; the report lists keys in the order the operator gave them.
    return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(keys));
  }
}
