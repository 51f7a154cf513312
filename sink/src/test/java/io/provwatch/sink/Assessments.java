package io.provwatch.sink;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-made assessments, shaped like the scoring stage's, for the sink's tests. */
public final class Assessments {
  public static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

  private Assessments() {}

  public static Assessment assessment(String postId, double risk, Signal... signals) {
    return assessment(postId, risk, T0.plusSeconds(5), signals);
  }

  public static Assessment assessment(String postId, double risk, Instant at, Signal... signals) {
    return Assessment.newBuilder()
        .setPostId(postId).setPlatform("x").setAuthorId("a").setPostCreatedAt(at.minusSeconds(5))
        .setSignals(List.of(signals)).setRisk(risk).setModelVersion("m1").setRuleSetVersion("r1")
        .setProcessedAt(at)
        .setInput(InputRef.newBuilder().setTopic("posts").setPartition(2).setOffset(41).build())
        .build();
  }

  public static Signal signal(String name, double score, String reason) {
    return signal(name, score, reason, Map.of("originalPostId", "x:1"));
  }

  public static Signal signal(String name, double score, String reason, Map<String, String> evidence) {
    return Signal.newBuilder().setName(name).setScore(score).setReasons(List.of(reason)).setEvidence(evidence).build();
  }

  /** The coordination signal of a campaign member, with the evidence key the sink groups by. */
  public static Signal campaign(String campaignId, double score) {
    return signal("coordination", score, "posted in step with campaign " + campaignId, Map.of(AlertCandidates.CAMPAIGN_ID_EVIDENCE, campaignId));
  }
}
