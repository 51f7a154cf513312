package io.provwatch.scoring.similarity;

/**
 * The one stable hash of scoring: FNV-1a over characters, finished with MurmurHash3's 64-bit mixer.
 * Defined here, not taken from a library or {@code String.hashCode}, so that what is persisted or
 * trained on it (the AI-text model's feature buckets, the MinHash signatures in the coordination
 * stores) means the same on every JVM and in every future version of provwatch.
 */
public final class StableHash {
  public static final long WORD_SEED = 0xcbf29ce484222325L; // FNV-1a offset basis
  private static final long FNV_PRIME = 0x100000001b3L;

  private StableHash() {}

  /** The hash of a whole string: FNV-1a over its characters, mixed. */
  public static long of(String s) {
    long h = WORD_SEED;
    for (int i = 0; i < s.length(); i++) {
      h = addChar(h, s.charAt(i));
    }
    return mix64(h);
  }

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
  public static int bucket(long key, long salt, int bits) {
    return (int) (mix64(key ^ salt) >>> (64 - bits));
  }
}
