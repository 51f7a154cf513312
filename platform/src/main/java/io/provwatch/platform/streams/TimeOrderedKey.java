package io.provwatch.platform.streams;

/**
 * Keys of a time index (or of any order by a long, such as offsets) in a key-value store, for finding
 * what is due or expired by a range scan instead of reading the whole store: the time with its sign bit flipped (signed order becomes
 * unsigned order), zero-padded to 20 digits so that strings sort like the times, then {@code |} and
 * the indexed key. {@code of(t, "")} sorts below the key of time {@code t} with any non-empty key,
 * so a range up to it holds the times before {@code t}.
 */
public final class TimeOrderedKey {
  private static final int TIME_DIGITS = 20;

  private TimeOrderedKey() {}

  public static String of(long timeMs, String key) {
    String unsigned = Long.toUnsignedString(timeMs ^ Long.MIN_VALUE);
    return "0".repeat(TIME_DIGITS - unsigned.length()) + unsigned + "|" + key;
  }

  /** The time part of a key made by {@link #of}. */
  public static long timeOf(String indexKey) {
    return Long.parseUnsignedLong(indexKey.substring(0, TIME_DIGITS)) ^ Long.MIN_VALUE;
  }

  /** The indexed key of a key made by {@link #of}. */
  public static String keyOf(String indexKey) {
    return indexKey.substring(TIME_DIGITS + 1);
  }
}
