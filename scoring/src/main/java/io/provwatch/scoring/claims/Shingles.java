package io.provwatch.scoring.claims;

import com.google.common.hash.Hashing;
import io.provwatch.scoring.TextFingerprint;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * The word shingles of a text: its overlapping runs of {@link #SIZE} words after
 * {@link TextFingerprint#normalise} (case, punctuation, links and mentions gone), each hashed to a
 * stable 32-bit value (MurmurHash3 with a fixed seed: the same on every JVM, so the claim index means
 * the same after a restart). A text shorter than {@link #SIZE} words is one shingle.
 */
public final class Shingles {
  /** Words per shingle: pairs keep some word order yet survive the small rewrites of a paraphrase. */
  public static final int SIZE = 2;

  private static final Set<String> FUNCTION_WORDS = Set.of(
      "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "as", "is", "are", "was",
      "were", "be", "been", "it", "its", "this", "that", "these", "those", "there", "than", "then", "has", "have", "had", "he",
      "she", "they", "we", "you", "i", "his", "her", "their", "our", "not", "no", "do", "does", "did", "will", "would", "can",
      "says", "said", "about", "more", "all", "so", "if", "who", "which", "what");

  private Shingles() {}

  /** The distinct shingle hashes of {@code text}, sorted; empty for a text with no words. */
  public static int[] of(String text) {
    if (text == null) {
      return new int[0];
    }
    String normalised = TextFingerprint.normalise(text);
    if (normalised.isEmpty()) {
      return new int[0];
    }
    String[] words = normalised.split(" ");
    int count = Math.max(1, words.length - SIZE + 1);
    int[] all = new int[count];
    int[] telling = new int[count];
    int tellingCount = 0;
    for (int i = 0; i < count; i++) {
      String[] shingle = Arrays.copyOfRange(words, i, Math.min(words.length, i + SIZE));
      all[i] = Hashing.murmur3_32_fixed().hashString(String.join(" ", shingle), StandardCharsets.UTF_8).asInt();
      if (!Arrays.stream(shingle).allMatch(FUNCTION_WORDS::contains)) {
        telling[tellingCount++] = all[i];
      }
    }
    int[] kept = tellingCount > 0 ? Arrays.copyOf(telling, tellingCount) : all;
    return Arrays.stream(kept).sorted().distinct().toArray();
  }

  /**
   * Containment of {@code claim} in {@code post}: the share of the claim's shingles that the post has
   * too (0..1). Unlike Jaccard it does not fall when the post adds its own words around the claim.
   * Both arrays sorted and distinct, as {@link #of} returns them.
   */
  public static double containment(int[] claim, int[] post) {
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
