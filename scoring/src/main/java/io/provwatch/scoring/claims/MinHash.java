package io.provwatch.scoring.claims;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * MinHash signatures of shingle sets and their LSH bands. Two sets of Jaccard similarity J agree on
 * each signature position with probability J, so they share at least one band of {@link #ROWS} rows
 * with probability 1 - (1 - J^ROWS)^BANDS: about 0.40 at J = 0.1, 0.87 at J = 0.2 and 0.99 at J = 0.3
 * with the values here (a post that repeats a claim inside its own words has a low Jaccard similarity
 * to it, so the bands are many and short), while texts that share no word pair never meet. The hash functions come from a
 * fixed seed, so signatures are the same on every instance and after every restart; changing
 * {@link #BANDS}, {@link #ROWS} or the seed means rebuilding the claim-bank store (reset the application).
 */
public final class MinHash {
  public static final int BANDS = 50;
  public static final int ROWS = 2;
  public static final int LENGTH = BANDS * ROWS;
  private static final long SEED = 0x5eed_c1a1_b4a7L;
  private static final long PRIME = (1L << 61) - 1; // Mersenne prime above every 32-bit shingle hash
  private static final long[] A = new long[LENGTH];
  private static final long[] B = new long[LENGTH];

  static {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < LENGTH; i++) {
      A[i] = 1 + random.nextLong(PRIME - 1);
      B[i] = random.nextLong(PRIME);
    }
  }

  private MinHash() {}

  /** The signature of a shingle set; empty for an empty set (such a text matches nothing). */
  public static int[] signature(int[] shingles) {
    if (shingles.length == 0) {
      return new int[0];
    }
    int[] signature = new int[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      long min = Long.MAX_VALUE;
      for (int shingle : shingles) {
        long h = mulMod(A[i], shingle & 0xffffffffL) + B[i];
        if (h >= PRIME) {
          h -= PRIME;
        }
        if (h < min) {
          min = h;
        }
      }
      signature[i] = (int) (min ^ (min >>> 32));
    }
    return signature;
  }

  /** (a * x) mod 2^61-1 without overflow. */
  private static long mulMod(long a, long x) {
    long high = Math.multiplyHigh(a, x);
    long low = a * x;
    long lowBits = low & PRIME;
    long rest = (low >>> 61) | (high << 3);
    long sum = lowBits + rest;
    return sum >= PRIME ? sum - PRIME : sum;
  }

  /** The band bucket keys of a signature, {@code <band>/<hex of its rows>}; none for an empty signature. */
  public static List<String> bandKeys(int[] signature) {
    List<String> keys = new ArrayList<>(BANDS);
    if (signature.length != LENGTH) {
      return keys;
    }
    HexFormat hex = HexFormat.of();
    for (int band = 0; band < BANDS; band++) {
      StringBuilder key = new StringBuilder().append(band).append('/');
      for (int row = 0; row < ROWS; row++) {
        key.append(hex.toHexDigits(signature[band * ROWS + row]));
      }
      keys.add(key.toString());
    }
    return keys;
  }
}
