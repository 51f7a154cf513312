package io.provwatch.app.aitext;

import io.provwatch.scoring.aitext.AiTextModel;
import io.provwatch.scoring.aitext.CharLanguageModel;
import io.provwatch.scoring.aitext.Stylometry;
import io.provwatch.scoring.aitext.TextFeatures;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * L2-regularised logistic regression over {@link TextFeatures}, trained by AdaGrad SGD, then Platt
 * scaling and a decision threshold fitted on held-out calibration texts. Deterministic: a fixed
 * seed shuffles the texts, every sum runs in a fixed order, so the same data and options give the
 * same model bit for bit.
 *
 * <p>Each source corpus weighs the same, and within it both classes weigh the same, so that a large
 * set of tweets does not drown the others and a class imbalance does not shift the bias.
 */
public final class LogisticTrainer {
  public static final String VERSION_PREFIX = "aitext-2-";

  /**
   * @param minChars the shortest text (in {@link TextFeatures#textChars()}) the model will judge
   * @param targetFpr share of human calibration texts allowed at or above the threshold (which is never below 0.5)
   */
  public record Options(int hashBits, int epochs, double learningRate, double l2, long seed, int minChars, double targetFpr,
      FeatureSet features) {
    public static Options defaults() {
      return new Options(18, 6, 0.2, 1e-6, 42, 200, 0.05, FeatureSet.ALL);
    }

    public Options with(FeatureSet other) {
      return new Options(hashBits, epochs, learningRate, l2, seed, minChars, targetFpr, other);
    }
  }

  /**
   * Which weights are learned; the others stay 0 (and without the language models, their counts are
   * not kept). Only for comparing models: the shipped one uses all.
   */
  public enum FeatureSet {
    ALL(Parts.NGRAMS | Parts.STYLOMETRY | Parts.LM), NO_LM(Parts.NGRAMS | Parts.STYLOMETRY), NGRAMS(Parts.NGRAMS),
    STYLOMETRY(Parts.STYLOMETRY), LM(Parts.LM), STYLOMETRY_LM(Parts.STYLOMETRY | Parts.LM);

    /** Bits of the feature groups. */
    private static final class Parts {
      static final int NGRAMS = 1;
      static final int STYLOMETRY = 2;
      static final int LM = 4;
    }

    private final int parts;

    FeatureSet(int parts) {
      this.parts = parts;
    }

    boolean ngrams() {
      return (parts & Parts.NGRAMS) != 0;
    }

    boolean languageModel() {
      return (parts & Parts.LM) != 0;
    }

    /** Whether dense feature {@code j} ({@link AiTextModel#denseId} order) is learned. */
    boolean dense(int j) {
      return (parts & (j < Stylometry.values().length ? Parts.STYLOMETRY : Parts.LM)) != 0;
    }
  }

  /** A text's features, extracted once and reused over epochs and leave-one-out runs. */
  public static final class Encoded {
    final LabelledText text;
    final int[] chars;
    final int[] words;
    final double charValue;
    final double wordValue;
    final double[] dense;
    final int textChars;

    Encoded(LabelledText text, TextFeatures f) {
      this.text = text;
      this.chars = new int[f.charCount()];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = f.charBucket(i);
      }
      this.words = new int[f.wordGramCount()];
      for (int i = 0; i < words.length; i++) {
        words[i] = f.wordBucket(i);
      }
      this.charValue = f.charValue();
      this.wordValue = f.wordValue();
      this.dense = f.dense().clone();
      this.textChars = f.textChars();
    }

    public LabelledText text() {
      return text;
    }

