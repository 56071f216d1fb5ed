package io.syncsecrets.core;

/** The exit-code contract shared with operators, the systemd unit and scripts. */
public enum ExitStatus {
  OK(0, "ok: in sync, or changes applied"),
  FAILURE(1, "failure: nothing was written"),
  USAGE(2, "usage error"),
  DRIFT(3, "drift: --check found pending changes");

  private final int code;
  private final String meaning;

  ExitStatus(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
