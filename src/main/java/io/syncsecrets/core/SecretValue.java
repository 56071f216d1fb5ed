package io.syncsecrets.core;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A credential value that only shows its length and a short fingerprint unless revealed on purpose.
 *
 * <p>The fingerprint is the first 8 hex digits of the value's SHA-256, so an operator can compare it
 * with {@code printf %s "$value" | sha256sum} without the tool ever printing the value.
 */
public final class SecretValue {
  private final String value;

  private SecretValue(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static SecretValue of(String value) {
    return new SecretValue(value);
  }

  /** The plain value: only for writing files and for an explicit {@code --show-values}. */
  public String reveal() {
    return value;
  }

  public int length() {
    return value.codePointCount(0, value.length());
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  public String fingerprint() {
    return fingerprint(value);
  }

  /** First 8 hex digits of SHA-256 of the UTF-8 bytes. */
  public static String fingerprint(String value) {
    return Sha256.hexPrefix(value.getBytes(StandardCharsets.UTF_8), 4);
  }

  /** Masked description: length and fingerprint. */
  public String describe() {
    return "len " + length() + ", sha256 " + fingerprint();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretValue other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "SecretValue[" + describe() + "]";
  }
}
