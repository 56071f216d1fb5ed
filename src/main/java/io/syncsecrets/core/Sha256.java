package io.syncsecrets.core;

/**
 * SHA-256 (FIPS 180-4) for the short fingerprints in reports and the history.
 *
 * <p>{@code MessageDigest.getInstance("SHA-256")} sets up the JCA provider framework on first use,
 * about 16 ms of a run that otherwise takes a few times that; fingerprints are identification,
 * not a security boundary, and {@code Sha256Test} checks this against {@code MessageDigest}.
 */
final class Sha256 {
  private Sha256() {}

  private static final int[] K = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  };

  static byte[] digest(byte[] data) {
    int[] h = {
      0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
    };
    // Padding: 0x80, zeros, then the length in bits as a 64-bit big-endian number.
    int blocks = (data.length + 8) / 64 + 1;
    byte[] tail = new byte[blocks * 64 - (data.length / 64) * 64];
    int full = data.length / 64;
    System.arraycopy(data, full * 64, tail, 0, data.length - full * 64);
    tail[data.length - full * 64] = (byte) 0x80;
    long bits = (long) data.length * 8;
    for (int i = 0; i < 8; i++) {
      tail[tail.length - 1 - i] = (byte) (bits >>> (8 * i));
    }
    int[] w = new int[64];
    for (int block = 0; block < blocks; block++) {
      byte[] src = block < full ? data : tail;
      int off = block < full ? block * 64 : (block - full) * 64;
      for (int t = 0; t < 16; t++) {
        int i = off + 4 * t;
        w[t] = (src[i] & 0xff) << 24 | (src[i + 1] & 0xff) << 16 | (src[i + 2] & 0xff) << 8
            | (src[i + 3] & 0xff);
      }
      for (int t = 16; t < 64; t++) {
        int s0 = Integer.rotateRight(w[t - 15], 7) ^ Integer.rotateRight(w[t - 15], 18) ^ (w[t - 15] >>> 3);
        int s1 = Integer.rotateRight(w[t - 2], 17) ^ Integer.rotateRight(w[t - 2], 19) ^ (w[t - 2] >>> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
      }
      int a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
      for (int t = 0; t < 64; t++) {
        int s1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
        int ch = (e & f) ^ (~e & g);
        int t1 = hh + s1 + ch + K[t] + w[t];
        int s0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
        int maj = (a & b) ^ (a & c) ^ (b & c);
        int t2 = s0 + maj;
        hh = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
      }
      h[0] += a;
      h[1] += b;
      h[2] += c;
      h[3] += d;
      h[4] += e;
      h[5] += f;
      h[6] += g;
      h[7] += hh;
    }
    byte[] out = new byte[32];
    for (int i = 0; i < 8; i++) {
      out[4 * i] = (byte) (h[i] >>> 24);
      out[4 * i + 1] = (byte) (h[i] >>> 16);
      out[4 * i + 2] = (byte) (h[i] >>> 8);
      out[4 * i + 3] = (byte) h[i];
    }
    return out;
  }

  /** The first {@code bytes} bytes of the digest as lower-case hex. */
  static String hexPrefix(byte[] data, int bytes) {
    byte[] digest = digest(data);
    char[] out = new char[bytes * 2];
    for (int i = 0; i < bytes; i++) {
      out[2 * i] = Character.forDigit((digest[i] >> 4) & 0xf, 16);
      out[2 * i + 1] = Character.forDigit(digest[i] & 0xf, 16);
    }
    return new String(out);
  }
}
