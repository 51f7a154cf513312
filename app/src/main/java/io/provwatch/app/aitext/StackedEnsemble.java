package io.provwatch.app.aitext;

import io.provwatch.app.aitext.LogisticTrainer.Encoded;
import io.provwatch.app.aitext.LogisticTrainer.FeatureSet;
import io.provwatch.scoring.aitext.AiTextModel;
import io.provwatch.scoring.aitext.TextFeatures;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The stacked ensemble: two separately trained models, one over the hashed n-grams only and one over
 * the dense features only (stylometry and the character language models), stacked by a logistic
 * regression on their two margins fitted on the calibration split, which is also its calibration.
 * Trained jointly, the n-grams (hundreds of thousands of weights) fit the training domains and leave
 * the dense features little to learn; trained apart, the dense model learns what carries across
 * domains, and the stack weighs the two on texts neither was trained on. Both margins are linear, so
 * the ensemble ships as one {@link AiTextModel} ({@link AiTextModel#stacked}).
 */
public final class StackedEnsemble {
  private StackedEnsemble() {}

  public static AiTextModel train(LogisticTrainer.Options options, List<Encoded> train, List<Encoded> calibration, String label,
      PrintStream progress) {
    AiTextModel ngrams = new LogisticTrainer(options.with(FeatureSet.NGRAMS), progress).train(train, calibration, label + " [n-grams]");
    AiTextModel dense = new LogisticTrainer(options.with(FeatureSet.STYLOMETRY_LM), progress).train(train, calibration, label + " [dense]");
    List<Encoded> judged = calibration.stream().filter(e -> e.textChars() >= options.minChars()).toList();
    double[][] x = new double[judged.size()][];
    boolean[] machine = new boolean[judged.size()];
    String[] datasets = new String[judged.size()];
    TextFeatures f = new TextFeatures(options.hashBits());
    for (int i = 0; i < x.length; i++) {
      f.extract(judged.get(i).text().text());
      x[i] = new double[] {ngrams.margin(f), dense.margin(f)};
      machine[i] = judged.get(i).text().machine();
      datasets[i] = judged.get(i).text().dataset();
    }
    double[] stack = fit(x, machine);
    double[] probabilities = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      probabilities[i] = LogisticTrainer.sigmoid(stack[0] + stack[1] * x[i][0] + stack[2] * x[i][1]);
    }
    double threshold = LogisticTrainer.threshold(probabilities, machine, datasets, options.targetFpr());
    LogisticTrainer.reportThreshold(probabilities, machine, datasets, options.targetFpr(), label + " [stack]", progress);
    String version = LogisticTrainer.VERSION_PREFIX + LogisticTrainer.fingerprint(new float[0],
        new double[] {stack[0], stack[1], stack[2], threshold}, new double[] {ngrams.version().hashCode(), dense.version().hashCode()});
    progress.printf(Locale.ROOT, "train%s [stack]: %.3f + %.3f x n-gram margin + %.3f x dense margin, threshold %.4f: %s%n", label,
        stack[0], stack[1], stack[2], threshold, version);
    return AiTextModel.stacked(version, ngrams, dense, stack[1], stack[2], stack[0], threshold);
  }
  /** Logistic regression of the labels on the two margins (Newton's method, a little L2 for separable sets). */
  static double[] fit(double[][] x, boolean[] machine) {
    double[] w = new double[3];
    double l2 = 1e-3;
    for (int iteration = 0; iteration < 50; iteration++) {
      double[] g = new double[3];
      double[][] h = new double[3][3];
      for (int i = 0; i < x.length; i++) {
        double[] v = {1, x[i][0], x[i][1]};
        double p = LogisticTrainer.sigmoid(w[0] + w[1] * v[1] + w[2] * v[2]);
        double d = p - (machine[i] ? 1 : 0);
        for (int a = 0; a < 3; a++) {
          g[a] += d * v[a];
          for (int b = 0; b < 3; b++) {
            h[a][b] += p * (1 - p) * v[a] * v[b];
          }
        }
      }
      for (int a = 0; a < 3; a++) {
        g[a] += l2 * w[a];
        h[a][a] += l2;
      }
      double[] step = solve(h, g);
      for (int a = 0; a < 3; a++) {
        w[a] -= step[a];
      }
      if (Math.abs(step[0]) + Math.abs(step[1]) + Math.abs(step[2]) < 1e-9) {
        break;
      }
    }
    return w;
  }

  /** h · s = g for a 3×3 symmetric positive definite h (Cramer's rule). */
  private static double[] solve(double[][] h, double[] g) {
    double det = det(h[0], h[1], h[2]);
    double[] s = new double[3];
    for (int c = 0; c < 3; c++) {
      double[][] m = {h[0].clone(), h[1].clone(), h[2].clone()};
      for (int r = 0; r < 3; r++) {
        m[r][c] = g[r];
      }
      s[c] = det(m[0], m[1], m[2]) / det;
    }
    return s;
  }

  private static double det(double[] a, double[] b, double[] c) {
    return a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
  }
}
