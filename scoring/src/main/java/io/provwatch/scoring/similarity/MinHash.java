package io.provwatch.scoring.similarity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MinHash signature ({@value #SIGNATURE_ROWS} rows) of a text's word pairs ({@link WordShingles#all}), and its LSH bands,
 * so that near-identical texts meet under a shared band key. With {@value #BANDS} bands of {@value #ROWS}
 * rows, texts whose word pairs overlap by 80% (Jaccard) share a band with probability 95%, and by 94%
 * (one word added to a 16-word text) in 99.9% of cases; those that overlap by 10% in 3% of cases, and
 * such candidates are then told apart by {@link #similarity} on the whole signature. Each band is one
 * object the coordination step stores per post, so the band count is the text's cost in records: three
 * bands of two rows find near-identical texts about as often as the five bands of three rows used before
 * (97% at 80% overlap), with three stored shares per text instead of five.
 */
public final class MinHash {
  public static final int BANDS = 3;
  public static final int ROWS = 2;
  /** Rows of the signature: more than the bands use, so that {@link #similarity} estimates the overlap closely. */
  public static final int SIGNATURE_ROWS = 15;
  /** Signature agreement (an estimate of the word-pair Jaccard similarity) from which two texts are near-identical. */
  public static final double NEAR_IDENTICAL = 0.6;

  private MinHash() {}

  /** The signature of the text's word pairs ({@link WordShingles#all}); empty below {@link TextFingerprint#MIN_WORDS} words. */
  public static Optional<List<Integer>> of(String text) {
    if (TextFingerprint.words(text).length < TextFingerprint.MIN_WORDS) {
      return Optional.empty();
    }
    long[] shingles = WordShingles.all(text);
    List<Integer> signature = new ArrayList<>(SIGNATURE_ROWS);
    for (int row = 0; row < SIGNATURE_ROWS; row++) {
      long salt = StableHash.mix64(row + 1L);
      int min = Integer.MAX_VALUE;
      for (long shingle : shingles) {
        min = Math.min(min, (int) (StableHash.mix64(shingle ^ salt) >>> 33)); // 31 bits: non-negative
      }
      signature.add(min);
    }
    return Optional.of(List.copyOf(signature));
  }

  /** The band keys of a signature, e.g. {@code 2:1a2b3c4d}: band number and a hash of its rows. */
  public static List<String> bands(List<Integer> signature) {
    List<String> bands = new ArrayList<>(BANDS);
    for (int band = 0; band < BANDS; band++) {
      long h = band;
      for (int row = band * ROWS; row < (band + 1) * ROWS; row++) {
        h = StableHash.mix64(h * 31 + signature.get(row));
      }
      bands.add(band + ":" + Long.toHexString(h));
    }
    return bands;
  }

  /** Fraction of the signature rows two texts agree on: an estimate of their word-pair Jaccard similarity. */
  public static double similarity(List<Integer> a, List<Integer> b) {
    int same = 0;
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      if (a.get(i).equals(b.get(i))) {
        same++;
      }
    }
    return n == 0 ? 0 : same / (double) n;
  }
}
