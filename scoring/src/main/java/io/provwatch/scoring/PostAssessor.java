package io.provwatch.scoring;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.PostInContext;
import io.provwatch.avro.Signal;
import io.provwatch.scoring.scorers.MissingMediaDigestScorer;
import io.provwatch.scoring.scorers.ProvenanceCredentialsScorer;
import io.provwatch.scoring.scorers.UnattributedCopyScorer;
import io.provwatch.scoring.scorers.UnseenOriginalScorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Runs every scorer on a post in context and combines the signals into an {@link Assessment}. Pure:
 * the assessment depends only on its inputs and the versions, never on the wall clock.
 */
public final class PostAssessor {
  /** Version of the scoring model set; bumped whenever any scorer's behaviour changes. */
  public static final String MODEL_VERSION = "provwatch-heuristics-1";

  private final List<Scorer> scorers;
  private final RiskCombiner combiner;
  private final String modelVersion;
  private final String ruleSetVersion;

  public PostAssessor(List<Scorer> scorers, RiskCombiner combiner, String modelVersion, String ruleSetVersion) {
    this.scorers = List.copyOf(scorers);
    this.combiner = combiner;
    this.modelVersion = modelVersion;
    this.ruleSetVersion = ruleSetVersion;
  }

  /** The first rule set: provenance gaps that need no model. */
  public static List<Scorer> provenanceScorers() {
    return List.of(new UnattributedCopyScorer(), new UnseenOriginalScorer(), new MissingMediaDigestScorer(),
        new ProvenanceCredentialsScorer());
  }

  public Assessment assess(PostInContext in) {
    PostContext context = PostContext.of(in);
    List<Signal> signals = new ArrayList<>(scorers.size());
    for (Scorer scorer : scorers) {
      SignalResult result = scorer.score(context);
      signals.add(Signal.newBuilder()
          .setName(scorer.name())
          .setScore(result.score())
          .setReasons(result.reasons())
          .setEvidence(new TreeMap<String, String>(result.evidence()))
          .build());
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
        .build();
  }

  public String modelVersion() {
    return modelVersion;
  }
}
