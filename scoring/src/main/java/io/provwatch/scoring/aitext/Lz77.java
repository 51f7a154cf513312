package io.provwatch.scoring.aitext;

import io.provwatch.scoring.similarity.StableHash;

/**
 * A compression ratio without a compressor: a greedy LZ77 parse (matches of 4 or more characters
 * found through a hash of the last occurrence of each 4-gram) costed as 1 per literal and 3 per
 * match. It tracks what zlib's ratio measures — how much of a text repeats itself — but is pure Java
 * and allocation-free, so it is the same on every platform (the JDK's zlib is the system's on some)
 * and costs a few hundred nanoseconds for a post.
 */
final class Lz77 {
  private static final int MIN_MATCH = 4;
  private static final int TABLE_BITS = 12;
  private final int[] lastPosition = new int[1 << TABLE_BITS];
  private final int[] stamp = new int[1 << TABLE_BITS];
  private int generation;

  /** Cost of the parse divided by the length: about 1 for text without repeats, lower the more repeats. */
  double ratio(char[] text, int length) {
    generation++;
    double cost = 0;
    int i = 0;
    while (i < length) {
      if (i + MIN_MATCH > length) {
        cost += length - i;
        break;
      }
      int slot = slot(text, i);
      int candidate = stamp[slot] == generation ? lastPosition[slot] : -1;
      stamp[slot] = generation;
      lastPosition[slot] = i;
      int match = 0;
      if (candidate >= 0) {
        while (i + match < length && text[candidate + match] == text[i + match]) {
          match++;
        }
      }
      if (match >= MIN_MATCH) {
        cost += 3;
        i += match;
      } else {
        cost += 1;
        i++;
      }
    }
    return cost / length;
  }

  private static int slot(char[] text, int i) {
    long h = StableHash.WORD_SEED;
    for (int k = 0; k < MIN_MATCH; k++) {
      h = StableHash.addChar(h, text[i + k]);
    }
    return (int) (StableHash.mix64(h) >>> (64 - TABLE_BITS));
  }
}
