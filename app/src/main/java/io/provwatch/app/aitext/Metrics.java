package io.provwatch.app.aitext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Detection figures over scores (probability of machine-written) and labels (true = machine). */
public final class Metrics {
  private Metrics() {}

  /** Area under the ROC curve: the chance that a random machine text scores above a random human one (ties count half). */
  public static double auroc(double[] scores, boolean[] machine) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSumPositive = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1; // average rank of the ties
      for (int k = i; k <= j; k++) {
        if (machine[order[k]]) {
          rankSumPositive += rank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /**
   * Share of machine texts caught at the strictest threshold that flags at most {@code fpr} of the
   * human texts (a text is flagged when it scores above the threshold).
   */
  public static double tprAtFpr(double[] scores, boolean[] machine, double fpr) {
    double[] humans = select(scores, machine, false);
    double[] machines = select(scores, machine, true);
    if (humans.length == 0 || machines.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(humans);
    int allowed = (int) Math.floor(fpr * humans.length);
    double threshold = humans[humans.length - 1 - allowed]; // the (allowed+1)-th highest human score
    int caught = 0;
    for (double s : machines) {
      if (s > threshold) {
        caught++;
      }
    }
    return (double) caught / machines.length;
  }

  /** Share of texts of one class (machine true/false) at or above the threshold. */
  public static double rateAtThreshold(double[] scores, boolean[] machine, boolean cls, double threshold) {
    int n = 0;
    int flagged = 0;
    for (int i = 0; i < scores.length; i++) {
      if (machine[i] == cls) {
        n++;
        if (scores[i] >= threshold) {
          flagged++;
        }
      }
    }
    return n == 0 ? Double.NaN : (double) flagged / n;
  }

  /** F1 of calling texts at or above the threshold machine-written. */
  public static double f1(double[] scores, boolean[] machine, double threshold) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (int i = 0; i < scores.length; i++) {
      boolean flagged = scores[i] >= threshold;
      if (flagged && machine[i]) {
        tp++;
      } else if (flagged) {
        fp++;
      } else if (machine[i]) {
        fn++;
      }
    }
    return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }

  /** Expected calibration error over 10 equal-width probability bins. */
  public static double ece(double[] probabilities, boolean[] machine) {
    int bins = 10;
    double[] sumP = new double[bins];
    double[] sumY = new double[bins];
    int[] count = new int[bins];
    for (int i = 0; i < probabilities.length; i++) {
      int b = Math.min(bins - 1, (int) (probabilities[i] * bins));
      sumP[b] += probabilities[i];
      sumY[b] += machine[i] ? 1 : 0;
      count[b]++;
    }
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        ece += (double) count[b] / probabilities.length * Math.abs(sumP[b] / count[b] - sumY[b] / count[b]);
      }
    }
    return ece;
  }

  /** ROC curve points (FPR, TPR) from (0,0) to (1,1), one per distinct score. */
  public static List<double[]> roc(double[] scores, boolean[] machine) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    long positives = 0;
    for (boolean m : machine) {
      positives += m ? 1 : 0;
    }
    long negatives = n - positives;
    List<double[]> points = new ArrayList<>();
    points.add(new double[] {0, 0});
    long tp = 0;
    long fp = 0;
    int i = 0;
    while (i < n) {
      double s = scores[order[i]];
      while (i < n && scores[order[i]] == s) {
        if (machine[order[i]]) {
          tp++;
        } else {
          fp++;
        }
        i++;
      }
      points.add(new double[] {negatives == 0 ? 0 : (double) fp / negatives, positives == 0 ? 0 : (double) tp / positives});
    }
    return points;
  }

  private static double[] select(double[] scores, boolean[] machine, boolean cls) {
    return java.util.stream.IntStream.range(0, scores.length).filter(i -> machine[i] == cls).mapToDouble(i -> scores[i]).toArray();
  }
}
