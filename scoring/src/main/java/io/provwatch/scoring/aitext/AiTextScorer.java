package io.provwatch.scoring.aitext;

import io.provwatch.avro.Post;
import io.provwatch.scoring.PostContext;
import io.provwatch.scoring.Scorer;
import io.provwatch.scoring.SignalResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * First-tier AI-generated text detector: the calibrated probability that a post's text is
 * machine-written, from an {@link AiTextModel}, with the three features that moved it most as
 * reasons.
 *
 * <p>The signal's score is that probability when it reaches the model's threshold and 0 below it, so
 * that texts judged human-written add nothing to the risk; the probability itself is always in the
 * evidence. It stays silent (score 0, the reason says why) on texts shorter than the model's minimum
 * and on languages it was not trained on, rather than guess.
 */
public final class AiTextScorer implements Scorer {
  public static final String NAME = "ai-text";
  private static final int REASONS = 3;

  private final AiTextModel model;
  private final ThreadLocal<TextFeatures> features;

  /** With the model shipped in the jar. */
  public AiTextScorer() {
    this(AiTextModel.defaultModel());
  }

  public AiTextScorer(AiTextModel model) {
    this.model = model;
    this.features = ThreadLocal.withInitial(() -> new TextFeatures(model.hashBits()));
  }

  @Override
  public String name() {
    return NAME;
  }

  public AiTextModel model() {
    return model;
  }

  @Override
  public SignalResult score(PostContext context) {
    Post post = context.post();
    return judge(post.getText(), post.getLanguage(), post.getLanguageConfidence());
  }

  /** The signal for a text with an optional declared language (BCP-47 tag or null). */
  public SignalResult judge(String text, String declaredLanguage) {
    return judge(text, declaredLanguage, null);
  }

  /**
   * The signal for a text with an optional language (BCP-47 tag or null) and, when ingest detected that
   * language rather than the platform declaring it, the detection's confidence.
   */
  public SignalResult judge(String text, String language, Double detectedConfidence) {
    TextFeatures f = features.get().extract(text == null ? "" : text);
    Map<String, String> evidence = new TreeMap<>();
    evidence.put("model", model.version());
    Optional<String> unsupported = LanguageCheck.unsupported(language, detectedConfidence, f);
    if (unsupported.isPresent()) {
      evidence.put("verdict", "unsupported-language");
      return SignalResult.of(0, unsupported.get(), evidence);
    }
    if (f.textChars() < model.minChars()) {
      evidence.put("verdict", "too-short");
      evidence.put("textChars", Integer.toString(f.textChars()));
      evidence.put("minChars", Integer.toString(model.minChars()));
      return SignalResult.of(0, "too short to judge whether machine-written: " + f.textChars()
          + " characters of text, the AI-text model needs at least " + model.minChars(), evidence);
    }
    double[] dense = model.dense(f);
    double probability = Math.round(model.probability(f, dense) * 10_000) / 10_000.0;
    boolean machine = probability >= model.threshold();
    List<String> reasons = new ArrayList<>(REASONS + 1);
    reasons.add(machine
        ? String.format(Locale.ROOT, "likely machine-written: probability %.3f (threshold %.3f)", probability, model.threshold())
        : String.format(Locale.ROOT, "probably human-written: machine-written probability %.3f, below the threshold %.3f",
            probability, model.threshold()));
    List<String> top = new ArrayList<>(REASONS);
    for (AiTextModel.Contribution c : firstOf(model.contributions(f, dense), REASONS)) {
      reasons.add(c.description() + " (points to " + (c.amount() > 0 ? "machine" : "human") + "-written text)");
      top.add(c.feature());
    }
    evidence.put("verdict", machine ? "machine-written" : "human-written");
    evidence.put("probability", String.format(Locale.ROOT, "%.4f", probability));
    evidence.put("threshold", String.format(Locale.ROOT, "%.4f", model.threshold()));
    evidence.put("topFeatures", String.join(",", top));
    return new SignalResult(machine ? probability : 0.0, reasons, evidence);
  }

  private static <T> List<T> firstOf(List<T> list, int n) {
    return list.subList(0, Math.min(n, list.size()));
  }
}
