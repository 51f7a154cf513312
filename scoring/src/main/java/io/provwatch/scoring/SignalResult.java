package io.provwatch.scoring;

import java.util.List;
import java.util.Map;

/**
 * What a scorer found: a score from 0 (nothing) to 1 (certain), the reasons in words a moderator
 * understands, and machine-readable evidence such as the id of an original post.
 */
public record SignalResult(double score, List<String> reasons, Map<String, String> evidence) {
  public SignalResult {
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("score must be within 0..1, got " + score);
    }
    reasons = List.copyOf(reasons);
    evidence = Map.copyOf(evidence);
  }

  public static SignalResult none() {
    return new SignalResult(0.0, List.of(), Map.of());
  }

  public static SignalResult of(double score, String reason, Map<String, String> evidence) {
    return new SignalResult(score, List.of(reason), evidence);
  }
}
