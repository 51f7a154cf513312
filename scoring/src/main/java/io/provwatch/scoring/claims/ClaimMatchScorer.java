package io.provwatch.scoring.claims;

import io.provwatch.avro.ClaimMatch;
import io.provwatch.avro.ClaimVerdict;
import io.provwatch.avro.FactCheck;
import io.provwatch.scoring.PostContext;
import io.provwatch.scoring.Scorer;
import io.provwatch.scoring.SignalResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The post repeats a fact-checked claim (the claim-lookup step's {@link ClaimMatcher} decided so; the
 * match's similarity is the re-ranker's calibrated probability). Only claims rated FALSE or MOSTLY_FALSE raise the score:
 * probability times 1.0 for FALSE, 0.7 for MOSTLY_FALSE (partly true, so repeating it is less clearly
 * spreading a falsehood); the best such match wins. Matches with other ratings are reported in the
 * reasons with score 0, since a post close to a true claim tells a moderator something too.
 */
public final class ClaimMatchScorer implements Scorer {
  public static final String NAME = "claim-match";

  @Override
  public String name() {
    return NAME;
  }

  /** How far a verdict counts as false: 1 false, 0.7 mostly false, 0 otherwise. */
  public static double falseness(ClaimVerdict verdict) {
    return switch (verdict) {
      case FALSE -> 1.0;
      case MOSTLY_FALSE -> 0.7;
      default -> 0.0;
    };
  }

  @Override
  public SignalResult score(PostContext context) {
    List<ClaimMatch> matches = context.claimMatches();
    if (matches.isEmpty()) {
      return SignalResult.none();
    }
    ClaimMatch best = null;
    double bestScore = 0.0;
    for (ClaimMatch match : matches) {
      double score = match.getSimilarity() * falseness(match.getClaim().getVerdict());
      if (score > bestScore) {
        best = match;
        bestScore = score;
      }
    }
    ClaimMatch cited = best != null ? best : matches.get(0);
    List<String> reasons = new ArrayList<>();
    for (ClaimMatch match : matches) {
      reasons.add(reason(match));
    }
    if (best != null && best != matches.get(0)) {
      reasons.remove(reason(best));
      reasons.add(0, reason(best)); // the match behind the score comes first
    }
    FactCheck claim = cited.getClaim();
    Map<String, String> evidence = new TreeMap<>();
    evidence.put("claimId", claim.getId());
    evidence.put("similarity", String.format(Locale.ROOT, "%.4f", cited.getSimilarity()));
    evidence.put("verdict", claim.getVerdict().name());
    if (claim.getRating() != null) {
      evidence.put("rating", claim.getRating());
    }
    if (claim.getUrl() != null) {
      evidence.put("url", claim.getUrl());
    }
    evidence.put("matchedClaims", String.join(",", matches.stream().map(m -> m.getClaim().getId()).toList()));
    return new SignalResult(Math.round(bestScore * 10_000) / 10_000.0, reasons, evidence);
  }

  private static String reason(ClaimMatch match) {
    FactCheck claim = match.getClaim();
    StringBuilder reason = new StringBuilder(String.format(Locale.ROOT, "repeats the fact-checked claim \"%s\" (match probability %.0f%%); ",
        claim.getClaim(), match.getSimilarity() * 100));
    reason.append(claim.getPublisher() != null ? claim.getPublisher() : "the fact-checker").append(" rated it ");
    reason.append(claim.getRating() != null ? "\"" + claim.getRating() + "\" (" + claim.getVerdict() + ")" : claim.getVerdict().name());
    if (claim.getUrl() != null) {
      reason.append(": ").append(claim.getUrl());
    }
    return reason.toString();
  }
}
