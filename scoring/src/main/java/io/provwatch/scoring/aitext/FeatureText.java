package io.provwatch.scoring.aitext;

/**
 * A dense feature's stable name (written in model files) and what a value above or below that of an
 * average training text means, in plain words for the scorer's reasons.
 */
public record FeatureText(String id, String higher, String lower) {
  public String describe(boolean above) {
    return above ? higher : lower;
  }
}
