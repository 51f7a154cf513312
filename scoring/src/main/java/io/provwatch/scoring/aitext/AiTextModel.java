package io.provwatch.scoring.aitext;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A trained first-tier detector: logistic regression over {@link TextFeatures} (hashed n-gram
 * weights, standardised stylometric weights, a bias) and over the {@link LanguageModelFeature}s of
 * its {@link CharLanguageModel} (character-level likelihood under models of human and of machine
 * writing), Platt calibration of its margin into a
 * probability, the decision threshold chosen at training, the minimum text length it judges, and a
 * version string that is recorded in every assessment. Immutable and thread-safe; scoring is pure
 * arithmetic in a fixed order, so the same text and model always give the same probability.
 *
 * <p>File format (gzip of big-endian {@code DataOutput}): magic, format, version, feature-set
 * version, hash bits, min chars, threshold, Platt a and b, bias, the mean character and word n-gram
 * contributions over the training texts (the baseline of explanations), per dense feature (the
 * stylometric ones, then the language-model ones) its id, mean, standard deviation and weight, the
 * {@code 1 << hashBits} n-gram weights as floats, then the language models' counts.
 */
public final class AiTextModel {
  public static final String DEFAULT_RESOURCE = "/models/aitext-default.bin.gz";
  private static final int MAGIC = 0x50574149; // "PWAI"
  private static final int FORMAT = 2;
  /** Dense features: the stylometric rates, then the language-model features. */
  public static final int DENSE = Stylometry.values().length + LanguageModelFeature.values().length;
  /** Standardised values are clipped to this many standard deviations: one odd text must not dominate. */
  static final double CLIP = 5.0;

  private final String version;
  private final int hashBits;
  private final int minChars;
  private final double threshold;
  private final double plattA;
  private final double plattB;
  private final double bias;
  private final double charBaseline;
  private final double wordBaseline;
  private final double[] denseMean;
  private final double[] denseStd;
  private final double[] denseWeights;
  private final float[] hashedWeights;
  private final CharLanguageModel languageModel;

  /**
   * @param threshold calibrated probability from which a text is called machine-written
   * @param charBaseline mean of {@code charValue · Σ weights} over the training texts (same for words)
   */
  public AiTextModel(String version, int hashBits, int minChars, double threshold, double plattA, double plattB, double bias,
      double charBaseline, double wordBaseline, double[] denseMean, double[] denseStd, double[] denseWeights, float[] hashedWeights,
      CharLanguageModel languageModel) {
    if (denseMean.length != DENSE || denseStd.length != DENSE || denseWeights.length != DENSE) {
      throw new IllegalArgumentException("expected " + DENSE + " dense feature means, deviations and weights");
    }
    if (languageModel.hashBits() != hashBits) {
      throw new IllegalArgumentException("the language models use " + languageModel.hashBits() + " hash bits, the model " + hashBits);
    }
    if (hashedWeights.length != 1 << hashBits) {
      throw new IllegalArgumentException("expected " + (1 << hashBits) + " n-gram weights, got " + hashedWeights.length);
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be within (0, 1), got " + threshold);
    }
    this.version = version;
    this.hashBits = hashBits;
    this.minChars = minChars;
    this.threshold = threshold;
    this.plattA = plattA;
    this.plattB = plattB;
    this.bias = bias;
    this.charBaseline = charBaseline;
    this.wordBaseline = wordBaseline;
    this.denseMean = denseMean.clone();
    this.denseStd = denseStd.clone();
    this.denseWeights = denseWeights.clone();
    this.hashedWeights = hashedWeights.clone();
    this.languageModel = languageModel;
  }

  /**
   * The single model equal to a stack of two: {@code σ(c + a·margin_ngrams + b·margin_dense)}, where
   * {@code ngrams} learned only n-gram weights and {@code dense} only dense weights (over the same
   * training texts). Both margins are linear, so the stack is one linear model: scaled weights, the
   * dense model's standardisation and language models, and a Platt step of identity, since the stack
   * was fitted on calibration texts and is already a calibrated probability.
   */
  public static AiTextModel stacked(String version, AiTextModel ngrams, AiTextModel dense, double a, double b, double c,
      double threshold) {
    if (ngrams.hashBits != dense.hashBits || ngrams.minChars != dense.minChars) {
      throw new IllegalArgumentException("stacked models must share hash size and minimum length");
    }
    for (double w : ngrams.denseWeights) {
      if (w != 0) {
        throw new IllegalArgumentException("the n-gram model " + ngrams.version + " has dense weights");
      }
    }
    for (float w : dense.hashedWeights) {
      if (w != 0) {
        throw new IllegalArgumentException("the dense model " + dense.version + " has n-gram weights");
      }
    }
    // each model's margin includes its own Platt-free bias; the stack weighs the margins
    float[] hashed = new float[ngrams.hashedWeights.length];
    for (int i = 0; i < hashed.length; i++) {
      hashed[i] = (float) (a * ngrams.hashedWeights[i]);
    }
    double[] denseWeights = new double[DENSE];
    for (int j = 0; j < DENSE; j++) {
      denseWeights[j] = b * dense.denseWeights[j];
    }
    return new AiTextModel(version, ngrams.hashBits, ngrams.minChars, threshold, 1, 0, c + a * ngrams.bias + b * dense.bias,
        a * ngrams.charBaseline, a * ngrams.wordBaseline, dense.denseMean, dense.denseStd, denseWeights, hashed, dense.languageModel);
  }

