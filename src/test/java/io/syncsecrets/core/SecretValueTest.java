package io.syncsecrets.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretValueTest {
  private static final String SECRET = "hunter2-but-longer-9X";

  @Test
  void toStringAndDescribeNeverShowTheValue() {
    SecretValue v = SecretValue.of(SECRET);

    assertThat(v.toString()).doesNotContain(SECRET).contains("len 21").contains(v.fingerprint());
    assertThat(v.describe()).isEqualTo("len 21, sha256 " + v.fingerprint());
  }

  @Test
  void fingerprintIsTheFirst8HexDigitsOfSha256() {
    // printf %s abc | sha256sum -> ba7816bf8f01cfea...
    assertThat(SecretValue.fingerprint("abc")).isEqualTo("ba7816bf");
    // printf '' | sha256sum -> e3b0c442...
    assertThat(SecretValue.of("").fingerprint()).isEqualTo("e3b0c442");
    assertThat(SecretValue.of(SECRET).fingerprint()).matches("[0-9a-f]{8}");
  }

  @Test
  void fingerprintUsesUtf8() {
    // printf 'é' | sha256sum -> 4a99557e...; the ISO-8859-1 byte 0xe9 would give de2e331d.
    assertThat(SecretValue.fingerprint("\u00e9")).isEqualTo("4a99557e");
  }

  @Test
  void lengthCountsCodePoints() {
    assertThat(SecretValue.of("a😀b").length()).isEqualTo(3);
    assertThat(SecretValue.of("").isEmpty()).isTrue();
    assertThat(SecretValue.of(" ").isEmpty()).isFalse();
  }

  @Test
  void equalityIsByValueAndRevealGivesItBack() {
    assertThat(SecretValue.of(SECRET)).isEqualTo(SecretValue.of(SECRET))
        .hasSameHashCodeAs(SecretValue.of(SECRET))
        .isNotEqualTo(SecretValue.of(SECRET + " "));
    assertThat(SecretValue.of(SECRET).reveal()).isEqualTo(SECRET);
  }
}
