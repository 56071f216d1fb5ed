package io.syncsecrets.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {
  @Test
  void knownVectors() {
    assertThat(HexFormat.of().formatHex(Sha256.digest(new byte[0])))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(HexFormat.of().formatHex(Sha256.digest("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void agreesWithMessageDigestAcrossBlockBoundaries() throws Exception {
    Random random = new Random(7);
    for (int length = 0; length < 300; length++) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      assertThat(Sha256.digest(data))
          .as("length %d", length)
          .isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
      assertThat(Sha256.hexPrefix(data, 4))
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data), 0, 4));
    }
  }
}
