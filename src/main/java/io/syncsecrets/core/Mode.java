package io.syncsecrets.core;

/** Whether a run writes. */
public enum Mode {
  /** Apply the plan. */
  APPLY,
  /** Show the plan, write nothing. */
  DRY_RUN,
  /** Show the plan, write nothing, and report drift through the exit status. */
  CHECK;

  public boolean writes() {
    return this == APPLY;
  }
}
