package io.provwatch.scoring.aitext;

/**
 * The stable hashes behind the hashed n-gram features: FNV-1a over characters, finished with
 * MurmurHash3's 64-bit mixer. Defined here, not taken from a library or {@code String.hashCode}, so
 * that a model's buckets mean the same on every JVM and in every future version of provwatch.
 */
public final class Hashing {
  public static final long WORD_SEED = 0xcbf29ce484222325L; // FNV-1a offset basis
  private static final long FNV_PRIME = 0x100000001b3L;

  private Hashing() {}

  public static long addChar(long h, char c) {
    return (h ^ c) * FNV_PRIME;
  }

  /** MurmurHash3 fmix64: every input bit affects every output bit. */
  public static long mix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  /** The bucket of a feature key in a space of {@code 1 << bits}; {@code salt} separates feature kinds. */
  static int bucket(long key, long salt, int bits) {
    return (int) (mix64(key ^ salt) >>> (64 - bits));
  }
}
