package io.provwatch.scoring.claims;

import com.google.common.hash.Hashing;
import io.provwatch.scoring.TextFingerprint;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The word shingles of a text: its overlapping runs of {@link #SIZE} words after
 * {@link TextFingerprint#normalise} (case, punctuation, links and mentions gone), each hashed to a
 * stable 32-bit value (MurmurHash3 with a fixed seed: the same on every JVM, so the claim index means
 * the same after a restart). A text shorter than {@link #SIZE} words is one shingle.
 */
public final class Shingles {
  /** Words per shingle: pairs keep some word order yet survive the small rewrites of a paraphrase. */
  public static final int SIZE = 2;

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
    int[] hashes = new int[count];
    for (int i = 0; i < count; i++) {
      String shingle = String.join(" ", Arrays.copyOfRange(words, i, Math.min(words.length, i + SIZE)));
      hashes[i] = Hashing.murmur3_32_fixed().hashString(shingle, StandardCharsets.UTF_8).asInt();
    }
    return Arrays.stream(hashes).sorted().distinct().toArray();
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