    public int textChars() {
      return textChars;
    }
  }

  private final Options options;
  private final PrintStream progress;

  public LogisticTrainer(Options options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
  }

  public static List<Encoded> encode(List<LabelledText> texts, int hashBits) {
    ThreadLocal<TextFeatures> features = ThreadLocal.withInitial(() -> new TextFeatures(hashBits));
    return texts.parallelStream().map(t -> new Encoded(t, features.get().extract(t.text()))).toList();
  }

  public AiTextModel train(List<Encoded> train, List<Encoded> calibration, String label) {
    int dense = AiTextModel.DENSE;
    CharLanguageModel languageModel = CharLanguageModel.empty(options.hashBits());
    double[][] trainDense;
    if (options.features().languageModel()) {
      // Cross-fitted: a training text's likelihood comes from models built without its half of the
      // groups, or the classifier would learn how well the models remember their own texts
      int[][][] folds = new int[2][2][1 << options.hashBits()];
      int[] fold = new int[train.size()];
      for (int i = 0; i < fold.length; i++) {
        Encoded e = train.get(i);
        fold[i] = Split.bucket(e.text.source() + "\u0000" + e.text.group()) % 2;
        CharLanguageModel.count(e.chars, e.chars.length, folds[fold[i]][e.text.machine() ? 1 : 0]);
      }
      CharLanguageModel[] halves = {new CharLanguageModel(options.hashBits(), folds[1][0], folds[1][1]),
          new CharLanguageModel(options.hashBits(), folds[0][0], folds[0][1])};
      trainDense = new double[train.size()][];
      for (int i = 0; i < fold.length; i++) {
        trainDense[i] = denseOf(train.get(i), halves[fold[i]]);
      }
      int[] human = folds[0][0];
      int[] machine = folds[0][1];
      for (int b = 0; b < human.length; b++) {
        human[b] += folds[1][0][b];
        machine[b] += folds[1][1][b];
      }
      languageModel = new CharLanguageModel(options.hashBits(), human, machine);
    } else {
      trainDense = denseOf(train, languageModel);
    }
    double[][] calibrationDense = denseOf(calibration, languageModel);
    double[] mean = new double[dense];
    double[] std = new double[dense];
    standardisation(trainDense, mean, std);
    double[] weights = sampleWeights(train);

    double[] hashed = new double[1 << options.hashBits()];
    double[] hashedSquares = new double[hashed.length];
    double[] denseWeights = new double[dense];
    double[] denseSquares = new double[dense];
    double bias = 0;
    double biasSquares = 0;
    double lr = options.learningRate();
    double l2 = options.l2();
    double[] z = new double[dense];
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random random = new Random(options.seed());
    for (int epoch = 1; epoch <= options.epochs(); epoch++) {
      long started = System.nanoTime();
      shuffle(order, random);
      double loss = 0;
      double weightSum = 0;
      for (int index : order) {
        Encoded e = train.get(index);
        double[] x = trainDense[index];
        for (int j = 0; j < dense; j++) {
          z[j] = AiTextModel.standardise(x[j], mean[j], std[j]);
        }
        double m = bias + sum(e.chars, hashed) * e.charValue + sum(e.words, hashed) * e.wordValue;
        for (int j = 0; j < dense; j++) {
          m += denseWeights[j] * z[j];
        }
        double y = e.text.machine() ? 1 : 0;
        double p = sigmoid(m);
        double w = weights[index];
        loss += w * logLoss(p, y);
        weightSum += w;
        double g = w * (p - y);
        if (options.features().ngrams()) {
          update(e.chars, g * e.charValue, hashed, hashedSquares, lr, l2);
          update(e.words, g * e.wordValue, hashed, hashedSquares, lr, l2);
        }
        for (int j = 0; j < dense; j++) {
          if (!options.features().dense(j)) {
            continue;
          }
          double grad = g * z[j] + l2 * denseWeights[j];
          denseSquares[j] += grad * grad;
          denseWeights[j] -= lr * grad / (Math.sqrt(denseSquares[j]) + 1e-8);
        }
        biasSquares += g * g;
        bias -= lr * g / (Math.sqrt(biasSquares) + 1e-8);
      }
      progress.printf(Locale.ROOT, "train%s: epoch %d/%d, weighted log loss %.4f (%.1f s)%n", label, epoch, options.epochs(),
          loss / weightSum, (System.nanoTime() - started) / 1e9);
    }

    float[] hashedFloats = new float[hashed.length];
    for (int i = 0; i < hashed.length; i++) {
      hashedFloats[i] = (float) hashed[i];
    }
    double charBaseline = 0;
    double wordBaseline = 0;
    for (Encoded e : train) {
      charBaseline += sum(e.chars, hashedFloats) * e.charValue;
      wordBaseline += sum(e.words, hashedFloats) * e.wordValue;
    }
    charBaseline /= Math.max(1, train.size());
    wordBaseline /= Math.max(1, train.size());
    List<Integer> judged = new ArrayList<>();
    for (int i = 0; i < calibration.size(); i++) {
      if (calibration.get(i).textChars >= options.minChars()) {
        judged.add(i);
      }
    }
    double[] margins = new double[judged.size()];
    boolean[] machine = new boolean[judged.size()];
    String[] datasets = new String[judged.size()];
    for (int i = 0; i < margins.length; i++) {
      Encoded e = calibration.get(judged.get(i));
      margins[i] = margin(e, calibrationDense[judged.get(i)], mean, std, denseWeights, hashedFloats, bias);
      machine[i] = e.text.machine();
      datasets[i] = e.text.dataset();
    }
    double[] platt = platt(margins, machine);
    double[] probabilities = new double[margins.length];
    for (int i = 0; i < margins.length; i++) {
      probabilities[i] = sigmoid(platt[0] * margins[i] + platt[1]);
    }
    double threshold = reportThreshold(probabilities, machine, datasets, options.targetFpr(), label, progress);
    progress.printf(Locale.ROOT, "train%s: Platt a=%.4f b=%.4f on %,d calibration texts, threshold %.4f (at most %.0f %% of the human"
            + " calibration texts of every dataset above it)%n", label, platt[0], platt[1], margins.length, threshold, options.targetFpr() * 100);
    String version = VERSION_PREFIX + fingerprint(hashedFloats, new double[] {bias, platt[0], platt[1], threshold,
        options.minChars(), charBaseline, wordBaseline, languageModel.checksum()}, mean, std, denseWeights);
    return new AiTextModel(version, options.hashBits(), options.minChars(), threshold, platt[0], platt[1], bias,
        charBaseline, wordBaseline, mean, std, denseWeights, hashedFloats, languageModel);
  }

  /** A text's dense features: its stylometric rates, then its language-model features under {@code languageModel}. */
  private static double[] denseOf(Encoded e, CharLanguageModel languageModel) {
    double[] x = new double[AiTextModel.DENSE];
    System.arraycopy(e.dense, 0, x, 0, e.dense.length);
    double[] lm = new double[AiTextModel.DENSE - e.dense.length];
    languageModel.features(e.chars, e.chars.length, lm);
    System.arraycopy(lm, 0, x, e.dense.length, lm.length);
    return x;
  }

  private static double[][] denseOf(List<Encoded> texts, CharLanguageModel languageModel) {
    double[][] x = new double[texts.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = denseOf(texts.get(i), languageModel);
    }
    return x;
  }

  private static double margin(Encoded e, double[] x, double[] mean, double[] std, double[] denseWeights, float[] hashed, double bias) {
    double m = bias + sum(e.chars, hashed) * e.charValue + sum(e.words, hashed) * e.wordValue;
    for (int j = 0; j < mean.length; j++) {
      m += denseWeights[j] * AiTextModel.standardise(x[j], mean[j], std[j]);
    }
    return m;
  }

  private static void standardisation(double[][] train, double[] mean, double[] std) {
    int dense = mean.length;
    double[] sum = new double[dense];
    double[] sumSquares = new double[dense];
    long[] count = new long[dense];
    for (double[] x : train) {
      for (int j = 0; j < dense; j++) {
        double v = x[j];
        if (!Double.isNaN(v)) {
          sum[j] += v;
          sumSquares[j] += v * v;
          count[j]++;
        }
      }
    }
    for (int j = 0; j < dense; j++) {
      mean[j] = count[j] == 0 ? 0 : sum[j] / count[j];
      std[j] = count[j] == 0 ? 0 : Math.sqrt(Math.max(0, sumSquares[j] / count[j] - mean[j] * mean[j]));
    }
  }

  /** Each source weighs the same, each class within it half of that; the mean weight is 1. */
  private static double[] sampleWeights(List<Encoded> train) {
    Map<String, int[]> counts = new HashMap<>();
    for (Encoded e : train) {
      counts.computeIfAbsent(e.text.source(), k -> new int[2])[e.text.machine() ? 1 : 0]++;
    }
    int cells = 0;
    for (int[] c : counts.values()) {
      cells += (c[0] > 0 ? 1 : 0) + (c[1] > 0 ? 1 : 0);
    }
    double[] weights = new double[train.size()];
    for (int i = 0; i < weights.length; i++) {
      Encoded e = train.get(i);
      int n = counts.get(e.text.source())[e.text.machine() ? 1 : 0];
      weights[i] = (double) train.size() / (cells * (double) n);
    }
    return weights;
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  private static double sum(int[] buckets, double[] weights) {
    double s = 0;
    for (int b : buckets) {
      s += weights[b];
    }
    return s;
  }

  private static double sum(int[] buckets, float[] weights) {
    double s = 0;
    for (int b : buckets) {
      s += weights[b];
    }
    return s;
  }

  private static void update(int[] buckets, double gradient, double[] weights, double[] squares, double lr, double l2) {
    for (int b : buckets) {
      double grad = gradient + l2 * weights[b];
      squares[b] += grad * grad;
      weights[b] -= lr * grad / (Math.sqrt(squares[b]) + 1e-8);
    }
  }

  static double sigmoid(double m) {
    return 1.0 / (1.0 + Math.exp(-m));
  }

  private static double logLoss(double p, double y) {
    double clipped = Math.min(1 - 1e-12, Math.max(1e-12, p));
    return -(y * Math.log(clipped) + (1 - y) * Math.log(1 - clipped));
  }

  /**
   * Platt scaling: a and b minimising the log loss of σ(a·margin + b), with Platt's smoothed targets
   * (so that a perfectly separated calibration set does not give infinite slopes); Newton's method
   * with a backtracking line search (Lin, Lin and Weng 2007), which also converges on separable data.
   */
  public static double[] platt(double[] margins, boolean[] machine) {
    int positives = 0;
    for (boolean m : machine) {
      positives += m ? 1 : 0;
    }
    int negatives = machine.length - positives;
    double[] target = new double[margins.length];
    for (int i = 0; i < margins.length; i++) {
      target[i] = machine[i] ? (positives + 1.0) / (positives + 2.0) : 1.0 / (negatives + 2.0);
    }
    double a = 1;
    double b = 0;
    double loss = plattLoss(margins, target, a, b);
    for (int iteration = 0; iteration < 100; iteration++) {
      double ga = 0;
      double gb = 0;
      double haa = 1e-12;
      double hab = 0;
      double hbb = 1e-12;
      for (int i = 0; i < margins.length; i++) {
        double p = sigmoid(a * margins[i] + b);
        double d = p - target[i];
        double s = p * (1 - p);
        ga += d * margins[i];
        gb += d;
        haa += s * margins[i] * margins[i];
        hab += s * margins[i];
        hbb += s;
      }
      if (Math.abs(ga) < 1e-9 && Math.abs(gb) < 1e-9) {
        break;
      }
      double det = haa * hbb - hab * hab;
      double da = -(hbb * ga - hab * gb) / det;
      double db = -(haa * gb - hab * ga) / det;
      double slope = ga * da + gb * db;
      double step = 1;
      while (step >= 1e-10) {
        double candidate = plattLoss(margins, target, a + step * da, b + step * db);
        if (candidate < loss + 1e-4 * step * slope) {
          a += step * da;
          b += step * db;
          loss = candidate;
          break;
        }
        step /= 2;
      }
      if (step < 1e-10) {
        break; // no step improves: at the minimum within floating-point precision
      }
    }
    return new double[] {a, b};
  }

  private static double plattLoss(double[] margins, double[] target, double a, double b) {
    double loss = 0;
    for (int i = 0; i < margins.length; i++) {
      double z = a * margins[i] + b;
      double log1pExp = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      loss += log1pExp - target[i] * z;
    }
    return loss;
  }

  /** The lowest probability (never below 0.5) at or above which at most {@code fpr} of the human texts fall. */
  static double threshold(double[] probabilities, boolean[] machine, double fpr) {
    return threshold(probabilities, machine, new String[probabilities.length], fpr);
  }

  /** A dataset with fewer human calibration texts than this does not set the threshold on its own (too noisy). */
  static final int MIN_DATASET_HUMANS = 25;

  /**
   * The lowest probability (never below 0.5) at or above which at most {@code fpr} of the human texts
   * fall, in every dataset with at least {@link #MIN_DATASET_HUMANS} human texts and over all human
   * texts together: the threshold holds for the hardest domain, not only on average, since in a stream
   * the domains do not come in the proportions of the calibration split.
   */
  static double threshold(double[] probabilities, boolean[] machine, String[] datasets, double fpr) {
    return thresholdByDataset(probabilities, machine, datasets, fpr).get(0).getValue();
  }

  /**
   * The threshold ({@link #threshold(double[], boolean[], String[], double)}) under the key "", then
   * each dataset that counts with the threshold it alone would need, the highest first: the first
   * of them is the domain that sets the threshold.
   */
  static List<Map.Entry<String, Double>> thresholdByDataset(double[] probabilities, boolean[] machine, String[] datasets,
      double fpr) {
    Map<String, List<Double>> humansByDataset = new java.util.TreeMap<>();
    List<Double> humans = new ArrayList<>();
    for (int i = 0; i < probabilities.length; i++) {
      if (!machine[i]) {
        humans.add(probabilities[i]);
        if (datasets[i] != null) {
          humansByDataset.computeIfAbsent(datasets[i], k -> new ArrayList<>()).add(probabilities[i]);
        }
      }
    }
    List<Map.Entry<String, Double>> out = new ArrayList<>();
    if (humans.isEmpty()) {
      out.add(Map.entry("", 0.5));
      return out;
    }
    double t = quantileAbove(humans, fpr);
    List<Map.Entry<String, Double>> perDataset = new ArrayList<>();
    for (Map.Entry<String, List<Double>> dataset : humansByDataset.entrySet()) {
      if (dataset.getValue().size() >= MIN_DATASET_HUMANS) {
        double q = quantileAbove(dataset.getValue(), fpr);
        perDataset.add(Map.entry(dataset.getKey(), q));
        t = Math.max(t, q);
      }
    }
    perDataset.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    out.add(Map.entry("", Math.min(0.999, Math.max(0.5, t))));
    out.addAll(perDataset);
    return out;
  }

  /** The lowest value at or above which at most {@code fpr} of {@code values} fall. */
  private static double quantileAbove(List<Double> values, double fpr) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int allowed = (int) Math.floor(fpr * sorted.size());
    return Math.nextUp(sorted.get(sorted.size() - 1 - allowed));
  }

  /** The threshold, after printing the domains that would need the highest ones alone (the first sets it). */
  static double reportThreshold(double[] probabilities, boolean[] machine, String[] datasets, double fpr, String label,
      PrintStream progress) {
    List<Map.Entry<String, Double>> byDataset = thresholdByDataset(probabilities, machine, datasets, fpr);
    progress.printf(Locale.ROOT, "train%s: the threshold each domain alone would need, highest first: %s%n", label,
        byDataset.stream().skip(1).limit(5).map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue()))
            .collect(java.util.stream.Collectors.joining(", ")));
    return byDataset.get(0).getValue();
  }

  /** The first 4 bytes of the SHA-256 of every parameter: a model's version changes whenever its output can. */
  static String fingerprint(float[] hashed, double[]... parameters) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      int doubles = 0;
      for (double[] p : parameters) {
        doubles += p.length;
      }
      ByteBuffer buffer = ByteBuffer.allocate(8 * doubles + 4 * hashed.length);
      for (double[] p : parameters) {
        for (double v : p) {
          buffer.putDouble(v);
        }
      }
      for (float w : hashed) {
        buffer.putFloat(w);
      }
      return HexFormat.of().formatHex(sha.digest(buffer.array()), 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
