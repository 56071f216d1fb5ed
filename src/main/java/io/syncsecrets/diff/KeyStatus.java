package io.syncsecrets.diff;

/** What the sync decides for one synced key. */
public enum KeyStatus {
  /** Present in both with different values: the target's assignments get the source value. */
  UPDATE("UPDATE"),
  /** In the source, not in the target: appended. */
  ADD("ADD"),
  /** Same value in both. */
  UNCHANGED("OK"),
  /** Not in the source: the target keeps whatever it has. */
  MISSING_IN_SOURCE("MISSING"),
  /** Empty in the source and --allow-empty not given: the target keeps its value. */
  EMPTY_IN_SOURCE("EMPTY");

  private final String label;

  KeyStatus(String label) {
    this.label = label;
  }

  /** Short label for the report. */
  public String label() {
    return label;
  }

  public boolean isChange() {
    return this == UPDATE || this == ADD;
  }

  public boolean isWarning() {
    return this == MISSING_IN_SOURCE || this == EMPTY_IN_SOURCE;
  }
}
