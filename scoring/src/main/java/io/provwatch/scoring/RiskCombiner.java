package io.provwatch.scoring;

import io.provwatch.avro.Signal;
import java.util.List;
import java.util.Map;

/**
 * The one place where signals become an overall risk.
 *
 * <p>risk = 1 - Π (1 - w_i · s_i), a noisy-OR: each signal i with score s_i is independent evidence,
 * trusted with weight w_i (0..1). One strong signal raises the risk to about its weighted score;
 * several weak ones add up, yet the risk never exceeds 1. A signal name without a weight counts with
 * {@link #DEFAULT_WEIGHT}. The result is rounded to 4 decimals so that it is stable across platforms.
 */
public final class RiskCombiner {
  public static final double DEFAULT_WEIGHT = 0.5;

  private final Map<String, Double> weights;

  public RiskCombiner(Map<String, Double> weights) {
    weights.forEach((name, w) -> {
      if (!(w >= 0 && w <= 1)) {
        throw new IllegalArgumentException("weight of '" + name + "' must be within 0..1, got " + w);
      }
    });
    this.weights = Map.copyOf(weights);
  }

  /**
   * The default weights: copying without credit is the strongest provenance gap. Machine-written
   * text is not wrong in itself and the detector errs on some texts, so {@code ai-text} (which scores
   * only texts past its threshold, with their probability) weighs 0.6: a confident verdict alone
   * raises a medium alert at most, and adds to other signals. The optional second-tier detector
   * (a stronger model, asked only about flagged posts) weighs 0.8.
   * {@code claim-match} weighs 0.8: repeating a claim fact-checkers rated false is the harm itself, yet a
   * paraphrase match can be wrong. {@code link-credibility} weighs 0.5: a poorly rated site says something
   * about the link, not about what the post claims.
   */
  public static RiskCombiner defaults() {
    return new RiskCombiner(Map.of(
        "unattributed-copy", 0.9,
        "unseen-original", 0.5,
        "missing-media-digest", 0.4,
        "ai-text", 0.6,
        "ai-text-second-tier", 0.8,
        "provenance-credentials", 0.7,
        "claim-match", 0.8,
        "link-credibility", 0.5));
  }

  public double combine(List<Signal> signals) {
    double clean = 1.0;
    for (Signal signal : signals) {
      double w = weights.getOrDefault(signal.getName(), DEFAULT_WEIGHT);
      clean *= 1.0 - w * signal.getScore();
    }
    return Math.round((1.0 - clean) * 10_000) / 10_000.0;
  }

  /** The configured weights by signal name (signals not named here count with {@link #DEFAULT_WEIGHT}). */
  public Map<String, Double> weights() {
    return weights;
  }

  public double weight(String signalName) {
    return weights.getOrDefault(signalName, DEFAULT_WEIGHT);
  }
}
