package io.syncsecrets.core;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The source as read once for a run (several targets share it): its values and a fingerprint of
 * its bytes for the history. {@code toString()} shows no values.
 *
 * @param label the source's name in messages
 * @param values the parsed values
 * @param fingerprint first 12 hex digits of SHA-256 of the source's bytes
 */
public record SourceSnapshot(String label, Map<String, String> values, String fingerprint) {
  public SourceSnapshot {
    Objects.requireNonNull(label, "label");
    // Keeps the source's order (Map.copyOf's order changes from run to run).
    values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    Objects.requireNonNull(fingerprint, "fingerprint");
  }

  /** First 12 hex digits of SHA-256 of {@code bytes}. */
  public static String fingerprint(byte[] bytes) {
    return Sha256.hexPrefix(bytes, 6);
  }

  /** Fingerprint of values that did not come from bytes (callers that pass a map). */
  static String fingerprintOf(Map<String, String> values) {
    StringBuilder canonical = new StringBuilder();
    values.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> canonical.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
    return fingerprint(canonical.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "SourceSnapshot[" + label + ", " + values.size() + " keys, sha256 " + fingerprint + "]";
  }
}
