package io.provwatch.scoring;

import io.micrometer.core.instrument.Timer;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.PostInContext;
import io.provwatch.avro.Signal;
import io.provwatch.platform.metrics.ProvwatchMetrics;
import io.provwatch.scoring.aitext.AiTextModel;
import io.provwatch.scoring.aitext.AiTextScorer;
import io.provwatch.scoring.claims.ClaimMatchScorer;
import io.provwatch.scoring.links.LinkCredibilityScorer;
import io.provwatch.scoring.scorers.MissingMediaDigestScorer;
import io.provwatch.scoring.scorers.ProvenanceCredentialsScorer;
import io.provwatch.scoring.scorers.UnattributedCopyScorer;
import io.provwatch.scoring.scorers.UnseenOriginalScorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs every scorer on a post in context and combines the signals into an {@link Assessment}. Pure:
 * the assessment depends only on its inputs and the versions, never on the wall clock.
 */
public final class PostAssessor {
  /** Version of the rule-based scorers; bumped whenever one of their behaviours changes. */
  public static final String HEURISTICS_VERSION = "provwatch-heuristics-1";

  private final List<Scorer> scorers;
  private final List<Timer> scorerTimers; // one per scorer, same order
  private final RiskCombiner combiner;
  private final String modelVersion;
  private final String ruleSetVersion;
  private final String configHash;

  public PostAssessor(List<Scorer> scorers, RiskCombiner combiner, String modelVersion, String ruleSetVersion) {
    this(scorers, combiner, modelVersion, ruleSetVersion, "");
  }

  private PostAssessor(List<Scorer> scorers, RiskCombiner combiner, String modelVersion, String ruleSetVersion, String configHash) {
    this.scorers = List.copyOf(scorers);
    this.scorerTimers = this.scorers.stream().map(scorer -> ProvwatchMetrics.scorerTimer(scorer.name())).toList();
    this.combiner = combiner;
    this.modelVersion = modelVersion;
    this.ruleSetVersion = ruleSetVersion;
    this.configHash = configHash;
  }

  /** This assessor recording {@code hash} (see {@link ScoringConfigHash}) in every assessment. */
  public PostAssessor withConfigHash(String hash) {
    return new PostAssessor(scorers, combiner, modelVersion, ruleSetVersion, hash);
  }

  /** The first rule set: provenance gaps that need no model. */
  public static List<Scorer> provenanceScorers() {
    return List.of(new UnattributedCopyScorer(), new UnseenOriginalScorer(), new MissingMediaDigestScorer(),
        new ProvenanceCredentialsScorer());
  }

  /** Every scorer that runs on every post: the provenance rules, the AI-text detector with its shipped model, claim and link lookups. Coordination is not a per-post signal: it is found beside the per-post path and published as campaigns (see CoordinationTopology). */
  public static List<Scorer> defaultScorers() {
    return defaultScorers(AiTextModel.defaultModel());
  }

  /** {@link #defaultScorers()} with another AI-text model, e.g. one a replay audits. */
  public static List<Scorer> defaultScorers(AiTextModel aiTextModel) {
    List<Scorer> scorers = new ArrayList<>(provenanceScorers());
    scorers.add(new AiTextScorer(aiTextModel));
    scorers.add(new ClaimMatchScorer());
    scorers.add(new LinkCredibilityScorer());
    return List.copyOf(scorers);
  }

  /** The model version recorded in assessments: the heuristics' and the AI-text model's, e.g. {@code provwatch-heuristics-1+aitext-2-93e35f4f}. */
  public static String modelVersion(AiTextModel aiTextModel) {
    return HEURISTICS_VERSION + "+" + aiTextModel.version();
  }

  /** The production assessor: {@link #defaultScorers()}, {@link RiskCombiner#defaults()}, the given rule-set version. */
  public static PostAssessor defaults(String ruleSetVersion) {
    return defaults(ruleSetVersion, AiTextModel.defaultModel());
  }

  /** {@link #defaults(String)} with another AI-text model. */
  public static PostAssessor defaults(String ruleSetVersion, AiTextModel aiTextModel) {
    return new PostAssessor(defaultScorers(aiTextModel), RiskCombiner.defaults(), modelVersion(aiTextModel), ruleSetVersion);
  }

  public Assessment assess(PostInContext in) {
    PostContext context = PostContext.of(in);
    List<Signal> signals = new ArrayList<>(scorers.size());
    for (int i = 0; i < scorers.size(); i++) {
      Scorer scorer = scorers.get(i);
      long started = System.nanoTime();
      SignalResult result = scorer.score(context);
      scorerTimers.get(i).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      signals.add(signal(scorer.name(), result));
    }
    return Assessment.newBuilder()
        .setPostId(in.getPost().getId())
        .setPlatform(in.getPost().getPlatform())
        .setAuthorId(in.getPost().getAuthor().getId())
        .setPostCreatedAt(in.getPost().getCreatedAt())
        .setSignals(signals)
        .setRisk(combiner.combine(signals))
        .setModelVersion(modelVersion)
        .setRuleSetVersion(ruleSetVersion)
        .setProcessedAt(in.getInputTimestamp())
        .setInput(in.getInput())
        .setConfigHash(configHash)
        .build();
  }

  /**
   * The assessment with one more signal (e.g. a second-tier detector's answer that came later): the
   * risk combined again over all signals, the model version extended by {@code modelVersionSuffix}.
   */
  public Assessment withSignal(Assessment assessment, String name, SignalResult result, String modelVersionSuffix) {
    List<Signal> signals = new ArrayList<>(assessment.getSignals());
    signals.add(signal(name, result));
    return Assessment.newBuilder(assessment)
        .setSignals(signals)
        .setRisk(combiner.combine(signals))
        .setModelVersion(assessment.getModelVersion() + modelVersionSuffix)
        .build();
  }

  private static Signal signal(String name, SignalResult result) {
    return Signal.newBuilder()
        .setName(name)
        .setScore(result.score())
        .setReasons(result.reasons())
        .setEvidence(new TreeMap<String, String>(result.evidence()))
        .build();
  }

  public String modelVersion() {
    return modelVersion;
  }

  public RiskCombiner combiner() {
    return combiner;
  }

  public String ruleSetVersion() {
    return ruleSetVersion;
  }

  public String configHash() {
    return configHash;
  }
}
