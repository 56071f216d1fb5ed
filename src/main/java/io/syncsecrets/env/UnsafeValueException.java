package io.syncsecrets.env;

/** A value no written form carries safely for python-dotenv, POSIX sh and systemd; names the key, never the value. */
public final class UnsafeValueException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String reason;

  public UnsafeValueException(String key, String reason) {
    super(key + ": " + reason);
    this.key = key;
    this.reason = reason;
  }

  public String key() {
    return key;
  }

  public String reason() {
    return reason;
  }
}
