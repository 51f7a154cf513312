package io.provwatch.scoring.coordination;

import io.provwatch.scoring.TextFingerprint;
import io.provwatch.scoring.aitext.Hashing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * 64-bit SimHash of a text's normalised words (pairs of neighbouring words as features), and its
 * bands: texts that differ in a few words get fingerprints a few bits apart, and two fingerprints at
 * most {@value #BANDS}-1 bits apart agree on at least one of the {@value #BANDS} 16-bit bands
 * (pigeonhole), so near-duplicates meet under a shared band key.
 */
public final class SimHash {
  public static final int BANDS = 4;
  private static final int BAND_BITS = 64 / BANDS;

  private SimHash() {}

  /** The SimHash of the text's words after {@link TextFingerprint#normalise}; empty below {@link TextFingerprint#MIN_WORDS} words. */
  public static Optional<Long> of(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String normalised = TextFingerprint.normalise(text);
    String[] words = normalised.isEmpty() ? new String[0] : normalised.split(" ");
    if (words.length < TextFingerprint.MIN_WORDS) {
      return Optional.empty();
    }
    int[] votes = new int[64];
    for (int i = 0; i + 1 < words.length; i++) {
      long h = hash(words[i] + ' ' + words[i + 1]);
      for (int bit = 0; bit < 64; bit++) {
        votes[bit] += ((h >>> bit) & 1L) == 1L ? 1 : -1;
      }
    }
    long fingerprint = 0;
    for (int bit = 0; bit < 64; bit++) {
      if (votes[bit] > 0) {
        fingerprint |= 1L << bit;
      }
    }
    return Optional.of(fingerprint);
  }

  /** The band keys of a fingerprint, e.g. {@code 2:03fa}: band number and its 16 bits in hex. */
  public static List<String> bands(long fingerprint) {
    List<String> bands = new ArrayList<>(BANDS);
    for (int band = 0; band < BANDS; band++) {
      long bits = (fingerprint >>> (band * BAND_BITS)) & ((1L << BAND_BITS) - 1);
      bands.add(band + ":" + String.format("%04x", bits));
    }
    return bands;
  }

  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  private static long hash(String feature) {
    long h = Hashing.WORD_SEED;
    for (int i = 0; i < feature.length(); i++) {
      h = Hashing.addChar(h, feature.charAt(i));
    }
    return Hashing.mix64(h);
  }
}
