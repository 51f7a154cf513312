package io.provwatch.scoring.similarity;

import java.util.Arrays;
import java.util.Set;

/**
 * The one shingler of scoring: the overlapping word pairs of a text after {@link TextFingerprint#normalise}
 * (case, punctuation, links and mentions gone), each hashed with {@link StableHash}, sorted and distinct.
 * Pairs keep some word order yet survive the small rewrites of a paraphrase. {@link #all} feeds the
 * near-duplicate {@link MinHash} of coordination; {@link #telling} and {@link #containment} the claim
 * matcher, which needs the pairs that say something.
 */
public final class WordShingles {
  /** Words per shingle. */
  public static final int SIZE = 2;

  private static final Set<String> FUNCTION_WORDS = Set.of(
      "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "as", "is", "are", "was",
      "were", "be", "been", "it", "its", "this", "that", "these", "those", "there", "than", "then", "has", "have", "had", "he",
      "she", "they", "we", "you", "i", "his", "her", "their", "our", "not", "no", "do", "does", "did", "will", "would", "can",
      "says", "said", "about", "more", "all", "so", "if", "who", "which", "what");

  private WordShingles() {}

  /** Every word pair of the text; none for a text of fewer than two words. */
  public static long[] all(String text) {
    String[] words = TextFingerprint.words(text);
    long[] pairs = new long[Math.max(0, words.length - 1)];
    for (int i = 0; i < pairs.length; i++) {
      pairs[i] = StableHash.of(words[i] + ' ' + words[i + 1]);
    }
    return Arrays.stream(pairs).sorted().distinct().toArray();
  }

  /**
   * The word pairs that are not function words only (all of them when every pair is); a text of one
   * word is that word. None for a text with no words.
   */
  public static long[] telling(String text) {
    String[] words = TextFingerprint.words(text);
    if (words.length == 0) {
      return new long[0];
    }
    if (words.length < SIZE) {
      return new long[] {StableHash.of(words[0])};
    }
    long[] all = new long[words.length - 1];
    long[] telling = new long[all.length];
    int tellingCount = 0;
    for (int i = 0; i < all.length; i++) {
      all[i] = StableHash.of(words[i] + ' ' + words[i + 1]);
      if (!(FUNCTION_WORDS.contains(words[i]) && FUNCTION_WORDS.contains(words[i + 1]))) {
        telling[tellingCount++] = all[i];
      }
    }
    long[] kept = tellingCount > 0 ? Arrays.copyOf(telling, tellingCount) : all;
    return Arrays.stream(kept).sorted().distinct().toArray();
  }

  /**
   * Containment of {@code claim} in {@code post}: the share of the claim's shingles that the post has
   * too (0..1). Unlike Jaccard it does not fall when the post adds its own words around the claim.
   * Both sorted and distinct, as this class returns them.
   */
  public static double containment(long[] claim, long[] post) {
    if (claim.length == 0) {
      return 0.0;
    }
    int shared = 0;
    int i = 0;
    int j = 0;
    while (i < claim.length && j < post.length) {
      if (claim[i] == post[j]) {
        shared++;
        i++;
        j++;
      } else if (claim[i] < post[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (double) shared / claim.length;
  }
}
