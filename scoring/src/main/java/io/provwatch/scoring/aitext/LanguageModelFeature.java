package io.provwatch.scoring.aitext;

/**
 * The features a {@link CharLanguageModel} gives a text, in the order it writes them, each with its
 * name in model files and its words for the scorer's reasons.
 */
public enum LanguageModelFeature {
  HUMAN_LOG_PROB("human-lm-log-prob", "predictable to a model of human writing", "unpredictable to a model of human writing"),
  MACHINE_LOG_PROB("machine-lm-log-prob", "predictable to a model of machine writing", "unpredictable to a model of machine writing"),
  LOG_LIKELIHOOD_RATIO("lm-likelihood-ratio", "character sequences likelier in machine than in human writing",
      "character sequences likelier in human than in machine writing"),
  HUMAN_SURPRISE_VARIATION("human-lm-surprise-variation", "predictability that varies a lot along the text",
      "evenly predictable text");

  private final FeatureText text;

  LanguageModelFeature(String id, String higher, String lower) {
    this.text = new FeatureText(id, higher, lower);
  }

  public FeatureText text() {
    return text;
  }
}
