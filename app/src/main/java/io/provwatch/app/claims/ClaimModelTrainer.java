package io.provwatch.app.claims;

import io.provwatch.app.aitext.LogisticTrainer;
import io.provwatch.app.claims.ClaimBenchmark.Query;
import io.provwatch.avro.FactCheck;
import io.provwatch.scoring.claims.ClaimMatchModel;
import io.provwatch.scoring.claims.ClaimMatcher;
import io.provwatch.scoring.claims.ClaimMatcher.Candidate;
import io.provwatch.scoring.claims.Analysed;
import io.provwatch.scoring.claims.MatchFeatures;
import io.provwatch.scoring.claims.PostText;
import io.provwatch.scoring.claims.ReferenceStatistics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Trains the claim matcher's re-ranker ({@link ClaimMatchModel}) on claim-retrieval benchmarks: for
 * every judged query of each benchmark's train split, the BM25 candidates from that benchmark's
 * collection, labelled by the judgements, give one row each; L2-regularised logistic regression over
 * the standardised features (Newton's method: exact, no learning rate, no shuffling, so the same data
 * and options give the same model bit for bit). The dev splits then calibrate: Platt scaling of the
 * margins of their candidate pairs, and the decision threshold: the lowest top-candidate probability
 * at which at most {@code targetFalseMatchRate} of the negative posts (their calibration half, against
 * the first benchmark's collection) get a match, and at most as many of the first benchmark's dev posts
 * once their own claims are taken out of the collection (on-topic posts repeating no claim held). The
 * features use fixed {@link ReferenceStatistics} of the benchmarks' collections, stored in the model.
 */
public final class ClaimModelTrainer {
  public static final String VERSION_PREFIX = "claims-2-";

  /**
   * @param candidates BM25 candidates re-ranked per post
   * @param l2 L2 penalty on the standardised weights
   * @param targetFalseMatchRate share of negative posts allowed a match at the threshold
   * @param context sentences before a debate sentence read with it
   */
  public record Options(int candidates, double l2, double targetFalseMatchRate, int context) {
    public static Options defaults() {
      return new Options(50, 1.0, 0.02, 0);
    }
  }

  /** Rows of one split: features and labels, and for each query the range of its rows. */
  record Rows(List<double[]> features, List<Boolean> labels) {
    Rows() {
      this(new ArrayList<>(), new ArrayList<>());
    }
  }

  private final Options options;
  private final PrintStream progress;

  public ClaimModelTrainer(Options options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
  }

  /** A model that only retrieves (all weights 0): what the candidates are gathered with. */
  static ClaimMatchModel retrievalOnly(int candidates, ReferenceStatistics statistics) {
    double[] zero = new double[MatchFeatures.COUNT];
    double[] one = new double[MatchFeatures.COUNT];
    Arrays.fill(one, 1);
    return new ClaimMatchModel("retrieval-only", candidates, 0, 1, 0, 0.5, zero, one, zero, statistics, List.of());
  }

  /**
   * The reference statistics: every distinct (claim, title) of the benchmarks' collections, one document each (the
   * tweet sets share most of their Snopes claims, counted once).
   */
  static ReferenceStatistics referenceStatistics(List<Path> benchmarks) throws IOException {
    ReferenceStatistics.Builder builder = new ReferenceStatistics.Builder();
    Set<String> seen = new HashSet<>();
    for (Path dir : benchmarks) {
      for (FactCheck claim : ClaimBenchmark.claims(dir)) {
        String text = PostText.normalise(claim.getClaim());
        String title = PostText.normalise(claim.getTitle());
        if (seen.add(text + "\n" + title)) {
          builder.add(Analysed.of(text), Analysed.of(title));
        }
      }
    }
    return builder.build();
  }

  public ClaimMatchModel train(List<Path> benchmarks, NegativePosts.Sets negatives) throws IOException {
    Rows train = new Rows();
    Rows dev = new Rows();
    ReferenceStatistics statistics = referenceStatistics(benchmarks);
    progress.printf(Locale.ROOT, "train-claims: reference statistics of %,d distinct claims, %,d stems seen at least twice%n",
        statistics.documents(), statistics.documentFrequencies().size());
    for (Path dir : benchmarks) {
      List<FactCheck> claims = ClaimBenchmark.claims(dir);
      try (ClaimMatcher matcher = ClaimRetrievalEvaluation.index(claims, retrievalOnly(options.candidates(), statistics))) {
        int before = train.labels().size();
        collect(matcher, ClaimBenchmark.queries(dir, "train", options.context()), ClaimBenchmark.qrels(dir, "train"), train);
        collect(matcher, ClaimBenchmark.queries(dir, "dev", options.context()), ClaimBenchmark.qrels(dir, "dev"), dev);
        progress.printf(Locale.ROOT, "train-claims: %s: %,d claims, %,d training pairs%n", dir.getFileName(), claims.size(),
            train.labels().size() - before);
      }
    }
    int n = MatchFeatures.COUNT;
    double[] mean = new double[n];
    double[] std = new double[n];
    standardisation(train.features(), mean, std);
    double[][] x = standardised(train.features(), mean, std);
    double[] y = train.labels().stream().mapToDouble(b -> b ? 1 : 0).toArray();
    double[] w = newton(x, y, options.l2());
    double bias = w[n];
    double[] weights = Arrays.copyOf(w, n);
    progress.printf(Locale.ROOT, "train-claims: logistic regression on %,d pairs (%,d relevant)%n", y.length, (int) Arrays.stream(y).sum());

    double[][] xd = standardised(dev.features(), mean, std);
    double[] margins = new double[xd.length];
    boolean[] relevant = new boolean[xd.length];
    for (int i = 0; i < xd.length; i++) {
      margins[i] = dot(w, xd[i]);
      relevant[i] = dev.labels().get(i);
    }
    double[] platt = LogisticTrainer.platt(margins, relevant);
    progress.printf(Locale.ROOT, "train-claims: Platt a=%.4f b=%.4f on %,d dev pairs%n", platt[0], platt[1], margins.length);
    ClaimMatchModel unthresholded = new ClaimMatchModel("unversioned", options.candidates(), bias, platt[0], platt[1], 0.5, mean, std,
        weights, statistics, List.of());

    double threshold = 0.5;
    List<String> comments = new ArrayList<>();
    comments.add("provwatch claim-match re-ranker: logistic regression over BM25 candidates (provwatch model train-claims)");
    comments.add("trained on the train split of " + String.join(", ", benchmarks.stream().map(p -> p.getFileName().toString()).toList())
        + " (" + y.length + " pairs), Platt scaling on their dev splits (" + margins.length + " pairs)");
    if (negatives != null) {
      Path first = benchmarks.get(0);
      try (ClaimMatcher matcher = ClaimRetrievalEvaluation.index(ClaimBenchmark.claims(first), unthresholded)) {
        double[] negativeTop = ClaimRetrievalEvaluation.decisionScores(matcher, negatives.calibration());
        List<Query> devQueries = ClaimBenchmark.queries(first, "dev", options.context());
        Map<String, Set<String>> qrels = ClaimBenchmark.qrels(first, "dev");
        List<Query> judged = devQueries.stream().filter(q -> qrels.containsKey(q.id())).toList();
        double[] positiveTop = ClaimRetrievalEvaluation.decisionScores(matcher, judged);
        // on-topic negatives: the same dev posts once their own claims are out of the collection, so that the best
        // candidate left is about the same topic but not the claim repeated (as ordinary posts about a checked topic)
        qrels.values().forEach(ids -> ids.forEach(matcher::remove));
        double[] onTopicTop = ClaimRetrievalEvaluation.decisionScores(matcher, judged);
        threshold = Math.max(threshold(negativeTop, options.targetFalseMatchRate()), threshold(onTopicTop, options.targetFalseMatchRate()));
        double recall = share(positiveTop, threshold);
        progress.printf(Locale.ROOT, "train-claims: threshold %.4f: %.1f %% of %s dev queries get a match; false matches: %.1f %% of %d"
                + " negative posts, %.1f %% of the %d dev posts without their claims%n", threshold, 100 * recall, first.getFileName(),
            100 * share(negativeTop, threshold), negativeTop.length, 100 * share(onTopicTop, threshold), onTopicTop.length);
        comments.add(String.format(Locale.ROOT, "threshold %.4f: at most %.1f %% of the calibration negatives (%s) and of the %s dev posts"
            + " with their claims taken out of the collection get a match; %.1f %% of the %s dev queries do", threshold,
            100 * options.targetFalseMatchRate(), negatives.description(), first.getFileName(), 100 * recall, first.getFileName()));
      }
    }
    String version = VERSION_PREFIX + fingerprint(w, platt, new double[] {threshold, options.candidates(), statistics.documents()}, mean,
        std);
    return new ClaimMatchModel(version, options.candidates(), bias, platt[0], platt[1], threshold, mean, std, weights, statistics,
        comments);
  }

  private void collect(ClaimMatcher matcher, List<Query> queries, Map<String, Set<String>> qrels, Rows rows) {
    for (Query query : queries) {
      Set<String> relevant = qrels.get(query.id());
      if (relevant == null) {
        continue;
      }
      for (Candidate c : matcher.candidates(query.text(), query.author())) {
        rows.features().add(c.features());
        rows.labels().add(relevant.contains(c.key()));
      }
    }
  }

  static double share(double[] values, double threshold) {
    return values.length == 0 ? 0 : (double) Arrays.stream(values).filter(v -> v >= threshold).count() / values.length;
  }

  /** The lowest probability at or above which at most {@code rate} of {@code negatives} fall, within [0.05, 0.99]. */
  static double threshold(double[] negatives, double rate) {
    if (negatives.length == 0) {
      return 0.5;
    }
    double[] sorted = negatives.clone();
    Arrays.sort(sorted);
    int allowed = (int) Math.floor(rate * sorted.length);
    double t = Math.nextUp(sorted[sorted.length - 1 - allowed]);
    return Math.min(0.99, Math.max(0.05, t));
  }

  private static void standardisation(List<double[]> rows, double[] mean, double[] std) {
    int n = mean.length;
    for (double[] r : rows) {
      for (int j = 0; j < n; j++) {
        mean[j] += r[j];
      }
    }
    for (int j = 0; j < n; j++) {
      mean[j] /= Math.max(1, rows.size());
    }
    for (double[] r : rows) {
      for (int j = 0; j < n; j++) {
        std[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
      }
    }
    for (int j = 0; j < n; j++) {
      std[j] = Math.sqrt(std[j] / Math.max(1, rows.size()));
    }
  }

  /** Rows standardised as the model will see them, with a trailing 1 for the bias. */
  private static double[][] standardised(List<double[]> rows, double[] mean, double[] std) {
    int n = mean.length;
    double[][] x = new double[rows.size()][n + 1];
    for (int i = 0; i < x.length; i++) {
      double[] r = rows.get(i);
      for (int j = 0; j < n; j++) {
        x[i][j] = ClaimMatchModel.standardise(r[j], mean[j], std[j]);
      }
      x[i][n] = 1;
    }
    return x;
  }

  private static double dot(double[] w, double[] x) {
    double s = 0;
    for (int j = 0; j < w.length; j++) {
      s += w[j] * x[j];
    }
    return s;
  }

  /** L2-regularised logistic regression (the bias, last, unpenalised) by Newton's method. */
  static double[] newton(double[][] x, double[] y, double l2) {
    int d = x.length == 0 ? 1 : x[0].length;
    double[] w = new double[d];
    for (int iteration = 0; iteration < 50; iteration++) {
      double[] g = new double[d];
      double[][] h = new double[d][d];
      for (int i = 0; i < x.length; i++) {
        double p = 1 / (1 + Math.exp(-dot(w, x[i])));
        double r = p - y[i];
        double s = p * (1 - p);
        for (int a = 0; a < d; a++) {
          g[a] += r * x[i][a];
          double sa = s * x[i][a];
          for (int b = 0; b <= a; b++) {
            h[a][b] += sa * x[i][b];
          }
        }
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < a; b++) {
          h[b][a] = h[a][b];
        }
        if (a < d - 1) {
          g[a] += l2 * w[a];
          h[a][a] += l2;
        }
        h[a][a] += 1e-9;
      }
      double[] step = solve(h, g);
      double change = 0;
      for (int a = 0; a < d; a++) {
        w[a] -= step[a];
        change = Math.max(change, Math.abs(step[a]));
      }
      if (change < 1e-8) {
        break;
      }
    }
    return w;
  }

  /** Solves h · s = g by Gaussian elimination with partial pivoting (h is small and positive definite). */
  static double[] solve(double[][] h, double[] g) {
    int n = g.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = Arrays.copyOf(h[i], n + 1);
      a[i][n] = g[i];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      for (int r = col + 1; r < n; r++) {
        double f = a[r][col] / a[col][col];
        for (int c = col; c <= n; c++) {
          a[r][c] -= f * a[col][c];
        }
      }
    }
    double[] s = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double sum = a[r][n];
      for (int c = r + 1; c < n; c++) {
        sum -= a[r][c] * s[c];
      }
      s[r] = sum / a[r][r];
    }
    return s;
  }

  /** The first 4 bytes of the SHA-256 of every parameter. */
  private static String fingerprint(double[]... parameters) {
    try {
      int count = 0;
      for (double[] p : parameters) {
        count += p.length;
      }
      ByteBuffer buffer = ByteBuffer.allocate(8 * count);
      for (double[] p : parameters) {
        for (double v : p) {
          buffer.putDouble(v);
        }
      }
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buffer.array()), 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The known dates of the queries of {@code dir}'s {@code split} (to date the negatives like real queries). */
  public static List<Instant> queryDates(Path dir, String split, int context) throws IOException {
    return ClaimBenchmark.queries(dir, split, context).stream().map(Query::date).filter(Objects::nonNull).toList();
  }
}
