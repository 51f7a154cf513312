package io.provwatch.scoring.aitext;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Two character 5-gram language models, one trained on human and one on machine-written text, over
 * the hashed character n-gram buckets that {@link TextFeatures} already computes: the likelihood
 * signal that zero-shot detectors (DetectGPT, Binoculars) take from a large neural model, here from
 * n-gram counts that a CPU trains in seconds.
 *
 * <p>At each position where a character follows four others, {@code log P(c | the four before)} is
 * estimated under each model as {@code log((n(5-gram) + β) / (n(4-gram) + β·V))} (additive smoothing,
 * V = {@link #ALPHABET}). The {@link LanguageModelFeature}s of a text are the mean of these log
 * probabilities under each model, their mean difference (a log-likelihood ratio per character), and
 * how much the human-model surprise varies along the text.
 *
 * <p>Per bucket the four logarithms a position needs are precomputed side by side in one array, so
 * that a position costs two cache lines (its 5-gram and 4-gram buckets) whatever the models' size.
 */
public final class CharLanguageModel {
  /** Additive smoothing and alphabet size of the estimate. */
  static final double SMOOTHING = 0.5;
  static final int ALPHABET = 40;
  /** Fewer scored positions than this and a text's features are missing (NaN): too little to measure. */
  static final int MIN_POSITIONS = 10;
  private static final int FEATURES = LanguageModelFeature.values().length;

  private final int hashBits;
  private final int[] humanCounts;
  private final int[] machineCounts;
  /** Per bucket: human numerator, human denominator, machine numerator, machine denominator (natural logs). */
  private final float[] logs;

  /**
   * @param humanCounts per character n-gram bucket, its occurrences in human training text (all zero: no model)
   * @param machineCounts the same in machine-written training text
   */
  public CharLanguageModel(int hashBits, int[] humanCounts, int[] machineCounts) {
    if (humanCounts.length != 1 << hashBits || machineCounts.length != 1 << hashBits) {
      throw new IllegalArgumentException("expected " + (1 << hashBits) + " counts per model");
    }
    this.hashBits = hashBits;
    this.humanCounts = humanCounts.clone();
    this.machineCounts = machineCounts.clone();
    this.logs = new float[4 << hashBits];
    for (int b = 0; b < humanCounts.length; b++) {
      logs[4 * b] = (float) Math.log(humanCounts[b] + SMOOTHING);
      logs[4 * b + 1] = (float) Math.log(humanCounts[b] + SMOOTHING * ALPHABET);
      logs[4 * b + 2] = (float) Math.log(machineCounts[b] + SMOOTHING);
      logs[4 * b + 3] = (float) Math.log(machineCounts[b] + SMOOTHING * ALPHABET);
    }
  }

  /** A model with no counts: its features carry no information (every text gets the same values). */
  public static CharLanguageModel empty(int hashBits) {
    return new CharLanguageModel(hashBits, new int[1 << hashBits], new int[1 << hashBits]);
  }

  /** Adds every character n-gram bucket of a text to {@code counts} (training). */
  public static void count(int[] charBuckets, int charCount, int[] counts) {
    for (int i = 0; i < charCount; i++) {
      counts[charBuckets[i]]++;
    }
  }

  /**
   * The {@link LanguageModelFeature}s of a text from its character n-gram buckets in the order
   * {@link TextFeatures} writes them: a 3-, 4- and 5-gram bucket per position while five characters
   * remain, then two and one for the last two positions, so all but the last 3 entries are whole triples.
   */
  public void features(int[] charBuckets, int charCount, double[] out) {
    int positions = 0;
    double human = 0;
    double humanSquares = 0;
    double machine = 0;
    for (int j = 0; j + 3 <= charCount - 3; j += 3) {
      int b4 = charBuckets[j + 1] << 2;
      int b5 = charBuckets[j + 2] << 2;
      double h = logs[b5] - logs[b4 + 1];
      double m = logs[b5 + 2] - logs[b4 + 3];
      human += h;
      humanSquares += h * h;
      machine += m;
      positions++;
    }
    if (positions < MIN_POSITIONS) {
      java.util.Arrays.fill(out, 0, FEATURES, Double.NaN);
      return;
    }
    double humanMean = human / positions;
    double machineMean = machine / positions;
    out[LanguageModelFeature.HUMAN_LOG_PROB.ordinal()] = humanMean;
    out[LanguageModelFeature.MACHINE_LOG_PROB.ordinal()] = machineMean;
    out[LanguageModelFeature.LOG_LIKELIHOOD_RATIO.ordinal()] = machineMean - humanMean;
    out[LanguageModelFeature.HUMAN_SURPRISE_VARIATION.ordinal()] =
        Math.sqrt(Math.max(0, humanSquares / positions - humanMean * humanMean));
  }

  public void features(TextFeatures f, double[] out) {
    features(f.charBuckets(), f.charCount(), out);
  }

  /** A checksum of the counts, for a model's version fingerprint. */
  public double checksum() {
    return 31.0 * java.util.Arrays.hashCode(humanCounts) + java.util.Arrays.hashCode(machineCounts);
  }

  public int hashBits() {
    return hashBits;
  }

  void write(DataOutputStream out) throws IOException {
    for (int c : humanCounts) {
      out.writeInt(c);
    }
    for (int c : machineCounts) {
      out.writeInt(c);
    }
  }

  static CharLanguageModel read(DataInputStream in, int hashBits) throws IOException {
    int[] human = new int[1 << hashBits];
    int[] machine = new int[1 << hashBits];
    for (int i = 0; i < human.length; i++) {
      human[i] = in.readInt();
    }
    for (int i = 0; i < machine.length; i++) {
      machine[i] = in.readInt();
    }
    return new CharLanguageModel(hashBits, human, machine);
  }
}
