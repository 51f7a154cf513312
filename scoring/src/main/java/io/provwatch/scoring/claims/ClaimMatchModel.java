package io.provwatch.scoring.claims;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The claim matcher's re-ranker and decision: logistic regression over the standardised
 * {@link MatchFeatures} of a (post, candidate) pair, Platt scaling of its margin into the probability
 * that the post repeats that claim, and the decision ({@link #decides}): the claim-lookup step attaches
 * a match when the probability reaches the threshold (calibrated at training, see {@code provwatch model
 * train-claims}) and the post does not refute or merely report the claim. Also how many BM25 candidates
 * are re-ranked, and the {@link ReferenceStatistics} the features are computed with. Immutable; scoring is arithmetic in a fixed order, so the same pair
 * always gets the same probability.
 *
 * <p>File format: UTF-8 text, one {@code key=value} a line, {@code #} comments (the training data and
 * figures): {@code format}, {@code version}, {@code features.version}, {@code candidates}, {@code bias},
 * {@code platt.a}, {@code platt.b}, {@code threshold}, then
 * {@code feature.<name>=mean,std,weight} for every feature in {@link MatchFeatures#NAMES} order, then the
 * reference statistics: {@code statistics.documents}, {@code statistics.claim.length},
 * {@code statistics.title.length} and one {@code df.<stem>=<documents>} a stem. Doubles are written so
 * they read back bit for bit.
 */
public final class ClaimMatchModel {
  public static final String DEFAULT_RESOURCE = "/models/claims-default.txt";
  static final int FORMAT = 2;
  /** Standardised values are clipped to this many standard deviations. */
  static final double CLIP = 6.0;

  private final String version;
  private final int candidates;
  private final double bias;
  private final double plattA;
  private final double plattB;
  private final double threshold;
  private final double[] mean;
  private final double[] std;
  private final double[] weights;
  private final ReferenceStatistics statistics;
  private final List<String> comments;

  public ClaimMatchModel(String version, int candidates, double bias, double plattA, double plattB, double threshold,
      double[] mean, double[] std, double[] weights, ReferenceStatistics statistics, List<String> comments) {
    if (mean.length != MatchFeatures.COUNT || std.length != MatchFeatures.COUNT || weights.length != MatchFeatures.COUNT) {
      throw new IllegalArgumentException("expected " + MatchFeatures.COUNT + " feature means, deviations and weights");
    }
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates must be at least 1, got " + candidates);
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be within (0, 1), got " + threshold);
    }
    this.version = version;
    this.candidates = candidates;
    this.bias = bias;
    this.plattA = plattA;
    this.plattB = plattB;
    this.threshold = threshold;
    this.mean = mean.clone();
    this.std = std.clone();
    this.weights = weights.clone();
    this.statistics = statistics;
    this.comments = List.copyOf(comments);
  }

  /** The model shipped in the jar, loaded once. */
  public static ClaimMatchModel defaultModel() {
    return DefaultHolder.MODEL;
  }

  private static final class DefaultHolder {
    static final ClaimMatchModel MODEL = loadResource(DEFAULT_RESOURCE);
  }

  static ClaimMatchModel loadResource(String resource) {
    try (InputStream in = ClaimMatchModel.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("claim-match model resource " + resource + " is missing from the classpath");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read claim-match model resource " + resource + ": " + e.getMessage(), e);
    }
  }

  public static ClaimMatchModel load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  public static ClaimMatchModel read(InputStream raw) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Integer> documentFrequency = new TreeMap<>();
    List<String> comments = new ArrayList<>();
    BufferedReader lines = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8));
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.startsWith("#")) {
        comments.add(line.substring(1).strip());
      } else if (!line.isBlank()) {
        int eq = line.indexOf('=');
        if (eq < 0) {
          throw new IOException("not a claim-match model line (no '='): " + line);
        }
        String key = line.substring(0, eq).strip();
        if (key.startsWith("df.")) {
          documentFrequency.put(key.substring(3), Integer.parseInt(line.substring(eq + 1).strip()));
        } else {
          values.put(key, line.substring(eq + 1).strip());
        }
      }
    }
    if (!String.valueOf(FORMAT).equals(values.get("format"))) {
      throw new IOException("claim-match model format " + values.get("format") + " is not supported (this provwatch reads " + FORMAT + ")");
    }
    String version = required(values, "version");
    int features = Integer.parseInt(required(values, "features.version"));
    if (features != MatchFeatures.VERSION) {
      throw new IOException("claim-match model " + version + " was trained on feature set " + features + ", this provwatch computes "
          + MatchFeatures.VERSION + ": retrain it with `provwatch model train-claims`");
    }
    double[] mean = new double[MatchFeatures.COUNT];
    double[] std = new double[MatchFeatures.COUNT];
    double[] weights = new double[MatchFeatures.COUNT];
    for (int i = 0; i < MatchFeatures.COUNT; i++) {
      String[] parts = required(values, "feature." + MatchFeatures.NAMES.get(i)).split(",");
      if (parts.length != 3) {
        throw new IOException("feature." + MatchFeatures.NAMES.get(i) + " must be mean,std,weight");
      }
      mean[i] = Double.parseDouble(parts[0]);
      std[i] = Double.parseDouble(parts[1]);
      weights[i] = Double.parseDouble(parts[2]);
    }
    ReferenceStatistics statistics = new ReferenceStatistics(Integer.parseInt(required(values, "statistics.documents")),
        Double.parseDouble(required(values, "statistics.claim.length")), Double.parseDouble(required(values, "statistics.title.length")),
        documentFrequency);
    return new ClaimMatchModel(version, Integer.parseInt(required(values, "candidates")), Double.parseDouble(required(values, "bias")),
        Double.parseDouble(required(values, "platt.a")), Double.parseDouble(required(values, "platt.b")),
        Double.parseDouble(required(values, "threshold")), mean, std, weights,
        statistics, comments);
  }

  private static String required(Map<String, String> values, String key) throws IOException {
    String value = values.get(key);
    if (value == null || value.isEmpty()) {
      throw new IOException("claim-match model lacks '" + key + "'");
    }
    return value;
  }

  public void write(Writer out) throws IOException {
    for (String comment : comments) {
      out.write("# " + comment + "\n");
    }
    out.write("format=" + FORMAT + "\n");
    out.write("version=" + version + "\n");
    out.write("features.version=" + MatchFeatures.VERSION + "\n");
    out.write("candidates=" + candidates + "\n");
    out.write("bias=" + bias + "\n");
    out.write("platt.a=" + plattA + "\n");
    out.write("platt.b=" + plattB + "\n");
    out.write("threshold=" + threshold + "\n");
    for (int i = 0; i < MatchFeatures.COUNT; i++) {
      out.write("feature." + MatchFeatures.NAMES.get(i) + "=" + mean[i] + "," + std[i] + "," + weights[i] + "\n");
    }
    out.write("statistics.documents=" + statistics.documents() + "\n");
    out.write("statistics.claim.length=" + statistics.averageClaimLength() + "\n");
    out.write("statistics.title.length=" + statistics.averageTitleLength() + "\n");
    for (Map.Entry<String, Integer> df : statistics.documentFrequencies().entrySet()) {
      out.write("df." + df.getKey() + "=" + df.getValue() + "\n");
    }
    out.flush();
  }

  public void save(Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(out);
    }
  }

  /** A feature value as the model sees it: standardised and clipped, 0 where the deviation is 0. */
  public static double standardise(double value, double mean, double std) {
    if (Double.isNaN(value) || !(std > 0)) {
      return 0;
    }
    return Math.max(-CLIP, Math.min(CLIP, (value - mean) / std));
  }

  /** The uncalibrated log-odds that the post repeats the claim. */
  public double margin(double[] features) {
    double m = bias;
    for (int i = 0; i < MatchFeatures.COUNT; i++) {
      m += weights[i] * standardise(features[i], mean[i], std[i]);
    }
    return m;
  }

  /** The calibrated probability that the post repeats the claim. */
  public double probability(double[] features) {
    return 1.0 / (1.0 + Math.exp(-(plattA * margin(features) + plattB)));
  }

  /**
   * Whether a candidate with these features and this probability is taken for a match: the probability reaches the
   * threshold and the post does not refute or report the claim ({@code post.refutes}: "no plans to close ...", "this is
   * not true", "posts claiming ..."). The benchmarks cannot teach the second part (their tweets that say "not" or "claims"
   * are judged repetitions as often as the others), and a fact-checker's or a council's denial of a false claim is what an
   * analyst needs no alert for; docs/disinformation.md has what it costs on the benchmarks.
   */
  public boolean decides(double probability, double[] features) {
    return probability >= threshold && features[MatchFeatures.POST_REFUTES] == 0;
  }

  /** The model with another threshold (and the same version: the threshold is a setting, recorded in the config hash). */
  public ClaimMatchModel withThreshold(double threshold) {
    return new ClaimMatchModel(version, candidates, bias, plattA, plattB, threshold, mean, std, weights, statistics, comments);
  }

  public String version() {
    return version;
  }

  public int candidates() {
    return candidates;
  }

  public double threshold() {
    return threshold;
  }

  public ReferenceStatistics statistics() {
    return statistics;
  }

  public List<String> comments() {
    return comments;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "claim-match model %s (%d candidates, threshold %.4f)", version, candidates, threshold);
  }
}
