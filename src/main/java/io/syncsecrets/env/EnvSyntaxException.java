package io.syncsecrets.env;

/** A malformed .env file; the message is {@code <label>:<line>: <reason>} and never holds value text. */
public final class EnvSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String label;
  private final int line;
  private final String reason;

  public EnvSyntaxException(String label, int line, String reason) {
    super(label + ":" + line + ": " + reason);
    this.label = label;
    this.line = line;
    this.reason = reason;
  }

  public String label() {
    return label;
  }

  public int line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
