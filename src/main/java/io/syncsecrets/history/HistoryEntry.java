package io.syncsecrets.history;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One applied change (or restore, or rolled-back change) to a target: names, never values.
 *
 * @param time when it happened (UTC)
 * @param event what happened
 * @param target the target as the operator named it
 * @param actor who ran it, on which host
 * @param source the source's label, when the change came from a source
 * @param sourceFingerprint first 12 hex digits of SHA-256 of the source's bytes
 * @param updated keys whose value changed
 * @param added keys that were appended
 * @param removed keys the change took away (a restore of an older file)
 * @param backup file name of the backup made before the change
 * @param restoredFrom file name of the backup a restore put back
 */
public record HistoryEntry(
    Instant time, Event event, String target, Actor actor, Optional<String> source,
    Optional<String> sourceFingerprint, List<String> updated, List<String> added, List<String> removed,
    Optional<String> backup, Optional<String> restoredFrom) {

  /** What kind of change a line records. */
  public enum Event {
    /** A sync applied changes. */
    SYNC,
    /** A backup was put back by {@code restore}. */
    RESTORE,
    /** A sync was applied, then undone because {@code --verify-cmd} failed. */
    ROLLBACK;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Event parse(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT));
    }
  }

  public HistoryEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sourceFingerprint, "sourceFingerprint");
    updated = List.copyOf(updated);
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    Objects.requireNonNull(backup, "backup");
    Objects.requireNonNull(restoredFrom, "restoredFrom");
  }

  /** True for an event that left the target changed (a rolled-back change did not). */
  public boolean changedTarget() {
    return event != Event.ROLLBACK;
  }

  /** The entry as one JSON line (no newline). */
  public String toJson() {
    StringBuilder b = new StringBuilder("{");
    field(b, "time", time.toString());
    field(b, "event", event.label());
    field(b, "target", target);
    field(b, "user", actor.user());
    actor.sudoUser().ifPresent(s -> field(b, "sudo_user", s));
    field(b, "host", actor.host());
    source.ifPresent(s -> field(b, "source", s));
    sourceFingerprint.ifPresent(s -> field(b, "source_sha256", s));
    b.append(",\"updated\":").append(Json.array(updated));
    b.append(",\"added\":").append(Json.array(added));
    if (!removed.isEmpty()) {
      b.append(",\"removed\":").append(Json.array(removed));
    }
    backup.ifPresent(s -> field(b, "backup", s));
    restoredFrom.ifPresent(s -> field(b, "restored_from", s));
    return b.append('}').toString();
  }

  private static void field(StringBuilder b, String name, String value) {
    if (b.length() > 1) {
      b.append(',');
    }
    b.append(Json.quote(name)).append(':').append(Json.quote(value));
  }

  /**
   * Reads a line written by {@link #toJson()}; unknown fields are ignored so later versions can add
   * some.
   *
   * @throws IllegalArgumentException when the line is not such an entry
   */
  public static HistoryEntry fromJson(String line) {
    Map<String, Object> m = Json.parseObject(line);
    try {
      return new HistoryEntry(
          Instant.parse(required(m, "time")),
          Event.parse(required(m, "event")),
          required(m, "target"),
          new Actor(required(m, "user"), optional(m, "sudo_user"), optional(m, "host").orElse("unknown")),
          optional(m, "source"),
          optional(m, "source_sha256"),
          list(m, "updated"), list(m, "added"), list(m, "removed"),
          optional(m, "backup"),
          optional(m, "restored_from"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("bad time", e);
    }
  }

  private static String required(Map<String, Object> m, String key) {
    return optional(m, key).orElseThrow(() -> new IllegalArgumentException("missing " + key));
  }

  private static Optional<String> optional(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException(key + " is not a string");
    }
    return Optional.ofNullable((String) v);
  }

  private static List<String> list(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw new IllegalArgumentException(key + " is not a list");
    }
    List<String> out = new ArrayList<>();
    for (Object o : l) {
      out.add((String) o);
    }
    return out;
  }
}