  /** The model shipped in the jar, loaded once. */
  public static AiTextModel defaultModel() {
    return DefaultHolder.MODEL;
  }

  private static final class DefaultHolder {
    static final AiTextModel MODEL = loadResource(DEFAULT_RESOURCE);
  }

  static AiTextModel loadResource(String resource) {
    try (InputStream in = AiTextModel.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("AI-text model resource " + resource + " is missing from the classpath");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read AI-text model resource " + resource + ": " + e.getMessage(), e);
    }
  }

  public static AiTextModel load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  public static AiTextModel read(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw)));
    if (in.readInt() != MAGIC) {
      throw new IOException("not a provwatch AI-text model (bad magic number)");
    }
    int format = in.readInt();
    if (format != FORMAT) {
      throw new IOException("AI-text model format " + format + " is not supported (this provwatch reads format " + FORMAT + ")");
    }
    String version = in.readUTF();
    int featureSet = in.readInt();
    if (featureSet != TextFeatures.FEATURE_SET_VERSION) {
      throw new IOException("model " + version + " was trained on feature set " + featureSet + ", this provwatch computes "
          + TextFeatures.FEATURE_SET_VERSION + ": retrain it with `provwatch model train`");
    }
    int hashBits = in.readInt();
    int minChars = in.readInt();
    double threshold = in.readDouble();
    double plattA = in.readDouble();
    double plattB = in.readDouble();
    double bias = in.readDouble();
    double charBaseline = in.readDouble();
    double wordBaseline = in.readDouble();
    int dense = in.readInt();
    if (dense != DENSE) {
      throw new IOException("model " + version + " has " + dense + " dense features, expected " + DENSE);
    }
    double[] mean = new double[dense];
    double[] std = new double[dense];
    double[] weights = new double[dense];
    for (int i = 0; i < dense; i++) {
      String id = in.readUTF();
      if (!id.equals(denseId(i))) {
        throw new IOException("model " + version + " has dense feature '" + id + "' where '" + denseId(i) + "' was expected");
      }
      mean[i] = in.readDouble();
      std[i] = in.readDouble();
      weights[i] = in.readDouble();
    }
    if (hashBits < 8 || hashBits > 26) {
      throw new IOException("model " + version + " has an invalid hash size of " + hashBits + " bits");
    }
    float[] hashed = new float[1 << hashBits];
    for (int i = 0; i < hashed.length; i++) {
      hashed[i] = in.readFloat();
    }
    CharLanguageModel languageModel = CharLanguageModel.read(in, hashBits);
    return new AiTextModel(version, hashBits, minChars, threshold, plattA, plattB, bias, charBaseline, wordBaseline, mean, std, weights, hashed,
        languageModel);
  }

  public void write(OutputStream raw) throws IOException {
    GZIPOutputStream gzip = new GZIPOutputStream(raw, 1 << 16);
    DataOutputStream out = new DataOutputStream(gzip);
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeUTF(version);
    out.writeInt(TextFeatures.FEATURE_SET_VERSION);
    out.writeInt(hashBits);
    out.writeInt(minChars);
    out.writeDouble(threshold);
    out.writeDouble(plattA);
    out.writeDouble(plattB);
    out.writeDouble(bias);
    out.writeDouble(charBaseline);
    out.writeDouble(wordBaseline);
    out.writeInt(DENSE);
    for (int i = 0; i < DENSE; i++) {
      out.writeUTF(denseId(i));
      out.writeDouble(denseMean[i]);
      out.writeDouble(denseStd[i]);
      out.writeDouble(denseWeights[i]);
    }
    for (float w : hashedWeights) {
      out.writeFloat(w);
    }
    languageModel.write(out);
    out.flush();
    gzip.finish();
  }

  public void save(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(out);
    }
  }

  /** A stylometric value as the model sees it: standardised, clipped, 0 (the mean) where missing. */
  public static double standardise(double value, double mean, double std) {
    if (Double.isNaN(value) || !(std > 0)) {
      return 0;
    }
    return Math.max(-CLIP, Math.min(CLIP, (value - mean) / std));
  }

  /** Sum of the weights of the character n-grams times their value. */
  public static double charSum(TextFeatures f, float[] weights) {
    double sum = 0;
    for (int i = 0, n = f.charCount(); i < n; i++) {
      sum += weights[f.charBucket(i)];
    }
    return sum * f.charValue();
  }

  /** Sum of the weights of the word n-grams times their value. */
  public static double wordSum(TextFeatures f, float[] weights) {
    double sum = 0;
    for (int i = 0, n = f.wordGramCount(); i < n; i++) {
      sum += weights[f.wordBucket(i)];
    }
    return sum * f.wordValue();
  }

  /** Stable name of dense feature {@code i} (a stylometric rate, then a language-model feature), as written in model files. */
  public static String denseId(int i) {
    return i < STYLOMETRY.length ? STYLOMETRY[i].id() : LANGUAGE_MODEL[i - STYLOMETRY.length].text().id();
  }

  private static String describeDense(int i, boolean above) {
    return i < STYLOMETRY.length ? STYLOMETRY[i].describe(above) : LANGUAGE_MODEL[i - STYLOMETRY.length].text().describe(above);
  }

  // values() copies its array on every call; explanations look features up per post
  private static final Stylometry[] STYLOMETRY = Stylometry.values();
  private static final LanguageModelFeature[] LANGUAGE_MODEL = LanguageModelFeature.values();

  /** The dense feature values of a text, in {@link #denseId} order (NaN where missing). */
  public double[] dense(TextFeatures f) {
    double[] values = new double[DENSE];
    double[] stylometric = f.dense();
    System.arraycopy(stylometric, 0, values, 0, stylometric.length);
    double[] lm = new double[LANGUAGE_MODEL.length];
    languageModel.features(f, lm);
    System.arraycopy(lm, 0, values, stylometric.length, lm.length);
    return values;
  }

  /** The uncalibrated log-odds of machine-written text. */
  public double margin(TextFeatures f) {
    checkFeatures(f);
    return margin(f, dense(f));
  }

  /** The margin with the text's {@link #dense} values already computed (the scorer needs them twice). */
  public double margin(TextFeatures f, double[] dense) {
    checkFeatures(f);
    double m = bias + charSum(f, hashedWeights) + wordSum(f, hashedWeights);
    for (int i = 0; i < dense.length; i++) {
      m += denseWeights[i] * standardise(dense[i], denseMean[i], denseStd[i]);
    }
    return m;
  }

  /** Calibrated probability that the text is machine-written. */
  public double probability(TextFeatures f) {
    return calibrate(margin(f));
  }

  public double probability(TextFeatures f, double[] dense) {
    return calibrate(margin(f, dense));
  }

  public double calibrate(double margin) {
    return 1.0 / (1.0 + Math.exp(-(plattA * margin + plattB)));
  }

  private void checkFeatures(TextFeatures f) {
    if (f.hashBits() != hashBits) {
      throw new IllegalArgumentException("features hashed into " + f.hashBits() + " bits, model " + version + " uses " + hashBits);
    }
  }

  /** What moved a text's margin away from that of an average training text, largest first. */
  public List<Contribution> contributions(TextFeatures f) {
    return contributions(f, dense(f));
  }

  /** {@link #contributions(TextFeatures)} with the text's {@link #dense} values already computed. */
  public List<Contribution> contributions(TextFeatures f, double[] dense) {
    checkFeatures(f);
    List<Contribution> all = new ArrayList<>(DENSE + 2);
    for (int i = 0; i < dense.length; i++) {
      double z = standardise(dense[i], denseMean[i], denseStd[i]);
      double amount = denseWeights[i] * z;
      if (amount != 0) {
        all.add(new Contribution(denseId(i), describeDense(i, z > 0), amount));
      }
    }
    double chars = charSum(f, hashedWeights) - charBaseline;
    all.add(new Contribution("character-ngrams", "character patterns (spelling, punctuation, spacing)", chars));
    double words = wordSum(f, hashedWeights) - wordBaseline;
    all.add(new Contribution("word-ngrams", wording(f, words > 0), words));
    all.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.amount())).thenComparing(Contribution::feature));
    return all;
  }

  /** "wording such as 'a', 'b'": the two word n-grams of the text that pushed most in that direction. */
  private String wording(TextFeatures f, boolean towardsMachine) {
    int best = -1;
    int second = -1;
    double bestWeight = 0;
    double secondWeight = 0;
    for (int i = 0, n = f.wordGramCount(); i < n; i++) {
      double w = towardsMachine ? hashedWeights[f.wordBucket(i)] : -hashedWeights[f.wordBucket(i)];
      if (w > bestWeight) {
        second = best;
        secondWeight = bestWeight;
        best = i;
        bestWeight = w;
      } else if (w > secondWeight && (best < 0 || !f.wordGramText(i).equals(f.wordGramText(best)))) {
        second = i;
        secondWeight = w;
      }
    }
    if (best < 0) {
      return "its wording";
    }
    return "wording such as '" + f.wordGramText(best) + "'" + (second < 0 ? "" : ", '" + f.wordGramText(second) + "'");
  }

  /**
   * One feature's share of a text's margin, relative to an average training text.
   *
   * @param amount log-odds it adds (positive: towards machine-written)
   */
  public record Contribution(String feature, String description, double amount) {}

  public String version() {
    return version;
  }

  public int hashBits() {
    return hashBits;
  }

  public int minChars() {
    return minChars;
  }

  public double threshold() {
    return threshold;
  }
}
